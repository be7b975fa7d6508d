// Package ui is the Fyne window of Ethics Desk. It draws the register and the
// cases and forwards what the user does to the domain Service; it holds no
// SQL and no business rules. Every rule (validation, workflow, permissions,
// deadlines) is the Service's, and the window shows the Service's messages.
package ui

import (
	"context"
	"path/filepath"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"ethicsdesk/cases"
)

// Options is how main opens the window.
type Options struct {
	DBPath   string // the register file, shown in the title bar
	ReadOnly bool   // the file was opened read-only: no action that writes is offered
	Demo     bool   // a demonstration register: a banner says so
	// BackupDir is the register's backup folder: no save replaces a file
	// in it ("" for none).
	BackupDir string
	// TrimMemory, if set, runs once background work (loading pages of the
	// register, searching, reports) has been quiet for a second, to give
	// back the memory the work left free; main passes debug.FreeOSMemory.
	TrimMemory func()
	// Started, if set, is called once a window signed in with --user has
	// its register built (or has said why the sign-in failed): main held
	// the garbage collector back until then (internal/startgc).
	Started func()
	// FollowChanges has the window follow the register's change feed once
	// a user signs in, so colleagues' changes appear (ui/changes.go).
	FollowChanges bool
	// Server is the committee server's address when the window works
	// through one ("" on a register file): waits and failures name it.
	Server string
	// SignInAs fills the sign-in screen's user name (from an enrolment).
	SignInAs string
	// Servers, if set, lets the sign-in screen connect to a committee
	// server (by address or with an enrolment file) instead.
	Servers Servers
}

// desk is what every window of one running program shares: the service,
// who is acting, and the open windows, so a change made in one window can
// refresh the others.
type desk struct {
	app   fyne.App
	svc   cases.API
	actor cases.User
	opt   Options
	run   *runner

	register *registerWindow
	caseWins map[int64]*caseWindow
	types    []cases.CaseType
	lastForm *caseForm // the form opened last, for tests

	opinionWins map[int64]*opinionEditor // open opinion editors, by case id
	lock        *inactivityLock          // nil in tests that start none
	signedOutTo *loginScreen             // the sign-in screen after File › Sign out
	saveFolder  string                   // where the last document was saved: the save dialog opens there
	// stopFollowing ends the wait on the change feed; nil when not following.
	stopFollowing context.CancelFunc
	followedTo    atomic.Int64 // the feed's audit number once it answered, for tests
	// pending are the loads waiting to ask the committee server again
	// (reload.go); touched on the main goroutine only.
	pending map[*pendingLoad]bool
}

// NewMainWindow builds the register window; main calls ShowAndRun on it.
func NewMainWindow(a fyne.App, svc cases.API, actor cases.User, opt Options) fyne.Window {
	useDeskTheme(a)
	d := newDesk(a, svc, actor, opt, newProgramRunner(opt))
	var w fyne.Window
	d.run.exclusive(func() {
		d.applyLanguageChoice()
		w = d.openRegister().win
	})
	if opt.FollowChanges {
		d.follow()
	}
	return w
}

func newDesk(a fyne.App, svc cases.API, actor cases.User, opt Options, run *runner) *desk {
	// Case types are few and change only in the settings; reading them once
	// up front lets the table name a type without a query per cell.
	types, _ := svc.CaseTypes(context.Background())
	return newDeskKnowing(a, svc, actor, opt, run, types)
}

// newDeskKnowing is newDesk with the case types read already (by the
// sign-in, off the main goroutine).
func newDeskKnowing(a fyne.App, svc cases.API, actor cases.User, opt Options, run *runner, types []cases.CaseType) *desk {
	d := &desk{app: a, svc: svc, actor: actor, opt: opt, run: run, caseWins: map[int64]*caseWindow{}, types: types}
	keepSaveDialogsFromEmptyingFiles()
	return d
}

// newProgramRunner is the runner of the real program: results land on
// Fyne's main goroutine and quiet spells trim memory.
func newProgramRunner(opt Options) *runner {
	r := newRunner(fyne.Do)
	// The results are handed back one at a time, and not while the first
	// window is being built. Fyne's own driver runs them all on its main
	// goroutine anyway; a driver that runs fyne.Do on the calling goroutine
	// (Fyne's test driver, as the commands' window test uses) would
	// otherwise let two loads that land together touch the same widgets.
	r.oneAtATime = &sync.Mutex{}
	r.post = func(apply func()) { fyne.Do(func() { r.exclusive(apply) }) }
	r.idle = newIdleTrim(idleTrimDelay, opt.TrimMemory)
	return r
}

// fileName is the register's file name for window titles.
func (d *desk) fileName() string {
	if d.opt.DBPath == "" {
		return lang.L("untitled register")
	}
	return filepath.Base(d.opt.DBPath)
}

// can says whether the actor may do a and the register is writable; the
// Service still refuses on its own, this only hides what would be refused.
func (d *desk) can(a cases.Action) bool {
	if d.opt.ReadOnly && a != cases.ActViewRegister && a != cases.ActViewSubmitter {
		return false
	}
	return d.actor.Can(a)
}

// caseChanged is called after any save: the register and every open window
// showing that case refresh.
func (d *desk) caseChanged(id int64) {
	if d.register != nil {
		d.register.reload()
	}
	if cw, ok := d.caseWins[id]; ok {
		cw.reload()
	}
}

// typeName is the display name of a case type, translated when the
// translation file has "type.<code>".
func (d *desk) typeName(code string) string {
	for _, t := range d.types {
		if t.Code == code {
			return lang.X("type."+code, t.Name)
		}
	}
	return lang.X("type."+code, cases.CodeLabel(code))
}
