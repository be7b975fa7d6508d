//go:build race

package argon2

// Ethics Desk: this file is not upstream's (README.md).

// raceDetector: the race detector maps shadow memory for every page the
// derivation touches, so page faults say nothing of the derivation's own.
const raceDetector = true
