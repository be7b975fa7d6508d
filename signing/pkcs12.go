package signing

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"errors"
	"fmt"

	"software.sslmate.com/src/go-pkcs12"
)

// ImportPKCS12 reads a member's key and certificate from a PKCS#12 (.p12 /
// .pfx) file issued by an institutional CA. RSA and ECDSA keys are accepted.
func ImportPKCS12(data []byte, password string) (*Identity, error) {
	key, cert, cas, err := pkcs12.DecodeChain(data, password)
	if err != nil {
		if errors.Is(err, pkcs12.ErrIncorrectPassword) {
			return nil, fmt.Errorf("the certificate file could not be opened: %w", ErrWrongPassword)
		}
		var notImpl pkcs12.NotImplementedError
		if errors.As(err, &notImpl) {
			return nil, fmt.Errorf("the certificate file uses a format this program does not support (%v)", err)
		}
		return nil, errors.New("the file is not a PKCS#12 (.p12 or .pfx) certificate file, or it is damaged")
	}
	signer, ok := key.(crypto.Signer)
	if !ok {
		return nil, errors.New("the key in the certificate file cannot be used for signing")
	}
	pub, err := x509.MarshalPKIXPublicKey(signer.Public())
	if err != nil {
		return nil, errors.New("the key in the certificate file is of an unsupported type")
	}
	if !bytes.Equal(pub, cert.RawSubjectPublicKeyInfo) {
		return nil, errors.New("the key in the certificate file does not belong to its certificate")
	}
	return &Identity{Cert: cert, Chain: orderChain(cert, cas), Key: signer}, nil
}

// orderChain puts the CA certificates in issuing order starting from leaf,
// then appends any that are not on that path, so the signature embeds them all.
func orderChain(leaf *x509.Certificate, cas []*x509.Certificate) []*x509.Certificate {
	var out []*x509.Certificate
	used := make([]bool, len(cas))
	cur := leaf
	for len(out) < len(cas) {
		found := false
		for i, c := range cas {
			if !used[i] && bytes.Equal(cur.RawIssuer, c.RawSubject) && cur.CheckSignatureFrom(c) == nil {
				used[i], found, cur = true, true, c
				out = append(out, c)
				break
			}
		}
		if !found {
			break
		}
	}
	for i, c := range cas {
		if !used[i] {
			out = append(out, c)
		}
	}
	return out
}
