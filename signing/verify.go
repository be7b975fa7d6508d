package signing

import (
	"bytes"
	"crypto"
	"crypto/sha1"
	_ "crypto/sha256" // registers the digests signatures may use
	_ "crypto/sha512"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"hash"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/smallstep/pkcs7"

	"ethicsdesk/signing/internal/pdf"
)

// MaxFileSize is the largest file Verify reads: an opinion is a few hundred
// kilobytes, and the time and memory bounds are measured up to this size.
const MaxFileSize = 50 << 20

// Bounds on the work one file may ask for.
const (
	// maxContentsBytes caps a signature's /Contents: a CMS with a long
	// institutional chain needs tens of kilobytes, not more.
	maxContentsBytes = 128 << 10
	// maxHashedBytes caps the bytes digested for all signatures together.
	maxHashedBytes = 400 << 20
)

// Verify checks every signature in a PDF, whether or not this program made
// it, and accounts for every update made between and after them. roots are
// the trusted root certificates (the committee's, or others given by the
// person checking); nil or an empty pool means none is trusted, and the
// verdict can then at best be SignersUnverified. It returns an error only
// when data is not a PDF at all or is too large; problems with signatures
// are reported in the Report.
func Verify(data []byte, roots *x509.CertPool) (*Report, error) {
	head := data[:min(len(data), 1024)]
	if !bytes.Contains(head, []byte("%PDF-")) {
		return nil, errors.New("the file is not a PDF document")
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("the file is larger than %d MB, far larger than an opinion; it was not checked", MaxFileSize>>20)
	}
	r := &Report{FileSize: len(data), TrustGiven: roots != nil && !roots.Equal(x509.NewCertPool())}
	f := scanFile(data)
	if f.tooBig {
		r.AddProblem(fmt.Sprintf("The file holds more than %d objects, far more than an opinion; it was not checked.", maxScannedObjects))
		return r, nil
	}
	cands := locateSignatures(f)
	if len(cands) == 0 {
		return r, nil
	}
	var names map[int]string
	hashBudget := int64(maxHashedBytes)
	for _, c := range cands {
		if c.fieldName == "" && c.num >= 0 && names == nil {
			names = f.fieldNames()
		}
		s := verifyOne(data, c, roots, &hashBudget)
		if s.FieldName == "" && c.num >= 0 {
			s.FieldName = Printable(names[c.num])
		}
		r.Signatures = append(r.Signatures, s)
	}
	// Report signatures in the order they were applied: a later revision's
	// signed range ends further into the file.
	sort.SliceStable(r.Signatures, func(i, j int) bool {
		return r.Signatures[i].signedEnd() < r.Signatures[j].signedEnd()
	})
	ends := make([]int64, len(r.Signatures))
	for i := range r.Signatures {
		ends[i] = r.Signatures[i].signedEnd()
	}
	r.Revisions = describeRevisions(f, ends)
	for _, c := range r.Revisions {
		if c.Before == 0 {
			r.ChangesAfterLastSignature = append(r.ChangesAfterLastSignature, c.Text)
		}
	}
	r.checkRevisions()
	if f.exhausted() {
		r.AddProblem("The file asks for far more parsing than any real document needs, so it was not read in full and cannot be vouched for.")
	}
	return r, nil
}

// checkRevisions turns changes made between signatures into problems, and
// enforces a certification signature's permissions (DocMDP): 1 allows no
// change at all, 2 allows adding signatures, 3 also annotations.
func (r *Report) checkRevisions() {
	certifiedBy, perm := 0, 0
	for i, s := range r.Signatures {
		if s.DocMDP > 0 && certifiedBy == 0 {
			certifiedBy, perm = i+1, s.DocMDP
		}
	}
	for _, c := range r.Revisions {
		certified := certifiedBy > 0 && c.After >= certifiedBy
		switch {
		case certified && perm == 1:
			r.AddProblem(fmt.Sprintf("Signature %d certified the document with no changes permitted, yet it was changed afterwards: %s", certifiedBy, c.Text))
		case c.Before == 0:
			// Reported as changes after the last signature.
		case len(c.Unexpected) == 0:
		case certified && perm == 3 && c.AnnotationsOnly:
			// Annotations are what permission 3 allows.
		default:
			r.AddProblem(fmt.Sprintf("The document itself was changed between signature %d and signature %d, not only signed: the update %s.",
				c.After, c.Before, strings.Join(c.Unexpected, ", ")))
		}
	}
}

