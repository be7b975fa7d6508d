package signing

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"ethicsdesk/internal/attackpdf"
	"ethicsdesk/signing/internal/pdf"
)

// A file of exactly the largest size is checked (here: found to carry no
// signature); one byte more is refused with the limit named.
func TestTheLargestFileIsCheckedAndOneByteMoreRefused(t *testing.T) {
	data := make([]byte, MaxFileSize+1)
	copy(data, "%PDF-1.7\n")
	r, err := Verify(data[:MaxFileSize], nil)
	if err != nil || len(r.Signatures) != 0 {
		t.Fatalf("a file of exactly %d bytes: %v", MaxFileSize, err)
	}
	if _, err := Verify(data, nil); err == nil || !strings.Contains(err.Error(), "larger than 50 MB") {
		t.Fatalf("a file of %d bytes: %v, want it refused for its size", MaxFileSize+1, err)
	}
}

// The signature data may be up to 128 KB: data of exactly that size is
// read (and here found not to be a CMS), one byte more is not read.
func TestSignatureDataUpTo128KBIsRead(t *testing.T) {
	fx := newFixture(t)
	for _, c := range []struct {
		size    int
		refused bool
	}{{maxContentsBytes, false}, {maxContentsBytes + 1, true}} {
		r, err := Verify(attackpdf.SignatureWithContents(fx.unsigned, make([]byte, c.size)), RootPool(fx.root.Cert))
		if err != nil {
			t.Fatal(err)
		}
		if p := r.Signatures[0].Problem; strings.Contains(p, "larger than 128 KB") != c.refused {
			t.Errorf("signature data of %d bytes: %q", c.size, p)
		}
	}
}

// A certification signature forbids changes after it even when it is not
// the first signature of the file.
func TestACertificationMadeSecondIsEnforced(t *testing.T) {
	fx := newFixture(t)
	certified, err := SignPDF(fx.once, fx.chair, SignatureInfo{Reason: "Chair — approval", FieldName: "Chair", Certify: 1})
	if err != nil {
		t.Fatal(err)
	}
	doc := mustSign(t, certified, fx.rapporteur, "Rapporteur — seen", "Rapporteur again")
	r, err := Verify(doc, RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	if r.OK() || !strings.Contains(r.String(), "Signature 2 certified the document with no changes permitted, yet it was changed afterwards") {
		t.Errorf("a signature added after a certification permitting no change passes:\n%s", r)
	}
}

// A file may make Verify check at most 64 signatures, readable or
// damaged; the rest are not looked at.
func TestAtMost64SignaturesAreChecked(t *testing.T) {
	fx := newFixture(t)
	for _, damaged := range []bool{false, true} {
		doc := fx.unsigned
		for i := 0; i < maxSignatures+3; i++ {
			if damaged {
				doc = append(append([]byte{}, doc...), "\n/ByteRange [0 1 2 3\n"...)
				continue
			}
			doc = attackpdf.SignatureWithContents(doc, []byte{0x30, 0x00})
		}
		r, err := Verify(doc, RootPool(fx.root.Cert))
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Signatures) != maxSignatures || r.OK() {
			t.Errorf("damaged=%v: %d of %d signatures checked, want %d", damaged, len(r.Signatures), maxSignatures+3, maxSignatures)
		}
	}
}

// A file that ends right after a /ByteRange key is read without a fault.
func TestAFileEndingInAByteRangeKeyIsRead(t *testing.T) {
	fx := newFixture(t)
	doc := append(append([]byte{}, fx.unsigned...), "\n/ByteRange"...)
	r, err := Verify(doc, RootPool(fx.root.Cert))
	if err != nil || r.OK() {
		t.Fatalf("%v\n%s", err, r)
	}
}

