package main

import (
	"regexp"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// watchOnNewDisplay starts Xvfb as the window step does and watches it
// for windows titled as title says; both end with the test.
func watchOnNewDisplay(t *testing.T, title string) (string, *windowWatch) {
	t.Helper()
	display, stop, err := xDisplay()
	if err != nil {
		t.Fatalf("the window step's display: %v", err)
	}
	t.Cleanup(stop)
	watch, err := watchWindows(display, regexp.MustCompile(title))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(watch.close)
	return display, watch
}

// testWindow is a top-level window made by another X client, as the
// program timed makes its own.
type testWindow struct {
	conn *xgb.Conn
	id   xproto.Window
}

func newTestWindow(t *testing.T, display, title string) *testWindow {
	t.Helper()
	conn, err := xgb.NewConnDisplay(display)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(conn.Close)
	screen := xproto.Setup(conn).DefaultScreen(conn)
	id, err := xproto.NewWindowId(conn)
	if err != nil {
		t.Fatal(err)
	}
	if err := xproto.CreateWindowChecked(conn, screen.RootDepth, id, screen.Root, 0, 0, 300, 200, 0,
		xproto.WindowClassInputOutput, screen.RootVisual, 0, nil).Check(); err != nil {
		t.Fatal(err)
	}
	w := &testWindow{conn: conn, id: id}
	w.rename(t, title)
	return w
}

func (w *testWindow) rename(t *testing.T, title string) {
	t.Helper()
	utf8, err := xproto.InternAtom(w.conn, false, uint16(len("UTF8_STRING")), "UTF8_STRING").Reply()
	if err != nil {
		t.Fatal(err)
	}
	net, err := xproto.InternAtom(w.conn, false, uint16(len("_NET_WM_NAME")), "_NET_WM_NAME").Reply()
	if err != nil {
		t.Fatal(err)
	}
	xproto.ChangeProperty(w.conn, xproto.PropModeReplace, w.id, xproto.AtomWmName, xproto.AtomString, 8, uint32(len(title)), []byte(title))
	if err := xproto.ChangePropertyChecked(w.conn, xproto.PropModeReplace, w.id, net.Atom, utf8.Atom, 8, uint32(len(title)), []byte(title)).Check(); err != nil {
		t.Fatal(err)
	}
}

func (w *testWindow) show(t *testing.T) {
	t.Helper()
	if err := xproto.MapWindowChecked(w.conn, w.id).Check(); err != nil {
		t.Fatal(err)
	}
}

// The watch reports a window when it is both on screen and named as
// asked: not while it is only named, not while it is on screen under
// another name (the sign-in window before the register's title), and
// never a window of another name.
func TestWindowIsTimedWhenItIsShownUnderItsTitle(t *testing.T) {
	display, watch := watchOnNewDisplay(t, "^Ethics Desk.*register\\.db$")
	never := make(chan struct{})

	other := newTestWindow(t, display, "Bare Fyne window")
	other.show(t)
	hidden := newTestWindow(t, display, "Ethics Desk — register.db")
	app := newTestWindow(t, display, "Ethics Desk — sign in")
	app.show(t)
	if s, err := watch.wait(300*time.Millisecond, never); err == nil {
		t.Fatalf("window %d reported before any window was on screen under the title", s.id)
	}

	renamed := time.Now()
	app.rename(t, "Ethics Desk — register.db")
	s, err := watch.wait(5*time.Second, never)
	if err != nil {
		t.Fatalf("the window renamed to the register's title on screen: %v", err)
	}
	if s.id != uint32(app.id) {
		t.Errorf("reported window %d, want the renamed one, %d (the hidden one is %d)", s.id, app.id, hidden.id)
	}
	if s.at.Before(renamed) {
		t.Errorf("reported at %v, before the rename at %v", s.at, renamed)
	}

	// A second watch, and the hidden window shown: it is reported once
	// it is mapped.
	again, err := watchWindows(display, regexp.MustCompile("^Ethics Desk.*register\\.db$"))
	if err != nil {
		t.Fatal(err)
	}
	defer again.close()
	hidden.show(t)
	if s, err := again.wait(5*time.Second, never); err != nil || s.id != uint32(hidden.id) {
		t.Errorf("the window shown under the title: got %d, %v; want %d", s.id, err, hidden.id)
	}
}

// A program that stops before its window appears is said, not waited for.
func TestWatchStopsWhenTheProgramStops(t *testing.T) {
	_, watch := watchOnNewDisplay(t, "^never$")
	exited := make(chan struct{})
	close(exited)
	if _, err := watch.wait(time.Minute, exited); err == nil {
		t.Error("no error for a program that stopped before its window")
	}
}
