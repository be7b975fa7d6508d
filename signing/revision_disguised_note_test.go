package signing

import (
	"fmt"
	"strings"
	"testing"
)

// A note drawn on the page between the rapporteur's signature and the
// chair's is a change to the document however it is dressed: with keys
// that signatures, forms or validation data use, reached from new
// validation data, or calling itself a signature field.
func TestANoteSlippedInBetweenSignaturesIsReportedWhateverItClaims(t *testing.T) {
	fx := newFixture(t)
	note := "<<%s/Subtype /FreeText /Rect [50 700 500 760] /Contents (Complaint NOT upheld) /DA (/Helv 28 Tf 1 0 0 rg)%s>>"
	for _, c := range []struct {
		name       string
		def        string
		validation string // a new /DSS dictionary, when the disguise needs one
	}{
		{"as it is", fmt.Sprintf(note, "/Type /Annot ", ""), ""},
		{"without /Type", fmt.Sprintf(note, "", ""), ""},
		{"listed as a certificate of new validation data", fmt.Sprintf(note, "/Type /Annot ", ""), "<</Certs [96 0 R]>>"},
		{"carrying a /Certs key", fmt.Sprintf(note, "/Type /Annot ", " /Certs []"), ""},
		{"carrying a /Fields key", fmt.Sprintf(note, "/Type /Annot ", " /Fields []"), ""},
		{"carrying a /ByteRange key", fmt.Sprintf(note, "/Type /Annot ", " /ByteRange [0 0 0 0]"), ""},
		{"calling itself a signature field", fmt.Sprintf(note, "", " /FT /Sig /T (Secretary)"), ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := addToFirstPage(t, fx.once, 96, c.def)
			if c.validation != "" {
				doc = appendUpdate(t, doc, map[int]string{95: c.validation})
			}
			r := verifyAgainstCommittee(t, fx, mustSign(t, doc, fx.chair, "Chair — approval", "Chair"))
			if r.Verdict() != NotVerified || !strings.Contains(strings.Join(r.Problems, "\n"), "not only signed: the update adds object 96 (") {
				t.Errorf("verdict %d; the note is not reported as a change:\n%s", r.Verdict(), r)
			}
		})
	}
}

// A signature field kept apart from its widget, as some signing programs
// write it, is still part of signing: the widget's parent is the field.
func TestASignatureFieldApartFromItsWidgetIsPartOfSigning(t *testing.T) {
	fx := newFixture(t)
	catalog := latestDefinition(t, fx.once, 11)
	doc := addToFirstPage(t, fx.once, 71, "<</Type /Annot /Subtype /Widget /Parent 70 0 R /Rect [300 700 500 750] /F 132>>")
	doc = appendUpdate(t, doc, map[int]string{
		11: strings.Replace(catalog, "/AcroForm 12 0 R", "/AcroForm <</Fields [14 0 R 70 0 R] /SigFlags 3>>", 1),
		70: "<</FT /Sig /T (Secretary) /Kids [71 0 R]>>",
	})
	r := verifyAgainstCommittee(t, fx, mustSign(t, doc, fx.chair, "Chair — approval", "Chair"))
	if r.Verdict() != Verified {
		t.Errorf("an empty signature field apart from its widget: verdict %d\n%s", r.Verdict(), r)
	}
}
