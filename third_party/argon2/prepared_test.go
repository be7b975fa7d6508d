package argon2

// Ethics Desk: this file is not upstream's (README.md).

import (
	"bytes"
	"runtime"
	"runtime/debug"
	"sync"
	"syscall"
	"testing"

	upstream "golang.org/x/crypto/argon2"
)

// waitPrepared waits until the memory Prepare is making is ready.
func waitPrepared() {
	ready.Lock()
	done := ready.filling
	ready.Unlock()
	if done != nil {
		<-done
	}
}

func pageFaults(t *testing.T) int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return ru.Minflt
}

// A key derived in prepared memory is the key upstream's package derives,
// for the register's cost and for sizes that are rounded (lanes).
func TestPreparedMemoryDerivesUpstreamsKey(t *testing.T) {
	for _, c := range []struct {
		memory  uint32
		time    uint32
		threads uint8
	}{{19 * 1024, 2, 1}, {1024, 1, 1}, {1000, 3, 4}, {7, 1, 1}} {
		want := upstream.IDKey([]byte("ethicsdesk-demo"), []byte("0123456789abcdef"), c.time, c.memory, c.threads, 32)
		Prepare(c.memory, c.threads)
		waitPrepared()
		got := IDKey([]byte("ethicsdesk-demo"), []byte("0123456789abcdef"), c.time, c.memory, c.threads, 32)
		if !bytes.Equal(got, want) {
			t.Errorf("m=%d t=%d p=%d: prepared memory gave %x, upstream %x", c.memory, c.time, c.threads, got, want)
		}
		ready.Lock()
		left := ready.count
		ready.Unlock()
		if left != 0 {
			t.Errorf("m=%d p=%d: the prepared memory was not taken", c.memory, c.threads)
		}
		if again := IDKey([]byte("ethicsdesk-demo"), []byte("0123456789abcdef"), c.time, c.memory, c.threads, 32); !bytes.Equal(again, want) {
			t.Errorf("m=%d: new memory after the prepared was taken gave %x, want %x", c.memory, again, want)
		}
	}
}

// Memory prepared for one size is left for it by a derivation of
// another, which still derives the right key.
func TestPreparedMemoryOfAnotherSizeIsLeft(t *testing.T) {
	Prepare(2048, 1)
	waitPrepared()
	want := upstream.Key([]byte("pw"), []byte("saltsaltsalt"), 1, 1024, 1, 16)
	if got := Key([]byte("pw"), []byte("saltsaltsalt"), 1, 1024, 1, 16); !bytes.Equal(got, want) {
		t.Errorf("argon2i, 1 MiB, with 2 MiB prepared: %x, want %x", got, want)
	}
	if got := takeBlocks(2048); len(got) != 2048 {
		t.Fatalf("memory for 2048 blocks has %d", len(got))
	}
	ready.Lock()
	left := ready.count
	ready.Unlock()
	if left != 0 {
		t.Error("the prepared 2 MiB were not taken by a derivation of that size")
	}
}

// Derivations at once, with memory prepared for one of them, all derive
// the right key (run with -race).
func TestDerivationsAtOnceWithPreparedMemory(t *testing.T) {
	want := upstream.IDKey([]byte("secret password"), []byte("somesaltsomesalt"), 1, 512, 1, 32)
	var wg sync.WaitGroup
	Prepare(512, 1)
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := IDKey([]byte("secret password"), []byte("somesaltsomesalt"), 1, 512, 1, 32); !bytes.Equal(got, want) {
				t.Errorf("%x, want %x", got, want)
			}
		}()
	}
	wg.Wait()
}

// The point of Prepare: a derivation in prepared memory maps no page of
// it. Without, the register's cost (19 MiB) maps about 4,900 pages, most
// of them twice (read, then written).
func TestPreparedDerivationTakesNoPageFaults(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skipf("page faults are counted with getrusage here on Linux only, not on %s", runtime.GOOS)
	}
	if raceDetector {
		t.Skip("under the race detector page faults count its shadow memory too (go test without -race counts them)")
	}
	derive := func() int64 {
		before := pageFaults(t)
		IDKey([]byte("ethicsdesk-demo"), []byte("0123456789abcdef"), 2, 19*1024, 1, 32)
		return pageFaults(t) - before
	}
	debug.FreeOSMemory() // the next 19 MiB are new to the process
	cold := derive()
	debug.FreeOSMemory()
	Prepare(19*1024, 1)
	waitPrepared()
	warm := derive()
	t.Logf("page faults during a 19 MiB derivation: %d in new memory, %d in prepared memory", cold, warm)
	if cold < 4000 {
		t.Fatalf("only %d page faults in new memory: the test no longer measures what it should", cold)
	}
	if warm > cold/10 {
		t.Errorf("%d page faults in prepared memory, against %d in new memory: the prepared memory was not used", warm, cold)
	}
}
