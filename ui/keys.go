package ui

import (
	"context"
	"errors"
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
)

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

// keysData is what the keys window shows, read off the main goroutine.
type keysData struct {
	keys     cases.SigningKeys
	keysErr  error
	users    []cases.User
	usersErr error
}

// reload reads the keys and the accounts off the main goroutine and
// draws them when they land ("Loading…" meanwhile).
func (k *keysWindow) reload() {
	if len(k.root.Objects) == 0 {
		k.root.Add(loadingText())
	}
	d := k.d
	d.load(k.win, k.msg.set, nil, func() (func(), error) {
		ctx := context.Background()
		var data keysData
		data.keys, data.keysErr = d.svc.SigningKeys(ctx, d.actor)
		data.users, data.usersErr = d.svc.Users(ctx, d.actor)
		return func() { k.show(data) }, unreachableIn(data.keysErr, data.usersErr)
	})
}

func (k *keysWindow) show(data keysData) {
	k.root.RemoveAll()
	k.list.RemoveAll()
	keys, err := data.keys, data.keysErr
	if err != nil {
		k.msg.set(userText(err))
	}
	hasRoot := keys.Root != nil
	if hasRoot {
		l := widget.NewLabel(certText(*keys.Root))
		l.Wrapping = fyne.TextWrapWord
		k.root.Add(l)
	}
	if !hasRoot {
		l := widget.NewLabel(lang.L("The committee has no root certificate yet. Create it once: it certifies every member's signing key. Its key is locked with your password."))
		l.Wrapping = fyne.TextWrapWord
		pw := widget.NewPasswordEntry()
		pw.SetPlaceHolder(lang.L("Your password (administrator)"))
		create := widget.NewButtonWithIcon(lang.L("Create root certificate"), theme.ContentAddIcon(), func() {
			password := pw.Text
			k.d.busy(k.win, lang.L("Create root certificate"), func() error {
				return k.d.svc.CreateSigningRoot(context.Background(), k.d.actor, password)
			}, func(err error) {
				if err != nil {
					k.msg.set(userText(err))
					return
				}
				k.msg.set("")
				k.reload()
			})
		})
		create.Importance = widget.HighImportance
		k.root.Add(container.NewVBox(l, container.NewBorder(nil, nil, nil, create, pw)))
	}
	users, err := data.users, data.usersErr
	if err != nil {
		k.msg.set(userText(err))
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
		if cert, ok := keys.Members[u.ID]; ok {
			status.SetText(issuerText(cert))
			status.Importance = widget.MediumImportance
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
func certText(c cases.Certificate) string {
	if !c.Readable {
		return lang.L("A certificate that cannot be read")
	}
	return lang.L("{{.Subject}} — issued by {{.Issuer}}, valid until {{.Until}}", map[string]any{
		"Subject": c.Subject, "Issuer": c.Issuer, "Until": c.NotAfter.Local().Format("2006-01-02")})
}

// issuerText says who certified a member's key and until when.
func issuerText(c cases.Certificate) string {
	if !c.Readable {
		return lang.L("A certificate that cannot be read")
	}
	return lang.L("Key certified by {{.Issuer}}, valid until {{.Until}}", map[string]any{
		"Issuer": c.Issuer, "Until": c.NotAfter.Local().Format("2006-01-02")})
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
		adminPW, memberPW := admin.Text, mine.Text
		k.keyChange(lang.L("Issue a signing key"), member, memberPW, errL, func(ctx context.Context) error {
			return k.d.svc.IssueSigningKey(ctx, k.d.actor, adminPW, member, memberPW)
		}, func() { dlg.Hide() })
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
		filePassword, memberPW := filePW.Text, mine.Text
		k.keyChange(lang.L("Import a PKCS#12 file"), member, memberPW, errL, func(ctx context.Context) error {
			return k.d.svc.ImportSigningKey(ctx, k.d.actor, member, p12, filePassword, memberPW)
		}, func() { dlg.Hide() })
	})
	ok.Importance = widget.HighImportance
	dlg = dialog.NewCustom(lang.L("Import a PKCS#12 file"), lang.L("Cancel"), container.NewVBox(form, errL.Label, ok), k.win)
	dlg.Resize(fyne.NewSize(520, 280))
	dlg.Show()
}

// errNotMembersPassword marks a member's password that is not the one they
// sign in with.
var errNotMembersPassword = errors.New("not the member's password")

// keyChange checks, off the main goroutine, that memberPW is the member's
// sign-in password (their key is locked with it and they type it to
// sign), then saves; a refusal is said on errL, a success closes the
// dialog and reads the keys again.
func (k *keysWindow) keyChange(what string, member cases.User, memberPW string, errL fieldError, save func(ctx context.Context) error, closeDialog func()) {
	k.d.busy(k.win, what, func() error {
		ctx := context.Background()
		if err := k.d.svc.VerifyPassword(ctx, member, memberPW); err != nil {
			var u unreachable
			if asUnreachable(err, &u) {
				return err
			}
			return errNotMembersPassword
		}
		return save(ctx)
	}, func(err error) {
		switch {
		case errors.Is(err, errNotMembersPassword):
			errL.set(lang.L("That is not {{.Name}}'s password: they type the password they sign in with.", map[string]any{"Name": member.Name()}))
		case err != nil:
			errL.set(userText(err))
		default:
			closeDialog()
			k.reload()
		}
	})
}
