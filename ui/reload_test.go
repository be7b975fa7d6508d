package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ethicsdesk/cases"
)

const awayServer = "https://ethics.example:8443"

// Sentences of a read that is tried again and of a save that failed.
const (
	tryingAgain = "The committee server at " + awayServer + " cannot be reached. Trying again…"
	notSaved    = "nothing was saved"
)

// quickLoadRetries makes windows ask an unreachable server again within
// milliseconds instead of seconds, for the test's length.
func quickLoadRetries(t *testing.T) {
	old := loadRetryDelays
	loadRetryDelays = []time.Duration{2 * time.Millisecond, 4 * time.Millisecond, 8 * time.Millisecond}
	t.Cleanup(func() { loadRetryDelays = old })
}

// TestWindowsSayTheServerCannotBeReachedAndFillInWhenItAnswers: a window
// opened while the committee server cannot be reached says so — as a read
// tried again, not as a save that failed — keeps trying, and fills in by
// itself once the server answers.
func TestWindowsSayTheServerCannotBeReachedAndFillInWhenItAnswers(t *testing.T) {
	quickLoadRetries(t)
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
	p.d.opt.Server = awayServer
	register := p.d.openRegister()
	p.settle()
	g := guard(p.svc)
	p.d.svc = g

	var meetings *meetingsWindow
	var caseWin *caseWindow
	windows := []struct {
		name   string
		as     cases.User
		open   func() fyne.Window
		landed string // a text the window shows once its data is in
	}{
		{"the meetings", p.sec, func() fyne.Window { meetings = p.d.openMeetings(); return meetings.win }, "Choose a meeting on the left, or create one."},
		{"the meeting", p.sec, func() fyne.Window { meetings.show(m.ID); return meetings.win }, "Quorum not met: 0 members present, at least 5 required. The meeting cannot decide."},
		{"the settings", p.admin, func() fyne.Window { return p.d.openSettings().win }, "Quorum (members present)"},
		{"the users", p.admin, func() fyne.Window { return p.d.openUsers().win }, "Dr. Chen Jie"},
		{"the case window", p.sec, func() fyne.Window { caseWin = p.d.openCase(c.ID); return caseWin.win }, "Metro Co."},
		{"the case's history", p.sec, func() fyne.Window { return caseWin.openHistory().win }, "Registered the case."},
		{"the signing keys", p.admin, func() fyne.Window { return p.d.openKeys().win }, "The committee has no root certificate yet."},
		{"the audit log", p.admin, func() fyne.Window { return p.d.openAudit().win }, "Entries 1–"},
		{"the statistics", p.sec, func() fyne.Window { return register.showStatistics().win }, "Figures for "},
	}
	for _, w := range windows {
		p.as(w.as)
		g.unreachable(awayServer)
		win := w.open()
		asked := g.askedSoFar()
		p.waitFor(w.name+" saying the server cannot be reached and asking it again", func() bool {
			return containsPart(allTexts(win), tryingAgain) && g.askedSoFar() > asked+1
		})
		texts := allTexts(win)
		if containsPart(texts, notSaved) || containsPart(texts, w.landed) {
			t.Errorf("while the server cannot be reached, %s shows %v", w.name, texts)
		}
		g.reachable()
		p.waitFor(w.name+" filling in once the server answers", func() bool {
			texts := allTexts(win)
			return containsPart(texts, w.landed) && !containsPart(texts, tryingAgain) && !contains(texts, "Loading…")
		})
	}

	// A save is another matter: it says nothing was saved, keeps the form
	// and is not sent again by itself.
	p.as(p.sec)
	if c, err = p.svc.GetCase(ctx, p.sec, c.ID); err != nil {
		t.Fatal(err)
	}
	form := p.d.openIntake(&c)
	p.settle()
	form.title.SetText("Typed while the server was away")
	g.unreachable(awayServer)
	test.Tap(form.save)
	p.settle()
	top := form.win.Canvas().Overlays().Top()
	if top == nil || !containsPart(labelTexts(top), "The committee server at "+awayServer+" cannot be reached; nothing was saved. Retrying…") {
		t.Fatalf("a save while the server is away says %v", allTexts(form.win))
	}
	if form.title.Text != "Typed while the server was away" || form.closed {
		t.Fatalf("the form lost what was typed: %q (closed %v)", form.title.Text, form.closed)
	}
	g.reachable()
	time.Sleep(50 * time.Millisecond)
	p.settle()
	if got, err := p.svc.GetCase(ctx, p.sec, c.ID); err != nil || got.Title == "Typed while the server was away" {
		t.Errorf("the failed save was made again by itself: %q, %v", got.Title, err)
	}
}

