package signing

import (
	"strings"
	"testing"

	"ethicsdesk/signing/internal/pdf"
)

// withUpdate appends an incremental update to doc made by edit, as another
// PDF editor would append one.
func withUpdate(t *testing.T, doc []byte, edit func(d *pdf.Document, u *pdf.Update)) []byte {
	t.Helper()
	d, err := pdf.Open(doc)
	if err != nil {
		t.Fatal(err)
	}
	u := d.NewUpdate()
	edit(d, u)
	return u.Bytes(nil).File
}

// addAnnotation adds annot to page 3's annotation list.
func addAnnotation(t *testing.T, doc []byte, annot *pdf.Dict) []byte {
	return withUpdate(t, doc, func(d *pdf.Document, u *pdf.Update) {
		pageRef, page, err := d.Page(3)
		if err != nil {
			t.Fatal(err)
		}
		ref := u.Reserve()
		annot.Set("P", pageRef)
		u.Set(ref, annot)
		newPage := page.Copy()
		annots, _ := d.Resolve(page.Get("Annots"))
		list, _ := annots.(pdf.Array)
		newPage.Set("Annots", append(append(pdf.Array{}, list...), ref))
		u.Set(pageRef, newPage)
	})
}

// unexpectedBetween is what the report lists as done between signatures
// beyond adding the next signature.
func unexpectedBetween(r *Report) string {
	var out []string
	for _, c := range r.Revisions {
		if c.Before > 0 {
			out = append(out, c.Unexpected...)
		}
	}
	return strings.Join(out, "; ")
}

// A text box added to a page between two signatures is a change to the
// signed document that the report names, whatever keys the box carries: a
// /ByteRange does not make it a signature's value.
func TestAnAnnotationAddedBetweenSignaturesIsReported(t *testing.T) {
	fx := newFixture(t)
	roots := RootPool(fx.root.Cert)
	text := pdf.TextString("Complaint NOT upheld")
	byteRange := pdf.Array{pdf.Integer(0), pdf.Integer(0), pdf.Integer(0), pdf.Integer(0)}
	for _, c := range []struct {
		name  string
		extra []pdf.Object
		named bool // the box is named among the changes (a box with both keys is reported as a broken signature instead)
	}{
		{"its text in /Contents", []pdf.Object{pdf.Name("Contents"), text}, true},
		{"its text in /RC and a /ByteRange", []pdf.Object{pdf.Name("RC"), text, pdf.Name("ByteRange"), byteRange}, true},
		{"its text in /Contents and a /ByteRange", []pdf.Object{pdf.Name("Contents"), text, pdf.Name("ByteRange"), byteRange}, false},
	} {
		annot := dictOf("Type", pdf.Name("Annot"), "Subtype", pdf.Name("FreeText"),
			"Rect", pdf.Array{pdf.Integer(300), pdf.Integer(700), pdf.Integer(550), pdf.Integer(740)},
			"DA", pdf.String{Bytes: []byte("/Helv 18 Tf 1 0 0 rg")})
		for i := 0; i+1 < len(c.extra); i += 2 {
			annot.Set(c.extra[i].(pdf.Name), c.extra[i+1])
		}
		doc := mustSign(t, addAnnotation(t, fx.once, annot), fx.chair, "Chair — approval", "Chair")
		r, err := Verify(doc, roots)
		if err != nil {
			t.Fatal(err)
		}
		if r.OK() {
			t.Errorf("%s: a text box added between the signatures passes:\n%s", c.name, r)
		}
		if got := unexpectedBetween(r); c.named && !strings.Contains(got, "an annotation (/FreeText)") {
			t.Errorf("%s: the report does not name the text box added between the signatures (it lists %q):\n%s", c.name, got, r)
		}
	}
}

