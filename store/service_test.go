package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
)

// clock is a settable time source for the service.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func TestWorkflowDeadlinesAndTimelineOnARealFile(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	clk := &clock{time.Date(2026, 3, 2, 9, 0, 0, 0, time.Local)}
	svc := cases.NewService(db, clk.now)
	admin := cases.User{ID: 9, Username: "admin", Role: cases.RoleAdministrator, Active: true}

	c, err := svc.CreateCase(ctx, secretary, draft())
	if err != nil {
		t.Fatal(err)
	}
	if c.Reference != "EC-2026-0001" || c.Status != cases.Received || !c.DueOn.IsZero() {
		t.Fatalf("new case: %s %s due %s", c.Reference, c.Status, c.DueOn)
	}
	move := func(to cases.Status, reason string) {
		t.Helper()
		var err error
		c, err = svc.Transition(ctx, secretary, c.ID, c.Version, to, reason)
		if err != nil {
			t.Fatalf("move to %s: %v", to, err)
		}
	}
	move(cases.Screening, "")
	clk.t = time.Date(2026, 3, 3, 10, 0, 0, 0, time.Local) // Tuesday
	move(cases.UnderReview, "")
	if c.DueOn != cases.MustDate("2026-04-02") {
		t.Fatalf("due after acceptance %s, want 2026-04-02", c.DueOn)
	}

	// A refused move and a move that needs a reason.
	if _, err := svc.Transition(ctx, secretary, c.ID, c.Version, cases.Closed, ""); err == nil {
		t.Fatal("Under review → Closed was allowed")
	}
	_, err = svc.Transition(ctx, secretary, c.ID, c.Version, cases.Withdrawn, "  ")
	var fe cases.FieldErrors
	if !errors.As(err, &fe) || fe[cases.FieldReason] == "" {
		t.Fatalf("withdrawal without reason: %v", err)
	}
	if _, err := svc.Transition(ctx, secretary, c.ID, c.Version, cases.OpinionIssued, ""); !errors.Is(err, cases.ErrIssueBySigning) {
		t.Fatalf("manual issue: %v", err)
	}

	// Five days awaiting information push the deadline by five days.
	clk.t = time.Date(2026, 3, 10, 10, 0, 0, 0, time.Local)
	move(cases.AwaitingInfo, "asked for the model card")
	clk.t = time.Date(2026, 3, 15, 10, 0, 0, 0, time.Local)
	move(cases.Screening, "")
	if c.DueOn != cases.MustDate("2026-04-07") {
		t.Fatalf("due after a 5-day pause %s, want 2026-04-07 (%s)", c.DueOn, c.Deadline)
	}
	if !strings.Contains(c.Deadline.String(), "paused 5 days awaiting information") {
		t.Fatalf("explanation %q", c.Deadline)
	}

	// A holiday added later moves the deadline of a working-days type.
	err = svc.SaveCaseType(ctx, admin, cases.CaseType{Code: "privacy_complaint", Name: "Privacy complaint", Complaint: true, DecisionDays: 20, WorkingDays: true})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := svc.GetCase(ctx, secretary, c.ID)
	if err := svc.SaveHoliday(ctx, admin, cases.Holiday{Day: cases.MustDate("2026-03-20"), Name: "Test holiday"}); err != nil {
		t.Fatal(err)
	}
	after, _ := svc.GetCase(ctx, secretary, c.ID)
	if after.DueOn != before.DueOn.AddDays(1) && after.DueOn != before.DueOn.AddDays(3) {
		t.Fatalf("holiday did not move the due date by one working day: %s → %s", before.DueOn, after.DueOn)
	}
	rows, _ := svc.ListCases(ctx, secretary, cases.Query{}, 0, 10)
	if len(rows) != 1 || rows[0].DueOn != after.DueOn {
		t.Fatalf("register does not show the recomputed due date: %+v", rows)
	}
	if err := svc.SaveHoliday(ctx, secretary, cases.Holiday{Day: cases.MustDate("2026-03-23")}); err == nil {
		t.Fatal("the secretariat changed the holiday calendar")
	}

	// Notes and the timeline, newest first; private notes only for their author.
	if _, err := svc.AddNote(ctx, secretary, c.ID, "Called the submitter.", false); err != nil {
		t.Fatal(err)
	}
	member := cases.User{ID: 2, Username: "m", DisplayName: "Dr. Chen", Role: cases.RoleMember, Active: true}
	declaredMember(t, svc, member, c.ID)
	clk.t = clk.t.Add(time.Hour)
	if _, err := svc.AddNote(ctx, member, c.ID, "My own reminder.", true); err != nil {
		t.Fatal(err)
	}
	tl, _ := svc.Timeline(ctx, secretary, c.ID)
	for _, e := range tl {
		if e.Note != nil && e.Note.Private {
			t.Fatal("the secretary sees another user's private note")
		}
	}
	tl, _ = svc.Timeline(ctx, member, c.ID)
	if tl[0].Note == nil || tl[0].Note.Body != "My own reminder." {
		t.Fatalf("timeline is not newest first: %+v", tl[0])
	}
	if _, err := svc.AddNote(ctx, secretary, c.ID, "   ", false); err == nil {
		t.Fatal("an empty note was saved")
	}

	problems, err := db.Check(ctx)
	if err != nil || len(problems) > 0 {
		t.Fatalf("check after the workflow: %v %v", problems, err)
	}
}
