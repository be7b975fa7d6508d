package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// usersWindow is the administrator's list of accounts: create, change a
// role, deactivate or reactivate (accounts are never deleted, so their
// history keeps its names) and reset a password.
type usersWindow struct {
	d        *desk
	win      fyne.Window
	table    *widget.Table
	users    []cases.User
	locked   map[int64]time.Time
	selected int
	problem  fieldError

	create, role, active, reset *widget.Button
	lastForm                    *formDialog // the dialog opened last, for tests

	loading *widget.Label // stands in until the accounts land
}

var userColumns = []struct {
	title string
	width float32
}{{"Name", 240}, {"User name", 160}, {"Role", 150}, {"Active", 90}, {"Locked", 200}}

func (d *desk) openUsers() *usersWindow {
	u := &usersWindow{d: d, win: d.app.NewWindow(lang.L("Users") + " — " + lang.L("Ethics Desk")), selected: -1,
		problem: newFieldError()}
	u.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(u.users), len(userColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(u.cell(id)) })
	u.table.ShowHeaderColumn = false
	u.table.CreateHeader = func() fyne.CanvasObject { return sectionTitle("") }
	u.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		o.(*widget.Label).SetText(lang.X("column."+userColumns[id.Col].title, userColumns[id.Col].title))
	}
	for i, c := range userColumns {
		u.table.SetColumnWidth(i, c.width)
	}
	u.table.OnSelected = func(id widget.TableCellID) { u.selected = id.Row; u.fillButtons() }
	u.table.OnUnselected = func(widget.TableCellID) { u.selected = -1; u.fillButtons() }

	u.create = widget.NewButtonWithIcon(lang.L("New user…"), theme.ContentAddIcon(), u.showCreate)
	u.create.Importance = widget.HighImportance
	u.role = widget.NewButton(lang.L("Change role…"), u.showRole)
	u.active = widget.NewButton(lang.L("Deactivate"), u.toggleActive)
	u.reset = widget.NewButton(lang.L("Reset password…"), u.showReset)
	bar := container.NewHBox(u.create, layout.NewSpacer(), u.role, u.active, u.reset)
	top := container.NewVBox(bar,
		quietText(lang.L("Accounts are never deleted: a deactivated account keeps its name on the record and can be reactivated.")))
	full := container.NewBorder(container.NewPadded(top), u.problem.Label, nil, nil, u.table)
	// The window opens at once and shows the accounts when they land.
	u.loading = loadingText()
	u.win.SetContent(container.NewCenter(u.loading))
	u.win.Resize(fyne.NewSize(900, 560))
	closeOnEscape(u.win, u.win.Close)
	u.win.Show()
	u.reloadThen(func() { u.win.SetContent(full) })
	return u
}

func (u *usersWindow) cell(id widget.TableCellID) string {
	if id.Row >= len(u.users) {
		return ""
	}
	x := u.users[id.Row]
	switch id.Col {
	case 0:
		return orDash(x.DisplayName)
	case 1:
		return x.Username
	case 2:
		return roleText(x.Role)
	case 3:
		if x.Active {
			return lang.L("Yes")
		}
		return lang.L("No")
	case 4:
		if until, ok := u.locked[x.ID]; ok {
			return lang.L("until {{.Time}}", map[string]any{"Time": formatDateTime(until)})
		}
		return emDash
	}
	return ""
}

// roleText is a role in the user's language.
func roleText(r cases.Role) string {
	return lang.X("role."+string(r), cases.CodeLabel(string(r)))
}

func (u *usersWindow) reload() { u.reloadThen(nil) }

// reloadThen reads the accounts off the main goroutine, lists them when
// they land, then runs after (if set).
func (u *usersWindow) reloadThen(after func()) {
	d := u.d
	d.load(u.win, sayIn(u.loading, u.problem.set), nil, func() (func(), error) {
		ctx := context.Background()
		users, err := d.svc.Users(ctx, d.actor)
		var locked map[int64]time.Time
		if err == nil {
			locked, err = d.svc.LockedAccounts(ctx, d.actor)
		}
		return func() {
			u.show(users, locked, err)
			if after != nil {
				after()
			}
		}, err
	})
}

func (u *usersWindow) show(users []cases.User, locked map[int64]time.Time, err error) {
	if err != nil {
		u.problem.set(userText(err))
		return
	}
	u.problem.set("")
	u.users, u.locked = users, locked
	if u.selected >= len(users) {
		u.selected = -1
	}
	u.table.Refresh()
	u.fillButtons()
}

func (u *usersWindow) current() (cases.User, bool) {
	if u.selected < 0 || u.selected >= len(u.users) {
		return cases.User{}, false
	}
	return u.users[u.selected], true
}

