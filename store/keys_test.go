package store_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"ethicsdesk/cases"
)

// A password change resealing the signing key stores the new hash and the
// new sealed key together and lifts a lockout; for an account with no key
// on file it changes nothing at all, neither the password nor the log.
func TestPasswordAndResealedKeyAreSavedTogether(t *testing.T) {
	db, svc, admin := registerWithAdmin(t)
	ctx := context.Background()
	member, err := svc.CreateUser(ctx, admin, cases.NewAccount{Username: "wang", DisplayName: "Wang Fang",
		Role: cases.RoleMember, Password: "the member's long password"})
	if err != nil {
		t.Fatal(err)
	}
	cert, chain := []byte("certificate DER"), []byte("chain DER")
	before, _, _ := db.AuditHead(ctx)
	if err := db.SaveUserKey(ctx, admin.ID, cert, chain, []byte("sealed under the first"), "issued",
		cases.AuditEntry{Actor: admin, Action: "signing.key_issue", Entity: "user"}); err != nil {
		t.Fatal(err)
	}
	issued, _, err := db.AuditQuery(ctx, cases.AuditFilter{Action: "signing.key_issue", Limit: 5})
	if after, _, _ := db.AuditHead(ctx); err != nil || after != before+1 || len(issued) != 1 || issued[0].EntityID != admin.ID {
		t.Fatalf("issuing a key left %d audit entries: %+v %v", after-before, issued, err)
	}
	for range cases.MaxFailedLogins {
		svc.Login(ctx, "admin", "a wrong password")
	}
	if _, err := svc.Login(ctx, "admin", "the first long password"); err == nil {
		t.Fatal("set-up: five wrong passwords did not lock the account")
	}

	hash, err := cases.HashPassword("the second long password")
	if err != nil {
		t.Fatal(err)
	}
	seq, _, _ := db.AuditHead(ctx)
	change := cases.AuditEntry{Actor: admin, Action: "user.change_password", Entity: "user", EntityID: admin.ID}
	if err := db.SetPasswordAndKey(ctx, admin.ID, hash, []byte("sealed under the second"), change); err != nil {
		t.Fatal(err)
	}
	gotCert, gotChain, sealed, err := db.UserKey(ctx, admin.ID)
	if err != nil || !bytes.Equal(sealed, []byte("sealed under the second")) || !bytes.Equal(gotCert, cert) || !bytes.Equal(gotChain, chain) {
		t.Fatalf("the key after the change: %q %q %q %v", gotCert, gotChain, sealed, err)
	}
	if after, _, _ := db.AuditHead(ctx); after != seq+1 {
		t.Fatalf("%d audit entries for the change, want 1", after-seq)
	}
	if _, err := svc.Login(ctx, "admin", "the second long password"); err != nil {
		t.Fatalf("the new password after the change (the lock is lifted): %v", err)
	}
	if _, err := svc.Login(ctx, "admin", "the first long password"); err == nil {
		t.Fatal("the old password still signs in")
	}

	// The member has no key on file: nothing changes.
	seq, _, _ = db.AuditHead(ctx)
	err = db.SetPasswordAndKey(ctx, member.ID, hash, []byte("sealed"), cases.AuditEntry{Actor: member, Action: "user.change_password", Entity: "user"})
	if !errors.Is(err, cases.ErrNotFound) {
		t.Fatalf("a change for an account without a key: %v", err)
	}
	if _, err := svc.Login(ctx, "wang", "the member's long password"); err != nil {
		t.Fatalf("the member's password changed although the key could not be: %v", err)
	}
	if _, _, _, err := db.UserKey(ctx, member.ID); !errors.Is(err, cases.ErrNotFound) {
		t.Fatalf("a key appeared for the member: %v", err)
	}
	if after, _, _ := db.AuditHead(ctx); after != seq+1 { // the sign-in just made
		t.Fatalf("the refused change left %d audit entries", after-seq-1)
	}
	// An account that does not exist.
	if err := db.SetPasswordAndKey(ctx, 999, hash, []byte("sealed"), change); !errors.Is(err, cases.ErrNotFound) {
		t.Fatalf("a change for no account: %v", err)
	}
}

// A key moved to the member's laptop leaves the register: the sealed key
// is emptied, the certificate kept, the move audited; a certificate that
// is not the one on file (a key issued since) or a key already moved
// changes nothing.
func TestForgettingASealedKeyKeepsTheCertificate(t *testing.T) {
	db, svc, admin := registerWithAdmin(t)
	ctx := context.Background()
	member, err := svc.CreateUser(ctx, admin, cases.NewAccount{Username: "wang", DisplayName: "Wang Fang",
		Role: cases.RoleMember, Password: "the member's long password"})
	if err != nil {
		t.Fatal(err)
	}
	cert := []byte("the certificate on file")
	if err := db.SaveUserKey(ctx, member.ID, cert, []byte("chain"), []byte("sealed"), "issued",
		cases.AuditEntry{Actor: secretary, Action: "signing.key_issue", Entity: "user"}); err != nil {
		t.Fatal(err)
	}
	moved := cases.AuditEntry{Actor: member, Action: "signing.key_moved_to_laptop", Entity: "user"}
	seq, _, _ := db.AuditHead(ctx)
	if err := db.ForgetSealedKey(ctx, member.ID, []byte("a certificate issued since"), moved); !errors.Is(err, cases.ErrNotFound) {
		t.Fatalf("another certificate: %v", err)
	}
	if _, _, sealed, _ := db.UserKey(ctx, member.ID); !bytes.Equal(sealed, []byte("sealed")) {
		t.Fatalf("the sealed key was lost for another certificate: %q", sealed)
	}
	if err := db.ForgetSealedKey(ctx, member.ID, cert, moved); err != nil {
		t.Fatal(err)
	}
	gotCert, _, sealed, err := db.UserKey(ctx, member.ID)
	if err != nil || len(sealed) != 0 || !bytes.Equal(gotCert, cert) {
		t.Fatalf("after the move: cert %q, sealed %q, %v", gotCert, sealed, err)
	}
	recs, _, err := db.AuditQuery(ctx, cases.AuditFilter{Limit: 5})
	if err != nil || len(recs) == 0 || recs[0].Seq != seq+1 || recs[0].Action != "signing.key_moved_to_laptop" ||
		recs[0].EntityID != member.ID || recs[0].Actor != "Wang Fang" {
		t.Fatalf("the move's audit entry: %+v %v", recs, err)
	}
	if err := db.ForgetSealedKey(ctx, member.ID, cert, moved); !errors.Is(err, cases.ErrNotFound) {
		t.Fatalf("a key already moved: %v", err)
	}
	if after, _, _ := db.AuditHead(ctx); after != seq+1 {
		t.Fatalf("%d audit entries, want the one move", after-seq)
	}
}
