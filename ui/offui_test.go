package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ethicsdesk/cases"
)

// TestWindowsOpenAtOnceAndAskTheRegisterOffTheWindowsGoroutine opens every
// window that reads the register while the register does not answer (a
// slow link to the committee server): each must appear at once with
// "Loading…", having asked nothing on the window's goroutine, and fill in
// once the answers arrive.
func TestWindowsOpenAtOnceAndAskTheRegisterOffTheWindowsGoroutine(t *testing.T) {
	p := newPeople(t)
	ctx := context.Background()
	c, err := p.svc.CreateCase(ctx, p.sec, validDraft(1))
	if err != nil {
		t.Fatal(err)
	}
	m, err := p.svc.CreateMeeting(ctx, p.sec, cases.MustDate("2026-03-12"), "March plenary session")
	if err != nil {
		t.Fatal(err)
	}
	if err := p.svc.AddToAgenda(ctx, p.sec, m.ID, c.ID); err != nil {
		t.Fatal(err)
	}
	register := p.d.openRegister()
	p.settle()
	g := guard(p.svc)
	p.d.svc = g

	var meetings *meetingsWindow
	var caseWin *caseWindow
	var again *registerWindow
	windows := []struct {
		name   string
		as     cases.User
		open   func() fyne.Window
		landed string // a text the window shows once its data is in
	}{
		{"the case window", p.sec, func() fyne.Window { caseWin = p.d.openCase(c.ID); return caseWin.win }, "Metro Co."},
		{"the case's history", p.sec, func() fyne.Window { return caseWin.openHistory().win }, "Registered the case."},
		{"the meetings", p.sec, func() fyne.Window { meetings = p.d.openMeetings(); return meetings.win }, "Choose a meeting on the left, or create one."},
		{"the meeting", p.sec, func() fyne.Window { meetings.show(m.ID); return meetings.win }, "Quorum not met: 0 members present, at least 5 required. The meeting cannot decide."},
		{"the settings", p.admin, func() fyne.Window { return p.d.openSettings().win }, "Quorum (members present)"},
		{"the users", p.admin, func() fyne.Window { return p.d.openUsers().win }, "Dr. Chen Jie"},
		{"the audit log", p.admin, func() fyne.Window { return p.d.openAudit().win }, "Entries 1–"},
		{"the statistics", p.sec, func() fyne.Window { return register.showStatistics().win }, "Figures for "},
		{"the register", p.admin, func() fyne.Window { again = p.d.openRegister(); return again.win }, "Signed in as Administrator"},
		{"the retention", p.admin, func() fyne.Window { register.showRetention(); return register.win }, "nothing is past the retention period"},
		{"the signing keys", p.admin, func() fyne.Window { return p.d.openKeys().win }, "Members' signing keys"},
		{"the verify window", p.admin, func() fyne.Window { return p.d.openVerify().win }, "signatures are checked"},
	}
	for _, w := range windows {
		p.as(w.as)
		g.calledOnUI() // what came before is not this window's
		g.hold()
		win := w.open()
		if calls := g.calledOnUI(); len(calls) > 0 {
			t.Errorf("opening %s asked the register on the window's goroutine: %v", w.name, calls)
		}
		// The retention question is a dialog: it opens once its answer
		// lands; the register shows its rows as they come (register_model.go).
		if texts := allTexts(win); !contains(texts, "Loading…") && !contains(texts, "Counting…") && w.name != "the retention" && w.name != "the register" {
			t.Errorf("%s does not say it is loading while the register is silent: %v", w.name, texts)
		}
		g.release()
		p.settle()
		if calls := g.calledOnUI(); len(calls) > 0 {
			t.Errorf("filling in %s asked the register on the window's goroutine: %v", w.name, calls)
		}
		if texts := allTexts(win); !containsPart(texts, w.landed) || contains(texts, "Loading…") {
			t.Errorf("once the register answered, %s shows %v; want %q", w.name, texts, w.landed)
		}
	}
	// The register's filters fill in with the answers too.
	if !contains(again.filters.rapporteur.Options, "Dr. Chen Jie") {
		t.Errorf("once the register answered, the register offers rapporteurs %v", again.filters.rapporteur.Options)
	}
}

