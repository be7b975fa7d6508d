//go:build !race

package argon2

// Ethics Desk: this file is not upstream's (README.md).

const raceDetector = false
