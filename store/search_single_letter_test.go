package store_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/store"
)

// A Chinese reader searches for one character: 私 finds the case whose title
// ends with 隐私 — on a new register, and on one whose index was built
// before single letters were indexed (migration 0014 rebuilds it), after
// which edits keep the index sound.
func TestOneChineseCharacterFindsTheCaseWhereverItStands(t *testing.T) {
	db, path := openTemp(t)
	ctx := context.Background()
	svc := cases.NewService(db, func() time.Time { return time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local) })
	d := draft()
	d.Title = "人脸识别侵犯个人隐私"
	d.Summary = "地铁闸机存储人脸。"
	c, err := svc.CreateCase(ctx, secretary, d)
	if err != nil {
		t.Fatal(err)
	}
	found := func(db *store.DB, what string) bool {
		t.Helper()
		svc := cases.NewService(db, time.Now)
		hits, err := svc.Search(ctx, secretary, what, cases.Query{}, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		return len(hits) == 1 && hits[0].ID == c.ID
	}
	for _, q := range []string{"私", "隐私", "脸", "机"} {
		if !found(db, q) {
			t.Errorf("%s does not find the case %q", q, d.Title)
		}
	}

	// The same register as an older version left it, its index built
	// without the lone last letters (simulated by wiping the index), then
	// migration 0014 run on it as the upgrade runs it, with the register's
	// own SQL functions.
	db.Close()
	raw, err := sql.Open("sqlite3_ethicsdesk", path)
	if err != nil {
		t.Fatal(err)
	}
	upgrade, err := os.ReadFile(filepath.Join("migrations", "0014_search_single_letters.sql"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO search_fts (search_fts) VALUES ('delete-all')`); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(string(upgrade)); err != nil {
		t.Fatalf("migration 0014 on a register with cases: %v", err)
	}
	raw.Close()
	db, err = store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !found(db, "私") {
		t.Fatal("after the upgrade 私 does not find the case")
	}
	svc = cases.NewService(db, func() time.Time { return time.Date(2026, 3, 11, 9, 0, 0, 0, time.Local) })
	got, _ := svc.GetCase(ctx, secretary, c.ID)
	got.Draft.Title = "人脸识别与数据安全"
	if _, err := svc.UpdateCase(ctx, secretary, got.ID, got.Version, got.Draft); err != nil {
		t.Fatal(err)
	}
	if found(db, "私") || !found(db, "安") {
		t.Error("after an edit the index still finds the old title, or not the new one")
	}
	if problems, err := db.Check(ctx); err != nil || len(problems) != 0 {
		t.Errorf("check after the rebuild and an edit: %v %v", problems, err)
	}
}

// A secretary types a submitter's name into the search box and finds their
// case; a member, who may not see submitters, finds nothing by the name.
func TestASubmittersNameFindsTheirCasesForThoseWhoMaySeeSubmitters(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	svc := cases.NewService(db, func() time.Time { return time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local) })
	d := draft()
	d.Submitter = cases.Submitter{Kind: cases.SubmitterPerson, Name: "王小明", Contact: "wxm@example.cn"}
	c, err := svc.CreateCase(ctx, secretary, d)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateCase(ctx, secretary, draft()); err != nil { // another submitter
		t.Fatal(err)
	}
	for _, q := range []string{"王小明", "WXM@example.cn"} {
		hits, err := svc.Search(ctx, secretary, q, cases.Query{}, 0, 50)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 || hits[0].ID != c.ID || hits[0].Source != cases.SourceSubmitter {
			t.Errorf("the secretary searching %s got %+v", q, hits)
		}
	}
	member := cases.User{ID: 2, Username: "m", DisplayName: "Dr. Chen", Role: cases.RoleMember, Active: true}
	hits, err := svc.Search(ctx, member, "王小明", cases.Query{}, 0, 50)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 0 {
		t.Errorf("a member found a case by its submitter's name: %+v", hits)
	}
}
