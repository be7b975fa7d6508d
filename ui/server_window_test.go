package ui

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"ethicsdesk/app"
	"ethicsdesk/cases"
	"ethicsdesk/internal/testworld"
	"ethicsdesk/remote"
	"ethicsdesk/signing"
)

const (
	serverAdminPW  = "admin password 1"
	serverMemberPW = "liu password 123"
)

// committeeServer is a committee server on 127.0.0.1 over TLS, on a
// register of its own (testworld: admin, chen, wang, liu).
func committeeServer(t *testing.T) (*testworld.World, *testworld.Served) {
	t.Helper()
	w := testworld.New(t, testworld.Options{AdminPassword: serverAdminPW, RapporteurPassword: "chen password 12",
		ChairPassword: "wang password 12", MemberPassword: serverMemberPW})
	return w, w.ServeTLS(t, remote.NewServer(app.NewService(w.DB, nil), w.DB), "127.0.0.1:0")
}

// On the sign-in screen, "Committee server…" connects to a server met for
// the first time by showing its root's fingerprint to compare; accepted,
// it is remembered and the server's own sign-in screen opens. Later, a
// server at that address whose certificate does not chain to the
// remembered root is refused with a sentence.
func TestTheSignInScreenConnectsToACommitteeServer(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	w, served := committeeServer(t)
	h := newHarness(t, Options{})
	ls := newLoginScreen(h.app, h.svc, Options{Servers: app.Servers{}}, h.d.run)
	if findButton(ls.win.Content(), "Committee server…") == nil || findButton(ls.win.Content(), "Open enrolment file…") == nil {
		t.Fatal("the sign-in screen offers no committee server")
	}

	ls.connectTo(served.URL)
	h.settle()
	want := signing.Fingerprint(served.Root)
	top := ls.win.Canvas().Overlays().Top()
	if ls.server.fingerprint != want || top == nil || !contains(labelTexts(top), want) {
		t.Fatalf("the first connection did not show the root's fingerprint %s: %v (%q)", want, labelTexts(top), ls.message.Text)
	}
	if app.Remembered(served.URL) != nil {
		t.Fatal("the root was remembered before the user accepted it")
	}
	test.Tap(findButton(top, "Trust"))
	h.settle()
	next := ls.server.next
	if next == nil {
		t.Fatalf("accepting the fingerprint opened nothing: %q", ls.message.Text)
	}
	if r := app.Remembered(served.URL); r == nil || signing.Fingerprint(r) != want {
		t.Fatal("the accepted root was not remembered")
	}
	var signedIn cases.User
	next.onSignedIn = func(u cases.User) { signedIn = u }
	test.Type(next.username, "liu")
	test.Type(next.password, serverMemberPW)
	test.Tap(next.submit)
	h.settle()
	if signedIn.Username != "liu" || signedIn.ID != w.Member.ID {
		t.Fatalf("signing in on the server: %+v, %q", signedIn, next.message.Text)
	}

	// Another server, with another committee's root, now answers at the
	// same address.
	other := testworld.New(t, testworld.Options{AdminPassword: serverAdminPW, RapporteurPassword: "chen password 12", ChairPassword: "wang password 12"})
	served.Stop()
	impostor := other.ServeTLS(t, remote.NewServer(app.NewService(other.DB, nil), other.DB), served.Addr)
	ls2 := newLoginScreen(h.app, h.svc, Options{Servers: app.Servers{}}, h.d.run)
	ls2.connectTo(impostor.URL)
	h.settle()
	if ls2.server.next != nil || !strings.Contains(ls2.message.Text, "did not prove that it is the committee's server") {
		t.Fatalf("a server not chaining to the remembered root: %q", ls2.message.Text)
	}
}

// "Open enrolment file…" remembers the server and root the file names and
// opens the server's sign-in screen with the user name filled in; a
// garbled file is refused with a sentence.
func TestTheSignInScreenTakesAnEnrolmentFile(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	_, served := committeeServer(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "liu.edesk")
	if err := app.WriteEnrolment(file, app.Enrolment{Server: served.URL, User: "liu", Root: served.Root}, false); err != nil {
		t.Fatal(err)
	}
	garbled := filepath.Join(dir, "garbled.edesk")
	os.WriteFile(garbled, []byte(`{"format":"ethicsdesk-enrolment","version":1,"server":"https://x:1","root":"AAAA"}`), 0o600)
	h := newHarness(t, Options{})
	ls := newLoginScreen(h.app, h.svc, Options{Servers: app.Servers{}}, h.d.run)
	ls.enrolFrom(garbled)
	h.settle()
	if ls.server.next != nil || !strings.Contains(ls.message.Text, "is not an enrolment file Ethics Desk can use") {
		t.Fatalf("a garbled enrolment file: %q", ls.message.Text)
	}
	ls.enrolFrom(file)
	h.settle()
	next := ls.server.next
	if next == nil || next.username.Text != "liu" || next.opt.Server != served.URL {
		t.Fatalf("the enrolment file did not open the server's sign-in screen: %q", ls.message.Text)
	}
	if app.Remembered(served.URL) == nil {
		t.Fatal("the enrolment's root was not remembered")
	}
}