// Between two signatures, the catalogue and the form may change only in
// what adding a signature needs (the form's field list, its flags and
// resources): a script set to run when the file opens, or a form told to
// redraw its fields, is a change to the signed document.
func TestACatalogueOrFormChangedBetweenSignaturesIsReported(t *testing.T) {
	fx := newFixture(t)
	roots := RootPool(fx.root.Cert)
	for _, c := range []struct {
		name, want string
		edit       func(d *pdf.Document, u *pdf.Update)
	}{
		{"a script on opening", "the document catalogue (changing /OpenAction)", func(d *pdf.Document, u *pdf.Update) {
			ref, cat, err := d.Catalog()
			if err != nil {
				t.Fatal(err)
			}
			cat = cat.Copy()
			cat.Set("OpenAction", dictOf("S", pdf.Name("JavaScript"), "JS", pdf.TextString("app.alert('Complaint upheld')")))
			u.Set(ref, cat)
		}},
		{"fields redrawn by the viewer", "the form (/AcroForm) (changing /NeedAppearances)", func(d *pdf.Document, u *pdf.Update) {
			_, cat, err := d.Catalog()
			if err != nil {
				t.Fatal(err)
			}
			ref, ok := cat.Get("AcroForm").(pdf.Ref)
			if !ok {
				t.Fatal("the signed test document's form is not an object of its own")
			}
			form, err := d.ResolveDict(ref)
			if err != nil {
				t.Fatal(err)
			}
			form = form.Copy()
			form.Set("NeedAppearances", pdf.Bool(true))
			u.Set(ref, form)
		}},
	} {
		doc := mustSign(t, withUpdate(t, fx.once, c.edit), fx.chair, "Chair — approval", "Chair")
		r, err := Verify(doc, roots)
		if err != nil {
			t.Fatal(err)
		}
		if got := unexpectedBetween(r); r.OK() || !strings.Contains(got, c.want) {
			t.Errorf("%s: the update between the signatures is not reported as changing %q (it lists %q):\n%s", c.name, c.want, got, r)
		}
	}
}

// A text box already on the page when the first signature was made, whose
// text is changed between signatures, is reported, even when the new
// version also carries the keys of validation data (/VRI, /Certs,
// /OCSPs), which only a new /DSS dictionary may add.
func TestAnAnnotationChangedBetweenSignaturesIsReported(t *testing.T) {
	fx := newFixture(t)
	annot := dictOf("Type", pdf.Name("Annot"), "Subtype", pdf.Name("FreeText"),
		"Rect", pdf.Array{pdf.Integer(300), pdf.Integer(700), pdf.Integer(550), pdf.Integer(740)},
		"DA", pdf.String{Bytes: []byte("/Helv 18 Tf 1 0 0 rg")}, "Contents", pdf.TextString("Complaint upheld"))
	once := mustSign(t, addAnnotation(t, fx.unsigned, annot), fx.rapporteur, "Rapporteur — author", "Rapporteur")
	for _, key := range []pdf.Name{"VRI", "Certs", "OCSPs"} {
		changed := withUpdate(t, once, func(d *pdf.Document, u *pdf.Update) {
			_, page, err := d.Page(3)
			if err != nil {
				t.Fatal(err)
			}
			annots, _ := d.Resolve(page.Get("Annots"))
			list, _ := annots.(pdf.Array)
			for _, e := range list {
				ref, _ := e.(pdf.Ref)
				a, err := d.ResolveDict(ref)
				if err != nil || a.NameOf("Subtype") != "FreeText" {
					continue
				}
				a = a.Copy()
				a.Set("Contents", pdf.TextString("Complaint NOT upheld"))
				a.Set(key, dictOf())
				u.Set(ref, a)
			}
		})
		doc := mustSign(t, changed, fx.chair, "Chair — approval", "Chair")
		r, err := Verify(doc, RootPool(fx.root.Cert))
		if err != nil {
			t.Fatal(err)
		}
		if got := unexpectedBetween(r); r.OK() || !strings.Contains(got, "an annotation (/FreeText) (changing /Contents, /"+string(key)+")") {
			t.Errorf("/%s: the text box changed between the signatures is not reported (the report lists %q):\n%s", key, got, r)
		}
	}
}
