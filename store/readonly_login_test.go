package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
	"ethicsdesk/store"
)

// An account locked in the file stays locked when the register is opened
// read-only (a copy looked at elsewhere): the right password does not
// sign in, and the file is not changed.
func TestALockedAccountStaysLockedOnAReadOnlyCopy(t *testing.T) {
	passwordcost.Cheap()
	ctx := context.Background()
	db, path := openTemp(t)
	svc := newService(db)
	if _, err := svc.Bootstrap(ctx, "admin", "Chen Jie", "the right long password"); err != nil {
		t.Fatal(err)
	}
	for range cases.MaxFailedLogins {
		svc.Login(ctx, "admin", "a wrong password")
	}
	db.Close()
	before := readAll(t, path)
	ro, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	_, err = newService(ro).Login(ctx, "admin", "the right long password")
	if err == nil || errors.Is(err, cases.ErrWrongPassword) || !strings.Contains(err.Error(), "locked") {
		t.Fatalf("the locked account on a read-only copy: %v", err)
	}
	if string(before) != string(readAll(t, path)) {
		t.Fatal("the read-only register changed")
	}
}

// On a read-only copy, five wrong passwords lock the account for as long
// as the program runs (the file cannot record it): the right password is
// then refused as locked. The file is not changed.
func TestWrongPasswordsLockAnAccountOnAReadOnlyCopy(t *testing.T) {
	passwordcost.Cheap()
	ctx := context.Background()
	db, path := openTemp(t)
	if _, err := newService(db).Bootstrap(ctx, "admin", "Chen Jie", "the right long password"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before := readAll(t, path)
	ro, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	svc := newService(ro)
	for range cases.MaxFailedLogins {
		svc.Login(ctx, "admin", "a wrong password")
	}
	if _, err := svc.Login(ctx, "admin", "the right long password"); err == nil || !strings.Contains(err.Error(), "locked") {
		t.Fatalf("the right password after five wrong ones on a read-only copy: %v", err)
	}
	if string(before) != string(readAll(t, path)) {
		t.Fatal("the read-only register changed")
	}
}

// An account locked in the file, opened read-only, stays locked after a
// wrong password is typed there: the lock read from the file is kept with
// the new count, not dropped.
func TestALockFromTheFileOutlastsAWrongPasswordOnAReadOnlyCopy(t *testing.T) {
	passwordcost.Cheap()
	ctx := context.Background()
	db, path := openTemp(t)
	svc := newService(db)
	if _, err := svc.Bootstrap(ctx, "admin", "Chen Jie", "the right long password"); err != nil {
		t.Fatal(err)
	}
	for range cases.MaxFailedLogins {
		svc.Login(ctx, "admin", "a wrong password")
	}
	db.Close()
	ro, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	rsvc := newService(ro)
	rsvc.Login(ctx, "admin", "another wrong password")
	if _, err := rsvc.Login(ctx, "admin", "the right long password"); err == nil || !strings.Contains(err.Error(), "locked") {
		t.Fatalf("the right password on a read-only copy of a locked account: %v", err)
	}
}