// TestTheRegisterReadsAgainWhenTheChangeFeedHearsTheServer: the register
// opened while the server cannot be reached says so under its table and
// above it, and shows its cases once the change feed hears the server.
func TestTheRegisterReadsAgainWhenTheChangeFeedHearsTheServer(t *testing.T) {
	quickLoadRetries(t)
	h := newHarness(t, Options{Server: awayServer})
	h.seed(1)
	g := guard(h.svc)
	h.d.svc = g
	g.unreachable(awayServer)
	r := h.d.openRegister()
	h.d.follow()
	t.Cleanup(h.d.stopFollow)
	h.waitFor("the register saying the server cannot be reached", func() bool {
		return r.connection.Visible() && r.connection.Text == tryingAgain && r.problem.Visible() && r.problem.Text == tryingAgain
	})
	if texts := labelTexts(r.win.Content()); containsPart(texts, notSaved) || containsPart(texts, "metro gate 0") {
		t.Errorf("while the server cannot be reached the register shows %v", texts)
	}
	g.reachable()
	h.waitFor("the register showing its cases once the server answers", func() bool {
		return containsPart(labelTexts(r.table), "Face recognition at metro gate 0") && !r.problem.Visible() && !r.connection.Visible()
	})
}

// TestTheOpinionEditorReadsAgainWhenTheServerAnswers: the rapporteur's
// editor opened while the server cannot be reached says so in place of
// "Loading…" and fills in when it answers; a save that fails while the
// server is away says nothing was saved, keeps the text and is not made
// again behind the user's back.
func TestTheOpinionEditorReadsAgainWhenTheServerAnswers(t *testing.T) {
	quickLoadRetries(t)
	w := newOpinionWorld(t)
	d := w.deskFor(w.rapp)
	d.opt.Server = awayServer
	g := guard(w.svc)
	d.svc = g
	g.unreachable(awayServer)
	ed := d.openOpinion(w.caseID)
	waitUntil(t, w.queue, d.run, "the editor saying the server cannot be reached", func() bool {
		return containsPart(allTexts(ed.win), tryingAgain)
	})
	if texts := allTexts(ed.win); containsPart(texts, notSaved) || ed.save != nil && containsPart(texts, "No opinion has been drafted yet.") {
		t.Errorf("while the server cannot be reached the editor shows %v", texts)
	}
	g.reachable()
	waitUntil(t, w.queue, d.run, "the editor filling in", func() bool {
		return containsPart(allTexts(ed.win), "No opinion has been drafted yet.") && ed.save != nil
	})

	ed.decision.set(string(cases.DecisionUpheld))
	test.Tap(buttonsIn(ed.win.Content(), "Add paragraph")[0])
	ed.rows[0].entry.SetText("The system stores faces without consent.")
	g.unreachable(awayServer)
	ed.doSave()
	w.settle()
	if texts := allTexts(ed.win); !containsPart(texts, "The committee server at "+awayServer+" cannot be reached; nothing was saved. Retrying…") {
		t.Errorf("a save while the server is away shows %v", texts)
	}
	if ed.rows[0].entry.Text != "The system stores faces without consent." || !ed.dirty {
		t.Errorf("the failed save lost the text: %q, dirty %v", ed.rows[0].entry.Text, ed.dirty)
	}
	asked := g.askedSoFar()
	time.Sleep(50 * time.Millisecond)
	w.settle()
	g.reachable()
	if n := g.askedSoFar(); n != asked {
		t.Errorf("the failed save was made again by itself (%d more calls)", n-asked)
	}
	if _, err := w.svc.Opinion(context.Background(), w.rapp, w.caseID); err == nil {
		t.Error("an opinion was saved although its save failed")
	}
}

// TestAWindowClosedWhileTheServerIsAwayStopsAsking: once the window is
// closed, nothing asks the server for it again.
func TestAWindowClosedWhileTheServerIsAwayStopsAsking(t *testing.T) {
	p, g := adminAwayFromServer(t)
	u := p.d.openUsers()
	asked := g.askedSoFar()
	p.waitFor("the users window asking again", func() bool { return g.askedSoFar() > asked+2 })
	u.win.Close()
	if n := moreAsked(p, g); n != 0 {
		t.Errorf("a closed window went on asking the server: %d more calls", n)
	}
}

