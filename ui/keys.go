package ui

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
	"ethicsdesk/signing"
)

// KeyManager makes the committee's signing keys and checks signatures
// (issuing.Keyring).
type KeyManager interface {
	CreateRoot(ctx context.Context, admin cases.User, adminPassword string) error
	IssueMemberKey(ctx context.Context, admin cases.User, adminPassword string, member cases.User, memberPassword string) error
	ImportPKCS12(ctx context.Context, member cases.User, p12 []byte, p12Password, memberPassword string) error
	Verify(ctx context.Context, pdf []byte) (*signing.Report, error)
	// RootCertificate is the committee's root, to export and fingerprint;
	// an error when there is none yet.
	RootCertificate(ctx context.Context) (*x509.Certificate, error)
}

// KeyStatus reads which certificates exist (the register, store.DB). The
// window reads certificates only; sealed keys stay unopened.
type KeyStatus interface {
	SigningRoot(ctx context.Context) (cert, sealedKey []byte, err error)
	UserKey(ctx context.Context, userID int64) (cert, chain, sealedKey []byte, err error)
}

// keysWindow is the administrator's window for the committee's root
// certificate and the members' signing keys.
type keysWindow struct {
	d    *desk
	win  fyne.Window
	root *fyne.Container
	list *fyne.Container
	msg  fieldError
}

func (d *desk) openKeys() *keysWindow {
	k := &keysWindow{d: d, root: container.NewVBox(), list: container.NewVBox(), msg: newFieldError()}
	k.win = d.app.NewWindow(lang.L("Signing keys") + " — " + lang.L("Ethics Desk"))
	rootHead := widget.NewLabel(lang.L("Committee root certificate"))
	rootHead.TextStyle = fyne.TextStyle{Bold: true}
	rootHead.SizeName = theme.SizeNameSubHeadingText
	memberHead := widget.NewLabel(lang.L("Members' signing keys"))
	memberHead.TextStyle = fyne.TextStyle{Bold: true}
	memberHead.SizeName = theme.SizeNameSubHeadingText
	explain := widget.NewLabel(lang.L("A member's key is locked with the member's own password, which they type to sign: issuing or importing a key needs the member present to type it."))
	explain.Wrapping = fyne.TextWrapWord
	k.win.SetContent(container.NewBorder(nil, k.msg.Label, nil, nil, container.NewVScroll(container.NewPadded(container.NewVBox(
		rootHead, k.root, widget.NewSeparator(), memberHead, explain, k.list)))))
	k.reload()
	closeOnEscape(k.win, k.win.Close)
	k.win.Resize(fyne.NewSize(820, 620))
	k.win.Show()
	return k
}

func (k *keysWindow) reload() {
	ctx := context.Background()
	k.root.RemoveAll()
	k.list.RemoveAll()
	hasRoot := false
	if k.d.opt.KeyStatus != nil {
		der, _, err := k.d.opt.KeyStatus.SigningRoot(ctx)
		switch {
		case err == nil:
			hasRoot = true
			l := widget.NewLabel(certText(der))
			l.Wrapping = fyne.TextWrapWord
			k.root.Add(l)
		case !errors.Is(err, cases.ErrNotFound):
			k.msg.set(err.Error())
		}
	}
	if !hasRoot {
		l := widget.NewLabel(lang.L("The committee has no root certificate yet. Create it once: it certifies every member's signing key. Its key is locked with your password."))
		l.Wrapping = fyne.TextWrapWord
		pw := widget.NewPasswordEntry()
		pw.SetPlaceHolder(lang.L("Your password (administrator)"))
		create := widget.NewButtonWithIcon(lang.L("Create root certificate"), theme.ContentAddIcon(), func() {
			if err := k.d.opt.Keys.CreateRoot(context.Background(), k.d.actor, pw.Text); err != nil {
				k.msg.set(err.Error())
				return
			}
			k.msg.set("")
			k.reload()
		})
		create.Importance = widget.HighImportance
		k.root.Add(container.NewVBox(l, container.NewBorder(nil, nil, nil, create, pw)))
	}
	users, err := k.d.svc.Users(ctx, k.d.actor)
	if err != nil {
		k.msg.set(err.Error())
		return
	}
	form := container.New(layout.NewFormLayout())
	for _, u := range users {
		if !u.Active {
			continue
		}
		u := u
		name := widget.NewLabel(u.Name())
		name.TextStyle = fyne.TextStyle{Bold: true}
		status := widget.NewLabel(lang.L("No signing key"))
		status.Importance = widget.LowImportance
		if k.d.opt.KeyStatus != nil {
			if der, _, _, err := k.d.opt.KeyStatus.UserKey(ctx, u.ID); err == nil {
				status.SetText(issuerText(der))
				status.Importance = widget.MediumImportance
			}
		}
		status.Wrapping = fyne.TextWrapWord
		issue := widget.NewButton(lang.L("Issue key…"), func() { k.askIssue(u) })
		if !hasRoot {
			issue.Disable()
		}
		imp := widget.NewButton(lang.L("Import PKCS#12…"), func() { k.chooseP12(u) })
		form.Add(name)
		form.Add(container.NewBorder(nil, nil, nil, container.NewHBox(issue, imp), status))
	}
	k.list.Add(form)
	k.root.Refresh()
	k.list.Refresh()
}

