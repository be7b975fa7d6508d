package signing

import (
	"bytes"
	"compress/zlib"
	"fmt"
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

// A certification signature's permission 3 lets others add annotations
// (comments) before the next signature; permission 2 does not. A form
// field added the same way is not an annotation comment, whatever its
// /Type, and stays a change under permission 3.
func TestCertificationPermissionThreeAllowsCommentsOnly(t *testing.T) {
	fx := newFixture(t)
	comment := func() *pdf.Dict {
		return dictOf("Type", pdf.Name("Annot"), "Subtype", pdf.Name("Text"),
			"Rect", pdf.Array{pdf.Integer(300), pdf.Integer(700), pdf.Integer(320), pdf.Integer(720)},
			"Contents", pdf.TextString("Please check the date"))
	}
	field := func() *pdf.Dict {
		d := comment()
		d.Set("FT", pdf.Name("Tx"))
		return d
	}
	for _, c := range []struct {
		name  string
		p     int
		annot *pdf.Dict
		want  Verdict
	}{
		{"a comment under permission 3", 3, comment(), Verified},
		{"a comment under permission 2", 2, comment(), NotVerified},
		{"a text field under permission 3", 3, field(), NotVerified},
	} {
		certified, err := SignPDF(fx.unsigned, fx.rapporteur, SignatureInfo{Reason: "Rapporteur — author", FieldName: "Rapporteur", Certify: c.p})
		if err != nil {
			t.Fatal(err)
		}
		doc := mustSign(t, addAnnotation(t, certified, c.annot), fx.chair, "Chair — approval", "Chair")
		r, err := Verify(doc, RootPool(fx.root.Cert))
		if err != nil {
			t.Fatal(err)
		}
		if r.Verdict() != c.want {
			t.Errorf("%s: verdict %d, want %d:\n%s", c.name, r.Verdict(), c.want, r)
		}
	}
}

// Each update appended after the last signature is described on its own,
// numbered "n of m", saying what it adds and changes and naming each
// object for a person: what it is in the document.
func TestEachUpdateAfterTheLastSignatureIsDescribed(t *testing.T) {
	fx := newFixture(t)
	var want []string
	doc := withUpdate(t, fx.twice, func(d *pdf.Document, u *pdf.Update) {
		ref, cat, err := d.Catalog()
		if err != nil {
			t.Fatal(err)
		}
		cat = cat.Copy()
		cat.Set("PageMode", pdf.Name("FullScreen"))
		u.Set(ref, cat)
		want = append(want, fmt.Sprintf("changes object %d (the document catalogue (changing /PageMode)).", ref.Num))
	})
	zeros := pdf.Array{pdf.Integer(0), pdf.Integer(0), pdf.Integer(0), pdf.Integer(0)}
	doc = withUpdate(t, doc, func(d *pdf.Document, u *pdf.Update) {
		var named []string
		for _, o := range []struct {
			obj  pdf.Object
			name string
		}{
			{dictOf("Type", pdf.Name("Pages"), "Kids", pdf.Array{}, "Count", pdf.Integer(0)), "the page tree"},
			{rawStream(dictOf("Type", pdf.Name("XObject"), "Subtype", pdf.Name("Image"), "Width", pdf.Integer(1), "Height", pdf.Integer(1),
				"ColorSpace", pdf.Name("DeviceGray"), "BitsPerComponent", pdf.Integer(8), "Length", pdf.Integer(1)), []byte{0}), "an image or XObject (/Image)"},
			{rawStream(dictOf("Type", pdf.Name("XObject"), "Subtype", pdf.Name("Form"), "BBox", pdf.Array{pdf.Integer(0), pdf.Integer(0), pdf.Integer(1), pdf.Integer(1)}, "Length", pdf.Integer(0)), nil), "a form XObject (drawn content)"},
			{dictOf("Type", pdf.Name("Font"), "Subtype", pdf.Name("Type1"), "BaseFont", pdf.Name("Courier")), "a font"},
			{dictOf("Type", pdf.Name("FontDescriptor"), "FontName", pdf.Name("Courier")), "a font"},
			{rawStream(dictOf("Type", pdf.Name("XRef"), "Length", pdf.Integer(0)), nil), "a cross-reference stream"},
			{dictOf("Type", pdf.Name("Outlines"), "Count", pdf.Integer(0)), "an object of type /Outlines"},
			{dictOf("FT", pdf.Name("Tx"), "T", pdf.TextString("Decision")), "a form field (/Tx)"},
			{dictOf("FT", pdf.Name("Sig"), "T", pdf.TextString("Chair2")), "a signature field"},
			{dictOf("Type", pdf.Name("Annot"), "Subtype", pdf.Name("Link")), "an annotation (/Link)"},
			{dictOf("Type", pdf.Name("Page"), "MediaBox", pdf.Array{pdf.Integer(0), pdf.Integer(0), pdf.Integer(1), pdf.Integer(1)}), "a page"},
			{dictOf("Type", pdf.Name("Catalog")), "the document catalogue"},
			{dictOf("Fields", pdf.Array{}), "the form (/AcroForm)"},
			{dictOf("S", pdf.Name("GoTo"), "Subtype", pdf.Name("Square")), "an object of type /Square"},
			{rawStream(dictOf("Length", pdf.Integer(2)), []byte("q\nQ")), "a stream"},
			{dictOf("Title", pdf.TextString("x"), "Lang", pdf.TextString("en")), "a dictionary"},
			{dictOf("Type", pdf.Name("Sig"), "ByteRange", zeros, "Contents", pdf.String{Bytes: []byte{0}, Hex: true}), "a signature"},
			{dictOf("Type", pdf.Name("Sig"), "ByteRange", zeros), "an object of type /Sig"},
			{pdf.Array{pdf.Integer(1)}, "an array"},
			{pdf.TextString("text"), "a string"},
			{pdf.Integer(7), "a value"},
		} {
			ref := u.Reserve()
			u.Set(ref, o.obj)
			named = append(named, fmt.Sprintf("%d (%s)", ref.Num, o.name))
		}
		// An object stream, and the object it holds, as other tools
		// write new objects.
		stm, member := u.Reserve(), u.Reserve()
		head := fmt.Sprintf("%d 0 ", member.Num)
		var body bytes.Buffer
		zw := zlib.NewWriter(&body)
		zw.Write([]byte(head + "<</Type /Annot /Subtype /Square>>"))
		zw.Close()
		u.Set(stm, rawStream(dictOf("Type", pdf.Name("ObjStm"), "N", pdf.Integer(1), "First", pdf.Integer(len(head)),
			"Filter", pdf.Name("FlateDecode"), "Length", pdf.Integer(body.Len())), body.Bytes()))
		named = append(named, fmt.Sprintf("%d (an object stream)", stm.Num), fmt.Sprintf("%d (an annotation (/Square))", member.Num))
		want = append(want, "adds objects "+strings.Join(named, ", ")+".")
	})
	doc = withUpdate(t, doc, func(d *pdf.Document, u *pdf.Update) {
		ref, cat, err := d.Catalog()
		if err != nil {
			t.Fatal(err)
		}
		u.Set(ref, cat.Copy())
		added := u.Reserve()
		u.Set(added, dictOf("Type", pdf.Name("Annot"), "Subtype", pdf.Name("Text"), "Contents", pdf.TextString("Note")))
		want = append(want, fmt.Sprintf("adds object %d (an annotation (/Text)) and changes object %d (the document catalogue (rewritten unchanged)).", added.Num, ref.Num))
	})
	doc = withUpdate(t, doc, func(d *pdf.Document, u *pdf.Update) {})
	want = append(want, "adds a cross-reference section without objects.")
	doc = append(doc, "\nnot a PDF\n"...)
	want = append(want, "appends 9 bytes of data that are not a PDF update.")

	r, err := Verify(doc, RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.ChangesAfterLastSignature) != len(want) {
		t.Fatalf("%d updates after the last signature are described, want %d:\n%s", len(r.ChangesAfterLastSignature), len(want), strings.Join(r.ChangesAfterLastSignature, "\n"))
	}
	for i, w := range want {
		w = fmt.Sprintf("Incremental update %d of %d after the last signature %s", i+1, len(want), w)
		if got := r.ChangesAfterLastSignature[i]; got != w {
			t.Errorf("update %d is described as\n%s\nwant\n%s", i+1, got, w)
		}
	}
	if r.OK() {
		t.Errorf("changes after the last signature pass:\n%s", r)
	}
}

// However large an update is, its description stays readable and its
// cost bounded: at most 200 objects named (then "and n more objects"), at
// most 20 listed as unexpected, at most six keys named per changed object
// (then "…"), and at most 1001 parts after the last signature.
func TestTheDescriptionOfAHugeUpdateIsBounded(t *testing.T) {
	fx := newFixture(t)
	values := func(n int) func(d *pdf.Document, u *pdf.Update) {
		return func(d *pdf.Document, u *pdf.Update) {
			for i := 0; i < n; i++ {
				u.Set(u.Reserve(), pdf.Integer(i))
			}
		}
	}
	keys := func(prefix string, n int) func(d *pdf.Document, u *pdf.Update) {
		return func(d *pdf.Document, u *pdf.Update) {
			ref, cat, err := d.Catalog()
			if err != nil {
				t.Fatal(err)
			}
			cat = cat.Copy()
			for i := 1; i <= n; i++ {
				cat.Set(pdf.Name(fmt.Sprintf("%s%d", prefix, i)), pdf.Integer(i))
			}
			u.Set(ref, cat)
		}
	}
	doc := withUpdate(t, withUpdate(t, withUpdate(t, fx.twice, values(250)), keys("K", 6)), keys("L", 7))
	doc = withUpdate(t, doc, values(200))
	r, err := Verify(doc, RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.ChangesAfterLastSignature) != 4 {
		t.Fatalf("%d updates described after the last signature, want 4:\n%s", len(r.ChangesAfterLastSignature), r)
	}
	if got := r.ChangesAfterLastSignature[0]; strings.Count(got, "(a value)") != 200 || !strings.HasSuffix(got, ", and 50 more objects.") {
		t.Errorf("an update of 250 objects names %d of them and ends %q", strings.Count(got, "(a value)"), got[max(0, len(got)-40):])
	}
	if got := r.ChangesAfterLastSignature[1]; !strings.HasSuffix(got, "(changing /K1, /K2, /K3, /K4, /K5, /K6)).") {
		t.Errorf("a change of six keys reads %q", got)
	}
	if got := r.ChangesAfterLastSignature[2]; !strings.HasSuffix(got, "(changing /L1, /L2, /L3, /L4, /L5, /L6, …)).") {
		t.Errorf("a change of seven keys reads %q", got)
	}
	if got := r.ChangesAfterLastSignature[3]; strings.Count(got, "(a value)") != 200 || strings.Contains(got, "more objects") {
		t.Errorf("an update of 200 objects names %d of them and ends %q", strings.Count(got, "(a value)"), got[max(0, len(got)-40):])
	}

	between := mustSign(t, withUpdate(t, fx.once, values(25)), fx.chair, "Chair — approval", "Chair")
	if r, err = Verify(between, RootPool(fx.root.Cert)); err != nil {
		t.Fatal(err)
	}
	if r.OK() || len(r.Revisions) == 0 || len(r.Revisions[0].Unexpected) != 20 {
		t.Errorf("25 objects added between the signatures: %d listed as unexpected, want 20:\n%s", len(r.Revisions[0].Unexpected), r)
	}

	// Parts that each end with %%EOF, a thousand and five of them.
	parts := append(append([]byte{}, fx.twice...), bytes.Repeat([]byte("%%EOF"), 1005)...)
	if r, err = Verify(parts, RootPool(fx.root.Cert)); err != nil {
		t.Fatal(err)
	}
	if n := len(r.ChangesAfterLastSignature); n != 1001 || !strings.HasPrefix(r.ChangesAfterLastSignature[0], "Incremental update 1 of 1001 after the last signature appends 5 bytes") {
		t.Errorf("1005 parts after the last signature are described in %d, want 1001 (the first: %q)", n, r.ChangesAfterLastSignature[0])
	}
}

// A document whose catalogue holds a value nested as deep as the reader
// accepts (layers within layers, say) is not taken for changed when the
// next signature rewrites the catalogue with that value untouched.
func TestADeeplyNestedValueIsNotTakenForAChange(t *testing.T) {
	fx := newFixture(t)
	doc := withUpdate(t, fx.unsigned, func(d *pdf.Document, u *pdf.Update) {
		ref, cat, err := d.Catalog()
		if err != nil {
			t.Fatal(err)
		}
		cat = cat.Copy()
		var v pdf.Object = pdf.Integer(1)
		for i := 0; i < 63; i++ { // the catalogue, and 63 arrays: 64 levels, the reader's limit
			v = pdf.Array{v}
		}
		cat.Set("Deep", v)
		u.Set(ref, cat)
	})
	once := mustSign(t, doc, fx.rapporteur, "Rapporteur — author", "Rapporteur")
	r, err := Verify(mustSign(t, once, fx.chair, "Chair — approval", "Chair"), RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() {
		t.Fatalf("a countersigned document with a deeply nested value is reported as changed:\n%s", r)
	}
}
