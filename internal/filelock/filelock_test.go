package filelock

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// Two handles stand for two processes: on Linux and macOS flock locks
// belong to the open file, on Windows LockFileEx locks to the handle.
func TestHoldsExcludeEachOther(t *testing.T) {
	p := filepath.Join(t.TempDir(), "register.db.lock")
	open := func() *os.File {
		f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	a, b := open(), open()
	if err := Shared(a); err != nil {
		t.Fatal(err)
	}
	if err := Shared(b); err != nil {
		t.Fatalf("two shared holds: %v", err)
	}
	if err := TryExclusive(a); !errors.Is(err, ErrHeld) {
		t.Fatalf("exclusive beside another shared hold: got %v, want ErrHeld", err)
	}
	if err := Shared(a); err != nil {
		t.Fatal(err)
	}
	b.Close()
	if err := TryExclusive(a); err != nil {
		t.Fatalf("exclusive once the other holder closed its file: %v", err)
	}
	c := open()
	if err := TryExclusive(c); !errors.Is(err, ErrHeld) {
		t.Fatalf("a second exclusive hold: got %v, want ErrHeld", err)
	}
	if err := Shared(a); err != nil {
		t.Fatal(err)
	}
	if err := TryExclusive(c); !errors.Is(err, ErrHeld) {
		t.Fatalf("exclusive beside a hold turned shared: got %v, want ErrHeld", err)
	}
	// The data stays readable to others while the lock is held.
	if err := os.WriteFile(p, []byte("data"), 0o600); err != nil {
		t.Fatalf("writing beside a lock: %v", err)
	}
}
