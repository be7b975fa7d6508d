package ui

import (
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/assets"
	"ethicsdesk/cases"
	"ethicsdesk/store"
)

// TestBigRegisterTimings opens the register over a large seeded file and
// reports how long the user waits for what they see:
//
//	ethicsdesk seed --db /tmp/big.db --cases 100000 --notes 0
//	UI_BIG_REGISTER=/tmp/big.db LANG=en_US.UTF-8 go test -tags "sqlite_fts5 migrated_fynedo" -run BigRegister -v ./ui/
func TestBigRegisterTimings(t *testing.T) {
	path := os.Getenv("UI_BIG_REGISTER")
	if path == "" {
		t.Skip("set UI_BIG_REGISTER=FILE (a seeded register) to time the register")
	}
	os.Setenv("LANG", "en_US.UTF-8")
	if err := assets.LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	q := &uiQueue{ch: make(chan func(), 1024)}
	h := &harness{t: t, app: test.NewTempApp(t), db: db, svc: cases.NewService(db, nil), queue: q}
	h.d = newDesk(h.app, h.svc, secretary, Options{DBPath: path}, newRunner(q.post))

	step := func(name string, do func()) {
		start := time.Now()
		do()
		h.settle()
		t.Logf("%-40s %6.1f ms", name, float64(time.Since(start).Microseconds())/1000)
	}
	var r *registerWindow
	step("open and show the first screen", func() { r = h.d.openRegister(); r.win.Show() })
	t.Logf("%s; %d pages read", r.count.Text, r.model.fetchCount())
	step("scroll to row 50,000", func() { r.table.ScrollTo(widget.TableCellID{Row: 50000}) })
	step("scroll to the last row", func() { r.table.ScrollTo(widget.TableCellID{Row: r.rows - 1}) })
	step("sort by title", func() { r.sortBy(1) })
	step("sort by due date", func() { r.sortBy(5) })
	step("filter: overdue or due within 7 days", func() { r.filters.selectValue(r.filters.due, string(cases.DueOverdueOr7)) })
	step("filter: + status under review", func() { r.filters.selectValue(r.filters.status, string(cases.UnderReview)) })
	step("redraw a full screen of cells", func() { r.table.Refresh() })
	t.Logf("%d pages read in all", r.model.fetchCount())
}
