package store_test

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/signing"
)

// signWith signs a checkpoint message as the keyring does.
func signWith(key crypto.Signer) func([]byte) ([]byte, error) {
	return func(msg []byte) ([]byte, error) {
		d := sha256.Sum256(msg)
		return key.Sign(rand.Reader, d[:], crypto.SHA256)
	}
}

// A checkpoint signed with a committee member's key holds at check; one
// signed with a key of another authority, one altered afterwards, or one
// whose certificate is unreadable is reported with a sentence naming it;
// a signature that fails stores nothing.
func TestAuditCheckpointsAreCheckedAtCheck(t *testing.T) {
	db, path := openTemp(t)
	ctx := context.Background()
	now := time.Now()
	root, member := committeeKeys(t, now)
	otherRoot, _ := signing.NewRoot("Elsewhere", "", now)
	stranger, _ := signing.IssueMember(otherRoot, "Mallory", "Chair", "", now)
	audit := cases.AuditEntry{Actor: secretary, Action: "keys.root", Entity: "signing_root"}
	if err := db.SaveSigningRoot(ctx, root.Cert.Raw, []byte("sealed elsewhere"), "admin", audit); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveAuditCheckpoint(ctx, "opinion signed", 2, "Li Wei", member.Cert.Raw, signWith(member.Key)); err != nil {
		t.Fatal(err)
	}
	problems, sum, err := db.CheckWithSummary(ctx)
	if err != nil || len(problems) != 0 || sum.Checkpoints != 1 {
		t.Fatalf("one good checkpoint: %v, %d held, %v", problems, sum.Checkpoints, err)
	}
	failed := errors.New("the key is locked")
	err = db.SaveAuditCheckpoint(ctx, "opinion signed", 2, "Li Wei", member.Cert.Raw, func([]byte) ([]byte, error) { return nil, failed })
	if !errors.Is(err, failed) || !strings.Contains(err.Error(), "signing the audit checkpoint") {
		t.Fatalf("a failed signature: %v", err)
	}
	if n := countRows(t, path, "SELECT COUNT(*) FROM audit_checkpoints"); n != 1 {
		t.Fatalf("%d checkpoints after a failed signature", n)
	}

	if err := db.SaveAuditCheckpoint(ctx, "opinion signed", 9, "Mallory", stranger.Cert.Raw, signWith(stranger.Key)); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveAuditCheckpoint(ctx, "key issued", 2, "Li Wei", member.Cert.Raw, signWith(member.Key)); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveAuditCheckpoint(ctx, "key issued", 2, "Li Wei", []byte("not a certificate"), signWith(member.Key)); err != nil {
		t.Fatal(err)
	}
	// Someone with an SQLite tool drops the guard and alters a checkpoint.
	if _, err := rawDB(t, path).Exec("DROP TRIGGER audit_checkpoints_no_update; UPDATE audit_checkpoints SET reason = 'nothing happened' WHERE id = 3"); err != nil {
		t.Fatal(err)
	}
	problems, sum, err = db.CheckWithSummary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"checkpoint 2 (audit entry 1, signed by Mallory at", "not signed with a key of this committee",
		"checkpoint 3 (audit entry 1, signed by Li Wei at", "its signature does not match what it records",
		"checkpoint 4", "its certificate is not readable",
		"the safeguard trigger audit_checkpoints_no_update is missing",
	}
	all := strings.Join(problems, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("check does not say %q:\n%s", w, all)
		}
	}
	if len(problems) != 4 || sum.Checkpoints != 1 {
		t.Errorf("%d problems, %d checkpoints held; want 4 and 1:\n%s", len(problems), sum.Checkpoints, all)
	}
}
