package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"ethicsdesk/store"
)

// migrate's copier reads the register at one moment while the window may
// still write to it: what it reads is the register as it was, with the
// audit head of that moment, and it cannot write. A register whose name
// needs escaping in a URL opens all the same.
func TestASnapshotReadsTheRegisterAtOneMoment(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "March #1 & more?.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })

	// A new register: its log is empty and its head is the genesis hash.
	tx, seq, head, done, err := db.ReadSnapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantSeq, wantHead, _ := db.AuditHead(ctx)
	if seq != wantSeq || head != wantHead || len(head) != 64 {
		t.Fatalf("an empty register's snapshot: entry %d %q, want %d %q", seq, head, wantSeq, wantHead)
	}
	done()

	svc := newService(db)
	for range 2 {
		if _, err := svc.CreateCase(ctx, secretary, draft()); err != nil {
			t.Fatal(err)
		}
	}
	wantSeq, wantHead, _ = db.AuditHead(ctx)
	tx, seq, head, done, err = db.ReadSnapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if seq != wantSeq || head != wantHead || seq == 0 {
		t.Fatalf("the snapshot's head: entry %d %q, want %d %q", seq, head, wantSeq, wantHead)
	}
	if _, err := tx.ExecContext(ctx, "CREATE TABLE copier_scratch (x)"); err == nil {
		t.Fatal("the snapshot could write")
	}
	if _, err := svc.CreateCase(ctx, secretary, draft()); err != nil {
		t.Fatalf("a write while the snapshot is read: %v", err)
	}
	var n int
	var last int64
	if err := tx.QueryRowContext(ctx, "SELECT (SELECT count(*) FROM cases), (SELECT max(seq) FROM audit_log)").Scan(&n, &last); err != nil {
		t.Fatal(err)
	}
	if n != 2 || last != seq {
		t.Fatalf("the snapshot sees %d cases and entry %d, want 2 and %d", n, last, seq)
	}
	if got, _, _ := db.AuditHead(ctx); got != seq+1 {
		t.Fatalf("the register's head %d after the write, want %d", got, seq+1)
	}
	done() // ends the snapshot: nothing more is read through it
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM cases").Scan(&n); err == nil {
		t.Fatal("the snapshot still reads after done")
	}
}
