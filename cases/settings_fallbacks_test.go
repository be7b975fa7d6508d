package cases_test

import (
	"context"
	"testing"
	"time"

	"ethicsdesk/cases"
)

// A majority of 0/3 is no majority; a register whose stored quorum, lock
// time or retention period reads 0 (damaged or hand-edited) uses the
// default instead of a rule no meeting or account could meet.
func TestZeroSettingsFallBackToTheDefaults(t *testing.T) {
	if f, err := cases.ParseFraction("0/3"); err == nil {
		t.Fatalf("0/3 accepted as a majority: %v", f)
	}
	k := newCommittee(t)
	ctx := context.Background()
	must(t, k.db.SaveSettings(ctx, map[string]string{"quorum": "0", "inactivity_lock_minutes": "0", "retention_years": "0"},
		cases.AuditEntry{Actor: cases.System, Action: "test.settings", Entity: "settings"}))
	st, err := k.svc.Settings(ctx)
	must(t, err)
	if st.Quorum != cases.DefaultSettings.Quorum || st.LockMinutes != cases.DefaultSettings.LockMinutes || st.RetentionYears != cases.DefaultSettings.RetentionYears {
		t.Fatalf("stored zeros read as %+v, want the defaults %+v", st, cases.DefaultSettings)
	}
}

// A case of a type the register does not know (an import from another
// system) is given the default 30 days.
func TestAnUnknownCaseTypeGetsThirtyDays(t *testing.T) {
	accepted := time.Date(2026, 3, 3, 10, 0, 0, 0, time.Local)
	history := []cases.StatusChange{{At: accepted, From: cases.Screening, To: cases.UnderReview}}
	ex := cases.CaseDeadline(cases.UnderReview, "not_a_type", cases.PriorityNormal, history, map[string]cases.CaseType{}, cases.NewCalendar(nil), cases.MustDate("2026-03-10"))
	if ex.Due != cases.MustDate("2026-04-02") {
		t.Fatalf("due %s, want 2026-04-02 (30 days from 3 March)", ex.Due)
	}
}
