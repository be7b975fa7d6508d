package store_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"

	"ethicsdesk/cases"
	"ethicsdesk/signing"
	"ethicsdesk/store"
)

// registerWithCases is a register on a temporary file holding n cases.
func registerWithCases(t *testing.T, n int) (*store.DB, string) {
	t.Helper()
	db, path := openTemp(t)
	svc := newService(db)
	for range n {
		if _, err := svc.CreateCase(context.Background(), secretary, draft()); err != nil {
			t.Fatal(err)
		}
	}
	return db, path
}

// One problem, containing every one of want.
func oneProblemSaying(t *testing.T, what string, problems []string, err error, want ...string) {
	t.Helper()
	if err != nil || len(problems) != 1 {
		t.Fatalf("%s: %q %v, want one problem", what, problems, err)
	}
	for _, w := range want {
		if !strings.Contains(problems[0], w) {
			t.Fatalf("%s: %q does not say %q", what, problems[0], w)
		}
	}
}

// check --backup: a backup of this register holds against it even after
// more work, and is left byte for byte as it was; a backup of another
// register, one that reaches further than the register (which was rewound),
// one whose own log was rewritten, and a file that is no register are each
// reported with a sentence naming the file; a missing file or a folder is an
// error. Nothing is left in the temporary folder.
func TestAHeldBackupIsHeldAgainstTheRegistersChain(t *testing.T) {
	ctx := context.Background()
	db, _ := registerWithCases(t, 2)
	dir, tmp := t.TempDir(), t.TempDir()
	t.Setenv("TMPDIR", tmp) // where the backup's temporary copy goes
	held := filepath.Join(dir, "held.db")
	if _, err := db.Backup(ctx, held); err != nil {
		t.Fatal(err)
	}
	if _, err := newService(db).CreateCase(ctx, secretary, draft()); err != nil {
		t.Fatal(err)
	}
	before := readAll(t, held)
	if problems, err := db.CheckHeldBackup(ctx, held); err != nil || len(problems) != 0 {
		t.Fatalf("a sound backup: %q %v", problems, err)
	}
	if !bytes.Equal(before, readAll(t, held)) {
		t.Fatal("checking the backup changed it")
	}

	// Another register with fewer entries, and one with more.
	other, _ := openTemp(t)
	d := draft()
	d.Title = "Another committee's case"
	if _, err := newService(other).CreateCase(ctx, secretary, d); err != nil {
		t.Fatal(err)
	}
	otherBackup := filepath.Join(dir, "other.db")
	if _, err := other.Backup(ctx, otherBackup); err != nil {
		t.Fatal(err)
	}
	problems, err := db.CheckHeldBackup(ctx, otherBackup)
	oneProblemSaying(t, "another register's backup", problems, err, otherBackup, "audit entry 1 of the backup", "another register")
	longer, _ := registerWithCases(t, 5)
	longerBackup := filepath.Join(dir, "longer.db")
	if _, err := longer.Backup(ctx, longerBackup); err != nil {
		t.Fatal(err)
	}
	problems, err = db.CheckHeldBackup(ctx, longerBackup)
	oneProblemSaying(t, "a backup reaching further", problems, err, longerBackup, "reaches audit entry 5", "ends at entry 3", "rewound")

	// A backup whose own log was rewritten with an SQLite tool.
	forged := filepath.Join(dir, "forged.db")
	if err := os.WriteFile(forged, before, 0o600); err != nil {
		t.Fatal(err)
	}
	rawSQLite(t, forged, "DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET actor = 'Someone else' WHERE seq = 1")
	problems, err = db.CheckHeldBackup(ctx, forged)
	oneProblemSaying(t, "a backup with a rewritten log", problems, err, forged, "its own audit log is broken", "proves nothing")

	minutes := filepath.Join(dir, "minutes.db")
	os.WriteFile(minutes, []byte(strings.Repeat("Minutes of the March sitting.\n", 300)), 0o600)
	problems, err = db.CheckHeldBackup(ctx, minutes)
	oneProblemSaying(t, "a file that is no register", problems, err, minutes, "is not a register this version reads", "not an Ethics Desk register")

	missing := filepath.Join(dir, "missing.db")
	if _, err := db.CheckHeldBackup(ctx, missing); err == nil || !strings.Contains(err.Error(), "the backup "+missing+" cannot be read") {
		t.Fatalf("a missing backup: %v", err)
	}
	// A folder named as the backup opens, but cannot be read.
	if _, err := db.CheckHeldBackup(ctx, dir); err == nil || !strings.Contains(err.Error(), "the backup "+dir+" cannot be read") {
		t.Fatalf("a folder: %v", err)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Fatalf("the checks left temporary files behind: %v", left)
	}
}

// heldOpinion renders a one-page opinion carrying the audit head as its
// keywords, as the publisher writes it, signed by id.
func heldOpinion(t *testing.T, id *signing.Identity, seq int64, hash string) []byte {
	t.Helper()
	f := gofpdf.New("P", "mm", "A4", "")
	f.SetFont("Helvetica", "", 12)
	f.SetKeywords(fmt.Sprintf("Audit record at signing: entry %d, hash %s", seq, hash), false)
	f.AddPage()
	f.Cell(0, 10, "Opinion EC-2026-0001")
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	signed, err := signing.SignPDF(buf.Bytes(), id, signing.SignatureInfo{Reason: "Rapporteur", Time: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	return signed
}

// check --pdf: an opinion signed with a committee key and printing an
// audit head the register has holds; one printing a head past the end of
// the log (the register was rewound), one printing another hash, one
// signed by another authority, one with no head and a file that is no
// signed PDF are each reported with a sentence naming the file.
func TestAHeldOpinionPDFIsHeldAgainstTheChain(t *testing.T) {
	ctx := context.Background()
	db, _ := registerWithCases(t, 2)
	now := time.Now()
	root, member := committeeKeys(t, now)
	otherRoot, _ := signing.NewRoot("Elsewhere", "", now)
	stranger, _ := signing.IssueMember(otherRoot, "Mallory", "Chair", "", now)
	if err := db.SaveSigningRoot(ctx, root.Cert.Raw, []byte("sealed"), "admin", cases.AuditEntry{Actor: secretary, Action: "keys.root", Entity: "signing_root"}); err != nil {
		t.Fatal(err)
	}
	seq, head, err := db.AuditHead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if problems, err := db.CheckHeldPDF(ctx, "sent.pdf", heldOpinion(t, member, seq, head)); err != nil || len(problems) != 0 {
		t.Fatalf("a sound opinion: %q %v", problems, err)
	}
	problems, err := db.CheckHeldPDF(ctx, "later.pdf", heldOpinion(t, member, seq+4, head))
	oneProblemSaying(t, "a head past the log's end", problems, err, "later.pdf", fmt.Sprintf("prints audit entry %d", seq+4), "rewound")
	problems, err = db.CheckHeldPDF(ctx, "rewritten.pdf", heldOpinion(t, member, seq, strings.Repeat("ab", 32)))
	oneProblemSaying(t, "another hash", problems, err, "rewritten.pdf", "a hash the register's log does not have")
	problems, err = db.CheckHeldPDF(ctx, "foreign.pdf", heldOpinion(t, stranger, seq, head))
	oneProblemSaying(t, "another authority's signature", problems, err, "foreign.pdf", "Mallory", "not by a key of this committee")
	problems, err = db.CheckHeldPDF(ctx, "notes.pdf", []byte("%PDF-1.4 not really"))
	oneProblemSaying(t, "a file that is no signed PDF", problems, err, "notes.pdf: its stored PDF")
}