func (u *usersWindow) fillButtons() {
	x, ok := u.current()
	for _, b := range []*widget.Button{u.role, u.active, u.reset} {
		if ok {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if ok && !x.Active {
		u.active.SetText(lang.L("Reactivate"))
	} else {
		u.active.SetText(lang.L("Deactivate"))
	}
}

// selectUser selects the account with user name name, for tests and after
// creating one.
func (u *usersWindow) selectUser(name string) bool {
	for i, x := range u.users {
		if x.Username == name {
			u.table.Select(widget.TableCellID{Row: i, Col: 0})
			return true
		}
	}
	return false
}

func rolePick() *pick {
	return newPick(func() []choice {
		var out []choice
		for _, r := range cases.AllRoles {
			out = append(out, choice{roleText(r), string(r)})
		}
		return out
	}(), lang.L("Choose a role"))
}

func (u *usersWindow) showCreate() {
	f := newFieldForm()
	name, username := widget.NewEntry(), widget.NewEntry()
	role := rolePick()
	pass, repeat := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	f.add("display_name", lang.L("Full name"), name)
	f.add("username", lang.L("User name"), username)
	f.add("role", lang.L("Role"), role.Select)
	f.add("password", lang.L("Initial password"), pass)
	f.add("repeat", lang.L("Password again"), repeat)
	u.lastForm = showFormDialog(u.d, u.win, lang.L("New user"), lang.L("Create"), f, func() func() error {
		same := pass.Text == repeat.Text
		account := cases.NewAccount{Username: username.Text, DisplayName: name.Text, Role: cases.Role(role.value()), Password: pass.Text}
		return func() error {
			if !same {
				return cases.FieldErrors{"repeat": lang.L("The two passwords are not the same.")}
			}
			_, err := u.d.svc.CreateUser(context.Background(), u.d.actor, account)
			return err
		}
	}, func() {
		name := username.Text
		u.reloadThen(func() { u.selectUser(name) })
	})
}

func (u *usersWindow) showRole() {
	x, ok := u.current()
	if !ok {
		return
	}
	f := newFieldForm()
	role := rolePick()
	role.set(string(x.Role))
	f.add("role", lang.L("Role"), role.Select)
	u.lastForm = showFormDialog(u.d, u.win, lang.L("Role of {{.Name}}", map[string]any{"Name": x.Name()}), lang.L("Save"), f,
		func() func() error {
			to := cases.Role(role.value())
			return func() error { return u.d.svc.SetRole(context.Background(), u.d.actor, x.ID, to) }
		}, u.reload)
}

func (u *usersWindow) toggleActive() {
	x, ok := u.current()
	if !ok {
		return
	}
	if !x.Active {
		u.change(lang.L("Reactivate"), func(ctx context.Context) error { return u.d.svc.Reactivate(ctx, u.d.actor, x.ID) })
		return
	}
	dialog.ShowConfirm(lang.L("Deactivate"),
		lang.L("Deactivate the account of {{.Name}}? They can no longer sign in; their history stays on the record.", map[string]any{"Name": x.Name()}),
		func(yes bool) {
			if yes {
				u.change(lang.L("Deactivate"), func(ctx context.Context) error { return u.d.svc.Deactivate(ctx, u.d.actor, x.ID) })
			}
		}, u.win)
}

// change saves a change to an account off the main goroutine, then lists
// the accounts again.
func (u *usersWindow) change(what string, save func(ctx context.Context) error) {
	u.d.busy(u.win, what, func() error { return save(context.Background()) }, func(err error) {
		if err != nil {
			showError(err, u.win)
		}
		u.reload()
	})
}

func (u *usersWindow) showReset() {
	x, ok := u.current()
	if !ok {
		return
	}
	f := newFieldForm()
	pass, repeat := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	f.add("password", lang.L("New password"), pass)
	f.add("repeat", lang.L("Password again"), repeat)
	f.box.Add(quietText(lang.L("A signing key stays locked with the old password, which a reset does not know: if this member signs opinions, issue them a new key in Signatures › Signing keys.")))
	u.lastForm = showFormDialog(u.d, u.win, lang.L("New password for {{.Name}}", map[string]any{"Name": x.Name()}), lang.L("Save"), f,
		func() func() error {
			next, again := pass.Text, repeat.Text
			return func() error {
				if next != again {
					return cases.FieldErrors{"repeat": lang.L("The two passwords are not the same.")}
				}
				return u.d.svc.ResetPassword(context.Background(), u.d.actor, x.ID, next)
			}
		}, u.reload)
}
