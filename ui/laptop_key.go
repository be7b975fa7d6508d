package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// laptopKeys is the committee server's client, which keeps members'
// signing keys on this computer (remote.Client); a register file has none.
type laptopKeys interface {
	FetchSigningKey(ctx context.Context, actor cases.User, password string) (string, error)
}

// moveKeyItem is the Signatures menu's "Move my signing key to this
// computer…", offered only when the window works on the committee server.
func (r *registerWindow) moveKeyItem() *fyne.MenuItem {
	if _, ok := r.d.svc.(laptopKeys); !ok {
		return nil
	}
	return fyne.NewMenuItem(lang.L("Move my signing key to this computer…"), func() { r.showMoveKey() })
}

// moveKeyDialog is the open "Move my signing key" dialog.
type moveKeyDialog struct {
	*formDialog
	pass    *widget.Entry
	passErr fieldError
}

// showMoveKey asks for the password and moves the signed-in member's key
// from the server to this computer, once.
func (r *registerWindow) showMoveKey() *moveKeyDialog {
	keys := r.d.svc.(laptopKeys)
	f := newFieldForm()
	f.box.Add(quietText(lang.L("The committee server hands over your signing key once, sealed under your password: this computer keeps it, and the server then keeps only your certificate. You sign opinions on this computer from then on.")))
	md := &moveKeyDialog{pass: widget.NewPasswordEntry()}
	md.passErr = f.add("password", lang.L("Password"), md.pass)
	var path string
	md.formDialog = showFormDialog(r.d, r.win, lang.L("Move my signing key"), lang.L("Move the key"), f, func() func() error {
		password := md.pass.Text
		return func() error {
			var err error
			path, err = keys.FetchSigningKey(context.Background(), r.d.actor, password)
			var locked *cases.LockedError
			if errors.Is(err, cases.ErrSignPassword) || errors.As(err, &locked) {
				return cases.FieldErrors{"password": err.Error()}
			}
			return err
		}
	}, func() {
		dialog.ShowInformation(lang.L("Move my signing key"),
			lang.L("Your signing key is now kept on this computer, in {{.Path}}.", map[string]any{"Path": path}), r.win)
	})
	return md
}
