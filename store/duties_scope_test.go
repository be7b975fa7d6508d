package store_test

import (
	"context"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
)

// A case's duty checks are its own: another case's findings never show
// on it, and a finding marked again replaces the earlier one.
func TestDutyChecksBelongToTheirCase(t *testing.T) {
	passwordcost.Cheap()
	db, _ := registerWithCases(t, 2)
	ctx := context.Background()
	member, err := newService(db).Bootstrap(ctx, "wang", "Wang Fang", "the first long password")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	mark := func(caseID int64, d cases.Duty, met bool, evidence string) {
		t.Helper()
		if err := db.SaveDutyCheck(ctx, caseID, cases.DutyCheck{Duty: d, Met: met, Evidence: evidence, MarkedByID: member.ID, MarkedBy: "Wang Fang", MarkedAt: at},
			cases.AuditEntry{Actor: secretary, Action: "case.duty", Entity: "case", EntityID: caseID}); err != nil {
			t.Fatal(err)
		}
	}
	mark(1, cases.DutyDisclosure, false, "No notice at the gates.")
	mark(2, cases.DutyRiskWarning, true, "Warning signs posted.")
	mark(1, cases.DutyDisclosure, true, "Notice added on 9 March.")
	got, err := db.CaseDuties(ctx, 1)
	if err != nil || len(got) != 1 || got[0].Duty != cases.DutyDisclosure || !got[0].Met || got[0].Evidence != "Notice added on 9 March." || !got[0].MarkedAt.Equal(at) {
		t.Fatalf("the first case's duties: %+v %v", got, err)
	}
}
