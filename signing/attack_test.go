package signing

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"strings"
	"testing"
	"time"

	"ethicsdesk/internal/attackpdf"
)

// lookalike makes a self-made root named like real's root and, under it, a
// certificate whose subject copies real's.
func lookalike(t testing.TB, realRoot, real *x509.Certificate) *Identity {
	t.Helper()
	org := ""
	if len(realRoot.Subject.Organization) > 0 {
		org = realRoot.Subject.Organization[0]
	}
	root, err := NewRoot(realRoot.Subject.CommonName, org, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	id, err := IssueMember(root, real.Subject.CommonName, RoleOf(real), "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func mustSign(t testing.TB, doc []byte, id *Identity, reason, field string) []byte {
	t.Helper()
	out, err := SignPDF(doc, id, SignatureInfo{Reason: reason, FieldName: field, Page: 1, Rect: [4]float64{50, 50, 200, 90}})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// attackFile is one hostile file with the verdict Verify must reach.
type attackFile struct {
	name string
	data []byte
	want Verdict
	// wantText must appear in the report (escaped, where it comes from the file).
	wantText []string
}

// attackFiles builds every attack shape from the fixture's doubly signed
// opinion. Shared by the tests, the timing test and the fuzz seeds.
func attackFiles(t testing.TB, fx *fixture) []attackFile {
	t.Helper()
	fakeChair := lookalike(t, fx.root.Cert, fx.chair.Cert)
	fakeRapp := lookalike(t, fx.root.Cert, fx.rapporteur.Cert)
	overlaid, err := attackpdf.AppendOverlay(fx.twice, "Complaint NOT upheld")
	if err != nil {
		t.Fatal(err)
	}
	cut := attackpdf.CutBack(fx.twice)
	between, err := attackpdf.AppendOverlay(cut, "Complaint NOT upheld")
	if err != nil {
		t.Fatal(err)
	}
	return []attackFile{
		{"look-alike signer over an overlay", mustSign(t, overlaid, fakeChair, "Chair — approval", "Chair"), NotVerified,
			[]string{"Signature 3, “Maria Chen”, was not made with a certificate of this committee", "page content", "between signature 2 and signature 3"}},
		{"whole opinion re-signed by look-alikes", mustSign(t, mustSign(t, attackpdf.Unsigned(fx.twice), fakeRapp, "Rapporteur — author", "Rapporteur"), fakeChair, "Chair — approval", "Chair"),
			NotVerified, []string{"Signature 1, “Li Wei”, was not made with a certificate of this committee", "Signature 2, “Maria Chen”"}},
		{"overlay appended between signatures", mustSign(t, between, fx.chair, "Chair — approval", "Chair"), NotVerified,
			[]string{"changed between signature 1 and signature 2", "page content"}},
		{"unterminated object headers", attackpdf.UnterminatedHeaders(fx.twice, 630<<10), NotVerified, nil},
		{"object-stream bomb", attackpdf.ObjStmBomb(fx.twice, 40), NotVerified, nil},
		{"nested dictionaries around /ByteRange", attackpdf.NestedDicts(fx.twice, 5<<20), NotVerified, nil},
		{"BER nested millions deep", attackpdf.SignatureWithContents(fx.twice, attackpdf.DeepBER(3_000_000)), NotVerified, []string{"damaged and could not be read"}},
		{"BER nested deep in an oversized /Contents", attackpdf.SignatureWithContents(fx.twice, attackpdf.DeepBER(100_000)), NotVerified, []string{"larger than 128 KB"}},
		{"BER nested past the limit", attackpdf.SignatureWithContents(fx.twice, attackpdf.DeepBER(30_000)), NotVerified, []string{"nested too deeply"}},
		{"terminal escapes in /Reason", mustSign(t, fx.once, fx.chair, attackpdf.EscapeReason, "Chair"), Verified, []string{`\x1B[2K`, `\u{202E}`}},
	}
}

func TestAttackFiles(t *testing.T) {
	fx := newFixture(t)
	roots := RootPool(fx.root.Cert)
	for _, a := range attackFiles(t, fx) {
		t.Run(a.name, func(t *testing.T) {
			start := time.Now()
			r, err := Verify(a.data, roots)
			if err != nil {
				t.Fatalf("refused as %v", err)
			}
			if took := time.Since(start); took > 5*time.Second {
				t.Errorf("verifying took %v", took)
			}
			text := r.String()
			if r.Verdict() != a.want {
				t.Fatalf("verdict %d, want %d:\n%s", r.Verdict(), a.want, text)
			}
			for _, w := range a.wantText {
				if !strings.Contains(text, w) {
					t.Errorf("the report does not say %q:\n%s", w, text)
				}
			}
			if strings.ContainsAny(text, "\x1b\x07\r\u202e") {
				t.Errorf("the report holds raw control characters:\n%q", text)
			}
		})
	}
}

// Without a trusted root, intact signatures are not enough for "verified".
func TestNoTrustedRootMeansSignersUnverified(t *testing.T) {
	fx := newFixture(t)
	for _, roots := range []*x509.CertPool{nil, x509.NewCertPool()} {
		r, err := Verify(fx.twice, roots)
		if err != nil {
			t.Fatal(err)
		}
		if r.Verdict() != SignersUnverified || r.OK() {
			t.Fatalf("verdict %d without trusted roots:\n%s", r.Verdict(), r)
		}
		if !strings.Contains(r.String(), "SIGNATURES INTACT BUT SIGNERS UNVERIFIED") {
			t.Errorf("the report does not say the signers are unverified:\n%s", r)
		}
	}
	// A changed file stays NOT VERIFIED, not "unverified signers".
	if r, _ := Verify(attackpdf.UnterminatedHeaders(fx.twice, 1000), nil); r.Verdict() != NotVerified {
		t.Errorf("a file with an appended update, no roots: verdict %d", r.Verdict())
	}
}

// A certification signature's permissions are reported and enforced.
func TestDocMDPPermissionsEnforced(t *testing.T) {
	fx := newFixture(t)
	for _, c := range []struct {
		p    int
		want Verdict
	}{{1, NotVerified}, {2, Verified}} {
		certified, err := SignPDF(fx.unsigned, fx.rapporteur, SignatureInfo{Reason: "Rapporteur — author", FieldName: "Rapporteur", Certify: c.p})
		if err != nil {
			t.Fatal(err)
		}
		signed := mustSign(t, certified, fx.chair, "Chair — approval", "Chair")
		r, err := Verify(signed, RootPool(fx.root.Cert))
		if err != nil {
			t.Fatal(err)
		}
		if r.Signatures[0].DocMDP != c.p || r.Verdict() != c.want {
			t.Errorf("P=%d: DocMDP %d, verdict %d:\n%s", c.p, r.Signatures[0].DocMDP, r.Verdict(), r)
		}
		if !strings.Contains(r.String(), "Certification:     certifies the document") {
			t.Errorf("P=%d: the certification is not reported:\n%s", c.p, r)
		}
		if c.p == 1 && !strings.Contains(r.String(), "no changes permitted, yet it was changed afterwards") {
			t.Errorf("P=1: the broken permission is not named:\n%s", r)
		}
	}
}

// Every file an attacker can make is checked or refused within a bound:
// here a generous one for a loaded test machine; the benchmark measures.
func TestVerifyTimeBound(t *testing.T) {
	fx := newFixture(t)
	roots := RootPool(fx.root.Cert)
	files := append(attackFiles(t, fx),
		attackFile{name: "50 MB of unterminated headers", data: attackpdf.UnterminatedHeaders(fx.twice, MaxFileSize-len(fx.twice)-1024)},
		attackFile{name: "the most headers short of refusal", data: attackpdf.UnterminatedHeaders(fx.twice, (maxScannedObjects-100)*45)},
		attackFile{name: "50 MB of long strings", data: attackpdf.BigStrings(fx.twice, MaxFileSize)})
	for _, a := range files {
		start := time.Now()
		if _, err := Verify(a.data, roots); err != nil {
			t.Fatalf("%s: %v", a.name, err)
		}
		if took := time.Since(start); took > 4*time.Second {
			t.Errorf("%s (%d KB) took %v; the bound is 1 s on two cores", a.name, len(a.data)>>10, took)
		}
	}
}

func BenchmarkVerifyAttacks(b *testing.B) {
	fx := newFixture(b)
	roots := RootPool(fx.root.Cert)
	for _, a := range attackFiles(b, fx) {
		b.Run(strings.ReplaceAll(a.name, " ", "_"), func(b *testing.B) {
			b.SetBytes(int64(len(a.data)))
			for i := 0; i < b.N; i++ {
				if _, err := Verify(a.data, roots); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// The costliest files short of being refused outright: the most headers
// that are still read, and 50 MB of values to parse.
func BenchmarkVerifyLargest(b *testing.B) {
	fx := newFixture(b)
	roots := RootPool(fx.root.Cert)
	for name, data := range map[string][]byte{
		"most_headers":    attackpdf.UnterminatedHeaders(fx.twice, (maxScannedObjects-100)*45),
		"50MB_of_strings": attackpdf.BigStrings(fx.twice, MaxFileSize),
	} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				if _, err := Verify(data, roots); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Signing tools update the document information (/ModDate) when they
// countersign; that is not a change to the document.
func TestInfoUpdateBetweenSignaturesIsNotAChange(t *testing.T) {
	fx := newFixture(t)
	d := fx.once
	start := bytes.LastIndex(d, []byte("startxref"))
	prev := strings.Fields(string(d[start+len("startxref"):]))[0]
	var b bytes.Buffer
	b.Write(d)
	at := b.Len()
	b.WriteString("99 0 obj\n<</Producer (another tool) /ModDate (D:20260101120000Z)>>\nendobj\n")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n99 1\n%010d 00000 n\r\ntrailer\n<</Size 100 /Root 11 0 R /Info 99 0 R /Prev %s>>\nstartxref\n%d\n%%%%EOF\n", at, prev, xref)
	signed := mustSign(t, b.Bytes(), fx.chair, "Chair — approval", "Chair")
	r, err := Verify(signed, RootPool(fx.root.Cert))
	if err != nil || !r.OK() {
		t.Fatalf("an /Info update between signatures: %v\n%s", err, r)
	}
	if !strings.Contains(r.String(), "Between signature 1 and signature 2, the update adds objects 99 (a dictionary)") {
		t.Errorf("the /Info update is not described:\n%s", r)
	}
}
