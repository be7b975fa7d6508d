// Package passwordcost holds the cost of the argon2id hashes the register
// stores for passwords. The program always uses the default; tests that
// create many accounts lower it with Cheap, which, being in an internal
// package, no code outside this module can call and which is not part of
// the domain's API.
package passwordcost

import "sync/atomic"

// Params are argon2id's memory (KiB), passes and threads.
type Params struct {
	Memory  uint32
	Time    uint32
	Threads uint8
}

// Default is OWASP's first argon2id recommendation (19 MiB, 2 passes).
var Default = Params{Memory: 19 * 1024, Time: 2, Threads: 1}

var cheap atomic.Bool

// Current is the cost of hashes made now.
func Current() Params {
	if cheap.Load() {
		return Params{Memory: 1024, Time: 1, Threads: 1}
	}
	return Default
}

// Cheap makes new hashes fast, for tests that create many accounts. Hashes
// made before or after verify alike: each records its own cost.
func Cheap() { cheap.Store(true) }
