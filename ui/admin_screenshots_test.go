package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"ethicsdesk/cases"
)

// TestPeopleScreenshots renders the administration, panel, meeting and
// audit screens to PNG files so a person can look at them:
//
//	UI_SCREENSHOTS=/tmp LANG=en_US.UTF-8 go test -tags "sqlite_fts5 migrated_fynedo" -run PeopleScreenshots ./ui/
func TestPeopleScreenshots(t *testing.T) {
	dir := os.Getenv("UI_SCREENSHOTS")
	if dir == "" {
		t.Skip("set UI_SCREENSHOTS=DIR to write screenshots")
	}
	p := newPeople(t)
	p.app.Settings().SetTheme(theme.DefaultTheme())
	ctx := context.Background()
	shot := func(w fyne.Window, name string) {
		w.Show()
		w.Content().Refresh() // the desktop driver lays out again whenever a size changes
		capture(t, w, filepath.Join(dir, "ethicsdesk-"+name+".png"))
	}

	p.as(p.admin)
	u := p.d.openUsers()
	p.settle()
	u.selectUser("liu")
	shot(u.win, "users")
	u.showCreate()
	shot(u.win, "users-new")

	s := p.d.openSettings()
	p.settle()
	s.quorum.SetText("zero")
	s.submitRules()
	p.settle()
	shot(s.win, "settings-rules")
	s.tabs.SelectIndex(1)
	shot(s.win, "settings-types")
	if err := p.svc.SaveHoliday(ctx, p.admin, cases.Holiday{Day: cases.MustDate("2026-10-01"), Name: "National Day"}); err != nil {
		t.Fatal(err)
	}
	s.holidays.reload()
	p.settle()
	s.tabs.SelectIndex(2)
	shot(s.win, "settings-holidays")

	mw, c := meetingWithFive(t, p)
	for i, v := range []string{"Approve", "Approve", "Reject", "Approve"} {
		mw.detail.votes[c.ID][p.members[i].ID].SetSelected(v)
		p.settle()
	}
	mw.win.Resize(fyne.NewSize(1180, 900))
	shot(mw.win, "meeting")

	p.as(p.sec)
	cw := p.d.openCase(c.ID)
	p.settle()
	cw.panel.addMember.SetSelected(p.members[0].Name())
	p.settle()
	cw.panel.add()
	cw.panel.rapporteur.SetSelected(p.members[1].Name())
	p.settle()
	cw.panel.assignRapporteur()
	p.settle()
	cw.win.Resize(fyne.NewSize(1100, 1000))
	shot(cw.win, "case-panel")
	cw.win.Close()

	p.as(p.members[0])
	cw = p.d.openCase(c.ID)
	p.settle()
	shot(cw.win, "case-declare")
	cw.win.Close()

	p.as(p.admin)
	a := p.d.openAudit()
	p.settle()
	shot(a.win, "audit")
}
