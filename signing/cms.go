package signing

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"sort"

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

// detachedCMS signs content as a detached CMS SignedData (RFC 5652) with
// SHA-256 and exactly the signed attributes PAdES baseline B-B asks for:
// content-type, message-digest and ESS signing-certificate-v2. It has no
// signing-time attribute: ETSI EN 319 142-1 forbids it, the time belongs in
// the signature dictionary's /M. (The pkcs7 library always adds one, so the
// structure is written here with encoding/asn1.) The signer's certificate
// chain is embedded.
func detachedCMS(content []byte, id *Identity) ([]byte, error) {
	digest := sha256.Sum256(content)
	scv2, err := signingCertificateV2Attr(id.Cert)
	if err != nil {
		return nil, err
	}
	contentType, err := asn1.Marshal(pkcs7.OIDData)
	if err != nil {
		return nil, err
	}
	md, err := asn1.Marshal(digest[:])
	if err != nil {
		return nil, err
	}
	attrs, err := derSetOf([]cmsAttribute{
		{Type: pkcs7.OIDAttributeContentType, Values: asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSet, IsCompound: true, Bytes: contentType}},
		{Type: pkcs7.OIDAttributeMessageDigest, Values: asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSet, IsCompound: true, Bytes: md}},
		{Type: oidSigningCertificateV2, Values: asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSet, IsCompound: true, Bytes: scv2.FullBytes}},
	})
	if err != nil {
		return nil, err
	}
	// The signature is over the DER SET OF the attributes (tag 0x31), which
	// sit in the SignerInfo under the implicit tag [0].
	attrsHash := sha256.Sum256(attrs)
	sigAlg, err := signatureAlgorithm(id.Key)
	if err != nil {
		return nil, err
	}
	sig, err := id.Key.Sign(rand.Reader, attrsHash[:], crypto.SHA256)
	if err != nil {
		return nil, fmt.Errorf("the signature could not be made: %w", err)
	}
	signedAttrs := asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: attrs[len(setHeader(attrs)):]}
	sha256Alg := pkix.AlgorithmIdentifier{Algorithm: pkcs7.OIDDigestAlgorithmSHA256}
	si := cmsSignerInfo{
		Version:            1,
		SID:                cmsIssuerAndSerial{Issuer: asn1.RawValue{FullBytes: id.Cert.RawIssuer}, Serial: id.Cert.SerialNumber},
		DigestAlgorithm:    sha256Alg,
		SignedAttrs:        signedAttrs,
		SignatureAlgorithm: sigAlg,
		Signature:          sig,
	}
	var certs []byte
	for _, c := range append([]*x509.Certificate{id.Cert}, id.Chain...) {
		certs = append(certs, c.Raw...)
	}
	sd := cmsSignedData{
		Version:          1,
		DigestAlgorithms: []pkix.AlgorithmIdentifier{sha256Alg},
		EncapContentInfo: cmsEncapContent{ContentType: pkcs7.OIDData},
		Certificates:     asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: certs},
		SignerInfos:      []cmsSignerInfo{si},
	}
	inner, err := asn1.Marshal(sd)
	if err != nil {
		return nil, err
	}
	return asn1.Marshal(cmsContentInfo{ContentType: pkcs7.OIDSignedData,
		Content: asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: inner}})
}

type cmsContentInfo struct {
	ContentType asn1.ObjectIdentifier
	Content     asn1.RawValue
}

type cmsEncapContent struct {
	ContentType asn1.ObjectIdentifier
}

type cmsSignedData struct {
	Version          int
	DigestAlgorithms []pkix.AlgorithmIdentifier `asn1:"set"`
	EncapContentInfo cmsEncapContent
	Certificates     asn1.RawValue
	SignerInfos      []cmsSignerInfo `asn1:"set"`
}

type cmsIssuerAndSerial struct {
	Issuer asn1.RawValue
	Serial *big.Int
}

type cmsSignerInfo struct {
	Version            int
	SID                cmsIssuerAndSerial
	DigestAlgorithm    pkix.AlgorithmIdentifier
	SignedAttrs        asn1.RawValue
	SignatureAlgorithm pkix.AlgorithmIdentifier
	Signature          []byte
}

type cmsAttribute struct {
	Type   asn1.ObjectIdentifier
	Values asn1.RawValue
}

// derSetOf encodes attributes as a DER SET OF: elements sorted by their
// encodings, as DER requires and as the signature is computed over.
func derSetOf(attrs []cmsAttribute) ([]byte, error) {
	enc := make([][]byte, len(attrs))
	for i, a := range attrs {
		b, err := asn1.Marshal(a)
		if err != nil {
			return nil, err
		}
		enc[i] = b
	}
	sort.Slice(enc, func(i, j int) bool { return bytes.Compare(enc[i], enc[j]) < 0 })
	return asn1.Marshal(asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSet, IsCompound: true, Bytes: bytes.Join(enc, nil)})
}

// setHeader is the tag and length bytes in front of a DER element's content.
func setHeader(der []byte) []byte {
	if len(der) < 2 || der[1] < 0x80 {
		return der[:min(2, len(der))]
	}
	return der[:2+int(der[1]&0x7f)]
}

// signatureAlgorithm names the key's signature algorithm with SHA-256.
func signatureAlgorithm(key crypto.Signer) (pkix.AlgorithmIdentifier, error) {
	switch key.Public().(type) {
	case *ecdsa.PublicKey:
		return pkix.AlgorithmIdentifier{Algorithm: pkcs7.OIDDigestAlgorithmECDSASHA256}, nil
	case *rsa.PublicKey:
		return pkix.AlgorithmIdentifier{Algorithm: pkcs7.OIDEncryptionAlgorithmRSA, Parameters: asn1.NullRawValue}, nil
	}
	return pkix.AlgorithmIdentifier{}, errors.New("the signing key is of a kind this program cannot sign with (it needs ECDSA or RSA)")
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
