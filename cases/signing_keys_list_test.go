package cases_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"math/big"
	"testing"
	"time"

	"ethicsdesk/cases"
)

// certificateDER is a self-signed certificate named cn, valid from
// notBefore for a year.
func certificateDER(t *testing.T, cn string, notBefore time.Time) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: cn},
		NotBefore: notBefore, NotAfter: notBefore.AddDate(1, 0, 0)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

// The administrator's list of signing keys: the committee's root once it
// exists and each member's certificate with its holder, issuer and dates;
// a stored certificate that cannot be read is shown as unreadable, not
// dropped; and only the administrator may read the list.
func TestTheSigningKeysListShowsTheRootAndEachMembersCertificate(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	keys, err := k.svc.SigningKeys(ctx, k.admin)
	if err != nil || keys.Root != nil || len(keys.Members) != 0 {
		t.Fatalf("before any key: %+v, %v", keys, err)
	}
	from := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	audit := cases.AuditEntry{Actor: k.admin, Action: "key.test", Entity: "user"}
	must(t, k.db.SaveSigningRoot(ctx, certificateDER(t, "Ethics Committee Root", from), []byte("sealed"), "Administrator", audit))
	must(t, k.db.SaveUserKey(ctx, k.members[0].ID, certificateDER(t, "Dr. chen", from), []byte{}, []byte("sealed"), "issued", audit))
	must(t, k.db.SaveUserKey(ctx, k.members[1].ID, []byte("not a certificate"), []byte{}, []byte("sealed"), "pkcs12", audit))

	keys, err = k.svc.SigningKeys(ctx, k.admin)
	if err != nil {
		t.Fatal(err)
	}
	if keys.Root == nil || keys.Root.Subject != "Ethics Committee Root" || !keys.Root.Readable || !keys.Root.NotBefore.Equal(from) {
		t.Fatalf("the root: %+v", keys.Root)
	}
	if len(keys.Members) != 2 {
		t.Fatalf("members with a key: %+v, want 2", keys.Members)
	}
	if c := keys.Members[k.members[0].ID]; c.Subject != "Dr. chen" || c.Issuer != "Dr. chen" || !c.Readable || !c.NotAfter.Equal(from.AddDate(1, 0, 0)) {
		t.Fatalf("the first member's certificate: %+v", c)
	}
	if c, ok := keys.Members[k.members[1].ID]; !ok || c.Readable {
		t.Fatalf("an unreadable certificate is listed as %+v (present %v)", c, ok)
	}
	var forbidden *cases.ForbiddenError
	if _, err := k.svc.SigningKeys(ctx, k.sec); !errors.As(err, &forbidden) {
		t.Fatalf("the secretariat read the list of keys: %v", err)
	}
}
