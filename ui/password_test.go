package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestChangeMyPasswordFromTheFileMenu(t *testing.T) {
	h, _, _ := newLoginHarness(t)
	ctx := context.Background()
	h.actAsNewSecretary()
	r := h.d.openRegister()
	h.settle()

	const newPassword = "a much newer password"
	fd := r.showChangePassword()
	test.Type(fd.current, "not my password")
	test.Type(fd.pass, newPassword)
	test.Type(fd.repeat, newPassword)
	test.Tap(fd.confirm)
	h.settle()
	if !fd.currentErr.Visible() || fd.currentErr.Text == "" {
		t.Fatalf("a wrong current password gives no message at its field; form says %v", fd.form.messages())
	}
	if _, err := h.svc.Login(ctx, "sec", newPassword); err == nil {
		t.Fatal("the password changed although the current one was wrong")
	}

	fd.current.SetText(testPassword)
	test.Tap(fd.confirm)
	h.settle()
	if msgs := fd.form.messages(); len(msgs) != 0 {
		t.Fatalf("change refused: %v", msgs)
	}
	if _, err := h.svc.Login(ctx, "sec", newPassword); err != nil {
		t.Fatalf("sign-in with the new password: %v", err)
	}
}
