package signing

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Between the rapporteur's signature and the chair's, rewriting what the
// rapporteur signed is a change, whatever the rewritten object claims to
// be: page text replaced by text of the same length (with keys that forms
// or metadata use, or none), the rapporteur's signature appearance
// replaced, or the rapporteur's signature taken off the page.
func TestRewritingWhatWasSignedBetweenSignaturesIsReported(t *testing.T) {
	fx := newFixture(t)
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	if _, err := w.Write([]byte("BT /F1 28 Tf 1 0 0 rg 70 720 Td (Complaint NOT upheld) Tj ET")); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	// The same /Length as the signed page content: only the data differs.
	m := regexp.MustCompile(`/Length (\d+)>>`).FindStringSubmatch(latestDefinition(t, fx.once, 4))
	if m == nil {
		t.Fatal("the first page's content (object 4) has no /Length")
	}
	length, _ := strconv.Atoi(m[1])
	if length < z.Len() {
		t.Fatalf("the first page's content is %d bytes long, shorter than the replacement text's %d", length, z.Len())
	}
	data := append(z.Bytes(), bytes.Repeat([]byte{' '}, length-z.Len())...)
	content := func(extra string) map[int]string {
		return map[int]string{4: fmt.Sprintf("<</Filter /FlateDecode /Length %d%s>>\nstream\n%s\nendstream", length, extra, data)}
	}
	widget := latestDefinition(t, fx.once, 14)
	page := latestDefinition(t, fx.once, 7)
	for _, c := range []struct {
		name   string
		update map[int]string
		names  string
	}{
		{"page text replaced", content(""), "changes object 4 (page content (changing the stream data))"},
		{"page text replaced in a stream carrying /Fields", content(" /Fields []"), "changes object 4 (page content (changing /Fields, the stream data))"},
		{"page text replaced in a stream calling itself metadata", content(" /Type /Metadata /Subtype /XML"), "changes object 4 (page content (changing /Type, /Subtype, the stream data))"},
		{"the rapporteur's signature appearance replaced", map[int]string{
			14: strings.Replace(widget, "/AP <</N 15 0 R>>", "/AP <</N 97 0 R>>", 1),
			97: "<</Type /XObject /Subtype /Form /BBox [0 0 200 50] /Length 37>>\nstream\nBT /Helv 9 Tf 2 20 Td (Withdrawn) Tj ET\nendstream",
		}, "changes object 14 (a signature field (changing /AP))"},
		{"the rapporteur's signature appearance redrawn", map[int]string{
			15: "<</Type /XObject /Subtype /Form /BBox [0 0 200.00 50.00] /Length 37>>\nstream\nBT /Helv 9 Tf 2 20 Td (Withdrawn) Tj ET\nendstream",
		}, "changes object 15 (a form XObject (drawn content) (changing /Resources, /Length, the stream data))"},
		{"the rapporteur's signature taken off the page", map[int]string{
			7: strings.Replace(page, "/Annots [14 0 R]", "/Annots []", 1),
		}, "changes object 7 (a page (changing /Annots))"},
	} {
		t.Run(c.name, func(t *testing.T) {
			signed := mustSign(t, appendUpdate(t, fx.once, c.update), fx.chair, "Chair — approval", "Chair")
			r := verifyAgainstCommittee(t, fx, signed)
			if r.Verdict() != NotVerified || !strings.Contains(strings.Join(r.Problems, "\n"), "not only signed: the update "+c.names) {
				t.Errorf("verdict %d; want the change named %q:\n%s", r.Verdict(), c.names, r)
			}
		})
	}
}

// The same holds where a page keeps its annotations in a list object of its
// own: signing on that page keeps the list's entries, taking one away is a
// change.
func TestAnAnnotationListOfItsOwnMayOnlyGrowBetweenSignatures(t *testing.T) {
	fx := newFixture(t)
	page := latestDefinition(t, fx.unsigned, 7)
	noted := appendUpdate(t, fx.unsigned, map[int]string{
		7:  strings.Replace(page, "/Type /Page", "/Type /Page /Annots 80 0 R", 1),
		80: "[90 0 R]",
		90: "<</Type /Annot /Subtype /Text /Rect [50 700 70 720] /Contents (Reviewed by the secretariat)>>",
	})
	once := mustSign(t, noted, fx.rapporteur, "Rapporteur — author", "Rapporteur")
	countersign := func(doc []byte) []byte {
		t.Helper()
		out, err := SignPDF(doc, fx.chair, SignatureInfo{Reason: "Chair — approval", FieldName: "Chair", Page: 3, Rect: [4]float64{300, 100, 500, 150}})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	if r := verifyAgainstCommittee(t, fx, countersign(once)); r.Verdict() != Verified {
		t.Errorf("signing on the page with the list: verdict %d\n%s", r.Verdict(), r)
	}
	signedPage := latestDefinition(t, once, 7)
	for _, c := range []struct {
		name   string
		update map[int]string
		names  string
	}{
		{"the list emptied", map[int]string{80: "[]"}, "changes object 80 (an array)"},
		{"the page given a new list", map[int]string{7: strings.Replace(signedPage, "/Annots 80 0 R", "/Annots []", 1)}, "changes object 7 (a page (changing /Annots))"},
		{"the page pointed at a new list object", map[int]string{
			7: strings.Replace(signedPage, "/Annots 80 0 R", "/Annots 81 0 R", 1), 81: "[]",
		}, "changes object 7 (a page (changing /Annots))"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := verifyAgainstCommittee(t, fx, countersign(appendUpdate(t, once, c.update)))
			if r.Verdict() != NotVerified || !strings.Contains(strings.Join(r.Problems, "\n"), c.names) {
				t.Errorf("verdict %d; want the change named %q:\n%s", r.Verdict(), c.names, r)
			}
		})
	}
}
