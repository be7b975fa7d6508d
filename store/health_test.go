package store

// These tests live inside the package because SQLite's max_page_count,
// which simulates a full disk, is a setting of one connection: the writer's.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
)

var clerk = cases.User{ID: 1, Username: "sec", DisplayName: "Li Na", Role: cases.RoleSecretariat, Active: true}

func sampleDraft(summary string) cases.Draft {
	return cases.Draft{TypeCode: "guidance_request", Title: "Chatbot in schools", Summary: summary,
		ReceivedOn: cases.MustDate("2026-03-02"), Channel: cases.ChannelEmail,
		Submitter: cases.Submitter{Kind: cases.SubmitterPerson, Name: "Zhang Wei"},
		Sector:    "education", Risk: cases.RiskMedium, Priority: cases.PriorityNormal}
}

func fixedService(db *DB) *cases.Service {
	return cases.NewService(db, func() time.Time { return time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local) })
}

func openTestDB(t *testing.T, opt Options) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "register.db")
	db, err := Open(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

func count(t *testing.T, db *DB, q string) int {
	t.Helper()
	var n int
	if err := db.read.QueryRow(q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestFullDiskSavesNothingHalfWay(t *testing.T) {
	db, _ := openTestDB(t, Options{})
	ctx := context.Background()
	svc := fixedService(db)
	var pages int
	db.write.QueryRow("PRAGMA page_count").Scan(&pages)
	if _, err := db.write.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages+40)); err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("长文本 long text ", 1200) // ~20 KB a case
	var created []cases.Case
	var err error
	for i := 0; i < 500; i++ {
		var c cases.Case
		if c, err = svc.CreateCase(ctx, clerk, sampleDraft(big)); err != nil {
			break
		}
		created = append(created, c)
	}
	if !errors.Is(err, ErrDiskFull) || len(created) == 0 {
		t.Fatalf("after %d cases: %v", len(created), err)
	}
	if !strings.HasPrefix(err.Error(), "The disk is full, so the change was not saved.") {
		t.Fatalf("message %q", err)
	}
	if n := count(t, db, "SELECT count(*) FROM cases"); n != len(created) {
		t.Fatalf("%d cases stored, %d acknowledged", n, len(created))
	}
	if n := count(t, db, "SELECT count(*) FROM audit_log WHERE action = 'case.create'"); n != len(created) {
		t.Fatalf("%d audit entries for %d cases", n, len(created))
	}

	// An edit that does not fit leaves the case exactly as it was.
	c := created[0]
	d := c.Draft
	d.Summary = strings.Repeat("更长的文本 ", 3000)
	if _, err := svc.UpdateCase(ctx, clerk, c.ID, c.Version, d); !errors.Is(err, ErrDiskFull) {
		t.Fatalf("oversized edit: %v", err)
	}
	after, _ := svc.GetCase(ctx, clerk, c.ID)
	if after.Version != c.Version || after.Summary != c.Summary {
		t.Fatalf("the case changed: version %d→%d", c.Version, after.Version)
	}
	// So does an attachment that does not fit.
	if _, err := svc.AddAttachment(ctx, clerk, c.ID, "scan.pdf", "", bytes.Repeat([]byte("x"), 2<<20)); !errors.Is(err, ErrDiskFull) {
		t.Fatalf("oversized attachment: %v", err)
	}
	if n := count(t, db, "SELECT count(*) FROM attachments"); n != 0 {
		t.Fatalf("%d attachment rows after a full disk", n)
	}
	if problems, err := db.Check(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("check after a full disk: %v %v", problems, err)
	}
}

func TestReadOnlyRegisterRefusesWrites(t *testing.T) {
	db, path := openTestDB(t, Options{})
	ctx := context.Background()
	c, err := fixedService(db).CreateCase(ctx, clerk, sampleDraft("before"))
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if !ro.ReadOnly {
		t.Fatal("not marked read-only: the window would show no banner")
	}
	svc := fixedService(ro)
	if _, err := svc.CreateCase(ctx, clerk, sampleDraft("new")); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("create on a read-only register: %v", err)
	}
	// Even if the flag were lost, SQLite's own refusal reaches the user as
	// the same sentence, not as "attempt to write a readonly database".
	ro.ReadOnly = false
	d := c.Draft
	d.Summary = "changed"
	_, err = svc.UpdateCase(ctx, clerk, c.ID, c.Version, d)
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "open read-only") {
		t.Fatalf("update through a read-only connection: %v", err)
	}
	if _, err := svc.AddAttachment(ctx, clerk, c.ID, "a.txt", "", []byte("a")); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("attachment on a read-only register: %v", err)
	}
	got, _ := svc.GetCase(ctx, clerk, c.ID)
	if got.Summary != "before" || got.Version != c.Version {
		t.Fatalf("case changed: %q v%d", got.Summary, got.Version)
	}
	// Backing up a read-only register still works.
	if _, err := ro.Backup(ctx, filepath.Join(t.TempDir(), "ro-copy.db")); err != nil {
		t.Fatalf("backup of a read-only register: %v", err)
	}
}

func TestStartupHealthOnSoundAndDamagedFiles(t *testing.T) {
	db, path := openTestDB(t, Options{})
	ctx := context.Background()
	svc := fixedService(db)
	for i := 0; i < 200; i++ {
		if _, err := svc.CreateCase(ctx, clerk, sampleDraft(strings.Repeat("summary ", 200))); err != nil {
			t.Fatal(err)
		}
	}
	h, err := db.StartupHealth(ctx)
	if err != nil || h.Damaged() || h.Message != "" || h.SchemaVersion != SchemaVersion() {
		t.Fatalf("sound register: %+v %v", h, err)
	}
	db.Close()

	// Scribble over pages in the middle of the file, as a failing disk might.
	raw, _ := os.ReadFile(path)
	for off := 8192 * 10; off < 8192*14 && off < len(raw); off++ {
		raw[off] = byte(off * 7)
	}
	os.WriteFile(path, raw, 0o600)

	reopened, err := Open(path, Options{})
	if err != nil {
		if !IsDamaged(err) {
			t.Fatalf("damaged file refused with %v", err)
		}
		return
	}
	defer reopened.Close()
	h, err = reopened.StartupHealth(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !h.Damaged() || !strings.Contains(h.Message, "is damaged") || !strings.Contains(h.Message, "restore the latest backup") {
		t.Fatalf("damaged register: %+v", h)
	}
	reopened.Close()
	now, _ := os.ReadFile(path)
	if !bytes.Equal(now, raw) {
		t.Fatal("the start-up check changed the damaged file")
	}
}
