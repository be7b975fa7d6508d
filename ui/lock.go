package ui

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// inactivityLock hides every window's content after the configured minutes
// without input and asks for the password again. Input is seen through
// the register window's canvas (keys typed outside a text box), a catcher
// beneath its content (mouse movement over anything that does not take the
// pointer itself) and, at each check, the focused text box of every window
// (Fyne hands keys typed into a box to the box alone, so a change of its
// text since the last check is the sign of typing); saving and loading
// call touch too.
type inactivityLock struct {
	d       *desk
	now     func() time.Time
	after   time.Duration
	mu      sync.Mutex
	last    time.Time
	typing  map[fyne.Window]focusedText
	locked  bool
	saved   map[fyne.Window]fyne.CanvasObject
	pass    *widget.Entry
	message *widget.Label
	stopped bool // the session was signed out of: the lock no longer acts
}

// startLock sets up the lock with the committee's setting and a ticker
// that checks it every 15 seconds.
func startLock(d *desk) *inactivityLock {
	l := newLock(d, time.Now)
	go func() {
		for range time.Tick(15 * time.Second) {
			fyne.Do(l.check)
		}
	}()
	return l
}

func newLock(d *desk, now func() time.Time) *inactivityLock {
	l := &inactivityLock{d: d, now: now, last: now()}
	// The committee's setting is read off the main goroutine; the lock
	// counts from sign-in and acts once it is known (l.after 0 until then).
	// A server that cannot be reached is asked again while the register
	// is open, so the lock is armed once it answers.
	var win fyne.Window
	if d.register != nil {
		win = d.register.win
	}
	d.load(win, func(string) {}, nil, func() (func(), error) {
		st, err := d.svc.Settings(context.Background())
		if err != nil {
			return nil, unreachableIn(err)
		}
		return func() { l.after = time.Duration(st.LockMinutes) * time.Minute }, nil
	})
	if d.register != nil {
		w := d.register.win
		w.SetContent(newActivityCatcher(w.Content(), l.touch))
		prevKey := w.Canvas().OnTypedKey()
		w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
			l.touch()
			if prevKey != nil {
				prevKey(ev)
			}
		})
	}
	return l
}

// touch records input now.
func (l *inactivityLock) touch() {
	l.mu.Lock()
	l.last = l.now()
	l.mu.Unlock()
}

// check locks the windows once the idle time has passed.
func (l *inactivityLock) check() {
	if l.stopped {
		return
	}
	if l.typedSinceLastCheck() {
		l.touch()
	}
	l.mu.Lock()
	idle := l.now().Sub(l.last)
	l.mu.Unlock()
	if !l.locked && l.after > 0 && idle >= l.after {
		l.lock()
	}
}

// focusedText is the focused object of a window and the text it held.
type focusedText struct {
	obj  fyne.Focusable
	text string
}

// textEntry is implemented by the app's own entries, which embed
// widget.Entry and so are not *widget.Entry themselves.
type textEntry interface{ entry() *widget.Entry }

// typedSinceLastCheck says whether the focus moved or the focused text box
// changed in any window since the previous check.
func (l *inactivityLock) typedSinceLastCheck() bool {
	now := map[fyne.Window]focusedText{}
	for _, w := range l.windows() {
		f := w.Canvas().Focused()
		ft := focusedText{obj: f}
		switch e := f.(type) {
		case *widget.Entry:
			ft.text = e.Text
		case textEntry:
			ft.text = e.entry().Text
		}
		if f != nil {
			now[w] = ft
		}
	}
	changed := false
	for w, ft := range now {
		if l.typing[w] != ft {
			changed = true
		}
	}
	l.typing = now
	return changed
}

func (l *inactivityLock) windows() []fyne.Window {
	var ws []fyne.Window
	if l.d.register != nil {
		ws = append(ws, l.d.register.win)
	}
	for _, cw := range l.d.caseWins {
		ws = append(ws, cw.win)
	}
	return ws
}

// lock replaces every window's content: the register window asks for the
// password, the others only say that the program is locked.
func (l *inactivityLock) lock() {
	l.locked = true
	l.saved = map[fyne.Window]fyne.CanvasObject{}
	l.pass = widget.NewPasswordEntry()
	l.message = widget.NewLabel("")
	l.message.Importance = widget.DangerImportance
	l.message.Wrapping = fyne.TextWrapWord
	l.pass.OnSubmitted = func(string) { l.unlock() }
	for i, w := range l.windows() {
		l.saved[w] = w.Content()
		for _, o := range w.Canvas().Overlays().List() {
			o.Hide() // an open dialog would show through
		}
		title := widget.NewLabel(lang.L("Ethics Desk is locked after {{.Minutes}} minutes without use.",
			map[string]any{"Minutes": int(l.after.Minutes())}))
		title.Wrapping = fyne.TextWrapWord
		if i > 0 {
			w.SetContent(container.NewCenter(title))
			continue
		}
		who := widget.NewLabel(lang.L("Enter the password of {{.Name}} to go on.", map[string]any{"Name": l.d.actor.Name()}))
		unlock := widget.NewButton(lang.L("Unlock"), l.unlock)
		unlock.Importance = widget.HighImportance
		w.SetContent(container.NewCenter(container.NewVBox(title, who, l.pass, unlock, l.message)))
		w.Canvas().Focus(l.pass)
	}
}

// unlock checks the password (wrong ones count toward the lockout), off
// the main goroutine (over a committee server it is a request), and puts
// the windows back as they were.
func (l *inactivityLock) unlock() {
	password := l.pass.Text
	l.pass.SetText("")
	l.d.run.background(func() func() {
		err := l.d.svc.VerifyPassword(context.Background(), l.d.actor, password)
		return func() { l.unlocked(err) }
	})
}

func (l *inactivityLock) unlocked(err error) {
	if !l.locked {
		return
	}
	if err != nil {
		l.message.SetText(connectionText(err))
		return
	}
	for w, c := range l.saved {
		w.SetContent(c)
	}
	l.saved = nil
	l.locked = false
	l.touch()
}

// activityCatcher sits beneath a window's content and reports mouse
// movement over it.
type activityCatcher struct {
	widget.BaseWidget
	content fyne.CanvasObject
	onInput func()
}

var _ desktop.Hoverable = (*activityCatcher)(nil)

func newActivityCatcher(content fyne.CanvasObject, onInput func()) *activityCatcher {
	a := &activityCatcher{content: content, onInput: onInput}
	a.ExtendBaseWidget(a)
	return a
}

func (a *activityCatcher) CreateRenderer() fyne.WidgetRenderer {
	// The stack places the content at the catcher's origin; the content was
	// the window's, so it still carries the window's offset below the menu.
	return widget.NewSimpleRenderer(container.NewStack(a.content))
}

func (a *activityCatcher) MouseIn(*desktop.MouseEvent)    { a.onInput() }
func (a *activityCatcher) MouseMoved(*desktop.MouseEvent) { a.onInput() }
func (a *activityCatcher) MouseOut()                      {}
