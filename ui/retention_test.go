package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ethicsdesk/cases"
)

// The administrator sees how many closed cases are past the retention
// period, confirms, and their submitters are no longer named; the case
// window says when and why.
func TestAdministratorAppliesTheRetentionPeriod(t *testing.T) {
	p := newPeople(t)
	ctx := context.Background()
	closed := time.Date(2020, 5, 4, 10, 0, 0, 0, time.Local) // today is 10 Mar 2026
	c := cases.Case{Draft: validDraft(1), Status: cases.Closed, CreatedAt: closed.AddDate(0, -1, 0), CreatedBy: "import",
		UpdatedAt: closed, UpdatedBy: "import"}
	c.ReceivedOn = cases.DateOf(closed.AddDate(0, -1, 0))
	c.Submitter = cases.Submitter{Kind: cases.SubmitterPerson, Name: "Zhang Wei", Contact: "zhang.wei@example.org"}
	batch := []cases.ImportedCase{{Case: c, History: []cases.StatusChange{
		{At: closed.AddDate(0, 0, -20), Actor: "import", From: cases.Received, To: cases.Screening},
		{At: closed.AddDate(0, 0, -10), Actor: "import", From: cases.Screening, To: cases.Inadmissible, Reason: "Out of scope."},
		{At: closed, Actor: "import", From: cases.Inadmissible, To: cases.Closed}}}}
	if err := p.db.ImportCases(ctx, batch, cases.AuditEntry{Actor: cases.System, Action: "test.import", Entity: "register"}); err != nil {
		t.Fatal(err)
	}
	id := batch[0].Case.ID

	p.as(p.admin)
	r := p.d.openRegister()
	p.settle()
	r.showRetention()
	p.settle()
	top := r.win.Canvas().Overlays().Top()
	if top == nil || !containsPart(labelTexts(top), "Cases closed on or before 10 Mar 2021, more than 5 years ago, whose submitters are still named: 1.") ||
		!containsPart(labelTexts(top), "closed 4 May 2020 · Face recognition at metro gate 1") {
		t.Fatalf("the retention dialog says %v", labelTexts(top))
	}
	if dir := os.Getenv("UI_SCREENSHOTS"); dir != "" {
		r.win.Resize(fyne.NewSize(1100, 700))
		capture(t, r.win, filepath.Join(dir, "ethicsdesk-retention.png"))
	}
	test.Tap(findButton(top, "Anonymise them"))
	p.settle()
	if top := r.win.Canvas().Overlays().Top(); top == nil || !containsPart(labelTexts(top), "Cases anonymised: 1. Their submitters are no longer named.") {
		t.Fatalf("after anonymising the window says %v", labelTexts(top))
	}
	got, err := p.svc.GetCase(ctx, p.sec, id)
	if err != nil || got.Submitter.Name != "" || got.Submitter.Contact != "" {
		t.Fatalf("the submitter is still named: %+v %v", got.Submitter, err)
	}
	p.as(p.sec)
	cw := p.d.openCase(id)
	p.settle()
	texts := labelTexts(cw.win.Content())
	if !containsPart(texts, "Removed on 10 Mar 2026, after the retention period") || containsPart(texts, "Zhang Wei") {
		t.Fatalf("the case window shows %v", texts)
	}

	// Nothing is left to do.
	p.as(p.admin)
	r.showRetention()
	p.settle()
	if top := r.win.Canvas().Overlays().Top(); top == nil || !containsPart(labelTexts(top), "nothing is past the retention period of 5 years") {
		t.Fatalf("the second run says %v", labelTexts(top))
	}
}
