package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/assets"
	"ethicsdesk/cases"
	"ethicsdesk/issuing"
	"ethicsdesk/store"
)

const (
	rappPassword  = "rapporteur password 1"
	chairPassword = "chair password one 1"
)

// opinionWorld is a real temporary register with an administrator, a
// rapporteur and a chair who hold signing keys, and one case in opinion
// drafting whose rapporteur has declared no conflict.
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
}

func newOpinionWorld(tb testing.TB) *opinionWorld {
	tb.Helper()
	os.Setenv("LANG", "en_US.UTF-8")
	if err := assets.LoadTranslations(); err != nil {
		tb.Fatal(err)
	}
	cases.CheapPasswordHashingForTests()
	ctx := context.Background()
	path := filepath.Join(tb.TempDir(), "register.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	w := &opinionWorld{tb: tb, app: test.NewTempApp(tb), db: db, svc: cases.NewService(db, nil), keys: issuing.Keyring{Keys: db}}
	w.svc.SetPublishing(cases.Publishing{Store: db, Publisher: issuing.Publisher{Letterhead: db}, Signer: w.keys})
	w.queue = &uiQueue{ch: make(chan func(), 1024)}
	w.run = newRunner(w.queue.post)
	w.opt = Options{DBPath: path, Keys: w.keys, KeyStatus: db, Letters: issuing.Publisher{Letterhead: db}}
	if w.admin, err = w.svc.Bootstrap(ctx, "admin", "Administrator", testPassword); err != nil {
		tb.Fatal(err)
	}
	mk := func(user, name string, role cases.Role, pw string) cases.User {
		u, err := w.svc.CreateUser(ctx, w.admin, cases.NewAccount{Username: user, DisplayName: name, Role: role, Password: pw})
		if err != nil {
			tb.Fatal(err)
		}
		return u
	}
	w.rapp = mk("chen", "Dr. Chen Jie 陈杰", cases.RoleMember, rappPassword)
	w.chair = mk("wang", "Prof. Wang Fang 王芳", cases.RoleChair, chairPassword)
	if err := w.keys.CreateRoot(ctx, w.admin, testPassword); err != nil {
		tb.Fatal(err)
	}
	for u, pw := range map[*cases.User]string{&w.rapp: rappPassword, &w.chair: chairPassword} {
		if err := w.keys.IssueMemberKey(ctx, w.admin, testPassword, *u, pw); err != nil {
			tb.Fatal(err)
		}
	}
	now := time.Now().UTC()
	c := cases.Case{Draft: cases.Draft{TypeCode: "privacy_complaint", Title: "Face data kept without consent",
		Summary: "Faces are said to be stored without consent.", ReceivedOn: cases.DateOf(now.AddDate(0, -1, 0)), Channel: cases.ChannelEmail,
		Submitter:  cases.Submitter{Kind: cases.SubmitterPerson, Name: "Zhang Wei", Contact: "zhang.wei@example.org"},
		Respondent: "Metro Co.", AISystem: "GateFace", Sector: "transport", Risk: cases.RiskHigh, Breach: "privacy", Priority: cases.PriorityNormal},
		Status: cases.OpinionDrafting, RapporteurID: w.rapp.ID, Rapporteur: w.rapp.Name(), CreatedAt: now, CreatedBy: "test", UpdatedAt: now, UpdatedBy: "test"}
	batch := []cases.ImportedCase{{Case: c, History: []cases.StatusChange{
		{At: now.AddDate(0, 0, -20), Actor: "test", From: cases.Received, To: cases.Screening},
		{At: now.AddDate(0, 0, -19), Actor: "test", From: cases.Screening, To: cases.UnderReview},
		{At: now.AddDate(0, 0, -10), Actor: "test", From: cases.UnderReview, To: cases.Deliberation},
		{At: now.AddDate(0, 0, -5), Actor: "test", From: cases.Deliberation, To: cases.OpinionDrafting}}}}
	if err := db.ImportCases(ctx, batch, cases.AuditEntry{Actor: cases.System, Action: "test.import", Entity: "register"}); err != nil {
		tb.Fatal(err)
	}
	w.caseID = batch[0].Case.ID
	if err := w.svc.DeclareInterest(ctx, w.rapp, w.caseID, false, ""); err != nil {
		tb.Fatal(err)
	}
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
