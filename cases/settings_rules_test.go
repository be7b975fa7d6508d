package cases_test

import (
	"context"
	"testing"

	"ethicsdesk/cases"
)

// A majority is a fraction above 0 and at most 1, with a denominator of at
// most 100.
func TestParseFractionBounds(t *testing.T) {
	for in, ok := range map[string]bool{"2/3": true, "3/3": true, "1": true, "1/100": true, " 51 / 100 ": true,
		"0/3": false, "4/3": false, "1/101": false, "1/0": false, "-1/2": false, "two thirds": false, "": false} {
		f, err := cases.ParseFraction(in)
		if (err == nil) != ok {
			t.Errorf("ParseFraction(%q) = %v, %v; want accepted=%v", in, f, err, ok)
		}
	}
	if f, _ := cases.ParseFraction("1"); f != (cases.Fraction{Num: 1, Den: 1}) {
		t.Errorf(`"1" read as %v`, f)
	}
}

// Stored settings out of range (written by another program) fall back to
// the defaults rather than, say, a quorum of zero.
func TestStoredSettingsOutOfRangeFallBackToDefaults(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	bad := map[string]string{"quorum": "0", "majority": "5/3", "inactivity_lock_minutes": "0", "retention_years": "0", "deputy_chair": "0"}
	must(t, k.db.SaveSettings(ctx, bad, cases.AuditEntry{Actor: k.admin, Action: "test.settings", Entity: "settings"}))
	st, err := k.svc.Settings(ctx)
	must(t, err)
	if st != cases.DefaultSettings {
		t.Fatalf("settings read as %+v, want the defaults %+v", st, cases.DefaultSettings)
	}
	good := map[string]string{"quorum": "1", "majority": "1/2", "inactivity_lock_minutes": "1", "retention_years": "1", "deputy_chair": "1"}
	must(t, k.db.SaveSettings(ctx, good, cases.AuditEntry{Actor: k.admin, Action: "test.settings", Entity: "settings"}))
	st, err = k.svc.Settings(ctx)
	must(t, err)
	if st.Quorum != 1 || st.Majority != (cases.Fraction{Num: 1, Den: 2}) || st.LockMinutes != 1 || st.RetentionYears != 1 || st.DeputyChairID != 1 {
		t.Fatalf("the smallest valid settings read as %+v", st)
	}
}