// secretariatOnServer adds Sam (secretariat) and a case to the server's
// register, and gives a harness whose desk is Sam signed in through a
// client of the server.
func secretariatOnServer(t *testing.T, w *testworld.World, served *testworld.Served) (*harness, *remote.Client, cases.User, cases.Case) {
	t.Helper()
	ctx := context.Background()
	sec, err := w.Service.CreateUser(ctx, w.Admin, cases.NewAccount{Username: "sec", DisplayName: "Sam Secretariat", Role: cases.RoleSecretariat, Password: "secretariat pw 1"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := w.Service.CreateCase(ctx, sec, validDraft(1))
	if err != nil {
		t.Fatal(err)
	}
	client, err := remote.Dial(served.URL, served.Root)
	if err != nil {
		t.Fatal(err)
	}
	if sec, err = client.Login(ctx, "sec", "secretariat pw 1"); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, Options{})
	h.d = newDesk(h.app, client, sec, Options{DBPath: served.URL, Server: served.URL}, h.d.run) // settle waits on the same runner
	return h, client, sec, c
}

// A window working through the committee server when the server stops:
// the register says it cannot be reached and is retrying, a save fails
// with the same sentence and keeps what was typed, and once the server is
// back the message goes and the save goes through. A server that comes
// back as a new process has forgotten the session: the user reads that
// they must sign in again.
func TestTheWindowRidesOutAServerThatStopsAndComesBack(t *testing.T) {
	w, served := committeeServer(t)
	ctx := context.Background()
	h, client, sec, c := secretariatOnServer(t, w, served)
	d := h.d
	r := d.openRegister()
	r.win.Show()
	h.settle()
	d.follow()
	t.Cleanup(d.stopFollow)
	h.waitFor("the change feed's first answer", func() bool { return d.followedTo.Load() > 0 })
	// A colleague's change, made on the server, reaches the register
	// through the feed.
	d2 := c.Draft
	d2.Title = "Renamed on the server by a colleague"
	zhou, err := w.Service.CreateUser(ctx, w.Admin, cases.NewAccount{Username: "zhou", DisplayName: "Zhou Min", Role: cases.RoleSecretariat, Password: "secretariat pw 2"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Service.UpdateCase(ctx, zhou, c.ID, c.Version, d2); err != nil {
		t.Fatal(err)
	}
	h.waitFor("the register showing the colleague's change made on the server", func() bool {
		return contains(labelTexts(r.table), d2.Title)
	})
	if c, err = client.GetCase(ctx, sec, c.ID); err != nil {
		t.Fatal(err)
	}
	form := d.openIntake(&c)
	h.settle()
	form.title.SetText("Typed while the server was away")

	served.Stop()
	wantBanner := "The committee server at " + served.URL + " cannot be reached. Trying again…"
	h.waitFor("the register saying the server cannot be reached", func() bool {
		return r.connection.Visible() && r.connection.Text == wantBanner
	})
	test.Tap(form.save)
	h.settle()
	top := form.win.Canvas().Overlays().Top()
	if top == nil || !containsPart(labelTexts(top), "The committee server at "+served.URL+" cannot be reached; nothing was saved. Retrying…") {
		t.Fatalf("a save while the server is away says %v", labelTexts(top))
	}
	top.Hide()
	if form.title.Text != "Typed while the server was away" || form.closed {
		t.Fatalf("the form lost what was typed: %q (closed %v)", form.title.Text, form.closed)
	}

	served.Start(t, served.Addr)
	h.waitFor("the message going once the server is back", func() bool { return !r.connection.Visible() })
	test.Tap(form.save)
	h.settle()
	got, err := w.Service.GetCase(ctx, sec, c.ID)
	if err != nil || got.Title != "Typed while the server was away" {
		t.Fatalf("the save after the server came back: %q, %v", got.Title, err)
	}

	// A new server process: the session is gone.
	served.Stop()
	served.Handler = remote.NewServer(app.NewService(w.DB, nil), w.DB)
	served.Start(t, served.Addr)
	h.waitFor("the register asking to sign in again", func() bool {
		return r.connection.Visible() && strings.Contains(r.connection.Text, "sign in again")
	})
}

// slowSaves holds every save of a case on the server for a while, as a
// slow link would.
type slowSaves struct {
	http.Handler
	delay time.Duration
}

func (s slowSaves) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasSuffix(r.URL.Path, "/UpdateCase") {
		time.Sleep(s.delay)
	}
	s.Handler.ServeHTTP(w, r)
}

// A save that takes longer than 300 ms over a slow link shows that the
// window is waiting for the server, and the window stays usable.
func TestASlowSaveShowsThatTheWindowIsWaitingForTheServer(t *testing.T) {
	w, served := committeeServer(t)
	ctx := context.Background()
	served.Stop()
	served.Handler = slowSaves{Handler: served.Handler, delay: 2 * time.Second}
	served.Start(t, served.Addr)
	h, _, sec, c := secretariatOnServer(t, w, served)
	d := h.d
	form := d.openIntake(&c)
	h.settle()
	form.title.SetText("Saved over a slow link")
	began := time.Now()
	test.Tap(form.save)
	if time.Since(began) > time.Second {
		t.Fatalf("tapping Save held the window for %v", time.Since(began))
	}
	want := "Waiting for the committee server at " + served.URL + "…"
	h.waitFor("the waiting message", func() bool {
		top := form.win.Canvas().Overlays().Top()
		return top != nil && containsPart(labelTexts(top), want)
	})
	if waited := time.Since(began); waited > 1500*time.Millisecond {
		t.Errorf("the waiting message came only after %v", waited)
	}
	h.settle()
	if got, _ := w.Service.GetCase(ctx, sec, c.ID); got.Title != "Saved over a slow link" {
		t.Fatalf("the slow save did not land: %q", got.Title)
	}
}
