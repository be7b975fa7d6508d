package signing

import (
	"testing"
	"time"
)

// The signing time in a signature's /M is shown in the report: every form
// the standard allows reads as the same instant, with its time zone.
func TestSigningTimesReadInEveryFormTheStandardAllows(t *testing.T) {
	at := func(y, mo, d, h, mi, s int, offMinutes int) time.Time {
		return time.Date(y, time.Month(mo), d, h, mi, s, 0, time.FixedZone("", offMinutes*60))
	}
	for _, c := range []struct {
		in   string
		want time.Time
	}{
		{"D:20260303142530+08'00'", at(2026, 3, 3, 14, 25, 30, 8*60)},
		{"D:20260303142530-05'30'", at(2026, 3, 3, 14, 25, 30, -(5*60 + 30))},
		{"D:20260303142530Z", at(2026, 3, 3, 14, 25, 30, 0)},
		{"D:20260303142530+08", at(2026, 3, 3, 14, 25, 30, 8*60)},
		{"D:20260303142530+0830", at(2026, 3, 3, 14, 25, 30, 8*60+30)},
		{"D:202603031425", at(2026, 3, 3, 14, 25, 0, 0)},
		{"D:2026", at(2026, 1, 1, 0, 0, 0, 0)},
		{"2026030314", at(2026, 3, 3, 14, 0, 0, 0)},
		{" D:20260303Z ", at(2026, 3, 3, 0, 0, 0, 0)},
		{"D:2026+01'00'", at(2026, 1, 1, 0, 0, 0, 60)},
	} {
		got, ok := parsePDFDate(c.in)
		if !ok || !got.Equal(c.want) {
			t.Errorf("%q: read as %v (%v), want %v", c.in, got, ok, c.want)
		}
		if _, off := got.Zone(); ok && off != func() int { _, o := c.want.Zone(); return o }() {
			t.Errorf("%q: time zone offset %d s", c.in, off)
		}
	}
	for _, bad := range []string{"", "D:", "D:202", "yesterday", "D:2026xx03"} {
		if got, ok := parsePDFDate(bad); ok {
			t.Errorf("%q: read as the date %v", bad, got)
		}
	}
	for _, c := range []struct {
		t    time.Time
		want string
	}{
		{at(2026, 3, 3, 14, 25, 30, 8*60), "D:20260303142530+08'00'"},
		{at(2026, 3, 3, 14, 25, 30, -(5*60 + 30)), "D:20260303142530-05'30'"},
		{at(2026, 3, 3, 14, 25, 30, 0), "D:20260303142530+00'00'"},
	} {
		if got := pdfDate(c.t); got != c.want {
			t.Errorf("%v written as %q, want %q", c.t, got, c.want)
		}
	}
}
