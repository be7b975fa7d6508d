package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
)

const testPassword = "correct horse battery"

// loginHarness is a login screen on a real temporary register.
func newLoginHarness(t *testing.T) (*harness, *loginScreen, *cases.User) {
	t.Helper()
	passwordcost.Cheap()
	h := newHarness(t, Options{})
	ls := newLoginScreen(h.app, h.svc, Options{}, h.d.run)
	var signedIn cases.User
	ls.onSignedIn = func(u cases.User) { signedIn = u }
	return h, ls, &signedIn
}

func TestFirstRunCreatesTheAdministratorThenSignsIn(t *testing.T) {
	h, ls, signedIn := newLoginHarness(t)
	if !ls.first || ls.submit.Text != "Create administrator" {
		t.Fatalf("an empty register does not ask for the administrator (first=%v, button %q)", ls.first, ls.submit.Text)
	}
	test.Type(ls.username, "admin")
	test.Type(ls.displayName, "The Administrator")
	test.Type(ls.password, "short")
	test.Type(ls.repeat, "short")
	test.Tap(ls.submit)
	h.settle()
	if !strings.Contains(ls.message.Text, "at least 10") || signedIn.ID != 0 {
		t.Fatalf("a short password: %q", ls.message.Text)
	}
	test.Type(ls.password, testPassword)
	test.Type(ls.repeat, testPassword)
	test.Tap(ls.submit)
	h.settle()
	if signedIn.Role != cases.RoleAdministrator || signedIn.Username != "admin" {
		t.Fatalf("bootstrap did not sign in the administrator: %+v (%q)", *signedIn, ls.message.Text)
	}
	// The next start signs in.
	ls2 := newLoginScreen(h.app, h.svc, Options{}, h.d.run)
	if ls2.first || ls2.submit.Text != "Sign in" {
		t.Fatal("a register with accounts asks for another administrator")
	}
}

func TestLoginWrongPasswordAndLockoutThroughTheWindow(t *testing.T) {
	h, _, _ := newLoginHarness(t)
	ctx := context.Background()
	if _, err := h.svc.Bootstrap(ctx, "admin", "Admin", testPassword); err != nil {
		t.Fatal(err)
	}
	ls := newLoginScreen(h.app, h.svc, Options{}, h.d.run)
	var signedIn cases.User
	ls.onSignedIn = func(u cases.User) { signedIn = u }
	test.Type(ls.username, "admin")
	for i := 1; i <= 4; i++ {
		test.Type(ls.password, "not the password")
		test.Tap(ls.submit)
		h.settle()
		if ls.message.Text != "The user name or the password is not right." {
			t.Fatalf("wrong password %d: %q", i, ls.message.Text)
		}
		if ls.password.Text != "" {
			t.Fatal("the password box keeps the wrong password")
		}
	}
	test.Type(ls.password, "not the password")
	test.Tap(ls.submit)
	h.settle()
	until := h.clock.now().Add(15 * time.Minute).Format("15:04")
	if !strings.Contains(ls.message.Text, "locked until "+until) {
		t.Fatalf("fifth wrong password: %q", ls.message.Text)
	}
	test.Type(ls.password, testPassword)
	test.Tap(ls.submit)
	h.settle()
	if signedIn.ID != 0 || !strings.Contains(ls.message.Text, "locked") {
		t.Fatalf("the right password opened a locked account: %q", ls.message.Text)
	}
	h.clock.set(h.clock.now().Add(16 * time.Minute))
	test.Type(ls.password, testPassword)
	test.Tap(ls.submit)
	h.settle()
	if signedIn.Username != "admin" || ls.message.Text != "" {
		t.Fatalf("sign-in after the lockout: %+v %q", signedIn, ls.message.Text)
	}
}

// actAsNewSecretary creates the first administrator and a secretary, Li
// Na (password testPassword), and makes her the window's actor.
func (h *harness) actAsNewSecretary() cases.User {
	h.t.Helper()
	ctx := context.Background()
	admin, err := h.svc.Bootstrap(ctx, "admin", "Admin", testPassword)
	if err != nil {
		h.t.Fatal(err)
	}
	sec, err := h.svc.CreateUser(ctx, admin, cases.NewAccount{Username: "sec", DisplayName: "Li Na", Role: cases.RoleSecretariat, Password: testPassword})
	if err != nil {
		h.t.Fatal(err)
	}
	h.d.actor = sec
	return sec
}

func TestInactivityLockHidesTheRegisterAndAsksForThePassword(t *testing.T) {
	h, _, _ := newLoginHarness(t)
	ctx := context.Background()
	sec := h.actAsNewSecretary()
	if _, err := h.svc.CreateCase(ctx, sec, validDraft(1)); err != nil {
		t.Fatal(err)
	}
	r := h.d.openRegister()
	h.settle()
	if !containsPart(labelTexts(r.win.Content()), "1 case") && !containsPart(labelTexts(r.win.Content()), "1 of 1") {
		t.Logf("register labels: %v", labelTexts(r.win.Content()))
	}
	l := newLock(h.d, h.clock.now)
	h.settle() // the setting is read off the window's goroutine

	h.clock.set(h.clock.now().Add(9 * time.Minute))
	l.check()
	if l.locked {
		t.Fatal("locked after 9 of 10 minutes")
	}
	h.clock.set(h.clock.now().Add(time.Minute))
	l.check()
	if !l.locked {
		t.Fatal("not locked after 10 minutes without input")
	}
	texts := labelTexts(r.win.Content())
	if !containsPart(texts, "locked after 10 minutes") || containsPart(texts, "Face recognition") {
		t.Fatalf("locked window shows %v", texts)
	}
	test.Type(l.pass, "not the password")
	test.Tap(findButton(r.win.Content(), "Unlock"))
	h.settle()
	if !l.locked || l.message.Text != "The user name or the password is not right." {
		t.Fatalf("wrong password unlocked or said %q", l.message.Text)
	}
	test.Type(l.pass, testPassword)
	test.Tap(findButton(r.win.Content(), "Unlock"))
	h.settle()
	if l.locked {
		t.Fatalf("the right password did not unlock: %q", l.message.Text)
	}
	if containsPart(labelTexts(r.win.Content()), "locked after") {
		t.Fatal("the register did not come back")
	}
	// Input keeps it open.
	h.clock.set(h.clock.now().Add(8 * time.Minute))
	l.touch()
	h.clock.set(h.clock.now().Add(8 * time.Minute))
	l.check()
	if l.locked {
		t.Fatal("locked although the user was active 8 minutes ago")
	}
	// Keys typed into a text box reach only the box, yet keep it open too.
	box := r.filters.search
	r.win.Canvas().Focus(box)
	test.Type(box, "drone")
	h.clock.set(h.clock.now().Add(time.Minute))
	l.check()
	h.clock.set(h.clock.now().Add(9 * time.Minute))
	l.check()
	if l.locked {
		t.Fatal("locked while the user was typing in the search box 9 minutes ago")
	}
	h.clock.set(h.clock.now().Add(time.Minute))
	l.check()
	if !l.locked {
		t.Fatal("not locked 10 minutes after the typing stopped")
	}
}
