// Package signing holds the committee's key material and puts PAdES
// signatures into PDF opinions and checks them. It depends on no other
// package of the application.
package signing

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"time"
)

// Authority is a certificate authority: the committee's self-signed root.
type Authority struct {
	Cert *x509.Certificate
	Key  crypto.Signer
}

// Identity is what a member signs with.
type Identity struct {
	Cert *x509.Certificate
	// Chain holds the certificates that issued Cert, nearest first, without
	// Cert itself. It is embedded in every signature so verifiers can build
	// the path to a trusted root.
	Chain []*x509.Certificate
	Key   crypto.Signer
}

const (
	rootValidity   = 20 * 365 * 24 * time.Hour
	memberValidity = 5 * 365 * 24 * time.Hour
	// clockSkew backdates NotBefore a little so a certificate made on one
	// laptop is already valid on another whose clock is slightly behind.
	clockSkew = 5 * time.Minute
)

var (
	oidTitle = asn1.ObjectIdentifier{2, 5, 4, 12}
	// oidDocumentSigning is Microsoft's "Document Signing" extended key usage,
	// which Adobe Reader recognises for signing certificates.
	oidDocumentSigning = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 311, 10, 3, 12}
)

func randomSerial() (*big.Int, error) {
	return rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
}

// NewRoot creates the committee's self-signed root certificate with a fresh
// ECDSA P-256 key, valid for 20 years from now.
func NewRoot(commonName, organisation string, now time.Time) (*Authority, error) {
	if commonName == "" {
		return nil, errors.New("the root certificate needs a name")
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("could not create a key: %w", err)
	}
	serial, err := randomSerial()
	if err != nil {
		return nil, err
	}
	subject := pkix.Name{CommonName: commonName}
	if organisation != "" {
		subject.Organization = []string{organisation}
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               subject,
		NotBefore:             now.Add(-clockSkew),
		NotAfter:              now.Add(rootValidity),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, fmt.Errorf("could not create the root certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return &Authority{Cert: cert, Key: key}, nil
}

// IssueMember creates a member's ECDSA P-256 key and a five-year signing
// certificate issued by root. The role goes in the subject's Title and
// organisational unit, where verifiers show it.
func IssueMember(root *Authority, name, role, email string, now time.Time) (*Identity, error) {
	if root == nil || root.Cert == nil || root.Key == nil {
		return nil, errors.New("no committee root certificate is available to issue the member's certificate")
	}
	if name == "" {
		return nil, errors.New("the member's certificate needs a name")
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("could not create a key: %w", err)
	}
	serial, err := randomSerial()
	if err != nil {
		return nil, err
	}
	subject := pkix.Name{CommonName: name, Organization: root.Cert.Subject.Organization}
	if role != "" {
		subject.OrganizationalUnit = []string{role}
		subject.ExtraNames = []pkix.AttributeTypeAndValue{{Type: oidTitle, Value: role}}
	}
	notAfter := now.Add(memberValidity)
	if notAfter.After(root.Cert.NotAfter) {
		notAfter = root.Cert.NotAfter
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               subject,
		NotBefore:             now.Add(-clockSkew),
		NotAfter:              notAfter,
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
		UnknownExtKeyUsage:    []asn1.ObjectIdentifier{oidDocumentSigning},
		BasicConstraintsValid: true,
	}
	if email != "" {
		tmpl.EmailAddresses = []string{email}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, root.Cert, key.Public(), root.Key)
	if err != nil {
		return nil, fmt.Errorf("could not issue the member's certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return &Identity{Cert: cert, Chain: []*x509.Certificate{root.Cert}, Key: key}, nil
}

// RoleOf returns the role recorded in a certificate: its Title attribute,
// else its first organisational unit.
func RoleOf(cert *x509.Certificate) string {
	if cert == nil {
		return ""
	}
	for _, n := range cert.Subject.Names {
		if n.Type.Equal(oidTitle) {
			if s, ok := n.Value.(string); ok && s != "" {
				return s
			}
		}
	}
	if len(cert.Subject.OrganizationalUnit) > 0 {
		return cert.Subject.OrganizationalUnit[0]
	}
	return ""
}

// CertificatePEM encodes a certificate as PEM text.
func CertificatePEM(cert *x509.Certificate) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw})
}

// ParseCertificatePEM reads the first certificate from PEM text or DER bytes.
func ParseCertificatePEM(data []byte) (*x509.Certificate, error) {
	if block, _ := pem.Decode(data); block != nil {
		data = block.Bytes
	}
	cert, err := x509.ParseCertificate(data)
	if err != nil {
		return nil, fmt.Errorf("the certificate could not be read: %w", err)
	}
	return cert, nil
}

// RootPool makes a pool holding the given trusted roots, for Verify.
func RootPool(roots ...*x509.Certificate) *x509.CertPool {
	p := x509.NewCertPool()
	for _, r := range roots {
		if r != nil {
			p.AddCert(r)
		}
	}
	return p
}
