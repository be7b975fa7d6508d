package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// A secretary registers a case through the form, finds it in the register,
// opens it, moves it through screening into review and adds a note.
func TestIntakeToReviewThroughTheWindow(t *testing.T) {
	h := newHarness(t, Options{})
	r := h.d.openRegister()
	h.settle()
	if got := r.count.Text; got != "0 cases" {
		t.Fatalf("count on an empty register: %q", got)
	}

	// Bad input: empty title, a date tomorrow, a code not in the catalogue.
	f := h.d.openIntake(nil)
	f.typ.set("ethics_complaint")
	test.Type(f.summary, "An insurer's pricing model charges older drivers more.")
	f.received.SetText("2026-03-11")
	f.channel.set("web_form")
	test.Type(f.subName, "Chen Jie")
	test.Type(f.respondent, "SafeDrive Insurance")
	f.sector.set("finance")
	f.catalogue.SetText("ZZ9")
	f.risk.set("medium")
	f.breach.set("price_discrimination")
	test.Tap(f.save)
	h.settle()

	for field, part := range map[string]string{
		cases.FieldTitle:      "Enter a title",
		cases.FieldReceivedOn: "future",
		cases.FieldCatalogue:  "ZZ9",
	} {
		e := f.errs[field]
		if !e.Visible() || !strings.Contains(e.Text, part) {
			t.Errorf("field %s: want a visible message containing %q, got %q (visible %v)", field, part, e.Text, e.Visible())
		}
	}
	if e := f.errs[cases.FieldSummary]; e.Visible() {
		t.Errorf("summary was filled but shows %q", e.Text)
	}
	if f.closed {
		t.Fatal("the form closed although the case was refused")
	}
	if m, _, _ := h.svc.CountCases(context.Background(), secretary, cases.Query{}); m != 0 {
		t.Fatalf("%d cases saved from an invalid form", m)
	}
	if f.summary.Text == "" || f.subName.Text != "Chen Jie" {
		t.Fatal("the form lost what was typed")
	}

	// A date typed wrongly is explained as such.
	f.received.SetText("10/03/2026")
	test.Tap(f.save)
	h.settle()
	if e := f.errs[cases.FieldReceivedOn]; !strings.Contains(e.Text, "10/03/2026") {
		t.Errorf("a mistyped date: %q", e.Text)
	}

	// Fixed: each message goes as soon as its field is fixed, the others
	// stay; then the case is registered and the form closes.
	test.Type(f.title, "Age-based pricing of car insurance")
	h.settle() // the check is asked off the window's goroutine
	if e := f.errs[cases.FieldTitle]; e.Visible() {
		t.Errorf("the title was filled in but still says %q", e.Text)
	}
	if e := f.errs[cases.FieldCatalogue]; !e.Visible() || !strings.Contains(e.Text, "ZZ9") {
		t.Errorf("the catalogue message went before the code was fixed: %q", e.Text)
	}
	f.received.SetText("2026-03-09")
	h.settle()
	if e := f.errs[cases.FieldReceivedOn]; e.Visible() {
		t.Errorf("the date was fixed but still says %q", e.Text)
	}
	f.catalogue.SetText(f.catalogueChoices[0])
	test.Tap(f.save)
	h.settle()
	if !f.closed {
		t.Fatalf("form still open; errors: %v", visibleErrors(f))
	}
	h.settle()
	if got := r.count.Text; got != "1 case" {
		t.Fatalf("count after saving: %q", got)
	}
	c, err := h.svc.FindCase(context.Background(), secretary, "EC-2026-0001")
	if err != nil || c.Title != "Age-based pricing of car insurance" || c.CatalogueCode != "C39" {
		t.Fatalf("saved case: %+v %v", c, err)
	}
	r.win.Show()
	h.settle()
	if !contains(labelTexts(r.table), "EC-2026-0001") || !contains(labelTexts(r.table), "9 Mar 2026") {
		t.Fatalf("the register does not show the new case: %v", labelTexts(r.table))
	}

	// Select the row and press Enter.
	r.table.Select(widget.TableCellID{Row: 0, Col: 1})
	r.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	cw := h.d.caseWins[c.ID]
	if cw == nil {
		t.Fatal("Enter on the selected row did not open the case")
	}
	h.settle() // the moves come with the service's answer
	if cw.status.Text != "Received" || cw.reference.Text != "EC-2026-0001" {
		t.Fatalf("case window header: %q %q", cw.reference.Text, cw.status.Text)
	}
	if len(cw.moves) != 2 || cw.moves[cases.Screening] == nil || cw.moves[cases.Withdrawn] == nil {
		t.Fatalf("moves offered from Received: %v", cw.moves)
	}

	// Withdrawing needs a reason: the message appears at the field.
	test.Tap(cw.moves[cases.Withdrawn])
	h.settle()
	test.Tap(cw.pending.confirm)
	h.settle()
	if !cw.pending.err.Visible() || !strings.Contains(cw.pending.err.Text, "reason") {
		t.Fatalf("withdrawal without reason: %q", cw.pending.err.Text)
	}
	cw.escape()
	if cw.pending != nil {
		t.Fatal("Esc did not close the reason dialog")
	}

	move(t, h, cw, cases.Screening, "")
	if cw.status.Text != "Screening" {
		t.Fatalf("status after the first move: %q", cw.status.Text)
	}
	if !strings.Contains(cw.deadline.Text, "No deadline") {
		t.Fatalf("deadline before acceptance: %q", cw.deadline.Text)
	}
	move(t, h, cw, cases.UnderReview, "Admissible: the submission names the system.")
	if cw.status.Text != "Under review" {
		t.Fatalf("status after the second move: %q", cw.status.Text)
	}
	// Accepted on 10 Mar 2026: 30 calendar days → 9 Apr 2026.
	if !strings.Contains(cw.deadline.Text, "30 calendar days from acceptance on 10 Mar 2026") ||
		!strings.Contains(cw.deadline.Text, "due 9 Apr 2026") {
		t.Fatalf("deadline explanation: %q", cw.deadline.Text)
	}
	if !contains(labelTexts(cw.details), "9 Apr 2026") {
		t.Fatalf("due date not among the details: %v", labelTexts(cw.details))
	}
	if !containsPart(cw.timeline.lines, "Moved from Screening to Under review — Admissible") {
		t.Fatalf("timeline: %v", cw.timeline.lines)
	}
	h.settle()
	if !contains(labelTexts(r.table), "Under review") || !contains(labelTexts(r.table), "9 Apr 2026") ||
		!contains(labelTexts(r.table), "30") {
		t.Fatalf("the register did not refresh: %v", labelTexts(r.table))
	}

	// An empty note is refused at the field; a real one lands on top.
	test.Tap(cw.addNote)
	h.settle()
	if !cw.noteErr.Visible() {
		t.Fatal("an empty note gave no message")
	}
	test.Type(cw.note, "Asked the operator for its data protection impact assessment.")
	test.Tap(cw.addNote)
	h.settle()
	if cw.noteErr.Visible() {
		t.Fatalf("note refused: %q", cw.noteErr.Text)
	}
	if len(cw.timeline.lines) == 0 || cw.timeline.lines[0] != "Asked the operator for its data protection impact assessment." {
		t.Fatalf("newest timeline entry: %v", cw.timeline.lines)
	}
	if cw.note.Text != "" {
		t.Fatal("the note box was not cleared")
	}
}

