package store_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
	"ethicsdesk/signing"
	"ethicsdesk/store"
)

// committeeRegister is a register with n cases and the committee root
// saved, and, when member is not nil, their checkpoint on the head that
// follows.
func committeeRegister(t *testing.T, root *signing.Authority, member *signing.Identity, title string, n int) (*store.DB, string) {
	t.Helper()
	ctx := context.Background()
	db, path := openTemp(t)
	svc := newService(db)
	for range n {
		d := draft()
		d.Title = title
		if _, err := svc.CreateCase(ctx, secretary, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SaveSigningRoot(ctx, root.Cert.Raw, []byte("sealed"), "admin", cases.AuditEntry{Actor: secretary, Action: "keys.root", Entity: "signing_root"}); err != nil {
		t.Fatal(err)
	}
	if member == nil {
		return db, path
	}
	if err := db.SaveAuditCheckpoint(ctx, "opinion signed", 2, "Li Wei", member.Cert.Raw, signWith(member.Key)); err != nil {
		t.Fatal(err)
	}
	return db, path
}

// committeeKeys is a committee root and Li Wei's member key issued by it,
// as the tests of checkpoints and held opinions need them.
func committeeKeys(t *testing.T, now time.Time) (*signing.Authority, *signing.Identity) {
	t.Helper()
	root, err := signing.NewRoot("Committee Root", "Committee", now)
	if err != nil {
		t.Fatal(err)
	}
	member, err := signing.IssueMember(root, "Li Wei", "Rapporteur", "", now)
	if err != nil {
		t.Fatal(err)
	}
	return root, member
}

// A checkpoint names the audit head it signed: check reports a log cut
// back before it, and a register rebuilt with another history under a
// checkpoint copied from the real one; a checkpoint after an entry that
// was altered is not reported twice, the broken log is.
func TestCheckpointsCatchACutOrRebuiltLog(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	root, member := committeeKeys(t, now)
	db, path := committeeRegister(t, root, member, "Face recognition at the metro gates", 3)
	if problems, sum, err := db.CheckWithSummary(ctx); err != nil || len(problems) != 0 || sum.Checkpoints != 1 {
		t.Fatalf("the sound register: %q, %d checkpoints held, %v", problems, sum.Checkpoints, err)
	}

	// Rebuilt: another register, same committee, four entries of its own,
	// and the real register's checkpoint copied in.
	rebuilt, rebuiltPath := committeeRegister(t, root, nil, "A different story", 3)
	rawSQLite(t, rebuiltPath, "ATTACH '"+path+"' AS real", "INSERT INTO audit_checkpoints SELECT * FROM real.audit_checkpoints")
	problems, sum, err := rebuilt.CheckWithSummary(ctx)
	if err != nil || !mentions(problems, "checkpoint 1 (audit entry 4, signed by Li Wei", "the audit log was rewritten (entry 4 no longer has the hash signed then)") || sum.Checkpoints != 0 {
		t.Fatalf("a rebuilt register: %q, %d held, %v", problems, sum.Checkpoints, err)
	}

	// Cut back: the entries from the checkpoint's on are deleted.
	rawSQLite(t, path, "DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE seq >= 4")
	problems, _, err = db.CheckWithSummary(ctx)
	if err != nil || !mentions(problems, "checkpoint 1 (audit entry 4", "the audit log ends at entry 3, so entries up to 4 were cut off") {
		t.Fatalf("a log cut back: %q %v", problems, err)
	}

	// Altered before the checkpoint: the log's problem, not the checkpoint's.
	altered, alteredPath := committeeRegister(t, root, member, "Face recognition at the metro gates", 3)
	rawSQLite(t, alteredPath, "DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET actor = 'Someone else' WHERE seq = 4")
	problems, _, err = altered.CheckWithSummary(ctx)
	if err != nil || !mentions(problems, "audit log: ", "(entry 4)") || mentions(problems, "checkpoint 1") {
		t.Fatalf("an altered entry under a checkpoint: %q %v", problems, err)
	}
}

// A member whose key was imported from the institution's PKCS#12 file (an
// RSA key under the institution's own CA, kept as their chain) signs
// checkpoints that hold at check; the same key without that chain on file
// is not one of this committee's.
func TestACheckpointSignedWithAnInstitutionalRSAKeyHolds(t *testing.T) {
	passwordcost.Cheap()
	ctx := context.Background()
	db, _ := openTemp(t)
	admin, err := newService(db).Bootstrap(ctx, "admin", "Chen Jie", "the first long password")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	caKey, _ := rsa.GenerateKey(rand.Reader, 1024)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "University CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	key, _ := rsa.GenerateKey(rand.Reader, 1024)
	certDER, err := x509.CreateCertificate(rand.Reader, &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "Chen Jie"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour), KeyUsage: x509.KeyUsageDigitalSignature}, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SaveAuditCheckpoint(ctx, "key issued", admin.ID, "Chen Jie", certDER, signWith(key)); err != nil {
		t.Fatal(err)
	}
	problems, _, err := db.CheckWithSummary(ctx)
	if err != nil || !mentions(problems, "signed by Chen Jie", "not signed with a key of this committee") {
		t.Fatalf("an institutional key with no chain on file: %q %v", problems, err)
	}
	chain := append(append([]byte(nil), certDER...), caDER...)
	if err := db.SaveUserKey(ctx, admin.ID, certDER, chain, []byte("sealed"), "pkcs12", cases.AuditEntry{Actor: admin, Action: "signing.key_import", Entity: "user"}); err != nil {
		t.Fatal(err)
	}
	problems, sum, err := db.CheckWithSummary(ctx)
	if err != nil || len(problems) != 0 || sum.Checkpoints != 1 {
		t.Fatalf("the institutional key with its chain: %s; %d held, %v", strings.Join(problems, "; "), sum.Checkpoints, err)
	}
}

// A PKCS#12 key on file whose chain holds no certificate (a register
// edited with an SQLite tool) adds no root of the committee: check runs
// to its end and still holds the checkpoints of the register's own root.
func TestAnEmptyKeyChainOnFileDoesNotStopCheck(t *testing.T) {
	passwordcost.Cheap()
	ctx := context.Background()
	now := time.Now()
	root, member := committeeKeys(t, now)
	db, _ := committeeRegister(t, root, member, "Face recognition at the metro gates", 1)
	u := cases.User{Username: "liwei", DisplayName: "Li Wei", Role: cases.RoleMember, Active: true}
	if err := db.CreateUser(ctx, &u, "", cases.AuditEntry{Actor: secretary, Action: "user.create", Entity: "user"}); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveUserKey(ctx, u.ID, member.Cert.Raw, []byte{}, []byte("sealed"), "pkcs12", cases.AuditEntry{Actor: secretary, Action: "signing.key_import", Entity: "user"}); err != nil {
		t.Fatal(err)
	}
	problems, sum, err := db.CheckWithSummary(ctx)
	if err != nil || len(problems) != 0 || sum.Checkpoints != 1 {
		t.Fatalf("a key on file with an empty chain: %q, %d checkpoints held, %v", problems, sum.Checkpoints, err)
	}
}
