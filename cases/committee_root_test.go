package cases_test

import (
	"context"
	"crypto/x509"
	"errors"
	"math/big"
	"testing"

	"ethicsdesk/cases"
)

// rootOnFile is a keyring that holds the committee's root certificate.
type rootOnFile struct {
	paper
	root *x509.Certificate
}

func (r rootOnFile) RootCertificate(context.Context) (*x509.Certificate, error) { return r.root, nil }

// Recipients of the committee's opinions install its root certificate to
// trust them: a program without the keyring says it cannot give it, one
// with it gives the keyring's certificate, or the keyring's reason when
// no root exists yet.
func TestTheCommitteeRootComesFromTheKeyring(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	if root, err := k.svc.CommitteeRoot(ctx); !errors.Is(err, cases.ErrNotAvailable) || root != nil {
		t.Errorf("without the keyring: %v, %v; want ErrNotAvailable", root, err)
	}
	k.withPaperSigning()
	if root, err := k.svc.CommitteeRoot(ctx); err == nil || errors.Is(err, cases.ErrNotAvailable) || root != nil {
		t.Errorf("a keyring without a root: %v, %v; want its own refusal", root, err)
	}
	want := &x509.Certificate{SerialNumber: big.NewInt(2026)}
	k.svc.SetPorts(cases.Ports{Documents: paper{}, Keys: rootOnFile{root: want}})
	if root, err := k.svc.CommitteeRoot(ctx); err != nil || root != want {
		t.Errorf("a keyring with a root: %v, %v; want its certificate", root, err)
	}
}
