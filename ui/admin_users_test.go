package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
)

// people is a real temporary register with an administrator, a
// secretary, the chair and six members, all with testPassword.
type people struct {
	*harness
	admin, sec, chair cases.User
	members           []cases.User
}

func newPeople(t *testing.T) *people {
	t.Helper()
	passwordcost.Cheap()
	h := newHarness(t, Options{})
	ctx := context.Background()
	p := &people{harness: h}
	var err error
	if p.admin, err = h.svc.Bootstrap(ctx, "admin", "Administrator", testPassword); err != nil {
		t.Fatal(err)
	}
	add := func(user, name string, role cases.Role) cases.User {
		u, err := h.svc.CreateUser(ctx, p.admin, cases.NewAccount{Username: user, DisplayName: name, Role: role, Password: testPassword})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	p.sec = add("sec", "Li Na", cases.RoleSecretariat)
	p.chair = add("wang", "Prof. Wang Fang", cases.RoleChair)
	for _, n := range []string{"Chen Jie", "Liu Yang", "Huang Min", "Sun Li", "Zhao Lei", "Okafor Ada"} {
		add(strings.ToLower(strings.Fields(n)[0]), "Dr. "+n, cases.RoleMember)
	}
	users, _ := h.svc.Users(ctx, p.admin)
	for _, u := range users {
		if u.Role == cases.RoleMember {
			p.members = append(p.members, u)
		}
	}
	return p
}

// as makes u the actor of the window.
func (p *people) as(u cases.User) { p.d.actor = u }

func TestAdministratorCreatesAUserWhoCanThenSignIn(t *testing.T) {
	p := newPeople(t)
	p.as(p.admin)
	u := p.d.openUsers()
	p.settle()
	if !containsPart(cellTexts(u.table, len(u.users), len(userColumns)), "Dr. Liu Yang") {
		t.Fatal("the users list does not show the members")
	}
	test.Tap(u.create)
	p.settle()
	f := u.lastForm
	entries := formEntries(f.form)
	test.Type(entries[0], "Dr. Mei Ling")
	test.Type(entries[1], "mei")
	rolePickOf(f.form).SetSelected("Member")
	p.settle()
	test.Type(entries[2], "short")
	test.Type(entries[3], "short")
	test.Tap(f.confirm)
	p.settle()
	if msgs := f.form.messages(); !containsPart(msgs, "at least 10") {
		t.Fatalf("a short password is not refused at its field: %v", msgs)
	}
	entries[2].SetText(testPassword)
	entries[3].SetText(testPassword + "x")
	test.Tap(f.confirm)
	p.settle()
	if msgs := f.form.messages(); !contains(msgs, "The two passwords are not the same.") {
		t.Fatalf("different passwords: %v", msgs)
	}
	entries[3].SetText(testPassword)
	test.Tap(f.confirm)
	p.settle()
	if msgs := f.form.messages(); len(msgs) > 0 {
		t.Fatalf("creating the user: %v", msgs)
	}
	if !containsPart(cellTexts(u.table, len(u.users), len(userColumns)), "Dr. Mei Ling") {
		t.Fatal("the new user is not listed")
	}

	// The new user signs in on the login screen.
	ls := newLoginScreen(p.app, p.svc, Options{}, p.d.run)
	var signedIn cases.User
	ls.onSignedIn = func(u cases.User) { signedIn = u }
	test.Type(ls.username, "mei")
	test.Type(ls.password, testPassword)
	test.Tap(ls.submit)
	p.settle()
	if signedIn.Username != "mei" || signedIn.Role != cases.RoleMember {
		t.Fatalf("the new user could not sign in: %q", ls.message.Text)
	}

	// Deactivated, they no longer can.
	if !u.selectUser("mei") {
		t.Fatal("mei not in the list")
	}
	if err := p.svc.Deactivate(context.Background(), p.admin, signedIn.ID); err != nil {
		t.Fatal(err)
	}
	u.reload()
	p.settle()
	if u.selectUser("mei"); u.active.Text != "Reactivate" {
		t.Fatalf("a deactivated account offers %q", u.active.Text)
	}
	if _, err := p.svc.Login(context.Background(), "mei", testPassword); err != cases.ErrDeactivated {
		t.Fatalf("a deactivated user signs in: %v", err)
	}
}

// formEntries lists a form's text boxes in order.
func formEntries(f *fieldForm) []*widget.Entry {
	var out []*widget.Entry
	for _, o := range f.grid.Objects {
		walkObjects(o, func(x fyne.CanvasObject) {
			if e, ok := x.(*widget.Entry); ok {
				out = append(out, e)
			}
		})
	}
	return out
}

func rolePickOf(f *fieldForm) *widget.Select {
	var sel *widget.Select
	for _, o := range f.grid.Objects {
		walkObjects(o, func(x fyne.CanvasObject) {
			if s, ok := x.(*widget.Select); ok && sel == nil {
				sel = s
			}
		})
	}
	return sel
}

// walkObjects visits o and the objects inside containers (not widgets' parts).
func walkObjects(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	if c, ok := o.(*fyne.Container); ok {
		for _, child := range c.Objects {
			walkObjects(child, visit)
		}
	}
}

// cellTexts is what a table's cells say, row by row.
func cellTexts(t *widget.Table, rows, cols int) []string {
	var out []string
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			l := widget.NewLabel("")
			t.UpdateCell(widget.TableCellID{Row: r, Col: c}, l)
			out = append(out, l.Text)
		}
	}
	return out
}
