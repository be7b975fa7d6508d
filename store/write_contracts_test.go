package store_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
	"ethicsdesk/store"
)

// A save while another program holds the register's write lock for longer
// than the wait is refused with the "busy" sentence and saves nothing;
// once the other program is done, the same save goes through.
func TestASaveBlockedByAnotherProgramSaysBusy(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "register.db")
	db, err := store.Open(path, store.Options{BusyTimeoutMS: 100})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := newService(db)
	other := rawDB(t, path)
	tx, err := other.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("INSERT INTO settings (key, value) VALUES ('held_by_another_program', 'yes')"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateCase(ctx, secretary, draft()); !errors.Is(err, store.ErrBusy) {
		tx.Rollback()
		t.Fatalf("a save while another program writes: %v", err)
	}
	tx.Rollback()
	if n := countRows(t, path, "SELECT count(*) FROM cases"); n != 0 {
		t.Fatalf("%d cases saved by the refused save", n)
	}
	if _, err := svc.CreateCase(ctx, secretary, draft()); err != nil {
		t.Fatalf("the save once the other program is done: %v", err)
	}
}

// The deadlines recomputed after a calendar change are those of the open
// cases and of those in follow-up (whose review is due), not of closed
// ones.
func TestDeadlinesRunForOpenAndFollowUpCasesOnly(t *testing.T) {
	db, path := registerWithCases(t, 4)
	rawSQLite(t, path, "UPDATE cases SET status = 'follow_up' WHERE id = 2", "UPDATE cases SET status = 'closed' WHERE id = 3",
		"UPDATE cases SET status = 'withdrawn' WHERE id = 4")
	list, err := db.DeadlineCases(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, dc := range list {
		got = append(got, fmt.Sprintf("%d:%s", dc.ID, dc.Status))
	}
	if fmt.Sprint(got) != "[1:received 2:follow_up]" {
		t.Fatalf("cases whose deadline runs: %v", got)
	}
}

// A sign-in state change whose decision records nothing (no audit action)
// is saved without an audit entry, as the storage contract says.
func TestASignInStateChangeWithoutAnActionIsNotAudited(t *testing.T) {
	passwordcost.Cheap()
	db, _ := openTemp(t)
	ctx := context.Background()
	admin, err := newService(db).Bootstrap(ctx, "admin", "Chen Jie", "the first long password")
	if err != nil {
		t.Fatal(err)
	}
	seq, _, _ := db.AuditHead(ctx)
	until := time.Date(2026, 3, 10, 9, 15, 0, 0, time.UTC)
	if err := db.UpdateLogin(ctx, admin.ID, func(st cases.LoginState) (cases.LoginState, cases.AuditEntry, error) {
		return cases.LoginState{FailedLogins: st.FailedLogins + 3, LockedUntil: until}, cases.AuditEntry{}, nil
	}); err != nil {
		t.Fatal(err)
	}
	if after, _, _ := db.AuditHead(ctx); after != seq {
		t.Fatalf("%d audit entries for a change without an action", after-seq)
	}
	var seen cases.LoginState
	db.UpdateLogin(ctx, admin.ID, func(st cases.LoginState) (cases.LoginState, cases.AuditEntry, error) {
		seen = st
		return st, cases.AuditEntry{}, errors.New("look only")
	})
	if seen.FailedLogins != 3 || !seen.LockedUntil.Equal(until) {
		t.Fatalf("the saved state: %+v", seen)
	}
	if err := db.UpdateLogin(ctx, admin.ID+5, func(st cases.LoginState) (cases.LoginState, cases.AuditEntry, error) {
		return st, cases.AuditEntry{}, nil
	}); !errors.Is(err, cases.ErrNotFound) {
		t.Fatalf("no such account: %v", err)
	}
}