func (s *SignatureReport) signedEnd() int64 {
	if s.byteRangeOK {
		return s.ByteRange[2] + s.ByteRange[3]
	}
	return -1
}

func verifyOne(data []byte, c sigCandidate, roots *x509.CertPool, hashBudget *int64) (s SignatureReport) {
	if c.damaged {
		s.Problem = "A signature in the file is damaged and could not be read."
		return s
	}
	d := c.dict
	s.FieldName = Printable(c.fieldName)
	s.SubFilter = Printable(string(d.NameOf("SubFilter")))
	s.Reason = textOf(d, "Reason")
	s.Location = textOf(d, "Location")
	s.NameInDictionary = textOf(d, "Name")
	s.DocMDP = docMDPPermission(d)
	if m := textOf(d, "M"); m != "" {
		if t, ok := parsePDFDate(m); ok {
			s.SigningTime = t
		}
	}
	defer func() {
		// Third-party ASN.1 parsing must not take the program down on a
		// hostile file; treat a panic as an unreadable signature.
		if p := recover(); p != nil {
			s.Valid = false
			s.Problem = "The signature data is malformed and could not be read."
		}
	}()

	contents, ok := d.Get("Contents").(pdf.String)
	if !ok {
		s.Problem = "The signature has no signature data (/Contents is not a string)."
		return s
	}
	if problem := s.checkByteRange(d, contents, len(data)); problem != "" {
		s.Problem = problem
		return s
	}
	if len(contents.Bytes) > maxContentsBytes {
		s.Problem = fmt.Sprintf("The signature data is larger than %d KB, far larger than a signature; it was not checked.", maxContentsBytes>>10)
		return s
	}
	if data[contents.Start] != '<' {
		s.Problem = "The signature data is not a hexadecimal string, so the signed ranges cannot be trusted."
		return s
	}
	br := s.ByteRange
	part1 := data[br[0] : br[0]+br[1]]
	part2 := data[br[2] : br[2]+br[3]]
	s.CoversWholeFile = br[2]+br[3] == int64(len(data))

	switch s.SubFilter {
	case "ETSI.CAdES.detached", "adbe.pkcs7.detached", "adbe.pkcs7.sha1", "ETSI.RFC3161":
	case "":
		s.Problem = "The signature does not say how it was made (no /SubFilter)."
		return s
	default:
		s.Problem = fmt.Sprintf("The signature type %s is not supported by this program.", s.SubFilter)
		return s
	}
	der := trimDER(contents.Bytes)
	if err := checkBER(der); err != nil {
		s.Problem = "The signature data (CMS) is malformed: " + err.Error() + "."
		return s
	}
	p7, err := pkcs7.Parse(der)
	if err != nil {
		s.Problem = "The signature data (CMS) could not be read."
		return s
	}
	if len(p7.Signers) == 0 {
		s.Problem = "The signature data names no signer."
		return s
	}
	signer := p7.Signers[0]
	cert := findSigner(p7)
	if cert == nil {
		s.Problem = "The signature does not carry the signer's certificate."
		return s
	}
	s.Certificate = cert
	s.SignerName = Printable(cert.Subject.CommonName)
	s.SignerRole = Printable(RoleOf(cert))
	var st time.Time
	if p7.UnmarshalSignedAttribute(pkcs7.OIDAttributeSigningTime, &st) == nil {
		s.SigningTime = st
	}
	// Trust is reported even for a broken signature: "made by a committee
	// member but altered since" and "made by a stranger" read differently.
	s.ChainsToRoot, s.ChainProblem, s.chainIssuer = chainsToRoot(cert, p7.Certificates, roots, s.SigningTime)
	s.ChainProblem = Printable(s.ChainProblem)
	if s.SubFilter == "ETSI.RFC3161" {
		s.Problem = "This is a document time-stamp, which this program does not check."
		return s
	}

	need := br[1] + br[3]
	if need > *hashBudget {
		s.Problem = "The file asks for more signed data to be checked than this program checks in one file; this signature was not checked."
		return s
	}
	*hashBudget -= need
	if len(signer.AuthenticatedAttributes) == 0 {
		// Without signed attributes the signature is over the content itself.
		if s.SubFilter != "adbe.pkcs7.detached" {
			s.Problem = "The signature has no signed attributes, which its type requires."
			return s
		}
		p7.Content = append(append([]byte{}, part1...), part2...)
		if err := p7.Verify(); err != nil {
			s.Problem = cmsProblem(err)
			return s
		}
	} else {
		hashFn, ok := hashForOID(signer.DigestAlgorithm.Algorithm)
		if !ok {
			s.Problem = "The signature uses a digest algorithm this program does not support."
			return s
		}
		if s.SubFilter == "adbe.pkcs7.sha1" {
			// The embedded content is the SHA-1 of the signed ranges.
			sum := digestRanges(sha1.New(), part1, part2)
			if !bytes.Equal(p7.Content, sum) {
				s.Problem = changedProblem
				return s
			}
			if err := p7.Verify(); err != nil {
				s.Problem = cmsProblem(err)
				return s
			}
		} else {
			sum := digestRanges(hashFn.New(), part1, part2)
			p7.Content = []byte{}
			p7.Hasher = fixedHasher(sum)
			if err := p7.Verify(); err != nil {
				s.Problem = cmsProblem(err)
				return s
			}
		}
	}
	if _, err := checkSigningCertificateV2(p7, cert); err != nil {
		s.Problem = "The signature's certificate reference does not match: " + err.Error() + "."
		return s
	}
	s.Valid = true
	return s
}

