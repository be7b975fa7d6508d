package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"ethicsdesk/cases"
)

func TestAuditViewFiltersByUser(t *testing.T) {
	p := newPeople(t)
	ctx := context.Background()
	c, err := p.svc.CreateCase(ctx, p.sec, validDraft(1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.svc.AddNote(ctx, p.sec, c.ID, "Asked the respondent for its data policy.", false); err != nil {
		t.Fatal(err)
	}
	if err := p.svc.SaveSettings(ctx, p.admin, cases.Settings{Quorum: 4, Majority: cases.Fraction{Num: 2, Den: 3}, LockMinutes: 10, RetentionYears: 5}); err != nil {
		t.Fatal(err)
	}
	p.as(p.admin)
	a := p.d.openAudit()
	all := a.total
	if all < 10 || len(a.records) == 0 {
		t.Fatalf("the audit view shows %d entries", all)
	}
	a.user.SetSelected("Li Na (sec)")
	test.Tap(findButton(a.win.Content(), "Show"))
	if a.total != 2 || a.total >= all {
		t.Fatalf("filtered by Li Na: %d of %d entries", a.total, all)
	}
	actors := cellTexts(a.table, len(a.records), len(auditColumns))
	for i := 2; i < len(actors); i += len(auditColumns) {
		if actors[i] != "Li Na" {
			t.Fatalf("row by %q in Li Na's entries", actors[i])
		}
	}
	if a.count.Text != "Entries 1–2 of 2, newest first" {
		t.Fatalf("count: %q", a.count.Text)
	}
	// A date range that ends before it starts is refused at the dates.
	a.from.SetText("2026-03-10")
	a.to.SetText("2026-03-01")
	test.Tap(findButton(a.win.Content(), "Show"))
	if msgs := a.form.messages(); !contains(msgs, "The last day comes before the first.") {
		t.Fatalf("reversed dates: %v", msgs)
	}

	// The case window's history lists the case's own entries.
	p.as(p.sec)
	cw := p.d.openCase(c.ID)
	h := cw.openHistory()
	texts := cellTexts(h.table, len(h.records), len(auditColumns))
	if !contains(texts, "case.create") || containsPart(texts, "settings.save") {
		t.Fatalf("the case history shows %v", texts)
	}
}

// TestAuditViewHidesWhatTheRegisterHides: the administrator's audit view
// shows neither another user's private note nor the text of a confidential
// case they may not read; each such entry says that something was hidden.
func TestAuditViewHidesWhatTheRegisterHides(t *testing.T) {
	p := newPeople(t)
	ctx := context.Background()
	secret := validDraft(1)
	secret.Title, secret.Summary, secret.Confidential = "Whistleblower on Project Nightjar", "Internal memo about Nightjar's training data.", true
	c, err := p.svc.CreateCase(ctx, p.sec, secret)
	if err != nil {
		t.Fatal(err)
	}
	open, err := p.svc.CreateCase(ctx, p.sec, validDraft(2))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.svc.AddNote(ctx, p.sec, open.ID, "My own reminder: call Kestrel Ltd back.", true); err != nil {
		t.Fatal(err)
	}
	if _, err := p.svc.AddNote(ctx, p.sec, open.ID, "Asked Metro Co. for its retention policy.", false); err != nil {
		t.Fatal(err)
	}
	p.as(p.admin)
	a := p.d.openAudit()
	texts := cellTexts(a.table, len(a.records), len(auditColumns))
	for _, hidden := range []string{"Nightjar", "Kestrel"} {
		if containsPart(texts, hidden) {
			t.Errorf("the audit view shows %q", hidden)
		}
	}
	for _, shown := range []string{cases.RedactedPrivateNote, cases.RedactedCase, "Asked Metro Co. for its retention policy.", c.Reference} {
		if !containsPart(texts, shown) {
			t.Errorf("the audit view does not show %q: %v", shown, texts)
		}
	}
	// The author still reads their own note in the case's history.
	p.as(p.sec)
	h := p.d.openCase(open.ID).openHistory()
	if texts := cellTexts(h.table, len(h.records), len(auditColumns)); !containsPart(texts, "Kestrel") {
		t.Errorf("the author's own private note is hidden from them: %v", texts)
	}
}