// The signer shown is the certificate's name, not the name the signing
// program wrote in the signature dictionary (anyone can write any name
// there); that one is shown only when no certificate could be read.
func TestTheSignerShownIsTheCertificatesName(t *testing.T) {
	fx := newFixture(t)
	signed, err := SignPDF(fx.unsigned, fx.chair, SignatureInfo{Name: "The Chair Herself", Reason: "Chair — approval"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Verify(signed, RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	s := r.Signatures[0]
	if s.NameInDictionary != "The Chair Herself" || s.Signer() != "Maria Chen" || !strings.Contains(r.String(), "Signer:            Maria Chen\n") {
		t.Errorf("the signer is shown as %q (dictionary: %q):\n%s", s.Signer(), s.NameInDictionary, r)
	}
	s.SignerName, s.Certificate = "", nil
	if s.Signer() != "The Chair Herself" {
		t.Errorf("without a certificate the signer is shown as %q", s.Signer())
	}
}

// The report's text names each signature's field when it has one, says
// why a chain does not reach the root, and hints at giving a root only
// when none was given.
func TestTheReportTextSaysWhatItKnows(t *testing.T) {
	fx := newFixture(t)
	trusted, err := Verify(fx.twice, RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	text := trusted.String()
	for _, want := range []string{"Signature 1 of 2 (field “Rapporteur”)\n", "Signature 2 of 2 (field “Chair”)\n", "Chains to committee root: yes\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report of a verified file does not say %q:\n%s", want, text)
		}
	}
	if rs := trusted.Reasons(); len(rs) != 0 {
		t.Errorf("a verified file has reasons: %q", rs)
	}
	untrusted, err := Verify(fx.twice, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rs := untrusted.Reasons(); len(rs) != 1 || !strings.HasPrefix(rs[0], "No trusted root certificate was given") {
		t.Errorf("without a root, the reasons are %q", rs)
	}
	foreign, err := Verify(fx.twice, RootPool(fx.otherRoot.Cert))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(foreign.String(), "Chains to committee root: no (the certificate was not issued by a trusted root)\n") {
		t.Errorf("the report does not say why the chain fails:\n%s", foreign)
	}
	if strings.Contains(text, "Certification:") {
		t.Errorf("the report of signatures that certify nothing has a certification line:\n%s", text)
	}
	changed, err := attackpdf.AppendOverlay(fx.once, "Complaint NOT upheld")
	if err != nil {
		t.Fatal(err)
	}
	once, err := Verify(changed, RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	if text := once.String(); strings.Contains(text, "Changes between signatures:") || !strings.Contains(text, "Changes after the last signature:\n  - ") {
		t.Errorf("one signature with a change after it: the changes are not listed where they are:\n%s", text)
	}
	bare, err := Verify(attackpdf.SignatureWithContents(fx.unsigned, []byte{0x30, 0x00}), nil)
	if err != nil {
		t.Fatal(err)
	}
	if text := bare.String(); !strings.Contains(text, "Signature 1 of 1\n") {
		t.Errorf("a signature without a field is not titled plainly:\n%s", text)
	}
}

// A file that asks for more parsing than the budget of a million values is
// not vouched for, even when its one signature covers it all: what was not
// read may have held other signatures or changes.
func TestAFileBeyondTheParsingBudgetIsNotVouchedFor(t *testing.T) {
	fx := newFixture(t)
	big := withUpdate(t, fx.unsigned, func(d *pdf.Document, u *pdf.Update) {
		values := make(pdf.Array, 100000)
		for i := range values {
			values[i] = pdf.Integer(0)
		}
		holder := pdf.NewDict()
		for i := 0; i*len(values) <= maxParsedValues; i++ {
			holder.Set(pdf.Name(fmt.Sprintf("V%d", i)), values)
		}
		u.Set(u.Reserve(), holder)
	})
	signed := mustSign(t, big, fx.rapporteur, "Rapporteur — author", "Rapporteur")
	r, err := Verify(signed, RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	if r.OK() || !strings.Contains(r.String(), "asks for far more parsing than any real document needs") {
		t.Errorf("a file beyond the parsing budget is vouched for:\n%s", r)
	}
}

// Signature dictionaries outside any readable object are searched for
// around their /ByteRange key, up to 16 times per file, each as far as a
// signature of the largest accepted size reaches; past that they are
// reported as damaged signatures rather than read.
func TestSignaturesOutsideObjectsAreSearchedWithinBounds(t *testing.T) {
	fx := newFixture(t)
	doc := append([]byte{}, fx.unsigned...)
	bare := func(contents int) string {
		return "\n<< /Type /Sig /SubFilter /ETSI.CAdES.detached /ByteRange [0 0 0 0] /Contents <" + strings.Repeat("00", contents) + "> >>\n"
	}
	// Two of the largest first, so that the later keys lie further into the
	// file than one signature reaches.
	doc = append(doc, bare(maxContentsBytes)...)
	doc = append(doc, bare(maxContentsBytes)...)
	for i := 0; i < maxAroundParses-1; i++ {
		doc = append(doc, bare(1)...)
	}
	r, err := Verify(doc, RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Signatures) != maxAroundParses+1 {
		t.Fatalf("%d signatures found, want %d", len(r.Signatures), maxAroundParses+1)
	}
	for i, s := range r.Signatures {
		damaged := strings.Contains(s.Problem, "damaged and could not be read")
		if damaged != (i == maxAroundParses) {
			t.Errorf("signature %d: %q", i+1, s.Problem)
		}
	}
}

// A file holding up to 100,000 objects is read; one more and it is
// refused as far more than an opinion, rather than read in part.
func TestAFileOfMoreThan100000ObjectsIsRefused(t *testing.T) {
	fx := newFixture(t)
	base := len(pdf.ScanObjects(fx.twice, 0, len(fx.twice), 0))
	for _, c := range []struct {
		objects int
		refused bool
	}{{maxScannedObjects, false}, {maxScannedObjects + 1, true}} {
		var b strings.Builder
		b.Write(fx.twice)
		for i := base; i < c.objects; i++ {
			fmt.Fprintf(&b, "%d 0 obj\nnull\nendobj\n", 1000+i)
		}
		r, err := Verify([]byte(b.String()), RootPool(fx.root.Cert))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(r.String(), "holds more than 100000 objects"); got != c.refused {
			t.Errorf("%d objects: refused %v, want %v", c.objects, got, c.refused)
		}
	}
}

// The reasons number the signatures as the report does, from 1.
func TestTheReasonsNumberTheSignaturesFromOne(t *testing.T) {
	fx := newFixture(t)
	i := bytes.LastIndex(fx.twice, []byte("/Contents <30")) + len("/Contents <")
	broken := append([]byte{}, fx.twice...)
	broken[i+200] ^= 1 // a hex digit of the chair's signature
	r, err := Verify(broken, RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	if rs := strings.Join(r.Reasons(), "\n"); !strings.Contains(rs, "Signature 2, “Maria Chen”, is not valid") {
		t.Errorf("the reasons do not name signature 2 as not valid:\n%s", rs)
	}
}