const changedProblem = "The document was changed after this signature was made: the signed bytes no longer match the signature."

func cmsProblem(err error) string {
	var mismatch *pkcs7.MessageDigestMismatchError
	var when *pkcs7.SigningTimeNotValidError
	switch {
	case errors.As(err, &mismatch):
		return changedProblem
	case errors.As(err, &when):
		return "The signature was made outside the validity period of the signer's certificate."
	}
	return "The cryptographic signature does not verify: the signature data was altered or made with another key."
}

// checkByteRange fills s.ByteRange and returns a problem sentence when the
// range is not exactly "from the start of the file to the /Contents string,
// then from after it to the end of the signed revision".
func (s *SignatureReport) checkByteRange(d *pdf.Dict, contents pdf.String, size int) string {
	arr, ok := d.Get("ByteRange").(pdf.Array)
	if !ok || len(arr) != 4 {
		return "The signature's byte range is malformed (it must be four numbers)."
	}
	for i, e := range arr {
		n, ok := e.(pdf.Integer)
		if !ok || n < 0 || int64(n) > int64(size) {
			return "The signature's byte range points outside the file."
		}
		s.ByteRange[i] = int64(n)
	}
	br := s.ByteRange
	if br[0] != 0 {
		return "The signature's byte range does not start at the beginning of the file."
	}
	if br[1] > br[2] || br[2]+br[3] > int64(size) {
		return "The signature's byte range points outside the file."
	}
	if br[1] != int64(contents.Start) || br[2] != int64(contents.End) {
		return "The signature's byte range leaves out more than the signature itself, so part of the document is not signed."
	}
	s.byteRangeOK = true
	return ""
}

// chainsToRoot verifies cert's chain to one of roots at the signing time;
// issuer is the certificate the chain found to have signed cert.
func chainsToRoot(cert *x509.Certificate, certs []*x509.Certificate, roots *x509.CertPool, at time.Time) (ok bool, problem string, issuer *x509.Certificate) {
	if roots == nil {
		return false, "no trusted root certificate was given", nil
	}
	inter := x509.NewCertPool()
	for _, c := range certs {
		if c != cert {
			inter.AddCert(c)
		}
	}
	// The chain is checked at the signing time the signature claims (/M,
	// inside the signed bytes), so an opinion stays verifiable after its
	// signer's certificate expires; a claimed time in the future is not
	// believed.
	if now := time.Now(); at.IsZero() || at.After(now) {
		at = now
	}
	chains, err := cert.Verify(x509.VerifyOptions{
		Roots:         roots,
		Intermediates: inter,
		CurrentTime:   at,
		KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
	})
	if err != nil {
		var unknown x509.UnknownAuthorityError
		if errors.As(err, &unknown) {
			return false, "the certificate was not issued by a trusted root", nil
		}
		return false, "the certificate chain is not valid: " + err.Error(), nil
	}
	if len(chains) > 0 && len(chains[0]) > 1 {
		issuer = chains[0][1]
	}
	return true, "", issuer
}

