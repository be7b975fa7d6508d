package cases_test

import (
	"context"
	"testing"

	"ethicsdesk/cases"
)

// A holiday saved in the settings moves the deadline of an open case
// counted in working days at once, and deleting it moves the deadline back;
// so does changing the case type's number of days. The case window and
// the register's row agree.
func TestHolidaysAndDayCountsMoveOpenDeadlines(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := underReviewForFiveWorkingDays(t, k)
	due := func(want, after string) {
		t.Helper()
		got, err := k.svc.GetCase(ctx, k.sec, c.ID)
		must(t, err)
		if got.DueOn != cases.MustDate(want) {
			t.Errorf("after %s the case is due on %s, want %s", after, got.DueOn, want)
		}
		rows, err := k.svc.ListCases(ctx, k.sec, cases.Query{}, 0, 50)
		must(t, err)
		for _, r := range rows {
			if r.ID == c.ID && r.DueOn != cases.MustDate(want) {
				t.Errorf("after %s the register says the case is due on %s, want %s", after, r.DueOn, want)
			}
		}
	}
	due("2026-03-17", "moving it under review (five working days)")
	must(t, k.svc.SaveHoliday(ctx, k.admin, cases.Holiday{Day: cases.MustDate("2026-03-12"), Name: "Committee day off"}))
	due("2026-03-18", "a holiday on Thursday 12 March")
	must(t, k.svc.DeleteHoliday(ctx, k.admin, cases.MustDate("2026-03-12")))
	due("2026-03-17", "deleting that holiday")
	must(t, k.svc.SaveCaseType(ctx, k.admin, cases.CaseType{Code: "privacy_complaint", Name: "Privacy complaint", Complaint: true, DecisionDays: 7, WorkingDays: true}))
	due("2026-03-19", "the type's days changed to seven")
}

// underReviewForFiveWorkingDays is a case moved under review on Tuesday 10
// March 2026, its type counting five working days: due on 17 March.
func underReviewForFiveWorkingDays(t *testing.T, k *committee) cases.Case {
	t.Helper()
	ctx := context.Background()
	must(t, k.svc.SaveCaseType(ctx, k.admin, cases.CaseType{Code: "privacy_complaint", Name: "Privacy complaint", Complaint: true, DecisionDays: 5, WorkingDays: true}))
	c := k.newCase(false, cases.RiskLow)
	c, err := k.svc.Transition(ctx, k.sec, c.ID, c.Version, cases.Screening, "")
	must(t, err)
	c, err = k.svc.Transition(ctx, k.sec, c.ID, c.Version, cases.UnderReview, "")
	must(t, err)
	return c
}

// A holiday removed meanwhile from another window is not removed again:
// the settings window's second delete says so in a sentence naming the
// day, and the audit log records one deletion.
func TestDeletingAHolidayTwiceSaysItIsGone(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	day := cases.MustDate("2026-05-01")
	must(t, k.svc.SaveHoliday(ctx, k.admin, cases.Holiday{Day: day, Name: "Labour Day"}))
	must(t, k.svc.DeleteHoliday(ctx, k.admin, day))
	head := k.head()
	err := k.svc.DeleteHoliday(ctx, k.admin, day)
	if err == nil || err.Error() != "2026-05-01 is not in the holiday calendar (it may have been removed from another window meanwhile), so nothing was changed." {
		t.Fatalf("the second delete says %v", err)
	}
	if k.head().Seq != head.Seq || head.Action != "holiday.delete" {
		t.Fatalf("the audit log's head moved from %d (%s) to %d", head.Seq, head.Action, k.head().Seq)
	}
}
