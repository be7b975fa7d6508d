package signing

import (
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
)

// LaptopKey is a member's signing key kept on their own computer when the
// register is on the committee server: the key sealed under their
// password (as SealKey writes it), their certificate and its issuers.
type LaptopKey struct {
	Sealed []byte
	Cert   *x509.Certificate
	Chain  []*x509.Certificate
}

const sealedKeyPEM = "ETHICSDESK SEALED KEY"

// Marshal writes the key as PEM text: the sealed key, then the
// certificate, then its issuers.
func (k *LaptopKey) Marshal() []byte {
	out := pem.EncodeToMemory(&pem.Block{Type: sealedKeyPEM, Bytes: k.Sealed})
	for _, c := range append([]*x509.Certificate{k.Cert}, k.Chain...) {
		out = append(out, CertificatePEM(c)...)
	}
	return out
}

// ParseLaptopKey reads what Marshal wrote.
func ParseLaptopKey(data []byte) (*LaptopKey, error) {
	k := &LaptopKey{}
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		switch b.Type {
		case sealedKeyPEM:
			k.Sealed = b.Bytes
		case "CERTIFICATE":
			c, err := x509.ParseCertificate(b.Bytes)
			if err != nil {
				return nil, fmt.Errorf("the signing key file holds a certificate that cannot be read: %w", err)
			}
			if k.Cert == nil {
				k.Cert = c
			} else {
				k.Chain = append(k.Chain, c)
			}
		}
	}
	if k.Sealed == nil || k.Cert == nil {
		return nil, errors.New("the file is not an Ethics Desk signing key file")
	}
	return k, nil
}

// Open unseals the key with password (ErrWrongPassword when it does not
// open) and checks that it belongs to the certificate.
func (k *LaptopKey) Open(password string) (*Identity, error) {
	key, err := OpenKey(k.Sealed, password)
	if err != nil {
		return nil, err
	}
	pub, err := x509.MarshalPKIXPublicKey(key.Public())
	if err != nil || string(pub) != string(k.Cert.RawSubjectPublicKeyInfo) {
		return nil, errors.New("the key in the signing key file does not belong to its certificate")
	}
	return &Identity{Cert: k.Cert, Chain: k.Chain, Key: key}, nil
}

// LaptopKeyFromPKCS12 seals the key of a PKCS#12 file under password, to
// keep on a laptop.
func LaptopKeyFromPKCS12(p12 []byte, p12Password, password string) (*LaptopKey, error) {
	id, err := ImportPKCS12(p12, p12Password)
	if err != nil {
		return nil, err
	}
	sealed, err := SealKey(id.Key, password)
	if err != nil {
		return nil, err
	}
	return &LaptopKey{Sealed: sealed, Cert: id.Cert, Chain: id.Chain}, nil
}
