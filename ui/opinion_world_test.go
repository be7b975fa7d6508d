package ui

import (
	"context"
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/assets"
	"ethicsdesk/cases"
	"ethicsdesk/internal/testworld"
	"ethicsdesk/issuing"
	"ethicsdesk/store"
)

const (
	rappPassword  = "rapporteur password 1"
	chairPassword = "chair password one 1"
)

// opinionWorld is the shared test register (testworld: an administrator,
// a rapporteur and a chair who hold signing keys, and one case in opinion
// drafting whose rapporteur has declared no conflict) seen through a Fyne
// test app, with the background queue the desks post to.
type opinionWorld struct {
	tb                 testing.TB
	app                fyne.App
	db                 *store.DB
	svc                *cases.Service
	keys               issuing.Keyring
	queue              *uiQueue
	run                *runner
	opt                Options
	admin, rapp, chair cases.User
	caseID             int64
	tw                 *testworld.World
}

func newOpinionWorld(tb testing.TB) *opinionWorld {
	tb.Helper()
	os.Setenv("LANG", "en_US.UTF-8")
	if err := assets.LoadTranslations(); err != nil {
		tb.Fatal(err)
	}
	tw := testworld.New(tb, testworld.Options{AdminPassword: testPassword, RapporteurPassword: rappPassword, ChairPassword: chairPassword})
	w := &opinionWorld{tb: tb, app: test.NewTempApp(tb), db: tw.DB, svc: tw.Service, keys: tw.Keys,
		admin: tw.Admin, rapp: tw.Rapporteur, chair: tw.Chair, caseID: tw.AddCaseInOpinionDrafting(tb, nil), tw: tw}
	w.queue = &uiQueue{ch: make(chan func(), 1024)}
	w.run = newRunner(w.queue.post)
	w.opt = Options{DBPath: tw.Path}
	return w
}

// deskFor is the program as signed in by u.
func (w *opinionWorld) deskFor(u cases.User) *desk {
	d := newDesk(w.app, w.svc, u, w.opt, w.run)
	d.types, _ = w.svc.CaseTypes(context.Background())
	return d
}

// settle runs queued UI updates until no background work is left.
func (w *opinionWorld) settle() {
	w.tb.Helper()
	if !w.queue.drain(w.run, 30*time.Second) {
		w.tb.Fatal("background work did not finish")
	}
}

// buttonsIn lists the buttons inside o with the given text, in order.
func buttonsIn(o fyne.CanvasObject, text string) []*widget.Button {
	var out []*widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch c := o.(type) {
		case *widget.Button:
			if c.Text == text {
				out = append(out, c)
			}
		case *fyne.Container:
			for _, ch := range c.Objects {
				walk(ch)
			}
		case fyne.Widget:
			for _, ch := range test.WidgetRenderer(c).Objects() {
				walk(ch)
			}
		}
	}
	walk(o)
	return out
}
