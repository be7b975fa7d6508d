package signing

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"

	"github.com/smallstep/pkcs7"
)

// oidSigningCertificateV2 is id-aa-signingCertificateV2 (RFC 5035), which
// PAdES requires: it binds the signature to the signer's certificate.
var oidSigningCertificateV2 = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 47}

// essCertIDv2 omits hashAlgorithm: its DER default is SHA-256, which we use.
type essCertIDv2 struct {
	CertHash     []byte
	IssuerSerial issuerSerial
}

type issuerSerial struct {
	Issuer       asn1.RawValue // GeneralNames
	SerialNumber asn1.RawValue
}

type signingCertificateV2 struct {
	Certs []essCertIDv2
}

// signingCertificateV2Attr encodes the attribute value for cert.
func signingCertificateV2Attr(cert *x509.Certificate) (asn1.RawValue, error) {
	sum := sha256.Sum256(cert.Raw)
	// GeneralNames ::= SEQUENCE OF GeneralName; directoryName is [4], explicit
	// because Name is a CHOICE.
	dirName, err := asn1.Marshal(asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 4, IsCompound: true, Bytes: cert.RawIssuer})
	if err != nil {
		return asn1.RawValue{}, err
	}
	serial, err := asn1.Marshal(cert.SerialNumber)
	if err != nil {
		return asn1.RawValue{}, err
	}
	v := signingCertificateV2{Certs: []essCertIDv2{{
		CertHash: sum[:],
		IssuerSerial: issuerSerial{
			Issuer:       asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSequence, IsCompound: true, Bytes: dirName},
			SerialNumber: asn1.RawValue{FullBytes: serial},
		},
	}}}
	der, err := asn1.Marshal(v)
	if err != nil {
		return asn1.RawValue{}, err
	}
	return asn1.RawValue{FullBytes: der}, nil
}

// detachedCMS signs content as a detached CMS SignedData with SHA-256 and
// the PAdES signed attributes (content-type, message-digest, signing-time,
// signing-certificate-v2), embedding the signer's certificate chain.
func detachedCMS(content []byte, id *Identity) ([]byte, error) {
	sd, err := pkcs7.NewSignedData(content)
	if err != nil {
		return nil, err
	}
	sd.SetDigestAlgorithm(pkcs7.OIDDigestAlgorithmSHA256)
	attr, err := signingCertificateV2Attr(id.Cert)
	if err != nil {
		return nil, err
	}
	cfg := pkcs7.SignerInfoConfig{ExtraSignedAttributes: []pkcs7.Attribute{{Type: oidSigningCertificateV2, Value: attr}}}
	if len(id.Chain) > 0 {
		err = sd.AddSignerChain(id.Cert, id.Key, id.Chain, cfg)
	} else {
		err = sd.AddSigner(id.Cert, id.Key, cfg)
	}
	if err != nil {
		return nil, fmt.Errorf("the signature could not be made: %w", err)
	}
	sd.Detach()
	return sd.Finish()
}

// checkSigningCertificateV2 reports whether the CMS's signing-certificate-v2
// attribute, when present, names cert. Absent means "nothing to check".
func checkSigningCertificateV2(p7 *pkcs7.PKCS7, cert *x509.Certificate) (present bool, err error) {
	var v signingCertificateV2Raw
	if e := p7.UnmarshalSignedAttribute(oidSigningCertificateV2, &v); e != nil {
		return false, nil
	}
	if len(v.Certs) == 0 {
		return true, errors.New("the signing-certificate attribute is empty")
	}
	var id essCertIDv2Raw
	if _, e := asn1.Unmarshal(v.Certs[0].FullBytes, &id); e != nil {
		return true, errors.New("the signing-certificate attribute is malformed")
	}
	algo := id.HashAlgorithm.Algorithm
	if len(algo) != 0 && !algo.Equal(pkcs7.OIDDigestAlgorithmSHA256) {
		return true, nil // another hash; not checked here
	}
	sum := sha256.Sum256(cert.Raw)
	if string(sum[:]) != string(id.CertHash) {
		return true, errors.New("the signature names a different certificate than the one it carries")
	}
	return true, nil
}

type signingCertificateV2Raw struct {
	Certs    []asn1.RawValue
	Policies asn1.RawValue `asn1:"optional"`
}

type essCertIDv2Raw struct {
	HashAlgorithm struct {
		Algorithm  asn1.ObjectIdentifier
		Parameters asn1.RawValue `asn1:"optional"`
	} `asn1:"optional"`
	CertHash     []byte
	IssuerSerial asn1.RawValue `asn1:"optional"`
}
