package ui

import (
	"context"
	"strconv"
	"testing"

	"fyne.io/fyne/v2/test"

	"ethicsdesk/assets"
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
	p.settle()
	all := a.total
	if all < 10 || len(a.records) == 0 {
		t.Fatalf("the audit view shows %d entries", all)
	}
	a.user.SetSelected("Li Na (sec)")
	p.settle()
	test.Tap(findButton(a.win.Content(), "Show"))
	p.settle()
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
	p.settle()
	if msgs := a.form.messages(); !contains(msgs, "The last day comes before the first.") {
		t.Fatalf("reversed dates: %v", msgs)
	}

	// The case window's history lists the case's own entries.
	p.as(p.sec)
	cw := p.d.openCase(c.ID)
	p.settle()
	h := cw.openHistory()
	p.settle()
	texts := cellTexts(h.table, len(h.records), len(auditColumns))
	if !contains(texts, "Registered the case.") || !contains(texts, "Added a note.") || containsPart(texts, "settings") {
		t.Fatalf("the case history shows %v", texts)
	}
	h.raw.SetChecked(true)
	if texts := cellTexts(h.table, len(h.records), len(auditColumns)); !containsPart(texts, "case.create: ") || !containsPart(texts, "Asked the respondent") {
		t.Fatalf("the recorded values: %v", texts)
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
	p.settle()
	a.raw.SetChecked(true) // the recorded values, where text could show
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
	p.settle()
	h.raw.SetChecked(true)
	if texts := cellTexts(h.table, len(h.records), len(auditColumns)); !containsPart(texts, "Kestrel") {
		t.Errorf("the author's own private note is hidden from them: %v", texts)
	}
}

// The administrator looks for everything that happened to one case: typed
// in the case box, its reference brings the case's own entries and those of
// its attachment and of a member's declaration, each about the reference
// and told in words — in English, and in Chinese once the window speaks
// it; "Show the recorded values" shows the codes and values behind them.
func TestTheAuditLogReadsLikeARecordInBothLanguages(t *testing.T) {
	p := newPeople(t)
	ctx := context.Background()
	c, err := p.svc.CreateCase(ctx, p.sec, validDraft(1))
	if err != nil {
		t.Fatal(err)
	}
	other, err := p.svc.CreateCase(ctx, p.sec, validDraft(2))
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []struct {
		id   int64
		name string
	}{{c.ID, "policy.pdf"}, {other.ID, "unrelated.pdf"}} {
		if _, err := p.svc.AddAttachments(ctx, p.sec, x.id, []cases.NewAttachment{{FileName: x.name, ContentType: "application/pdf", Data: []byte("%PDF-1.4 x")}}); err != nil {
			t.Fatal(err)
		}
	}
	member := p.members[0]
	if err := p.svc.AddPanelMember(ctx, p.sec, c.ID, member.ID); err != nil {
		t.Fatal(err)
	}
	if err := p.svc.DeclareInterest(ctx, member, c.ID, true, "I advised the respondent."); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { assets.UseLanguage("") })
	for _, l := range []struct {
		tag                            string
		registered, attached, declared string
	}{
		{"en", "Registered the case.", `Attached the file "policy.pdf".`, "Declared a conflict of interest."},
		{"zh-Hans", "登记了案件。", "附加了文件“policy.pdf”。", "声明存在利益冲突。"},
	} {
		if err := assets.UseLanguage(l.tag); err != nil {
			t.Fatal(err)
		}
		p.as(p.admin)
		a := p.d.openAudit()
		p.settle()
		a.reference.SetText(c.Reference)
		a.apply()
		p.settle()
		texts := cellTexts(a.table, len(a.records), len(auditColumns))
		for _, want := range []string{l.registered, l.attached, l.declared, member.Name()} {
			if !contains(texts, want) {
				t.Errorf("%s: the case's entries do not read %q: %v", l.tag, want, texts)
			}
		}
		for i := 3; i < len(texts); i += len(auditColumns) {
			if texts[i] != c.Reference {
				t.Errorf("%s: an entry of %s is about %q", l.tag, c.Reference, texts[i])
			}
		}
		if containsPart(texts, "unrelated.pdf") || containsPart(texts, "case 1") || containsPart(texts, "user ") {
			t.Errorf("%s: %v", l.tag, texts)
		}
		a.raw.SetChecked(true)
		raw := cellTexts(a.table, len(a.records), len(auditColumns))
		if !containsPart(raw, "attachment.add: ") || !containsPart(raw, `"conflict":"declared"`) || !contains(raw, "case "+strconv.FormatInt(c.ID, 10)) {
			t.Errorf("%s: the recorded values: %v", l.tag, raw)
		}
		a.win.Close()
	}
}
