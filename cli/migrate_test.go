package cli

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"ethicsdesk/app"
	"ethicsdesk/cases"
	"ethicsdesk/demo"
	"ethicsdesk/internal/pgtest"
	"ethicsdesk/pgstore"
	"ethicsdesk/store"
)

// postgresCluster starts a throwaway PostgreSQL cluster for one test; the
// test fails, saying how to install PostgreSQL, when it is missing.
func postgresCluster(t *testing.T) *pgtest.Cluster {
	t.Helper()
	c, err := pgtest.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Stop)
	return c
}

// A register file moves onto PostgreSQL whole: the same audit chain, check
// sound on both, and the committee server over the database answers as
// over the file — searches, exports, the issued opinion's exact bytes —
// and takes new writes.
func TestMigrateToPostgreSQLThenServeAndCheck(t *testing.T) {
	end := time.Date(2026, 11, 24, 12, 0, 0, 0, time.Local)
	db, path := seededRegister(t, demo.SeedOptions{Cases: 200, Notes: 300, Seed: 2, End: end, Opinions: 2})
	ctx := context.Background()
	secretary, err := db.UserByName(ctx, "secretary")
	if err != nil {
		t.Fatal(err)
	}
	svc := app.NewService(db, nil)
	decided, err := issuedCases(ctx, svc, secretary)
	if err != nil {
		t.Fatal(err)
	}
	// A case whose opinion was really signed and issued (the demo also
	// marks cases issued without one).
	var issued []cases.Row
	for _, r := range decided {
		if _, _, err := svc.IssuedOpinionPDF(ctx, secretary, r.ID); err == nil {
			issued = append(issued, r)
		}
	}
	if len(issued) == 0 {
		t.Fatal("the demo register has no issued opinion")
	}
	rows, _ := svc.ListCases(ctx, secretary, cases.Query{}, 0, 1)
	if _, err := svc.AddAttachments(ctx, secretary, rows[0].ID, []cases.NewAttachment{{FileName: "scan.pdf", ContentType: "application/pdf",
		Data: []byte("%PDF-1.4 attachment bytes \x00\xff")}}); err != nil {
		t.Fatal(err)
	}
	// A letter kept with the case: found by search on PostgreSQL too.
	letterCase, err := svc.GetCase(ctx, secretary, rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Letter(ctx, secretary, cases.LetterRequest{Kind: cases.LetterRequestInfo, Case: letterCase, From: secretary,
		Date: end, DueBy: end.AddDate(0, 0, 14), Items: []string{"The okapi telemetry export"}}); err != nil {
		t.Fatal(err)
	}
	fileSeq, fileHead, _ := db.AuditHead(ctx)
	db.Close()

	cluster := postgresCluster(t)
	pgURL, err := cluster.NewDatabase()
	if err != nil {
		t.Fatal(err)
	}
	runOK := func(args ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		if code := run(args, &out, &errb); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errb.String())
		}
		return out.String()
	}
	out := runOK("migrate", "--from", path, "--to", pgURL)
	if !strings.Contains(out, "The audit chain is the same on both") || !strings.Contains(out, fileHead) {
		t.Errorf("migrate said:\n%s", out)
	}
	// A second copy into the same database is refused, leaving it as it was.
	var outb, errb bytes.Buffer
	if code := run([]string{"migrate", "--from", path, "--to", pgURL}, &outb, &errb); code == 0 ||
		!strings.Contains(errb.String(), "is not empty") || !strings.Contains(errb.String(), "nothing was copied") {
		t.Errorf("a second migrate: exit %d, %s", code, errb.String())
	}
	pg, err := pgstore.Open(ctx, pgURL)
	if err != nil {
		t.Fatal(err)
	}
	if seq, head, err := pg.AuditHead(ctx); err != nil || seq != fileSeq || head != fileHead {
		t.Errorf("PostgreSQL's audit head is %d %s (%v), the file's %d %s", seq, head, err, fileSeq, fileHead)
	}
	pg.Close()
	if out := runOK("check", "--postgres", pgURL); !strings.Contains(out, "is sound") {
		t.Errorf("check --postgres: %s", out)
	}
	runOK("check", "--db", path)

	t.Setenv(app.PasswordEnv, demo.DemoPassword)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	url, fp := startServerOn(t, "--postgres", pgURL)
	// The same cases are found for each user; PostgreSQL ranks with
	// ts_rank rather than bm25, so near-equal scores may come in another
	// order: the references are compared as sets.
	for _, user := range []string{"secretary", "liu"} {
		for _, words := range []string{"consent", "同意", "facial recog*", "pilot -consent", "隐私 OR privacy", "okapi telemetry"} {
			local := runOK("search", "--db", path, "--user", user, "--limit", "1000", words)
			remote := runOK("search", "--server", url, "--trust", fp, "--user", user, "--limit", "1000", words)
			if (user == "secretary" && local == "") || sortedRefs(remote) != sortedRefs(local) {
				t.Errorf("%s's search for %q on PostgreSQL found\n%s\nand on the file\n%s", user, words, remote, local)
			}
		}
	}
	if out := runOK("search", "--server", url, "--trust", fp, "--user", "secretary", "okapi telemetry"); sortedRefs(out) != letterCase.Reference {
		t.Errorf("the letter kept on the file is not found on PostgreSQL: %q", out)
	}
	dir := t.TempDir()
	runOK("export", "--db", path, "--user", "liu", "--format", "csv", "--out", filepath.Join(dir, "local.csv"))
	runOK("export", "--server", url, "--user", "liu", "--format", "csv", "--out", filepath.Join(dir, "remote.csv"))
	local, _ := os.ReadFile(filepath.Join(dir, "local.csv"))
	remote, _ := os.ReadFile(filepath.Join(dir, "remote.csv"))
	if len(local) < 100 || !bytes.Equal(local, remote) {
		t.Errorf("the export over PostgreSQL (%d bytes) differs from the file's (%d bytes)", len(remote), len(local))
	}
	runOK("opinion", "--db", path, "--user", "secretary", "--case", issued[0].Reference, "--out", filepath.Join(dir, "local.pdf"))
	runOK("opinion", "--server", url, "--user", "secretary", "--case", issued[0].Reference, "--out", filepath.Join(dir, "remote.pdf"))
	local, _ = os.ReadFile(filepath.Join(dir, "local.pdf"))
	remote, _ = os.ReadFile(filepath.Join(dir, "remote.pdf"))
	if !bytes.HasPrefix(local, []byte("%PDF-")) || !bytes.Equal(local, remote) {
		t.Errorf("the issued opinion from PostgreSQL (%d bytes) differs from the file's (%d bytes)", len(remote), len(local))
	}
	runOK("report", "--server", url, "--user", "secretary", "--year", "2025", "--out", filepath.Join(dir, "r.pdf"))

	// The secretariat writes through the server: the note is kept, found, and
	// the database still checks out, its opinion held against it.
	client, err := app.Connect(ctx, url, "")
	if err != nil {
		t.Fatal(err)
	}
	sec, err := client.Login(ctx, "secretary", demo.DemoPassword)
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.FindCase(ctx, sec, issued[0].Reference)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.AddNote(ctx, sec, c.ID, "Platypusgate: 复核意见 after the hearing.", false); err != nil {
		t.Fatal(err)
	}
	client.SignOut(ctx)
	if out := runOK("search", "--server", url, "--user", "secretary", "platypusgate"); !strings.Contains(out, issued[0].Reference) {
		t.Errorf("the note written through the server is not found: %q", out)
	}
	if out := runOK("check", "--postgres", pgURL, "--against", filepath.Join(dir, "remote.pdf")); !strings.Contains(out, "is sound") {
		t.Errorf("check --postgres after a write: %s", out)
	}
}

