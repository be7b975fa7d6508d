package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"ethicsdesk/cases"
)

func TestAdministratorSetsTheQuorumAndAHolidayMovesADueDate(t *testing.T) {
	p := newPeople(t)
	ctx := context.Background()
	c, err := p.svc.CreateCase(ctx, p.sec, validDraft(1))
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range []cases.Status{cases.Screening, cases.UnderReview} {
		if c, err = p.svc.Transition(ctx, p.sec, c.ID, c.Version, to, ""); err != nil {
			t.Fatal(err)
		}
	}
	due := func() cases.Date {
		c, err := p.svc.GetCase(ctx, p.sec, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		return c.DueOn
	}
	p.as(p.admin)
	s := p.d.openSettings()
	p.settle()

	// A quorum that is not a number is refused at its box; 4 is saved.
	s.quorum.SetText("four")
	test.Tap(s.saveRules)
	p.settle()
	if msgs := s.rules.messages(); !contains(msgs, "Enter a whole number of members.") {
		t.Fatalf("quorum 'four': %v", msgs)
	}
	s.quorum.SetText("0")
	test.Tap(s.saveRules)
	p.settle()
	if msgs := s.rules.messages(); !containsPart(msgs, "between 1 and 100") {
		t.Fatalf("quorum 0: %v", msgs)
	}
	s.quorum.SetText("4")
	test.Tap(s.saveRules)
	p.settle()
	if st, _ := p.svc.Settings(ctx); st.Quorum != 4 || s.rulesSaved.Text != "Saved." {
		t.Fatalf("quorum not saved: %+v %v", st, s.rules.messages())
	}

	// Counting the privacy complaints' 30 days as working days moves the due date.
	before := due()
	var row *caseTypeRow
	for _, r := range s.types {
		if r.t.Code == "privacy_complaint" {
			row = r
		}
	}
	row.days.SetText("")
	test.Tap(row.save)
	p.settle()
	if msgs := row.form.messages(); !contains(msgs, "Enter a whole number of days.") {
		t.Fatalf("empty days: %v", msgs)
	}
	row.days.SetText("30")
	row.working.SetChecked(true)
	test.Tap(row.save)
	p.settle()
	working := due()
	if !working.After(before) {
		t.Fatalf("working days did not move the due date: %s then %s (%v)", before, working, row.form.messages())
	}

	// A holiday on a working day before the due date moves it one working day on.
	h := s.holidays
	h.day.SetText("not a date")
	test.Tap(h.add)
	p.settle()
	if msgs := h.form.messages(); !containsPart(msgs, "YYYY-MM-DD") {
		t.Fatalf("bad holiday date: %v", msgs)
	}
	day := working.AddDays(-7)
	for day.Weekday() == 0 || day.Weekday() == 6 {
		day = day.AddDays(-1)
	}
	h.day.SetText(day.String())
	h.name.SetText("Committee holiday")
	test.Tap(h.add)
	p.settle()
	after := due()
	if !after.After(working) {
		t.Fatalf("a holiday on %s did not move the due date %s (now %s; %v)", day, working, after, h.form.messages())
	}
	if !containsPart(labelTexts(h.list), "Committee holiday") {
		t.Fatal("the holiday is not listed")
	}
}
