package store_test

import (
	"bytes"
	"context"
	"os"
	"testing"
	"time"

	"ethicsdesk/cases"
)

// Another program in the middle of a read keeps the journal (-wal) in use
// when submitters are anonymised: the register waits for it, and once it
// is done the journal is emptied, so the removed name is nowhere on the
// disk. If the wait is given up, the sentence says the details were
// removed and why older copies may remain.
func TestAnonymisingWaitsForAReaderToEmptyTheJournal(t *testing.T) {
	db, path := openTemp(t)
	ctx := context.Background()
	d := draft()
	d.Submitter = cases.Submitter{Kind: cases.SubmitterPerson, Name: "Quillon Vantrepp", Contact: "qv@example.org"}
	first, err := newService(db).CreateCase(ctx, secretary, d)
	if err != nil {
		t.Fatal(err)
	}
	second, err := newService(db).CreateCase(ctx, secretary, d)
	if err != nil {
		t.Fatal(err)
	}
	reader := rawDB(t, path)
	hold := func() func() {
		t.Helper()
		tx, err := reader.Begin()
		if err != nil {
			t.Fatal(err)
		}
		var n int
		if err := tx.QueryRow("SELECT count(*) FROM cases").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return func() { tx.Rollback() }
	}
	audit := cases.AuditEntry{Actor: secretary, Action: "retention.anonymise", Entity: "case"}

	// Given up after a moment: the details are gone from the case anyway.
	release := hold()
	short, cancel := context.WithTimeout(ctx, 150*time.Millisecond)
	start := time.Now()
	n, err := db.AnonymiseSubmitters(short, []int64{first.ID}, time.Now(), audit)
	waited := time.Since(start)
	cancel()
	release()
	// SQLite's own wait for readers (the 15 s busy timeout on each try)
	// must not stand in for the register's short, cancellable one.
	if waited > 5*time.Second {
		t.Fatalf("giving up after 0.15 s took %v", waited.Round(time.Second/10))
	}
	if n != 1 || err == nil || !bytes.HasPrefix([]byte(err.Error()), []byte("The submitters' details were removed from 1 cases, but ")) {
		t.Fatalf("a wait given up: %d, %v", n, err)
	}
	if got, _ := db.GetCase(ctx, first.ID); got.Submitter.Name != "" {
		t.Fatal("the details were kept when the journal could not be emptied")
	}

	// Waited for: the reader finishes while the register waits.
	release = hold()
	time.AfterFunc(150*time.Millisecond, release)
	if n, err := db.AnonymiseSubmitters(ctx, []int64{second.ID}, time.Now(), audit); err != nil || n != 1 {
		t.Fatalf("anonymising while a reader finishes: %d, %v", n, err)
	}
	// The register still waits for another program's write afterwards.
	lock, err := reader.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lock.Exec("INSERT INTO settings (key, value) VALUES ('held_by_another_program', 'yes')"); err != nil {
		t.Fatal(err)
	}
	time.AfterFunc(150*time.Millisecond, func() { lock.Rollback() })
	if _, err := newService(db).CreateCase(ctx, secretary, draft()); err != nil {
		t.Fatalf("a write while another program writes, after anonymising: %v", err)
	}
	for _, f := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(f)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("Quillon Vantrepp")) {
			t.Fatalf("the removed name is still in %s", f)
		}
	}
}

// A reader that does not finish is not waited for without end: after
// fifty tries, about five seconds, anonymising says which file may still
// hold older copies of the details, which are gone from the cases anyway.
func TestAnonymisingGivesUpOnAReaderThatStays(t *testing.T) {
	db, path := openTemp(t)
	ctx := context.Background()
	d := draft()
	d.Submitter = cases.Submitter{Kind: cases.SubmitterPerson, Name: "Quillon Vantrepp", Contact: "qv@example.org"}
	c, err := newService(db).CreateCase(ctx, secretary, d)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := rawDB(t, path).Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRow("SELECT count(*) FROM cases").Scan(&n); err != nil {
		t.Fatal(err)
	}
	// Far longer than the register's own wait: a register that waited on
	// would end with the context's error instead.
	long, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	audit := cases.AuditEntry{Actor: secretary, Action: "retention.anonymise", Entity: "case"}
	n, err = db.AnonymiseSubmitters(long, []int64{c.ID}, time.Now(), audit)
	want := "The submitters' details were removed from 1 cases, but another program reading the register keeps older copies of them in its journal file (register.db-wal) until it closes the register."
	if n != 1 || err == nil || err.Error() != want {
		t.Fatalf("anonymising beside a reader that stays: %d, %v; want 1, %q", n, err, want)
	}
	if got, _ := db.GetCase(ctx, c.ID); got.Submitter.Name != "" {
		t.Fatal("the details were kept when the journal could not be emptied")
	}
}