func move(t *testing.T, h *harness, cw *caseWindow, to cases.Status, reason string) {
	t.Helper()
	b := cw.moves[to]
	if b == nil {
		t.Fatalf("no button to move to %s; offered %v", to, cw.moves)
	}
	if b.Text != "Move to "+cases.StatusLabel(to) {
		t.Fatalf("button label %q", b.Text)
	}
	test.Tap(b)
	h.settle()
	if cw.pending == nil {
		t.Fatal("no reason dialog")
	}
	if reason != "" {
		test.Type(cw.pending.reason, reason)
	}
	test.Tap(cw.pending.confirm)
	h.settle()
	if cw.pending != nil {
		t.Fatalf("move to %s refused: %q", to, cw.pending.err.Text)
	}
}

func visibleErrors(f *caseForm) map[string]string {
	out := map[string]string{}
	for k, e := range f.errs {
		if e.Visible() {
			out[k] = e.Text
		}
	}
	return out
}

// Someone who may not create cases is not offered the form.
func TestMembersAreNotOfferedNewCase(t *testing.T) {
	h := newHarness(t, Options{})
	h.d.actor = cases.User{ID: 2, Username: "mem", Role: cases.RoleMember, Active: true}
	r := h.d.openRegister()
	if r.newCase.Visible() {
		t.Fatal("a member sees the New case button")
	}
}

// A read-only register offers no way to change anything.
func TestReadOnlyRegisterOffersNoChanges(t *testing.T) {
	h := newHarness(t, Options{ReadOnly: true})
	h.seed(1)
	r := h.d.openRegister()
	h.settle()
	if r.newCase.Visible() {
		t.Fatal("New case offered on a read-only register")
	}
	if !containsPart(labelTexts(r.win.Content()), "read-only") {
		t.Fatal("no read-only banner")
	}
	cw := h.d.openCase(1)
	h.settle()
	if len(cw.moves) != 0 || cw.edit != nil {
		t.Fatalf("changes offered on a read-only register: moves %v edit %v", cw.moves, cw.edit)
	}
}

// An emergency case's deadline shows as a date and a time, 72 hours after
// the moment it was accepted.
func TestTheEmergencyDeadlineShowsADateAndTime(t *testing.T) {
	p := newPeople(t)
	ctx := context.Background()
	d := validDraft(1)
	d.Priority = cases.PriorityEmergency
	c, err := p.svc.CreateCase(ctx, p.sec, d)
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range []cases.Status{cases.Screening, cases.UnderReview} {
		cur, _ := p.svc.GetCase(ctx, p.sec, c.ID)
		if _, err := p.svc.Transition(ctx, p.sec, c.ID, cur.Version, to, ""); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := p.svc.GetCase(ctx, p.sec, c.ID)
	p.as(p.sec)
	cw := p.d.openCase(c.ID)
	p.settle()
	want := "due " + formatDateTime(got.Deadline.DueAt) + "."
	if text := cw.deadline.Text; !strings.HasPrefix(text, "Emergency procedure: 72 hours from acceptance at ") || !strings.HasSuffix(text, want) ||
		!got.Deadline.DueAt.Equal(got.Deadline.FromAt.Add(72*time.Hour)) {
		t.Fatalf("the case window says %q (want it to end %q)", text, want)
	}
}
