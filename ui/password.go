package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// showChangePassword lets the signed-in user change their own password. The
// service reseals their signing key under the new password in the same
// transaction, so signing keeps working.
func (r *registerWindow) showChangePassword() *passwordDialog {
	f := newFieldForm()
	current, pass, repeat := widget.NewPasswordEntry(), widget.NewPasswordEntry(), widget.NewPasswordEntry()
	pd := &passwordDialog{current: current, pass: pass, repeat: repeat}
	pd.currentErr = f.add("current", lang.L("Current password"), current)
	f.add("password", lang.L("New password"), pass)
	f.add("repeat", lang.L("Password again"), repeat)
	pd.formDialog = showFormDialog(r.d, r.win, lang.L("Change my password"), lang.L("Change password"), f, func() func() error {
		now, next, again := current.Text, pass.Text, repeat.Text
		return func() error {
			if next != again {
				return cases.FieldErrors{"repeat": lang.L("The two passwords are not the same.")}
			}
			err := r.d.svc.ChangePassword(context.Background(), r.d.actor, now, next)
			var locked *cases.LockedError
			if errors.Is(err, cases.ErrWrongPassword) || errors.As(err, &locked) {
				return cases.FieldErrors{"current": err.Error()}
			}
			return err
		}
	}, nil)
	return pd
}

// passwordDialog is the open "Change my password" dialog.
type passwordDialog struct {
	*formDialog
	current, pass, repeat *widget.Entry
	currentErr            fieldError
}
