package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// menuItemNamed finds a main-menu item by its menu and label.
func menuItemNamed(t *testing.T, w fyne.Window, menu, label string) *fyne.MenuItem {
	t.Helper()
	if w.MainMenu() == nil {
		t.Fatalf("the window has no menus (looking for %s › %s)", menu, label)
	}
	for _, m := range w.MainMenu().Items {
		if m.Label != menu {
			continue
		}
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no %s › %s", menu, label)
	return nil
}

// The register says who is signed in; File › Sign out closes the session's
// windows and shows the sign-in screen in the same window, from which the
// next person signs in without the program quitting.
func TestSignOutReturnsToSignInWithoutQuitting(t *testing.T) {
	p := newPeople(t)
	c, err := p.svc.CreateCase(t.Context(), p.sec, validDraft(1))
	if err != nil {
		t.Fatal(err)
	}
	ls := newLoginScreen(p.app, p.svc, Options{}, p.d.run)
	test.Type(ls.username, "sec")
	test.Type(ls.password, testPassword)
	test.Tap(ls.submit)
	p.settle()
	d := ls.signedIn
	if d == nil || d.register == nil {
		t.Fatalf("signing in opened no register: %q", ls.message.Text)
	}
	win := d.register.win
	if got := d.register.who.Text; got != "Signed in as Li Na (Secretariat)" {
		t.Fatalf("the register says %q about who is signed in", got)
	}
	cw := d.openCase(c.ID)
	p.settle()
	menuItemNamed(t, win, "File", "Sign out").Action()
	p.settle()

	if d.signedOutTo == nil || win.MainMenu() != nil {
		t.Fatal("signing out did not show the sign-in screen")
	}
	for _, w := range p.app.Driver().AllWindows() {
		if w == cw.win {
			t.Fatal("the case window stayed open after signing out")
		}
	}
	if texts := labelTexts(win.Content()); !containsPart(texts, "Sign in to the register.") || containsPart(texts, c.Reference) {
		t.Fatalf("after signing out the window shows %v", texts)
	}
	next := d.signedOutTo
	test.Type(next.username, "wang")
	test.Type(next.password, testPassword)
	test.Tap(next.submit)
	p.settle()
	if next.signedIn == nil || next.signedIn.register.win != win {
		t.Fatalf("the chair's session did not open in the same window: %q", next.message.Text)
	}
	if got := next.signedIn.register.who.Text; !strings.Contains(got, "Prof. Wang Fang") || !strings.Contains(got, "Chair") {
		t.Fatalf("after the chair signs in the register says %q", got)
	}
}