// migrate copies only into an empty database and only a sound register;
// each refusal says why and leaves both as they were.
func TestMigrateRefusesWhatItCannotCopyWhole(t *testing.T) {
	path := seededFile(t)
	cluster := postgresCluster(t)
	foreign, err := cluster.NewDatabase()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("pgx", foreign)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec("CREATE TABLE payroll (id int)"); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"migrate", "--from", path, "--to", foreign}, &out, &errb); code == 0 ||
		!strings.Contains(errb.String(), "has the tables payroll") || !strings.Contains(errb.String(), "nothing was copied") {
		t.Errorf("a database with other tables: exit %d, %s", code, errb.String())
	}
	var tables int
	raw.QueryRow("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'").Scan(&tables)
	if tables != 1 {
		t.Errorf("the refused database now has %d tables", tables)
	}

	// A register that fails its check is not copied.
	broken, err := store.OpenExisting(path)
	if err != nil {
		t.Fatal(err)
	}
	broken.Close()
	lite, err := sql.Open("sqlite3_ethicsdesk", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lite.Exec("UPDATE cases SET submitter_name = 'Mallory' WHERE id = 3"); err != nil {
		t.Fatal(err)
	}
	lite.Close()
	empty, _ := cluster.NewDatabase()
	errb.Reset()
	if code := run([]string{"migrate", "--from", path, "--to", empty}, &out, &errb); code == 0 ||
		!strings.Contains(errb.String(), "has 1 problem(s)") || !strings.Contains(errb.String(), "nothing was copied") {
		t.Errorf("an unsound register: exit %d, %s", code, errb.String())
	}
	errb.Reset()
	if code := run([]string{"migrate", "--from", path}, &out, &errb); code != 2 || !strings.Contains(errb.String(), "usage: ethicsdesk migrate") {
		t.Errorf("no --to: exit %d, %s", code, errb.String())
	}
	errb.Reset()
	if code := run([]string{"serve", "--db", path, "--postgres", empty, "--user", "admin"}, &out, &errb); code != 2 ||
		!strings.Contains(errb.String(), "usage: ethicsdesk serve (--db PATH | --postgres URL)") {
		t.Errorf("serve with both --db and --postgres: exit %d, %s", code, errb.String())
	}
	errb.Reset()
	if code := run([]string{"check", "--postgres", "postgres://nobody@127.0.0.1:1/none?sslmode=disable"}, &out, &errb); code != 1 ||
		!strings.Contains(errb.String(), `Cannot connect to the PostgreSQL database "none" on 127.0.0.1:1`) {
		t.Errorf("check of an unreachable database: exit %d, %s", code, errb.String())
	}
}

func sortedRefs(out string) string {
	refs := strings.Fields(references(out))
	sort.Strings(refs)
	return strings.Join(refs, " ")
}