// TestLoadsThatFailOtherwiseAreNotAskedAgain: a refusal (not allowed)
// keeps its own sentence and is not asked again.
func TestLoadsThatFailOtherwiseAreNotAskedAgain(t *testing.T) {
	quickLoadRetries(t)
	p := newPeople(t)
	p.d.opt.Server = awayServer
	g := guard(p.svc)
	p.d.svc = g
	p.as(p.sec) // the secretariat may not list accounts
	u := p.d.openUsers()
	p.settle()
	asked := g.askedSoFar()
	texts := allTexts(u.win)
	if containsPart(texts, "cannot be reached") || containsPart(texts, "Dr. Chen Jie") {
		t.Errorf("a refused list shows %v", texts)
	}
	time.Sleep(50 * time.Millisecond)
	p.settle()
	if n := g.askedSoFar(); n != asked {
		t.Errorf("a refused list was asked again: %d more calls", n-asked)
	}
}

// adminAwayFromServer is the administrator's desk on a committee server
// that cannot be reached, asked again within milliseconds.
func adminAwayFromServer(t *testing.T) (*people, *guardedAPI) {
	quickLoadRetries(t)
	p := newPeople(t)
	p.d.opt.Server = awayServer
	g := guard(p.svc)
	p.d.svc = g
	p.as(p.admin)
	g.unreachable(awayServer)
	return p, g
}

// moreAsked is how many calls reach the register in a while (many
// pauses of the quick retries), once what was under way has landed.
func moreAsked(p *people, g *guardedAPI) int {
	time.Sleep(20 * time.Millisecond)
	p.queue.drain(p.d.run, time.Second)
	asked := g.askedSoFar()
	time.Sleep(50 * time.Millisecond)
	p.queue.drain(p.d.run, time.Second)
	return g.askedSoFar() - asked
}

// waitUntil runs the window's queued updates until ok, or fails.
func waitUntil(t *testing.T, q *uiQueue, run *runner, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("%s did not happen", what)
		}
		q.drain(run, 50*time.Millisecond)
		time.Sleep(10 * time.Millisecond)
	}
}

// TestPausesBetweenTriesGrow: the pauses between tries follow
// loadRetryDelays and stay at its last one, so an unreachable server is
// not asked in a tight loop; when the change feed hears the server again
// every waiting window asks at once.
func TestPausesBetweenTriesGrow(t *testing.T) {
	p, g := adminAwayFromServer(t)
	loadRetryDelays = []time.Duration{time.Millisecond, time.Millisecond, time.Hour}
	before := g.askedSoFar()
	u := p.d.openUsers() // one request a try while the server is away
	p.waitFor("the users window asking three times", func() bool { return g.askedSoFar()-before >= 3 })
	time.Sleep(50 * time.Millisecond)
	p.queue.drain(p.d.run, time.Second)
	if n := g.askedSoFar() - before; n != 3 {
		t.Errorf("with pauses of 1 ms, 1 ms, then an hour, the server was asked %d times; want 3", n)
	}
	g.reachable()
	p.d.readAgainNow() // as when the change feed hears the server again
	p.waitFor("the users window filling in at once when the feed hears the server", func() bool {
		return containsPart(allTexts(u.win), "Dr. Chen Jie") && !containsPart(allTexts(u.win), tryingAgain)
	})
}

// TestClosingTheNoteStopsAsking: a window without a line of its own (the
// audit log) says it in a note; closing the note stops the asking.
func TestClosingTheNoteStopsAsking(t *testing.T) {
	p, g := adminAwayFromServer(t)
	a := p.d.openAudit()
	asked := g.askedSoFar()
	p.waitFor("the audit log saying the server cannot be reached and asking again", func() bool {
		return containsPart(overlayTexts(a.win), tryingAgain) && g.askedSoFar() > asked+2
	})
	closeButtons := buttonsIn(a.win.Canvas().Overlays().Top(), "Close")
	if len(closeButtons) != 1 {
		t.Fatalf("the note over the audit log offers %d Close buttons", len(closeButtons))
	}
	test.Tap(closeButtons[0])
	if n := moreAsked(p, g); n != 0 {
		t.Errorf("after its note was closed the audit log went on asking: %d more calls", n)
	}
	if texts := overlayTexts(a.win); containsPart(texts, tryingAgain) {
		t.Errorf("the closed note is still shown: %v", texts)
	}
}
