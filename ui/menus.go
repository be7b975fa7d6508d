package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"ethicsdesk/cases"
	"ethicsdesk/export"
	"ethicsdesk/internal/version"
)

// The register window's menus, all built here. Each item appears only for
// a role the Service would let do it (asked through actor.Can and the
// Service's May… calls), and a menu left empty is dropped.

// mainMenu is File / View / Help. Menu shortcuts fire even while a text
// box has the focus, which plain canvas shortcuts would not.
func (r *registerWindow) mainMenu() *fyne.MainMenu {
	newCase := fyne.NewMenuItem(lang.L("New case…"), r.showIntake)
	newCase.Shortcut = shortcutNewCase
	newCase.Disabled = !r.d.can(cases.ActCreateCase)
	find := fyne.NewMenuItem(lang.L("Find…"), r.focusSearch)
	find.Shortcut = shortcutFind
	refresh := fyne.NewMenuItem(lang.L("Refresh"), r.reload)
	resetWidths := fyne.NewMenuItem(lang.L("Reset column widths"), func() {
		r.table.resetColumnWidths()
		r.table.sizer.save(r.d.app.Preferences(), r.d.actor.Username)
	})
	about := fyne.NewMenuItem(lang.L("About Ethics Desk"), func() {
		dialog.ShowInformation(lang.L("About Ethics Desk"),
			lang.L("Ethics Desk keeps the case register of the AI ethics committee and issues its signed opinions.")+
				"\n\nEthics Desk "+version.String(), r.win)
	})
	fromMail := fyne.NewMenuItem(lang.L("New case from e-mail…"), r.chooseMail)
	fromMail.Disabled = !r.d.can(cases.ActCreateCase)
	password := fyne.NewMenuItem(lang.L("Change my password…"), func() { r.showChangePassword() })
	file := fyne.NewMenu(lang.L("File"), newCase, fromMail, fyne.NewMenuItemSeparator(), password, r.languageMenuItem(), r.signOutItem())
	// Backups are for the roles that keep the register (cases.ActBackup).
	// The answers are the register window's, asked when it opened.
	if r.answers.mayBackup || r.answers.mayRestore {
		file.Items = append(file.Items, fyne.NewMenuItemSeparator())
	}
	if r.answers.mayBackup {
		file.Items = append(file.Items, fyne.NewMenuItem(lang.L("Back up now…"), r.backupNow))
	}
	if r.answers.mayRestore {
		file.Items = append(file.Items, fyne.NewMenuItem(lang.L("Restore from backup…"), r.restoreFromBackup))
	}
	mm := fyne.NewMainMenu(
		file,
		fyne.NewMenu(lang.L("View"), find, refresh, resetWidths),
		r.reportsMenu(),
		r.opinionsMenu(),
		r.committeeMenu(),
		r.administrationMenu(), // empty for other roles, and then dropped
		fyne.NewMenu(lang.L("Help"), about),
	)
	return withoutEmptyMenus(mm)
}

// reportsMenu offers statistics, the annual report and exports.
func (r *registerWindow) reportsMenu() *fyne.Menu {
	m := fyne.NewMenu(lang.L("Reports"),
		fyne.NewMenuItem(lang.L("Statistics…"), r.openStatistics),
		fyne.NewMenuItem(lang.L("Export the register…"), r.exportRegister),
		fyne.NewMenuItem(lang.L("Export deadlines and meetings (iCalendar)…"), func() { r.exportTo(export.ICS, false) }),
	)
	if r.d.can(cases.ActViewSubmitter) {
		m.Items = append(m.Items, fyne.NewMenuItem(lang.L("Export a submitter's data…"), r.exportSubmitter))
	}
	return m
}

// opinionsMenu is the register's menu for signed documents.
func (r *registerWindow) opinionsMenu() *fyne.Menu {
	verify := fyne.NewMenuItem(lang.L("Verify a PDF…"), func() { r.d.openVerify() })
	m := fyne.NewMenu(lang.L("Signatures"), verify,
		fyne.NewMenuItem(lang.L("Export the committee's root certificate…"), r.exportRoot))
	if r.answers.mayKeys {
		m.Items = append(m.Items, fyne.NewMenuItem(lang.L("Signing keys…"), func() { r.d.openKeys() }))
	}
	if move := r.moveKeyItem(); move != nil {
		m.Items = append(m.Items, move)
	}
	return m
}

// committeeMenu is "Committee": the meetings.
func (r *registerWindow) committeeMenu() *fyne.Menu {
	return fyne.NewMenu(lang.L("Committee"), fyne.NewMenuItem(lang.L("Meetings…"), func() { r.d.openMeetings() }))
}

// administrationMenu is "Administration": users, settings, the retention
// period and the audit log, each only for a role that may use it.
func (r *registerWindow) administrationMenu() *fyne.Menu {
	d := r.d
	var items []*fyne.MenuItem
	if d.actor.Can(cases.ActManageUsers) {
		items = append(items, fyne.NewMenuItem(lang.L("Users…"), func() { d.openUsers() }))
	}
	if d.actor.Can(cases.ActManageSettings) {
		items = append(items, fyne.NewMenuItem(lang.L("Committee settings…"), func() { d.openSettings() }),
			fyne.NewMenuItem(lang.L("Retention period…"), r.showRetention))
	}
	if d.actor.Can(cases.ActViewAudit) {
		items = append(items, fyne.NewMenuItem(lang.L("Audit log…"), func() { d.openAudit() }))
	}
	return fyne.NewMenu(lang.L("Administration"), items...)
}

// withoutEmptyMenus drops menus with no items, so a role sees no menu it
// cannot use.
func withoutEmptyMenus(mm *fyne.MainMenu) *fyne.MainMenu {
	kept := mm.Items[:0]
	for _, m := range mm.Items {
		if len(m.Items) > 0 {
			kept = append(kept, m)
		}
	}
	mm.Items = kept
	return mm
}
