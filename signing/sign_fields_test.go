package signing

import (
	"strings"
	"testing"

	"ethicsdesk/signing/internal/pdf"
)

// Signatures without a field name get "Signature<n>", n counting the
// fields and upwards from there past names already taken; a name already
// taken gets " 2", " 3"…: two fields of one name would be one field to a
// PDF reader.
func TestEachSignatureGetsAFieldOfItsOwn(t *testing.T) {
	fx := newFixture(t)
	doc := fx.unsigned
	for _, name := range []string{"", "", "Chair", "Chair", "Chair", "Signature7", ""} {
		var err error
		if doc, err = SignPDF(doc, fx.chair, SignatureInfo{FieldName: name, Reason: "Chair — approval"}); err != nil {
			t.Fatal(err)
		}
	}
	r, err := Verify(doc, RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range r.Signatures {
		names = append(names, s.FieldName)
	}
	if got, want := strings.Join(names, "|"), "Signature1|Signature2|Chair|Chair 2|Chair 3|Signature7|Signature8"; got != want {
		t.Errorf("the fields are named %s, want %s", got, want)
	}
}

// A signature whose certificate chain needs more room than first kept
// for it (a long institutional chain) is still made, in a larger space,
// and is valid for pdfsig too.
func TestASignatureWithALongChainStillFits(t *testing.T) {
	fx := newFixture(t)
	long := &Identity{Cert: fx.chair.Cert, Key: fx.chair.Key}
	for len(long.Chain)*len(fx.root.Cert.Raw) < 2*contentsReserve {
		long.Chain = append(long.Chain, fx.root.Cert)
	}
	signed, err := SignPDF(fx.unsigned, long, SignatureInfo{Reason: "Chair — approval", FieldName: "Chair"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Verify(signed, RootPool(fx.root.Cert))
	if err != nil || !r.OK() {
		t.Fatalf("the signature with a long chain does not verify: %v\n%s", err, r)
	}
	if out := pdfsigOrFail(t, signed); !strings.Contains(out, "Signature is Valid.") {
		t.Errorf("pdfsig does not find the signature with a long chain valid:\n%s", out)
	}
}

// A signature field placed under a parent field (as form tools group
// them) is named by its full name, the parents' names first.
func TestAFieldUnderAParentIsNamedInFull(t *testing.T) {
	fx := newFixture(t)
	signed := mustSign(t, fx.unsigned, fx.chair, "Chair — approval", "Chair")
	doc := withUpdate(t, signed, func(d *pdf.Document, u *pdf.Update) {
		fieldRef, field := firstField(t, d)
		top, mid := u.Reserve(), u.Reserve()
		u.Set(top, dictOf("T", pdf.TextString("Opinion"), "Kids", pdf.Array{mid}))
		u.Set(mid, dictOf("T", pdf.TextString("Signatures"), "Kids", pdf.Array{fieldRef}, "Parent", top))
		field = field.Copy()
		field.Set("Parent", mid)
		u.Set(fieldRef, field)
	})
	r, err := Verify(doc, RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Signatures[0].FieldName; got != "Opinion.Signatures.Chair" {
		t.Errorf("the field is named %q, want Opinion.Signatures.Chair", got)
	}
}

// Parent fields that point at each other in a loop do not make the name
// endless: it is cut after 32 parts.
func TestAFieldNameThroughALoopOfParentsEnds(t *testing.T) {
	fx := newFixture(t)
	signed := mustSign(t, fx.unsigned, fx.chair, "Chair — approval", "Chair")
	doc := withUpdate(t, signed, func(d *pdf.Document, u *pdf.Update) {
		fieldRef, field := firstField(t, d)
		a, b := u.Reserve(), u.Reserve()
		u.Set(a, dictOf("T", pdf.TextString("A"), "Parent", b))
		u.Set(b, dictOf("T", pdf.TextString("B"), "Parent", a))
		field = field.Copy()
		field.Set("Parent", a)
		u.Set(fieldRef, field)
	})
	r, err := Verify(doc, RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	name := r.Signatures[0].FieldName
	if parts := strings.Split(name, "."); len(parts) != 32 || parts[31] != "Chair" {
		t.Errorf("the name through a loop of parents has %d parts: %q", len(parts), name)
	}
}

// firstField is the first field of the document's form and its dictionary.
func firstField(t *testing.T, d *pdf.Document) (pdf.Ref, *pdf.Dict) {
	t.Helper()
	_, cat, err := d.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	form, err := d.ResolveDict(cat.Get("AcroForm"))
	if err != nil {
		t.Fatal(err)
	}
	fields, _ := form.Get("Fields").(pdf.Array)
	if len(fields) == 0 {
		t.Fatal("the signed document has no form field")
	}
	ref := fields[0].(pdf.Ref)
	field, err := d.ResolveDict(ref)
	if err != nil {
		t.Fatal(err)
	}
	return ref, field
}
