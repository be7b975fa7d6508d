package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"ethicsdesk/cases"
	"ethicsdesk/store"
)

var colleague = cases.User{ID: 2, Username: "zhou", DisplayName: "Zhou Min", Role: cases.RoleSecretariat, Active: true}

// waitFor runs the window's queued updates until ok holds; the change
// feed posts on its own, outside the loads settle waits for.
func (h *harness) waitFor(what string, ok func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			h.t.Fatalf("%s did not happen", what)
		}
		h.queue.drain(h.d.run, 50*time.Millisecond)
		time.Sleep(20 * time.Millisecond)
	}
}

// A colleague's edit, made in another program on the same register file,
// reaches an open register and case window without any reload by the user: the row shows the new title, the case window says
// who changed it and when, and a form opened on the old copy is still
// refused as stale, keeping what was typed.
func TestColleaguesChangesAppearInOpenWindows(t *testing.T) {
	h := newHarness(t, Options{})
	h.seed(3)
	ctx := context.Background()
	c, err := h.svc.FindCase(ctx, secretary, "EC-2026-0002")
	if err != nil {
		t.Fatal(err)
	}
	r := h.d.openRegister()
	r.win.Show()
	h.settle()
	cw := h.d.openCase(c.ID)
	h.settle()
	opened := cw.c // the copy the Edit button gives the form
	form := h.d.openIntake(&opened)
	h.settle()
	form.title.SetText("My own better title")

	h.d.follow()
	t.Cleanup(h.d.stopFollow)
	h.waitFor("the change feed's first answer", func() bool { return h.d.followedTo.Load() > 0 })

	// The colleague works in another program on the same file: a second
	// connection to it, as another process has.
	other, err := store.Open(h.d.opt.DBPath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	d := c.Draft
	d.Title = "Face recognition at the airport, renamed by a colleague"
	if _, err := cases.NewService(other, nil).UpdateCase(ctx, colleague, c.ID, c.Version, d); err != nil {
		t.Fatal(err)
	}
	h.waitFor("the register showing the colleague's title", func() bool {
		return contains(labelTexts(r.table), d.Title)
	})
	h.waitFor("the case window saying who changed the case", func() bool {
		return cw.changed.Visible() && strings.HasPrefix(cw.changed.Text, "Changed by Zhou Min at ")
	})
	// The case is read again in the background, and shown as it is now.
	h.waitFor("the case window showing the colleague's title", func() bool { return cw.title.Text == d.Title })
	h.settle()

	test.Tap(form.save)
	h.settle()
	top := form.win.Canvas().Overlays().Top()
	if top == nil || !containsPart(labelTexts(top), "after you opened it") {
		t.Fatalf("a save on the copy opened before the colleague's edit was not refused as stale: %v", labelTexts(top))
	}
	if form.title.Text != "My own better title" {
		t.Errorf("the form lost what was typed: %q", form.title.Text)
	}
	got, _ := h.svc.GetCase(ctx, secretary, c.ID)
	if got.Title != d.Title {
		t.Errorf("the stale save changed the case to %q", got.Title)
	}
}

// The user's own saves do not announce themselves as someone else's.
func TestOwnChangesAreNotAnnouncedAsColleagues(t *testing.T) {
	h := newHarness(t, Options{})
	h.seed(1)
	ctx := context.Background()
	c, _ := h.svc.FindCase(ctx, secretary, "EC-2026-0001")
	h.d.openRegister().win.Show()
	cw := h.d.openCase(c.ID)
	h.settle()
	h.d.follow()
	t.Cleanup(h.d.stopFollow)
	h.waitFor("the change feed's first answer", func() bool { return h.d.followedTo.Load() > 0 })
	start := h.d.followedTo.Load()
	if _, err := h.svc.AddNote(ctx, secretary, c.ID, "My own note.", false); err != nil {
		t.Fatal(err)
	}
	h.waitFor("the feed passing the note", func() bool { return h.d.followedTo.Load() > start })
	h.queue.drain(h.d.run, time.Second)
	if cw.changed.Visible() {
		t.Errorf("the user's own note was announced as %q", cw.changed.Text)
	}
}

// A server that cannot be reached is said to be so above the register,
// as a read that is tried again (not the sentence of a failed save), and
// the message goes when the feed answers again.
func TestAnUnreachableServerIsSaidAboveTheRegister(t *testing.T) {
	h := newHarness(t, Options{})
	r := h.d.openRegister()
	r.win.Show()
	h.settle()
	h.d.connectionProblem(fakeUnreachable{"https://ethics.example:8443"})
	want := "The committee server at https://ethics.example:8443 cannot be reached. Trying again…"
	if !r.connection.Visible() || r.connection.Text != want {
		t.Fatalf("the register says %q", r.connection.Text)
	}
	h.d.connectionBack()
	h.settle()
	if r.connection.Visible() {
		t.Errorf("the message stayed after the server answered: %q", r.connection.Text)
	}
}

type fakeUnreachable struct{ server string }

func (f fakeUnreachable) Error() string       { return "dial tcp: connection refused" }
func (f fakeUnreachable) Unreachable() string { return f.server }
