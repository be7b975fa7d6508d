package pgstore_test

import (
	"context"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/demo"
	"ethicsdesk/issuing"
	"ethicsdesk/pgstore"
)

// The committee server's laptop signing works on PostgreSQL too.
var _ issuing.KeyMover = (*pgstore.DB)(nil)

// Once a member's key has moved to their laptop the server forgets the
// sealed key but keeps the certificate, writes it in the audit log, and
// refuses to forget a key for a certificate that is not the one on file.
func TestAKeyMovedToALaptopIsForgottenAndAudited(t *testing.T) {
	ctx := context.Background()
	_, pg := copiedDemo(t, demo.SeedOptions{Cases: 5, Notes: 5, Seed: 3, End: time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)})
	users, err := pg.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(users) == 0 {
		t.Fatal("the demo register has no accounts")
	}
	member := users[len(users)-1]
	cert, sealed := []byte("the member's certificate"), []byte("the member's sealed key")
	if err := pg.SaveUserKey(ctx, member.ID, cert, []byte{}, sealed, "issued",
		cases.AuditEntry{Actor: member, Action: "key.issue", Entity: "user"}); err != nil {
		t.Fatal(err)
	}
	seq, _, err := pg.AuditHead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	entry := cases.AuditEntry{Actor: member, Action: "key.moved_to_laptop", Entity: "user"}
	if err := pg.ForgetSealedKey(ctx, member.ID, append([]byte("not "), cert...), entry); err == nil {
		t.Error("a key was forgotten for a certificate that is not on file")
	}
	if _, _, s, _ := pg.UserKey(ctx, member.ID); string(s) != string(sealed) {
		t.Fatal("the refused call changed the sealed key")
	}
	if err := pg.ForgetSealedKey(ctx, member.ID, cert, entry); err != nil {
		t.Fatal(err)
	}
	c, _, s, err := pg.UserKey(ctx, member.ID)
	if err != nil || len(s) != 0 || string(c) != string(cert) {
		t.Errorf("after the move: sealed key of %d bytes, certificate kept %v (%v)", len(s), string(c) == string(cert), err)
	}
	if after, _, _ := pg.AuditHead(ctx); after != seq+1 {
		t.Errorf("the audit log went from %d to %d entries, want one more", seq, after)
	}
	if err := pg.ForgetSealedKey(ctx, member.ID, cert, entry); err == nil {
		t.Error("a key already on the laptop was forgotten again")
	}
	if problems, err := pg.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("check after the move: %q %v", problems, err)
	}
}
