package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"ethicsdesk/app"
	"ethicsdesk/cases"
	"ethicsdesk/demo"
)

// TestExportSubmitterWritesThatSubmittersCasesWithTheirData runs
// `ethicsdesk export --submitter NAME` as the demo secretary: the file
// holds exactly that submitter's cases, with the name.
func TestExportSubmitterWritesThatSubmittersCasesWithTheirData(t *testing.T) {
	ctx := context.Background()
	db, path := seededRegister(t, demo.SeedOptions{Cases: 300, Notes: 50, Seed: 6, End: time.Now()})
	dir := filepath.Dir(path)
	svc := cases.NewService(db, nil)
	sec, err := svc.Login(ctx, "secretary", demo.DemoPassword)
	if err != nil {
		t.Fatal(err)
	}
	var name string
	rows, _ := svc.ListCases(ctx, sec, cases.Query{}, 0, 100)
	for _, r := range rows {
		c, err := svc.GetCase(ctx, sec, r.ID)
		if err == nil && c.Submitter.Name != "" {
			name = c.Submitter.Name
			break
		}
	}
	want, _, err := svc.CountCases(ctx, sec, cases.Query{Submitter: name})
	if name == "" || err != nil || want == 0 {
		t.Fatalf("no named submitter in the seeded register (%q, %d, %v)", name, want, err)
	}
	db.Close()

	t.Setenv(app.PasswordEnv, demo.DemoPassword)
	out := filepath.Join(dir, "their-data.csv")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"export", "--db", path, "--user", "secretary", "--format", "csv", "--out", out, "--submitter", name}, &stdout, &stderr); code != 0 {
		t.Fatalf("export: %s", stderr.String())
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(records[0], "Submitter name")
	if col < 0 {
		t.Fatalf("no submitter column in %v", records[0])
	}
	if len(records)-1 != want {
		t.Fatalf("%d cases exported, %s has %d", len(records)-1, name, want)
	}
	for _, r := range records[1:] {
		if r[col] != name {
			t.Fatalf("a case of %q in %s's data", r[col], name)
		}
	}
	if code := run([]string{"export", "--db", path, "--user", "member", "--format", "csv", "--out", out + "2", "--submitter", name}, &stdout, &stderr); code == 0 {
		t.Fatal("a member exported a submitter's data")
	}
}
