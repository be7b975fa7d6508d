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
	bad := map[string]string{"quorum": "0", "majority": "5/3", "inactivity_lock_minutes": "0", "retention_years": "0", "deputy_chair": "0", "attachment_max_bytes": "0"}
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

// Each setting's range, at its edges.
func TestSettingsValidateEdges(t *testing.T) {
	ok := cases.DefaultSettings
	for _, tc := range []struct {
		name  string
		field string
		edit  func(*cases.Settings)
	}{
		{"quorum 0", "quorum", func(s *cases.Settings) { s.Quorum = 0 }},
		{"quorum 101", "quorum", func(s *cases.Settings) { s.Quorum = 101 }},
		{"majority 0/3", "majority", func(s *cases.Settings) { s.Majority = cases.Fraction{Num: 0, Den: 3} }},
		{"majority 4/3", "majority", func(s *cases.Settings) { s.Majority = cases.Fraction{Num: 4, Den: 3} }},
		{"majority 1/101", "majority", func(s *cases.Settings) { s.Majority = cases.Fraction{Num: 1, Den: 101} }},
		{"lock 0", "inactivity_lock_minutes", func(s *cases.Settings) { s.LockMinutes = 0 }},
		{"lock 241", "inactivity_lock_minutes", func(s *cases.Settings) { s.LockMinutes = 241 }},
		{"retention 0", "retention_years", func(s *cases.Settings) { s.RetentionYears = 0 }},
		{"retention 101", "retention_years", func(s *cases.Settings) { s.RetentionYears = 101 }},
	} {
		st := ok
		tc.edit(&st)
		if fe := st.Validate(); len(fe) != 1 || fe[tc.field] == "" {
			t.Errorf("%s: %v, want one message at %s", tc.name, fe, tc.field)
		}
	}
	for _, st := range []cases.Settings{
		{Quorum: 1, Majority: cases.Fraction{Num: 1, Den: 100}, LockMinutes: 1, RetentionYears: 1},
		{Quorum: 100, Majority: cases.Fraction{Num: 100, Den: 100}, LockMinutes: 240, RetentionYears: 100},
	} {
		if fe := st.Validate(); fe != nil {
			t.Errorf("%+v refused: %v", st, fe)
		}
	}
}
