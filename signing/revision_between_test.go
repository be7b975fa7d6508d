package signing

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"testing"
)

// objectStream packs objects (number -> text) into one /Type /ObjStm
// object, as PDF 1.5 writers do.
func objectStream(t testing.TB, objs map[int]string) string {
	t.Helper()
	var index, body strings.Builder
	for n := 0; n < 1<<16; n++ {
		if o, ok := objs[n]; ok {
			fmt.Fprintf(&index, "%d %d ", n, body.Len())
			body.WriteString(o + "\n")
		}
	}
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	if _, err := w.Write([]byte(index.String() + body.String())); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>\nstream\n%s\nendstream",
		len(objs), index.Len(), z.Len(), z.Bytes())
}

// An update slipped in between the rapporteur's signature and the chair's
// that changes the document — a page, the catalogue, the form — is a
// problem, even though the chair's signature covers it; each is named.
func TestAChangeToTheDocumentBetweenSignaturesIsReported(t *testing.T) {
	fx := newFixture(t)
	rotated := strings.Replace(latestDefinition(t, fx.once, 5), "/Type /Page", "/Type /Page /Rotate 90", 1)
	catalog := latestDefinition(t, fx.once, 11)
	form := latestDefinition(t, fx.once, 12)
	for _, c := range []struct {
		name   string
		update map[int]string
		names  string
	}{
		{"a page turned on its side", map[int]string{5: rotated}, "changes object 5 (a page (changing /Rotate))"},
		{"the same change inside an object stream", map[int]string{40: objectStream(t, map[int]string{5: rotated})}, "changes object 5 (a page (changing /Rotate))"},
		{"a script run on opening", map[int]string{
			11: strings.Replace(catalog, "/Type /Catalog", "/Type /Catalog /OpenAction <</S /JavaScript /JS (app.alert\\(1\\))>>", 1),
		}, "changes object 11 (the document catalogue (changing /OpenAction))"},
		{"form fields told to redraw themselves", map[int]string{
			12: strings.Replace(form, "/SigFlags 3", "/SigFlags 3 /NeedAppearances true", 1),
		}, "changes object 12 (the form (/AcroForm) (changing /NeedAppearances))"},
	} {
		t.Run(c.name, func(t *testing.T) {
			signed := mustSign(t, appendUpdate(t, fx.once, c.update), fx.chair, "Chair — approval", "Chair")
			r := verifyAgainstCommittee(t, fx, signed)
			if r.Verdict() != NotVerified || !r.Signatures[0].Valid || !r.Signatures[1].Valid {
				t.Fatalf("verdict %d, want NOT VERIFIED with both signatures intact:\n%s", r.Verdict(), r)
			}
			if want := "The document itself was changed between signature 1 and signature 2, not only signed: the update " + c.names; !strings.Contains(r.String(), want) {
				t.Errorf("the report does not say %q:\n%s", want, r)
			}
		})
	}
}

// The problem sentence names the first twenty unexpected objects only.
func TestAProblemNamesAtMostTwentyObjects(t *testing.T) {
	fx := newFixture(t)
	signed := mustSign(t, appendUpdate(t, fx.once, manyObjects(25)), fx.chair, "Chair — approval", "Chair")
	r := verifyAgainstCommittee(t, fx, signed)
	if len(r.Problems) != 1 {
		t.Fatalf("%d problems, want 1:\n%s", len(r.Problems), r)
	}
	if n := strings.Count(r.Problems[0], "adds object 10"); n != 20 {
		t.Errorf("the problem names %d objects, want 20:\n%s", n, r.Problems[0])
	}
}

// addToFirstPage adds the object num (text def) to page 1's annotations.
func addToFirstPage(t testing.TB, doc []byte, num int, def string) []byte {
	t.Helper()
	page := latestDefinition(t, doc, 3)
	if i := strings.Index(page, "/Annots ["); i >= 0 {
		page = page[:i+len("/Annots [")] + fmt.Sprintf("%d 0 R ", num) + page[i+len("/Annots ["):]
	} else {
		page = strings.Replace(page, "/Type /Page", fmt.Sprintf("/Type /Page /Annots [%d 0 R]", num), 1)
	}
	return appendUpdate(t, doc, map[int]string{3: page, num: def})
}

// A certification that permits annotations (P=3) lets a reader's note be
// added before the next signature; a new form field is not an annotation.
func TestACertificationThatPermitsAnnotationsAllowsOnlyAnnotations(t *testing.T) {
	fx := newFixture(t)
	certified, err := SignPDF(fx.unsigned, fx.rapporteur, SignatureInfo{Reason: "Rapporteur — author", FieldName: "Rapporteur", Certify: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, def string
		want      Verdict
		says      string
	}{
		{"a note", "<</Type /Annot /Subtype /FreeText /Rect [50 700 300 720] /Contents (Checked against the minutes) /DA (/Helv 10 Tf 0 g)>>",
			Verified, "the update adds objects 50 (an annotation (/FreeText))"},
		{"a text field", "<</Type /Annot /Subtype /Widget /FT /Tx /T (Outcome) /V (Complaint NOT upheld) /Rect [50 700 300 720]>>",
			NotVerified, "The document itself was changed between signature 1 and signature 2, not only signed: the update adds object 50 (a form field (/Tx))"},
	} {
		t.Run(c.name, func(t *testing.T) {
			signed := mustSign(t, addToFirstPage(t, certified, 50, c.def), fx.chair, "Chair — approval", "Chair")
			r := verifyAgainstCommittee(t, fx, signed)
			if r.Verdict() != c.want || !strings.Contains(r.String(), c.says) {
				t.Errorf("verdict %d, want %d, saying %q:\n%s", r.Verdict(), c.want, c.says, r)
			}
		})
	}
}
