package store

import (
	"testing"
	"time"
)

// Times are read back as written, in this version's fixed-width form and
// in the RFC 3339 form older versions wrote; anything else reads as no
// time at all.
func TestStoredTimesReadBackInBothForms(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 15, 7, 250000000, time.UTC)
	for _, c := range []struct {
		stored string
		want   time.Time
	}{
		{formatTime(at), at},
		{"2026-03-02T09:15:07Z", at.Truncate(time.Second)},
		{"2026-03-02T17:15:07.25+08:00", at},
		{"", time.Time{}},
		{"2 March 2026", time.Time{}},
	} {
		if got := parseTime(c.stored); !got.Equal(c.want) {
			t.Errorf("%q read back as %v, want %v", c.stored, got, c.want)
		}
	}
}
