package main

import (
	"errors"
	"fmt"
	"io"
	"log"
	"regexp"
	"sync"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// windowWatch hears the X server say that a top-level window was mapped
// or renamed, and notes the moment a mapped window's title first matches.
//
// Why not xdotool: the suite asked `xdotool search` every 10 ms whether
// the window was there, and each ask is a new process that connects to
// the display and walks its windows: about a third of a CPU, taken from
// the program being timed. On two CPUs that cost the register window,
// whose start-up keeps both busy (the window's OpenGL on one, the fonts
// and the password check on the other), 17 ms a start, and the bare
// window, which keeps one busy, 4 ms (medians of eight and ten starts
// asked for every 10 ms and every 100 ms, each program's own trace of
// when its window was shown). The X server's events cost nothing until
// they come, and come when the server maps or renames the window.
type windowWatch struct {
	conn  *xgb.Conn
	title *regexp.Regexp
	names []xproto.Atom // _NET_WM_NAME, WM_NAME

	found chan windowSeen
	once  sync.Once
}

func init() {
	// xgb logs to stderr that Xvfb wants no authority file, once a
	// connection, between the suite's lines.
	xgb.Logger = log.New(io.Discard, "", 0)
}

// windowSeen is a window whose title matched, and when it was heard of.
type windowSeen struct {
	id uint32
	at time.Time
}

// watchWindows connects to display and starts listening for top-level
// windows; start the program to be timed only once it returns.
func watchWindows(display string, title *regexp.Regexp) (*windowWatch, error) {
	conn, err := xgb.NewConnDisplay(display)
	if err != nil {
		return nil, fmt.Errorf("connecting to the X display %s: %w", display, err)
	}
	w := &windowWatch{conn: conn, title: title, found: make(chan windowSeen, 1)}
	root := xproto.Setup(conn).DefaultScreen(conn).Root
	// Top-level windows are the root's children (Xvfb runs no window
	// manager): their creation, mapping and unmapping come to the root.
	if err := xproto.ChangeWindowAttributesChecked(conn, root, xproto.CwEventMask,
		[]uint32{xproto.EventMaskSubstructureNotify}).Check(); err != nil {
		conn.Close()
		return nil, fmt.Errorf("listening to the windows of %s: %w", display, err)
	}
	netName, err := xproto.InternAtom(conn, false, uint16(len("_NET_WM_NAME")), "_NET_WM_NAME").Reply()
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("asking %s for _NET_WM_NAME: %w", display, err)
	}
	w.names = []xproto.Atom{netName.Atom, xproto.AtomWmName}
	go w.listen()
	return w, nil
}

// listen reads the server's events until the connection closes.
func (w *windowWatch) listen() {
	mapped := map[xproto.Window]bool{}
	for {
		ev, xerr := w.conn.WaitForEvent()
		if ev == nil && xerr == nil {
			return // closed
		}
		heard := time.Now()
		switch e := ev.(type) {
		case xproto.CreateNotifyEvent:
			// Renames come to the window itself: ask for them before
			// reading its title, so none falls between.
			xproto.ChangeWindowAttributes(w.conn, e.Window, xproto.CwEventMask,
				[]uint32{xproto.EventMaskPropertyChange})
		case xproto.MapNotifyEvent:
			mapped[e.Window] = true
			w.check(e.Window, heard)
		case xproto.UnmapNotifyEvent:
			delete(mapped, e.Window)
		case xproto.DestroyNotifyEvent:
			delete(mapped, e.Window)
		case xproto.PropertyNotifyEvent:
			if mapped[e.Window] && (e.Atom == w.names[0] || e.Atom == w.names[1]) {
				w.check(e.Window, heard)
			}
		}
	}
}

// check reads a mapped window's title and reports the window if it
// matches (the first match only).
func (w *windowWatch) check(win xproto.Window, heard time.Time) {
	if w.title.MatchString(w.windowTitle(win)) {
		w.once.Do(func() { w.found <- windowSeen{id: uint32(win), at: heard} })
	}
}

// windowTitle is the window's _NET_WM_NAME, or its WM_NAME without one
// (as xdotool reads it).
func (w *windowWatch) windowTitle(win xproto.Window) string {
	for _, atom := range w.names {
		r, err := xproto.GetProperty(w.conn, false, win, atom, xproto.GetPropertyTypeAny, 0, 1024).Reply()
		if err == nil && r != nil && len(r.Value) > 0 {
			return string(r.Value)
		}
	}
	return ""
}

// wait returns the window once its title matches, or an error when exited
// closes first or the time runs out.
func (w *windowWatch) wait(limit time.Duration, exited <-chan struct{}) (windowSeen, error) {
	select {
	case s := <-w.found:
		return s, nil
	case <-exited:
		return windowSeen{}, errors.New("the program stopped before its window appeared")
	case <-time.After(limit):
		return windowSeen{}, fmt.Errorf("no window matching %q within %s", w.title, limit)
	}
}

func (w *windowWatch) close() { w.conn.Close() }
