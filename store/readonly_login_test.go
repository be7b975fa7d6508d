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

const rightPassword = "the right long password"

// readOnlyCopy is a register whose administrator "admin" signs in with
// rightPassword, locked out in the file when locked is set, opened
// read-only; unchanged reports whether the file is still byte for byte
// what it was before that open.
func readOnlyCopy(t *testing.T, locked bool) (svc *cases.Service, unchanged func() bool) {
	t.Helper()
	passwordcost.Cheap()
	ctx := context.Background()
	db, path := openTemp(t)
	writer := newService(db)
	if _, err := writer.Bootstrap(ctx, "admin", "Chen Jie", rightPassword); err != nil {
		t.Fatal(err)
	}
	if locked {
		for range cases.MaxFailedLogins {
			writer.Login(ctx, "admin", "a wrong password")
		}
	}
	db.Close()
	before := readAll(t, path)
	ro, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ro.Close() })
	return newService(ro), func() bool { return string(before) == string(readAll(t, path)) }
}

// An account locked in the file stays locked when the register is opened
// read-only (a copy looked at elsewhere): the right password does not
// sign in, and the file is not changed.
func TestALockedAccountStaysLockedOnAReadOnlyCopy(t *testing.T) {
	svc, unchanged := readOnlyCopy(t, true)
	_, err := svc.Login(context.Background(), "admin", rightPassword)
	if err == nil || errors.Is(err, cases.ErrWrongPassword) || !strings.Contains(err.Error(), "locked") {
		t.Fatalf("the locked account on a read-only copy: %v", err)
	}
	if !unchanged() {
		t.Fatal("the read-only register changed")
	}
}

// On a read-only copy, five wrong passwords lock the account for as long
// as the program runs (the file cannot record it): the right password is
// then refused as locked. The file is not changed.
func TestWrongPasswordsLockAnAccountOnAReadOnlyCopy(t *testing.T) {
	ctx := context.Background()
	svc, unchanged := readOnlyCopy(t, false)
	for range cases.MaxFailedLogins {
		svc.Login(ctx, "admin", "a wrong password")
	}
	if _, err := svc.Login(ctx, "admin", rightPassword); err == nil || !strings.Contains(err.Error(), "locked") {
		t.Fatalf("the right password after five wrong ones on a read-only copy: %v", err)
	}
	if !unchanged() {
		t.Fatal("the read-only register changed")
	}
}

// An account locked in the file, opened read-only, stays locked after a
// wrong password is typed there: the lock read from the file is kept with
// the new count, not dropped.
func TestALockFromTheFileOutlastsAWrongPasswordOnAReadOnlyCopy(t *testing.T) {
	ctx := context.Background()
	svc, _ := readOnlyCopy(t, true)
	svc.Login(ctx, "admin", "another wrong password")
	if _, err := svc.Login(ctx, "admin", rightPassword); err == nil || !strings.Contains(err.Error(), "locked") {
		t.Fatalf("the right password on a read-only copy of a locked account: %v", err)
	}
}
