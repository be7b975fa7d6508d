package startgc

import (
	"math"
	"runtime/metrics"
	"testing"
	"time"
)

// gcSettings reads the collector's percent and memory limit as the
// runtime reports them.
func gcSettings() (percent, limit uint64) {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64(), s[1].Value.Uint64()
}

// The collector is held back until released, and then runs as before:
// a start must never leave the program without it.
func TestTheCollectorComesBackWhenReleasedOrAtTheLatest(t *testing.T) {
	percent, limit := gcSettings()
	release := HoldBack(time.Hour)
	if p, l := gcSettings(); p != math.MaxUint64 || l != ceiling { // off: the runtime reports "no percent"
		t.Fatalf("held back, the collector runs at %d %% up to %d bytes", p, l)
	}
	release()
	release() // a second release changes nothing
	if p, l := gcSettings(); p != percent || l != limit {
		t.Fatalf("released, the collector runs at %d %% up to %d bytes, not %d %% up to %d", p, l, percent, limit)
	}

	HoldBack(20 * time.Millisecond) // never released: the time limit does it
	deadline := time.Now().Add(5 * time.Second)
	for {
		if p, l := gcSettings(); p == percent && l == limit {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the collector stayed off past the time limit")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
