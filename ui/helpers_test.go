package ui

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/assets"
	"ethicsdesk/cases"
	"ethicsdesk/store"
)

var secretary = cases.User{ID: 1, Username: "sec", DisplayName: "Li Na", Role: cases.RoleSecretariat, Active: true}

// testClock is a settable clock so tests can register cases "in the past".
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// uiQueue stands in for fyne.Do: results of background loads wait in a
// queue until the test goroutine runs them, so widgets are only touched
// from the test goroutine.
type uiQueue struct{ ch chan func() }

func (q *uiQueue) post(f func()) { q.ch <- f }

// drain runs queued UI updates on the test goroutine until no background
// work is running or queued; false if that takes longer than limit.
func (q *uiQueue) drain(run *runner, limit time.Duration) bool {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case f := <-q.ch:
			f()
			continue
		default:
		}
		if run.inFlight.Load() == 0 && len(q.ch) == 0 {
			return true
		}
		time.Sleep(time.Millisecond)
	}
	return false
}

type harness struct {
	t     *testing.T
	app   fyne.App
	db    *store.DB
	svc   *cases.Service
	clock *testClock
	queue *uiQueue
	d     *desk
}

func newHarness(t *testing.T, opt Options) *harness {
	t.Helper()
	os.Setenv("LANG", "en_US.UTF-8")
	if err := assets.LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "register.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	clock := &testClock{t: time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local)}
	svc := cases.NewService(db, clock.now)
	a := test.NewTempApp(t)
	q := &uiQueue{ch: make(chan func(), 1024)}
	opt.DBPath = path
	h := &harness{t: t, app: a, db: db, svc: svc, clock: clock, queue: q}
	h.d = newDesk(a, svc, secretary, opt, newRunner(q.post))
	return h
}

// settle runs queued UI updates until no load is running or queued.
func (h *harness) settle() {
	h.t.Helper()
	if !h.queue.drain(h.d.run, 20*time.Second) {
		h.t.Fatal("background loads did not finish")
	}
}

func validDraft(i int) cases.Draft {
	return cases.Draft{TypeCode: "privacy_complaint", Title: "Face recognition at metro gate " + itoa(i),
		Summary: "Faces are said to be stored without consent.", ReceivedOn: cases.MustDate("2026-03-02"),
		Channel: cases.ChannelEmail, Submitter: cases.Submitter{Kind: cases.SubmitterPerson, Name: "Zhang Wei"},
		Respondent: "Metro Co.", AISystem: "GateFace", Sector: "transport", CatalogueCode: "G54",
		Risk: cases.RiskHigh, Breach: "privacy", Priority: cases.PriorityNormal}
}

func (h *harness) seed(n int) {
	h.t.Helper()
	for i := 0; i < n; i++ {
		if _, err := h.svc.CreateCase(context.Background(), secretary, validDraft(i)); err != nil {
			h.t.Fatal(err)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// labelTexts lists the text of every visible label drawn inside o: what a
// user would read there. It walks the widgets' live renderers
// (test.LaidOutObjects would build new ones and lose the table's state).
func labelTexts(o fyne.CanvasObject) []string {
	var out []string
	visitVisible(o, func(o fyne.CanvasObject) bool {
		if l, ok := o.(*widget.Label); ok {
			out = append(out, l.Text)
			return false
		}
		return true
	})
	return out
}

// visitVisible calls visit on o and every visible object inside it,
// widgets' parts included; visit returns false to skip an object's insides.
func visitVisible(o fyne.CanvasObject, visit func(fyne.CanvasObject) bool) {
	if o == nil || !o.Visible() || !visit(o) {
		return
	}
	switch c := o.(type) {
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			visitVisible(child, visit)
		}
	case *fyne.Container:
		for _, child := range c.Objects {
			visitVisible(child, visit)
		}
	}
}

func contains(list []string, want string) bool {
	for _, s := range list {
		if s == want {
			return true
		}
	}
	return false
}

func containsPart(list []string, part string) bool {
	for _, s := range list {
		if strings.Contains(s, part) {
			return true
		}
	}
	return false
}
