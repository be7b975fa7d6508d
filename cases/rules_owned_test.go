package cases_test

import (
	"context"
	"testing"
	"time"

	"ethicsdesk/cases"
)

// accept moves a new case through screening to under review (its
// acceptance, from which the decision deadline runs) and returns it.
func (k *committee) accept(c cases.Case) cases.Case {
	k.t.Helper()
	ctx := context.Background()
	c, err := k.svc.Transition(ctx, k.sec, c.ID, c.Version, cases.Screening, "")
	must(k.t, err)
	c, err = k.svc.Transition(ctx, k.sec, c.ID, c.Version, cases.UnderReview, "")
	must(k.t, err)
	return c
}

func (k *committee) newCaseWithPriority(p cases.Priority) cases.Case {
	k.t.Helper()
	c := k.newCase(false, cases.RiskHigh)
	d := c.Draft
	d.Priority = p
	c, err := k.svc.UpdateCase(context.Background(), k.sec, c.ID, c.Version, d)
	must(k.t, err)
	return c
}

// The emergency procedure gives 72 hours from acceptance, in calendar
// days and never moved to the next working day; only the emergency
// priority has it.
func TestEmergencyPriorityHas72HoursEvenOverAWeekend(t *testing.T) {
	k := newCommittee(t)
	k.clock.advance(24 * time.Hour) // Wednesday 11 Mar 2026: +3 days is a Saturday
	emergency := k.accept(k.newCaseWithPriority(cases.PriorityEmergency))
	if emergency.DueOn != cases.MustDate("2026-03-14") {
		t.Fatalf("emergency case accepted on Wednesday 11 Mar is due %s, want Saturday 2026-03-14 (%s)", emergency.DueOn, emergency.Deadline)
	}
	high := k.accept(k.newCaseWithPriority(cases.PriorityHigh))
	normal := k.accept(k.newCaseWithPriority(cases.PriorityNormal))
	// privacy complaints: 30 calendar days, Friday 10 Apr 2026.
	for _, c := range []cases.Case{high, normal} {
		if c.DueOn != cases.MustDate("2026-04-10") {
			t.Fatalf("%s-priority case is due %s, want the type's 30 days, 2026-04-10", c.Priority, c.DueOn)
		}
	}
	// A holiday on the Saturday changes nothing either.
	must(t, k.svc.SaveHoliday(context.Background(), k.admin, cases.Holiday{Day: cases.MustDate("2026-03-14"), Name: "Test holiday"}))
	got, err := k.svc.GetCase(context.Background(), k.sec, emergency.ID)
	must(t, err)
	if got.DueOn != cases.MustDate("2026-03-14") {
		t.Fatalf("a holiday moved the emergency deadline to %s", got.DueOn)
	}
}

// A case type's own day count decides the deadline of its cases, and a
// change to it moves the due date of the open cases of that type.
func TestCaseTypeDayCountSetsTheDeadline(t *testing.T) {
	k := newCommittee(t) // Tuesday 10 Mar 2026
	ctx := context.Background()
	must(t, k.svc.SaveCaseType(ctx, k.admin, cases.CaseType{Code: "privacy_complaint", Name: "Privacy complaint", Complaint: true, DecisionDays: 45}))
	c := k.accept(k.newCase(false, cases.RiskHigh))
	if c.DueOn != cases.MustDate("2026-04-24") { // 10 Mar + 45 days, a Friday
		t.Fatalf("due %s with a 45-day type, want 2026-04-24 (%s)", c.DueOn, c.Deadline)
	}
	must(t, k.svc.SaveCaseType(ctx, k.admin, cases.CaseType{Code: "privacy_complaint", Name: "Privacy complaint", Complaint: true, DecisionDays: 10, WorkingDays: true}))
	got, err := k.svc.GetCase(ctx, k.sec, c.ID)
	must(t, err)
	if got.DueOn != cases.MustDate("2026-03-24") { // 10 working days from Tuesday 10 Mar
		t.Fatalf("due %s after the type changed to 10 working days, want 2026-03-24", got.DueOn)
	}
	for _, days := range []int{0, 366} {
		if err := k.svc.SaveCaseType(ctx, k.admin, cases.CaseType{Code: "privacy_complaint", Name: "Privacy complaint", DecisionDays: days}); err == nil {
			t.Fatalf("a %d-day case type was accepted", days)
		}
	}
}

// importClosedCase adds a closed case received and closed on the days given.
func (k *committee) importClosedCase(title, received, closed string) cases.Case {
	k.t.Helper()
	r := cases.MustDate(received).Time().Add(10 * time.Hour)
	day := cases.MustDate(closed).Time().Add(10 * time.Hour)
	c := cases.Case{Draft: cases.Draft{TypeCode: "privacy_complaint", Title: title, Summary: "Cameras in the lobby.",
		ReceivedOn: cases.DateOf(r), Channel: cases.ChannelEmail,
		Submitter:  cases.Submitter{Kind: cases.SubmitterPerson, Name: "Zhang Wei", Contact: "zhang.wei@example.org"},
		Respondent: "Lobby Ltd", AISystem: "DoorCam", Sector: "transport", Risk: cases.RiskMedium, Breach: "privacy",
		Priority: cases.PriorityNormal},
		Status: cases.Closed, CreatedAt: r, CreatedBy: "import", UpdatedAt: day, UpdatedBy: "import"}
	batch := []cases.ImportedCase{{Case: c, History: []cases.StatusChange{
		{At: r.Add(time.Hour), Actor: "import", From: cases.Received, To: cases.Screening},
		{At: r.Add(2 * time.Hour), Actor: "import", From: cases.Screening, To: cases.Inadmissible, Reason: "Out of scope."},
		{At: day, Actor: "import", From: cases.Inadmissible, To: cases.Closed}}}}
	must(k.t, k.db.ImportCases(context.Background(), batch, cases.AuditEntry{Actor: cases.System, Action: "test.import", Entity: "register"}))
	return batch[0].Case
}

func (k *committee) retentionDue() []string {
	k.t.Helper()
	due, err := k.svc.RetentionDue(context.Background(), k.admin)
	must(k.t, err)
	var refs []string
	for _, c := range due.Cases {
		refs = append(refs, c.Reference)
	}
	return refs
}

// The retention period runs from a case's closure, not from its receipt:
// a case received eight years ago and closed last year keeps its
// submitter. The period is the setting's, not the default's.
func TestRetentionRunsFromClosureForTheSetPeriod(t *testing.T) {
	k := newCommittee(t) // today is 10 Mar 2026
	ctx := context.Background()
	longOpen := k.importClosedCase("Received long ago, closed last year", "2018-01-10", "2025-03-01")
	if got := k.retentionDue(); len(got) != 0 {
		t.Fatalf("a case closed a year ago is past a 5-year retention: %v", got)
	}
	st, err := k.svc.Settings(ctx)
	must(t, err)
	for _, w := range []struct{ years, want int }{{2, 0}, {1, 1}} {
		years, want := w.years, w.want
		st.RetentionYears = years
		must(t, k.svc.SaveSettings(ctx, k.admin, st))
		if got := k.retentionDue(); len(got) != want {
			t.Fatalf("with %d years, closed 1 Mar 2025: due %v, want %d", years, got, want)
		}
	}
	n, err := k.svc.ApplyRetention(ctx, k.admin)
	must(t, err)
	got, _ := k.svc.GetCase(ctx, k.sec, longOpen.ID)
	if n != 1 || got.Submitter.Name != "" {
		t.Fatalf("a 1-year period did not anonymise a case closed a year ago: %d, %+v", n, got.Submitter)
	}
}