// certText describes a certificate in one line: whose, by whom, until when.
func certText(der []byte) string {
	c, err := x509.ParseCertificate(der)
	if err != nil {
		return lang.L("A certificate that cannot be read")
	}
	return lang.L("{{.Subject}} — issued by {{.Issuer}}, valid until {{.Until}}", map[string]any{
		"Subject": c.Subject.CommonName, "Issuer": c.Issuer.CommonName, "Until": c.NotAfter.Local().Format("2006-01-02")})
}

// issuerText says who certified a member's key and until when.
func issuerText(der []byte) string {
	c, err := x509.ParseCertificate(der)
	if err != nil {
		return lang.L("A certificate that cannot be read")
	}
	return lang.L("Key certified by {{.Issuer}}, valid until {{.Until}}", map[string]any{
		"Issuer": c.Issuer.CommonName, "Until": c.NotAfter.Local().Format("2006-01-02")})
}

// askIssue issues member a new key: the administrator unlocks the root,
// the member types the password their key will be locked with.
func (k *keysWindow) askIssue(member cases.User) {
	admin := widget.NewPasswordEntry()
	mine := widget.NewPasswordEntry()
	errL := newFieldError()
	var dlg dialog.Dialog
	intro := widget.NewLabel(lang.L("{{.Name}} receives a new signing key certified by the committee's root. If they already have one it is replaced.",
		map[string]any{"Name": member.Name()}))
	intro.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Your password (administrator)"), admin),
		widget.NewFormItem(lang.L("{{.Name}}'s password", map[string]any{"Name": member.Name()}), mine))
	ok := widget.NewButton(lang.L("Issue key"), func() {
		ctx := context.Background()
		// The key is locked with the member's sign-in password, which is
		// what they type at signing: check it is that one.
		if err := k.d.svc.VerifyPassword(ctx, member, mine.Text); err != nil {
			errL.set(lang.L("That is not {{.Name}}'s password: they type the password they sign in with.", map[string]any{"Name": member.Name()}))
			return
		}
		if err := k.d.opt.Keys.IssueMemberKey(ctx, k.d.actor, admin.Text, member, mine.Text); err != nil {
			errL.set(err.Error())
			return
		}
		dlg.Hide()
		k.reload()
	})
	ok.Importance = widget.HighImportance
	dlg = dialog.NewCustom(lang.L("Issue a signing key"), lang.L("Cancel"), container.NewVBox(intro, form, errL.Label, ok), k.win)
	dlg.Resize(fyne.NewSize(520, 300))
	dlg.Show()
}

// chooseP12 imports a member's key and certificate from their
// institution's PKCS#12 file.
func (k *keysWindow) chooseP12(member cases.User) {
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		data, err := io.ReadAll(io.LimitReader(r, 1<<20))
		r.Close()
		if err != nil {
			k.msg.set(err.Error())
			return
		}
		k.askImport(member, r.URI().Name(), data)
	}, k.win)
	open.SetFilter(storage.NewExtensionFileFilter([]string{".p12", ".pfx"}))
	open.Show()
}

func (k *keysWindow) askImport(member cases.User, file string, p12 []byte) {
	filePW := widget.NewPasswordEntry()
	mine := widget.NewPasswordEntry()
	errL := newFieldError()
	var dlg dialog.Dialog
	form := widget.NewForm(
		widget.NewFormItem(lang.L("File"), widget.NewLabel(file)),
		widget.NewFormItem(lang.L("The file's password"), filePW),
		widget.NewFormItem(lang.L("{{.Name}}'s password", map[string]any{"Name": member.Name()}), mine))
	ok := widget.NewButton(lang.L("Import"), func() {
		ctx := context.Background()
		if err := k.d.svc.VerifyPassword(ctx, member, mine.Text); err != nil {
			errL.set(lang.L("That is not {{.Name}}'s password: they type the password they sign in with.", map[string]any{"Name": member.Name()}))
			return
		}
		if err := k.d.opt.Keys.ImportPKCS12(ctx, member, p12, filePW.Text, mine.Text); err != nil {
			errL.set(fmt.Sprint(err))
			return
		}
		dlg.Hide()
		k.reload()
	})
	ok.Importance = widget.HighImportance
	dlg = dialog.NewCustom(lang.L("Import a PKCS#12 file"), lang.L("Cancel"), container.NewVBox(form, errL.Label, ok), k.win)
	dlg.Resize(fyne.NewSize(520, 280))
	dlg.Show()
}