// TestTheOpinionEditorOpensAtOnceAndSavesOffTheWindowsGoroutine: the
// rapporteur's editor appears with "Loading…" while the register is
// silent, fills in, and its save runs off the window's goroutine.
func TestTheOpinionEditorOpensAtOnceAndSavesOffTheWindowsGoroutine(t *testing.T) {
	w := newOpinionWorld(t)
	d := w.deskFor(w.rapp)
	g := guard(w.svc)
	d.svc = g
	g.hold()
	ed := d.openOpinion(w.caseID)
	if calls := g.calledOnUI(); len(calls) > 0 {
		t.Errorf("opening the opinion editor asked the register on the window's goroutine: %v", calls)
	}
	if texts := allTexts(ed.win); !contains(texts, "Loading…") {
		t.Errorf("the opinion editor does not say it is loading: %v", texts)
	}
	g.release()
	w.settle()
	if texts := allTexts(ed.win); !containsPart(texts, "No opinion has been drafted yet.") || ed.save == nil {
		t.Fatalf("once the register answered, the editor shows %v", texts)
	}
	ed.decision.set(string(cases.DecisionUpheld))
	test.Tap(buttonsIn(ed.win.Content(), "Add paragraph")[0])
	ed.rows[0].entry.SetText("The system stores faces without consent.")
	g.hold()
	ed.doSave()
	if calls := g.calledOnUI(); len(calls) > 0 {
		t.Errorf("saving the opinion asked the register on the window's goroutine: %v", calls)
	}
	if ed.rows[0].entry.Text != "The system stores faces without consent." {
		t.Error("the text left the editor while its save was on its way")
	}
	g.release()
	w.settle()
	if calls := g.calledOnUI(); len(calls) > 0 {
		t.Errorf("after the save the editor asked the register on the window's goroutine: %v", calls)
	}
	if ed.op.Version != 1 || !strings.Contains(ed.state.Text, "Version 1") || ed.dirty {
		t.Errorf("after the save the editor shows version %d: %q %v", ed.op.Version, ed.state.Text, ed.problem.Text)
	}

	// What is typed while a save is on its way stays in the editor, unsaved.
	ed.rows[0].entry.SetText("The system stores faces without consent. Typed during the save.")
	g.hold()
	ed.doSave()
	ed.rows[0].entry.SetText(ed.rows[0].entry.Text + " And after it.")
	g.release()
	w.settle()
	if got := ed.rows[0].entry.Text; got != "The system stores faces without consent. Typed during the save. And after it." || !ed.dirty ||
		ed.op.Version != 2 || !strings.Contains(ed.state.Text, "Unsaved changes.") {
		t.Errorf("typing during a save: the editor holds %q, dirty %v, version %d, says %q", got, ed.dirty, ed.op.Version, ed.state.Text)
	}
}

// TestASlowCommitteeServerIsSaidAndAnUnreachableOneNamed: past busyDelay
// the opening window says it is waiting for the server, and a server that
// cannot be reached is named in the sentence every window uses while it
// reads again (nothing was being saved).
func TestASlowCommitteeServerIsSaidAndAnUnreachableOneNamed(t *testing.T) {
	p := newPeople(t)
	p.d.opt.Server = "https://ethics.example:8443"
	g := guard(p.svc)
	p.d.svc = g
	p.as(p.admin)

	g.hold()
	s := p.d.openSettings()
	time.Sleep(busyDelay + 200*time.Millisecond)
	p.runQueued()
	if texts := overlayTexts(s.win); !containsPart(texts, "Waiting for the committee server at https://ethics.example:8443") {
		t.Errorf("a slow server is not said: %v", texts)
	}
	g.release()
	p.settle()
	if texts := overlayTexts(s.win); len(texts) > 0 {
		t.Errorf("the wait is still shown once the server answered: %v", texts)
	}

	p.d.svc = downAPI{p.svc, serverDown{"https://ethics.example:8443"}}
	u := p.d.openUsers()
	p.settle()
	want := "The committee server at https://ethics.example:8443 cannot be reached. Trying again…"
	if texts := allTexts(u.win); !containsPart(texts, want) || containsPart(texts, "nothing was saved") {
		t.Errorf("an unreachable server is not said: %v", texts)
	}
	a := p.d.openAudit()
	p.settle()
	if texts := overlayTexts(a.win); !containsPart(texts, want) || containsPart(texts, "nothing was saved") {
		t.Errorf("an unreachable server is not said over the audit log: %v", texts)
	}
}

// serverDown is the committee server's client's error when the server
// cannot be reached (remote.UnreachableError has the same method).
type serverDown struct{ server string }

func (e serverDown) Error() string       { return "dial tcp: connection refused" }
func (e serverDown) Unreachable() string { return e.server }

// downAPI is a register behind a committee server that cannot be
// reached: the users' and the audit log's reads fail.
type downAPI struct {
	cases.API
	err error
}

func (a downAPI) Users(context.Context, cases.User) ([]cases.User, error) { return nil, a.err }
func (a downAPI) AuditActions(context.Context, cases.User) ([]string, error) {
	return nil, a.err
}
func (a downAPI) AuditLog(context.Context, cases.User, cases.AuditFilter) ([]cases.AuditRecord, int, error) {
	return nil, 0, a.err
}

// runQueued runs the window updates queued so far, without waiting for
// background work to end.
func (h *harness) runQueued() {
	for {
		select {
		case f := <-h.queue.ch:
			f()
		default:
			return
		}
	}
}

// allTexts is every label in the window, dialogs over it included.
func allTexts(win fyne.Window) []string {
	return append(labelTexts(win.Content()), overlayTexts(win)...)
}

// overlayTexts is the labels of the dialogs shown over win.
func overlayTexts(win fyne.Window) []string {
	var out []string
	for _, o := range win.Canvas().Overlays().List() {
		out = append(out, labelTexts(o)...)
	}
	return out
}
