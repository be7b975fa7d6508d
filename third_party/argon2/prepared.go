package argon2

// Ethics Desk: this file is not upstream's (README.md).

import "sync"

// blockCount is the number of 1 KiB blocks a derivation with this memory
// cost (KiB) and lanes works in: a multiple of four per lane, at least
// eight per lane (upstream's rounding, moved here from deriveKey).
func blockCount(memory uint32, threads uint8) uint32 {
	memory = memory / (syncPoints * uint32(threads)) * (syncPoints * uint32(threads))
	if memory < 2*syncPoints*uint32(threads) {
		memory = 2 * syncPoints * uint32(threads)
	}
	return memory
}

// ready is memory made ready by Prepare for the next derivation of its
// size: one slot, taken by the first derivation that fits.
var ready struct {
	sync.Mutex
	blocks  []block
	count   uint32        // blocks made or being made; 0: none
	filling chan struct{} // closed once blocks is set; nil when not filling
}

// Prepare makes the working memory of a coming derivation with this
// memory cost (KiB) and lanes ready, on a goroutine of its own, and
// returns at once; the next derivation of that size works in it.
//
// Why: the memory of a derivation is new to the process, and the kernel
// maps each of its pages on first touch, twice for most of them (argon2
// reads a block before it first writes it: the shared zero page, then a
// page of its own). For 19 MiB that is about 9,900 page faults, as long
// as the hashing itself on a virtual machine, and longer while the
// program's other threads start the window (issue 18: the password
// check of `--user` took 100–120 ms at start-up against 40 ms alone).
// Touched here first, in parallel with opening the register, the memory
// is mapped by the time the stored hash has been read, and the
// derivation takes no fault.
//
// A second Prepare while memory waits does nothing; memory prepared for
// a size no derivation asks for stays until the process ends.
func Prepare(memory uint32, threads uint8) {
	if threads < 1 {
		return
	}
	n := blockCount(memory, threads)
	ready.Lock()
	defer ready.Unlock()
	if ready.count != 0 {
		return
	}
	done := make(chan struct{})
	ready.count, ready.filling = n, done
	go func() {
		b := make([]block, n)
		// One write per 4 KiB page maps it (a write fault maps a page
		// of its own at once). Zeros, as a new slice holds: the
		// derivation starts from the memory upstream's make gives.
		for i := 0; i < len(b); i += 4 {
			b[i][0] = 0
		}
		ready.Lock()
		ready.blocks, ready.filling = b, nil
		ready.Unlock()
		close(done)
	}()
}

// takeBlocks is the memory of a derivation of count blocks: the prepared
// memory if it has that size (waited for if it is still being made: it
// is the same work the derivation would do), or new memory.
func takeBlocks(count uint32) []block {
	ready.Lock()
	defer ready.Unlock()
	for ready.count == count && ready.filling != nil {
		done := ready.filling
		ready.Unlock()
		<-done
		ready.Lock()
	}
	if ready.count != count || uint32(len(ready.blocks)) != count {
		return make([]block, count)
	}
	b := ready.blocks
	ready.blocks, ready.count = nil, 0
	return b
}