// findSigner returns the certificate named by the first SignerInfo.
func findSigner(p7 *pkcs7.PKCS7) *x509.Certificate {
	ias := p7.Signers[0].IssuerAndSerialNumber
	for _, c := range p7.Certificates {
		if ias.SerialNumber != nil && c.SerialNumber.Cmp(ias.SerialNumber) == 0 && bytes.Equal(c.RawIssuer, ias.IssuerName.FullBytes) {
			return c
		}
	}
	return nil
}

func hashForOID(oid asn1.ObjectIdentifier) (crypto.Hash, bool) {
	switch {
	case oid.Equal(pkcs7.OIDDigestAlgorithmSHA256):
		return crypto.SHA256, true
	case oid.Equal(pkcs7.OIDDigestAlgorithmSHA384):
		return crypto.SHA384, true
	case oid.Equal(pkcs7.OIDDigestAlgorithmSHA512):
		return crypto.SHA512, true
	case oid.Equal(pkcs7.OIDDigestAlgorithmSHA1):
		return crypto.SHA1, true
	}
	return 0, false
}

func digestRanges(h hash.Hash, parts ...[]byte) []byte {
	for _, p := range parts {
		h.Write(p)
	}
	return h.Sum(nil)
}

// fixedHasher hands pkcs7 the digest we computed over the byte ranges, so
// the signed content never has to be copied into one buffer.
type fixedHasher []byte

func (f fixedHasher) Hash(crypto.Hash, io.Reader) ([]byte, error) { return f, nil }

// trimDER drops the zero padding after the CMS in /Contents, using the
// outer element's (possibly BER indefinite) length to find where it ends.
func trimDER(b []byte) []byte {
	if n, ok := berLen(b, 0); ok {
		return b[:n]
	}
	return b
}

// berLen returns the encoded length of the BER element at the start of b.
func berLen(b []byte, depth int) (int, bool) {
	if depth > 32 || len(b) < 2 {
		return 0, false
	}
	i := 1
	if b[0]&0x1f == 0x1f { // high tag number form
		for i < len(b) && b[i]&0x80 != 0 {
			i++
		}
		i++
	}
	if i >= len(b) {
		return 0, false
	}
	l := b[i]
	i++
	switch {
	case l < 0x80:
		n := i + int(l)
		return n, n <= len(b)
	case l == 0x80: // indefinite: children until an end-of-contents marker
		if b[0]&0x20 == 0 {
			return 0, false
		}
		for {
			if i+1 >= len(b) {
				return 0, false
			}
			if b[i] == 0 && b[i+1] == 0 {
				return i + 2, true
			}
			n, ok := berLen(b[i:], depth+1)
			if !ok {
				return 0, false
			}
			i += n
		}
	default:
		k := int(l & 0x7f)
		if k > 4 || i+k > len(b) {
			return 0, false
		}
		n := 0
		for _, c := range b[i : i+k] {
			n = n<<8 | int(c)
		}
		end := i + k + n
		return end, end <= len(b) && end >= 0
	}
}

// textOf is a text string of the signature dictionary, made safe to print.
func textOf(d *pdf.Dict, key pdf.Name) string {
	if s, ok := d.Get(key).(pdf.String); ok {
		return Printable(pdf.DecodeText(s.Bytes))
	}
	return ""
}

// docMDPPermission is the /P of a certification signature's DocMDP
// transform (1, 2 or 3; 2 when absent, as the standard says), or 0 when the
// signature is not a certification signature.
func docMDPPermission(d *pdf.Dict) int {
	refs, _ := d.Get("Reference").(pdf.Array)
	for _, e := range refs {
		rd, ok := e.(*pdf.Dict)
		if !ok || rd.NameOf("TransformMethod") != "DocMDP" {
			continue
		}
		p := 2
		if tp, ok := rd.Get("TransformParams").(*pdf.Dict); ok {
			if v, ok := tp.Get("P").(pdf.Integer); ok && v >= 1 && v <= 3 {
				p = int(v)
			}
		}
		return p
	}
	return 0
}
