package signing

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// A verification report sent by the committee server reads back on the
// client as it was, the signer's certificate included.
func TestSignatureReportTravelsAsJSON(t *testing.T) {
	fx := newFixture(t)
	rep, err := Verify(fx.twice, RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Signatures) != 2 {
		t.Fatalf("%d signatures", len(rep.Signatures))
	}
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for i, s := range rep.Signatures {
		g := back.Signatures[i]
		if g.Certificate == nil || !g.Certificate.Equal(s.Certificate) {
			t.Fatalf("signature %d: the certificate did not travel", i)
		}
		if !g.SigningTime.Equal(s.SigningTime) || s.SigningTime.IsZero() {
			t.Errorf("signature %d: signed at %v, read back %v", i, s.SigningTime, g.SigningTime)
		}
		// Who issued the certificate is answered the same after the trip,
		// where no chain was verified.
		if !s.IssuedBy(fx.root.Cert) || !g.IssuedBy(fx.root.Cert) {
			t.Errorf("signature %d: issued by the committee root %v here, %v read back", i, s.IssuedBy(fx.root.Cert), g.IssuedBy(fx.root.Cert))
		}
		g.Certificate, s.Certificate = nil, nil
		g.SigningTime, s.SigningTime = time.Time{}, time.Time{}
		s.byteRangeOK, s.chainIssuer = false, nil
		if fmt.Sprint(g) != fmt.Sprint(s) {
			t.Errorf("signature %d read back as\n%+v\nsent\n%+v", i, g, s)
		}
	}
	if back.Verdict() != rep.Verdict() {
		t.Errorf("verdict %v read back as %v", rep.Verdict(), back.Verdict())
	}
	// Without a certificate, none is invented; a damaged one is refused.
	var none SignatureReport
	if err := json.Unmarshal([]byte(`{"FieldName":"Chair","Valid":false,"Problem":"no certificate"}`), &none); err != nil ||
		none.Certificate != nil || none.FieldName != "Chair" || none.Problem != "no certificate" {
		t.Errorf("a report without a certificate: %+v %v", none, err)
	}
	if err := json.Unmarshal([]byte(`{"Certificate":"AAEC"}`), &none); err == nil {
		t.Error("a damaged certificate was accepted")
	}
	if err := json.Unmarshal([]byte(`{"FieldName":1}`), &none); err == nil {
		t.Error("a report of the wrong shape was accepted")
	}
	if b, err := json.Marshal(SignatureReport{FieldName: "Rapporteur"}); err != nil || !strings.Contains(string(b), `"Certificate":null`) {
		t.Errorf("a report without a certificate as JSON: %s %v", b, err)
	}
}

// The root's fingerprint is shown as Adobe Reader and openssl show it.
func TestFingerprintIsColonSeparatedUpperHex(t *testing.T) {
	fx := newFixture(t)
	sum := sha256.Sum256(fx.root.Cert.Raw)
	got := Fingerprint(fx.root.Cert)
	if len(got) != 32*3-1 || strings.ToUpper(got) != got || strings.ReplaceAll(got, ":", "") != strings.ToUpper(fmt.Sprintf("%x", sum)) {
		t.Fatalf("fingerprint %q", got)
	}
}

// The signing time is written as a PDF date with the signer's offset and
// read back leniently: missing parts default, Z and offsets are honoured,
// and what is not a date is refused.
func TestPDFDates(t *testing.T) {
	east := time.FixedZone("", 8*3600)
	west := time.FixedZone("", -(3*3600 + 30*60))
	for _, c := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2026, 12, 2, 9, 5, 7, 0, east), "D:20261202090507+08'00'"},
		{time.Date(2026, 1, 31, 23, 59, 0, 0, west), "D:20260131235900-03'30'"},
		{time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), "D:20260601000000+00'00'"},
	} {
		if got := pdfDate(c.t); got != c.want {
			t.Errorf("pdfDate(%v) = %q, want %q", c.t, got, c.want)
		}
		if back, ok := parsePDFDate(c.want); !ok || !back.Equal(c.t) {
			t.Errorf("parsePDFDate(%q) = %v %v, want %v", c.want, back, ok, c.t)
		}
	}
	for _, c := range []struct {
		in   string
		want time.Time
	}{
		{"D:2026", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"2026 ", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"D:202612", time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)},
		{"D:20261202Z", time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)},
		{"D:202612021530Z", time.Date(2026, 12, 2, 15, 30, 0, 0, time.UTC)},
		{"D:20261202153045+08", time.Date(2026, 12, 2, 15, 30, 45, 0, time.FixedZone("", 8*3600))},
		{"D:20261202153045-0530", time.Date(2026, 12, 2, 15, 30, 45, 0, time.FixedZone("", -(5*3600+30*60)))},
		{"D:20261202+01'00'", time.Date(2026, 12, 2, 0, 0, 0, 0, time.FixedZone("", 3600))},
	} {
		if got, ok := parsePDFDate(c.in); !ok || !got.Equal(c.want) {
			t.Errorf("parsePDFDate(%q) = %v %v, want %v", c.in, got, ok, c.want)
		}
	}
	for _, bad := range []string{"", "D:", "D:20", "D:2026AB02", "yesterday"} {
		if got, ok := parsePDFDate(bad); ok {
			t.Errorf("parsePDFDate(%q) = %v, want no date", bad, got)
		}
	}
}
