package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"

	"ethicsdesk/cases"
)

type idleMaintenance struct{}

func (idleMaintenance) Backup(context.Context, string) (string, error)  { return "", nil }
func (idleMaintenance) LatestBackup() (string, error)                   { return "", nil }
func (idleMaintenance) Restore(context.Context, string) (string, error) { return "", nil }

// fileMenuLabels are the items of the register window's File menu.
func fileMenuLabels(mm *fyne.MainMenu) map[string]bool {
	out := map[string]bool{}
	for _, m := range mm.Items {
		if m.Label != "File" {
			continue
		}
		for _, it := range m.Items {
			out[it.Label] = true
		}
	}
	return out
}

// Backing up and restoring are offered to the secretariat and the
// administrator, who keep the register, and to no other role: a backup
// holds every confidential case.
func TestBackupAndRestoreMenuOnlyForTheRolesThatKeepTheRegister(t *testing.T) {
	h := newHarness(t, Options{})
	h.svc.SetPorts(cases.Ports{Maintenance: idleMaintenance{}})
	for i, role := range cases.AllRoles {
		h.d.actor = cases.User{ID: int64(100 + i), Username: string(role), Role: role, Active: true}
		labels := fileMenuLabels((&registerWindow{d: h.d, answers: readRegisterAnswers(h.d)}).mainMenu())
		want := role == cases.RoleSecretariat || role == cases.RoleAdministrator
		if labels["Back up now…"] != want || labels["Restore from backup…"] != want {
			t.Errorf("%s: File menu offers back up %v and restore %v, want both %v",
				role, labels["Back up now…"], labels["Restore from backup…"], want)
		}
	}
	// Without maintenance (a register opened by the command line's
	// service), nobody is offered either.
	h.svc.SetPorts(cases.Ports{})
	h.d.actor = secretary
	if labels := fileMenuLabels((&registerWindow{d: h.d, answers: readRegisterAnswers(h.d)}).mainMenu()); labels["Back up now…"] || labels["Restore from backup…"] {
		t.Error("the File menu offers backups the program cannot make")
	}
}
