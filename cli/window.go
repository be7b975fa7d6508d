package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/app"
	"ethicsdesk/assets"
	"ethicsdesk/cases"
	"ethicsdesk/demo"
	"ethicsdesk/internal/startgc"
	"ethicsdesk/internal/starttrace"
	"ethicsdesk/store"
	"ethicsdesk/ui"
)

// demoCases is the size of the demo register made on first use of --demo.
const demoCases = 2000

// restoredEnv carries, across the restart that follows a restore, where the
// replaced register was kept, so the new window can say so.
const restoredEnv = "ETHICSDESK_RESTORED_ASIDE"

// restoreFailedEnv carries, across the same restart, why a restore that
// had already closed the register was refused.
const restoreFailedEnv = "ETHICSDESK_RESTORE_FAILED"

// runWindow opens the register window: the user's own register under the
// app's storage root, the demo register, or the file given with --db.
func runWindow(args []string, stderr io.Writer) (code int) {
	fs := flag.NewFlagSet("ethicsdesk", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", "", "register file (default: register.db under the app's storage folder)")
	demoMode := fs.Bool("demo", false, "open the demo register, creating and filling it on first use")
	userName := fs.String("user", "", "sign in as this user with the password in $ETHICSDESK_PASSWORD, skipping the sign-in window (for scripts and benchmarks)")
	srv := addServerFlags(fs)
	enrolment := fs.String("enrol", "", "an enrolment file from the administrator (ethicsdesk users enrol): remember its committee server and root, then connect")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *enrolment != "" {
		if srv.given() || *dbPath != "" || *demoMode {
			fmt.Fprintln(stderr, "ethicsdesk: --enrol names the committee server itself; give it without --server, --db or --demo")
			return 2
		}
		e, err := app.Enrol(*enrolment)
		if err != nil {
			fmt.Fprintln(stderr, "ethicsdesk:", err)
			return 1
		}
		*srv.server = e.Server
		if *userName == "" {
			signInAs = e.User
		}
	}
	if srv.given() && (*dbPath != "" || *demoMode) {
		fmt.Fprintln(stderr, "ethicsdesk: give either --server (the committee server) or --db/--demo (a register on this computer), not both")
		return 2
	}
	if display, ok := displayProblem(); !ok {
		sayNoDisplay(stderr, display)
		return 1
	}
	defer func() {
		if r := recover(); r != nil {
			if !windowFailure(r, stderr) {
				panic(r)
			}
			code = 1
		}
	}()
	writeHeapProfileLater()
	// No collection until the first window is up (internal/startgc): at
	// most two seconds, less with --user, whose register window says
	// when it is built.
	collectorBack = startgc.HoldBack(2 * time.Second)
	a := fyneapp.NewWithID(app.ID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	if srv.given() {
		server, trust := srv.values()
		w, err := openServerWindow(a, server, trust, *userName)
		if err != nil {
			showStartupError(a, nil, server, err)
			return 1
		}
		w.showAndRun(a)
		return exitStatusAfterWindow()
	}
	root := a.Storage().RootURI().Path()
	path := *dbPath
	switch {
	case path != "":
	case *demoMode:
		path = filepath.Join(root, "demo.db")
	default:
		path = filepath.Join(root, "register.db")
	}
	w, err := openRegisterWindow(a, path, *demoMode, *userName, stderr)
	if err != nil {
		// Said on stderr too, for the script or shortcut that started it.
		fmt.Fprintln(stderr, "ethicsdesk:", err)
		showStartupError(a, w.filled(), path, err)
		return 1
	}
	w.afterShow = append(w.afterShow, sayWhatTheRestartDid)
	starttrace.Mark("show and run")
	w.showAndRun(a)
	return exitStatusAfterWindow()
}

// sayWhatTheRestartDid says, over the window just shown, what the restore
// that restarted the program did.
func sayWhatTheRestartDid(w fyne.Window) {
	if aside := os.Getenv(restoredEnv); aside != "" {
		os.Unsetenv(restoredEnv)
		dialog.ShowInformation("Register restored",
			fmt.Sprintf("The backup was restored. The previous register is kept as %s.", aside), w)
	}
	if failure := os.Getenv(restoreFailedEnv); failure != "" {
		os.Unsetenv(restoreFailedEnv)
		dialog.ShowError(errors.New(failure), w)
	}
}

// firstWindow is the program's first window, and what is done once it is
// on screen: a window signing in a user named with --user is created
// empty (ui.SigningIn) and filled then.
type firstWindow struct {
	win       fyne.Window
	afterShow []func(fyne.Window)
}

// windowOnly is a first window with nothing to do once shown.
func windowOnly(w fyne.Window) firstWindow { return firstWindow{win: w} }

// signingIn is the first window of a --user start.
func signingIn(s *ui.SigningIn) firstWindow {
	return firstWindow{win: s.Window, afterShow: []func(fyne.Window){func(fyne.Window) { s.Fill() }}}
}

// showAndRun shows the window, does what is to be done once it is on
// screen, and runs the program until it stops.
func (f firstWindow) showAndRun(a fyne.App) {
	f.win.Show()
	starttrace.Mark("window shown")
	for _, after := range f.afterShow {
		after(f.win)
	}
	a.Run()
}

// filled is the window (nil when none was made), ready for another
// content: showStartupError puts the error in it.
func (f firstWindow) filled() fyne.Window {
	for _, after := range f.afterShow {
		after(f.win)
	}
	return f.win
}

// collectorBack lets the garbage collector run again (internal/startgc).
var collectorBack = func() {}

// signInRefusal is why the sign-in of the user named with --user failed,
// once the window has said so; the program then exits with status 1, as
// it did when the check ran before the window opened.
var signInRefusal error

// signInFailed hears a refused --user sign-in: it says why on stderr too,
// for the script that named the user.
func signInFailed(stderr io.Writer) func(error) {
	return func(err error) {
		signInRefusal = err
		fmt.Fprintln(stderr, "ethicsdesk:", err)
	}
}

func exitStatusAfterWindow() int {
	if signInRefusal != nil {
		return 1
	}
	return 0
}

// openRegisterWindow opens (and for the demo, fills) the register, checks
// it, starts the day's backup and builds the sign-in window, which opens the
// register window for the user who signs in. When the register does not
// open it returns why, and the window made meanwhile (if any) for
// showStartupError to say it in.
func openRegisterWindow(a fyne.App, path string, demoMode bool, userName string, stderr io.Writer) (firstWindow, error) {
	// A password is checked on this computer next (--user's, or the
	// sign-in window's): its memory is made ready while the register
	// opens and the window starts, so the check takes no page faults
	// (about half its time alone, more beside the window's start-up).
	cases.PreparePasswordCheck()
	if userName == "" {
		reg, err := openRegister(a, path, demoMode, stderr)
		if err != nil {
			return firstWindow{}, err
		}
		w := ui.NewStartWindow(a, reg.svc, reg.opt)
		a.Lifecycle().SetOnStopped(endings.run)
		return windowOnly(w), nil
	}
	// With --user the register is opened and the password checked on
	// another goroutine while this one (Fyne's main goroutine) makes the
	// window, and Fyne's fonts load on a third (ui.SigningIn): each took
	// a tenth of a second, one after the other, before the window
	// appeared.
	opened := make(chan openedRegister, 1)
	check := startSignIn(func() (cases.User, error) {
		reg, err := openRegister(a, path, demoMode, stderr)
		opened <- openedRegister{reg, err}
		if err != nil {
			return cases.User{}, err
		}
		return reg.svc.Login(context.Background(), userName, os.Getenv("ETHICSDESK_PASSWORD"))
	})
	s := ui.NewSigningIn(a, userName)
	starttrace.Mark("signing-in window made")
	o := <-opened
	if o.err != nil {
		return signingIn(s), o.err
	}
	a.Lifecycle().SetOnStopped(endings.run)
	s.Continue(o.reg.svc, o.reg.opt, check, signInFailed(stderr))
	return signingIn(s), nil
}

// openedRegister is openRegister's result, handed from the goroutine that
// opened the register to the window's.
type openedRegister struct {
	reg *localRegister
	err error
}

// localRegister is an open register file and the window's options for it.
type localRegister struct {
	svc cases.API
	opt ui.Options
}

// openRegister opens (and for the demo, fills) the register, checks it and
// starts the day's backup. It touches no widget: it may run on any
// goroutine. The register file is closed when the program stops.
func openRegister(a fyne.App, path string, demoMode bool, stderr io.Writer) (*localRegister, error) {
	_, statErr := os.Stat(path)
	fresh := errors.Is(statErr, os.ErrNotExist)
	db, err := store.Open(path, store.Options{})
	if err != nil {
		return nil, err
	}
	starttrace.Mark("opened")
	ctx := context.Background()
	if demoMode && fresh {
		if err := demo.Seed(ctx, db, demo.SeedOptions{Cases: demoCases, Notes: 4 * demoCases, Seed: 1, Opinions: demo.DefaultOpinions}); err != nil {
			db.Close()
			return nil, fmt.Errorf("creating the demo register: %w", err)
		}
	}
	// The banner and the demo password follow the register's own mark,
	// not the --demo flag.
	isDemo, err := db.IsDemonstration(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	if demoMode && !isDemo {
		db.Close()
		return nil, fmt.Errorf("%s is not marked as a demonstration register (an older version made it, or it holds real work), so the demo accounts cannot sign in there. Move it away to have a new demo register made, or open it without --demo.", path)
	}
	m := &maintenance{db: db, path: db.Path}
	go m.checkHealth(a)
	if !db.ReadOnly {
		go m.dailyBackup(stderr)
	}
	// The sign-in window closes once the register opens, so the register
	// file is closed when the program stops rather than with a window.
	endings.add(func() { db.Close() })
	return &localRegister{
		svc: app.NewService(db, m),
		opt: ui.Options{DBPath: db.Path, ReadOnly: db.ReadOnly, Demo: isDemo, BackupDir: m.backupDir(), TrimMemory: debug.FreeOSMemory, Started: collectorBack, FollowChanges: true,
			Servers: endings.servers()},
	}, nil
}

// startSignIn starts signIn at once on a goroutine of its own and returns
// the wait for its result. The sign-in of --user starts before the first
// window is made, which starts the graphics (GLFW and the GL context,
// 35–80 ms of the main goroutine): the password check (argon2id) no longer
// waits for them, on a machine with a second core.
func startSignIn(signIn func() (cases.User, error)) func() (cases.User, error) {
	type result struct {
		actor cases.User
		err   error
	}
	done := make(chan result, 1)
	go func() {
		actor, err := signIn()
		starttrace.Mark("login checked")
		done <- result{actor, err}
	}()
	return func() (cases.User, error) {
		r := <-done
		return r.actor, r.err
	}
}

// signInAs is the user name the sign-in screen starts with (from an
// enrolment file).
var signInAs string

// openServerWindow connects to the committee server and builds the sign-in
// window (or, with userName, the register window) over it: the same window
// as on a local register, the rules applied by the server. Backups and
// restores are the server administrator's.
func openServerWindow(a fyne.App, server, trust, userName string) (firstWindow, error) {
	ctx := context.Background()
	client, err := app.Connect(ctx, server, trust)
	if err != nil {
		return firstWindow{}, err
	}
	// A first call proves the server is the committee's (its certificate
	// chains to the trusted root) before any password is typed.
	if _, err := client.HasUsers(ctx); err != nil {
		return firstWindow{}, err
	}
	opt := ui.Options{DBPath: client.Address(), Server: client.Address(), TrimMemory: debug.FreeOSMemory, Started: collectorBack, FollowChanges: true, SignInAs: signInAs,
		Servers: endings.servers()}
	endings.add(func() { client.SignOut(context.Background()) })
	a.Lifecycle().SetOnStopped(endings.run)
	if userName != "" {
		check := startSignIn(func() (cases.User, error) {
			return client.Login(ctx, userName, os.Getenv(app.PasswordEnv))
		})
		s := ui.NewSigningIn(a, userName)
		s.Continue(client, opt, check, signInFailed(os.Stderr))
		return signingIn(s), nil
	}
	return windowOnly(ui.NewStartWindow(a, client, opt)), nil
}

// endings are what the program does when it stops: close the register
// file, sign out of the committee servers the sign-in screen connected to.
var endings = &stopEndings{}

type stopEndings struct {
	mu   sync.Mutex
	list []app.Ending
}

func (e *stopEndings) add(f app.Ending) {
	e.mu.Lock()
	e.list = append(e.list, f)
	e.mu.Unlock()
}

func (e *stopEndings) run() {
	e.mu.Lock()
	list := e.list
	e.list = nil
	e.mu.Unlock()
	for _, f := range list {
		f()
	}
}

// servers is how the sign-in screen reaches a committee server.
func (e *stopEndings) servers() ui.Servers {
	return app.Servers{OnConnected: e.add}
}

// maintenance backs up and restores the open register for the window.
type maintenance struct {
	db   *store.DB
	path string
}

func (m *maintenance) backupDir() string {
	dir, _, err := m.db.BackupSettings(context.Background())
	if err != nil || dir == "" {
		return store.DefaultBackupDir(m.path)
	}
	return dir
}

// checkHealth runs SQLite's quick check once the window is up: it reads
// every page (more than a second on a register of 100,000 cases), so
// waiting for it would slow every start. A damaged file is reported as soon
// as it is found, with the offer to restore the newest backup.
func (m *maintenance) checkHealth(a fyne.App) {
	time.Sleep(2 * time.Second) // let the first window draw before reading the whole file
	h, err := m.db.StartupHealth(context.Background())
	msg := h.Message
	if err != nil {
		msg = err.Error()
	}
	if msg == "" {
		return
	}
	fyne.Do(func() {
		w := a.NewWindow("Ethics Desk — the register needs attention")
		l := widget.NewLabel(msg)
		l.Wrapping = fyne.TextWrapWord
		w.SetContent(container.NewBorder(nil, container.NewHBox(widget.NewButton("Close", w.Close)), nil, nil, l))
		w.Resize(fyne.NewSize(600, 220))
		w.Show()
		if h.Damaged() {
			if latest, err := m.LatestBackup(); err == nil && latest != "" {
				ui.OfferRestore(w, msg, latest, func() {
					if _, err := m.Restore(context.Background(), latest); err != nil {
						dialog.ShowError(err, w)
					}
				})
			}
		}
	})
}

// dailyBackup makes the day's automatic backup in the background, so a
// large register does not delay the window.
func (m *maintenance) dailyBackup(stderr io.Writer) {
	dir, keep, err := m.db.BackupSettings(context.Background())
	if err == nil {
		_, err = store.AutoBackup(m.db, dir, keep, time.Now())
	}
	if err != nil {
		fmt.Fprintln(stderr, "automatic backup:", err)
	}
}

func (m *maintenance) Backup(ctx context.Context, path string) (string, error) {
	res, err := m.db.BackupTo(ctx, path, true)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("The register was copied to %s and the copy checked: %v.", path, res), nil
}

func (m *maintenance) LatestBackup() (string, error) {
	return store.LatestBackup(m.backupDir(), m.path)
}

// Restore closes the register, puts the backup in its place (keeping the
// current file aside) and starts the program again on the restored file,
// so that no window holds on to the replaced one. What can be known
// beforehand (the file is a register's backup, no other process has the
// register open) is checked while the register is still open here, so a
// refusal leaves the window as it was; a later refusal restarts the program
// on the unchanged register and says why.
func (m *maintenance) Restore(ctx context.Context, from string) (string, error) {
	if err := store.CheckBackupFile(from); err != nil {
		return "", err
	}
	if err := m.db.OthersHaveOpen(); err != nil {
		return "", err
	}
	if err := m.db.Close(); err != nil {
		return "", err
	}
	aside, err := store.Restore(ctx, m.path, from, time.Now())
	if err != nil {
		return "", restart("", err.Error())
	}
	return aside, restart(aside, "")
}

// restart runs the program again in place of this one, telling the new
// window where the replaced register was kept (aside) or why the restore
// was refused (failure). It returns only when it could not restart.
func restart(aside, failure string) error {
	exe, err := os.Executable()
	if err == nil {
		os.Setenv(restoredEnv, aside)
		os.Setenv(restoreFailedEnv, failure)
		err = syscall.Exec(exe, os.Args, os.Environ())
	}
	if failure != "" {
		return fmt.Errorf("%s Ethics Desk could not start again (%v): close it and start it again.", failure, err)
	}
	return fmt.Errorf("The backup was restored (the previous register is kept as %s), but Ethics Desk could not start again (%v): close it and start it again.", aside, err)
}

// showStartupError explains in a window why the register did not open and,
// when the file is damaged, offers to restore the newest backup.
func showStartupError(a fyne.App, w fyne.Window, path string, err error) {
	if w == nil {
		w = a.NewWindow("Ethics Desk")
	}
	w.SetTitle("Ethics Desk")
	assets.WaitTranslations()
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	w.SetContent(container.NewBorder(nil, container.NewHBox(widget.NewButton("Quit", a.Quit)), nil, nil, msg))
	w.Resize(fyne.NewSize(600, 220))
	var oe *store.OpenError
	if store.IsDamaged(err) || (errors.As(err, &oe) && oe.Path != "") {
		if latest, lerr := store.LatestBackup(store.DefaultBackupDir(path), path); lerr == nil && latest != "" && store.IsDamaged(err) {
			ui.OfferRestore(w, err.Error(), latest, func() {
				aside, rerr := store.Restore(context.Background(), path, latest, time.Now())
				if rerr == nil {
					rerr = restart(aside, "")
				}
				dialog.ShowError(rerr, w)
			})
		}
	}
	w.ShowAndRun()
}
