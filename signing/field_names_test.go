package signing

import (
	"fmt"
	"strings"
	"testing"
)

// A form whose object 1 is a field of its own (a text field "Applicant"),
// as forms from other tools often number them, is signed: the signature's
// field has no parent, so its name is its own, not "Applicant.Chair".
func TestAFieldWithoutAParentIsNamedAlone(t *testing.T) {
	fx := newFixture(t)
	pages := latestDefinition(t, fx.unsigned, 1)
	if !strings.Contains(pages, "/Type /Pages") {
		t.Fatalf("object 1 of the test document is not its page tree:\n%s", pages)
	}
	objs := map[int]string{
		1:  "<</FT /Tx /T (Applicant) /V (Dr Zhang)>>",
		20: pages,
		21: "<</Fields [1 0 R]>>",
		11: strings.Replace(latestDefinition(t, fx.unsigned, 11), "/Pages 1 0 R", "/Pages 20 0 R /AcroForm 21 0 R", 1),
	}
	for _, n := range []int{3, 5, 7} {
		objs[n] = strings.Replace(latestDefinition(t, fx.unsigned, n), "/Parent 1 0 R", "/Parent 20 0 R", 1)
	}
	form := appendUpdate(t, fx.unsigned, objs)
	r := verifyAgainstCommittee(t, fx, mustSign(t, form, fx.chair, "Chair — approval", "Chair"))
	if len(r.Signatures) != 1 || !r.Signatures[0].Valid {
		t.Fatalf("the signed form does not hold one valid signature:\n%s", r)
	}
	if got := r.Signatures[0].FieldName; got != "Chair" {
		t.Errorf("the field is named %q, want Chair:\n%s", got, r)
	}
	if !strings.Contains(r.String(), "Signature 1 of 1 (field “Chair”)") {
		t.Errorf("the report does not name the field Chair:\n%s", r)
	}
}

// A parent field stored as object 0 (the head of the free list, which a
// careless tool can still write) still gives its part of the name.
func TestAParentFieldNumberedZeroStillNamesTheField(t *testing.T) {
	fx := newFixture(t)
	field := latestDefinition(t, fx.once, 14)
	if !strings.Contains(field, "/T (Rapporteur)") {
		t.Fatalf("object 14 of the signed document is not the signature's field:\n%s", field)
	}
	doc := appendUpdate(t, fx.once, map[int]string{
		0:  "<</T (Opinion) /Kids [14 0 R]>>",
		14: strings.Replace(field, "/T (Rapporteur)", "/Parent 0 0 R /T (Rapporteur)", 1),
	})
	r := verifyAgainstCommittee(t, fx, doc)
	if len(r.Signatures) != 1 {
		t.Fatalf("want one signature:\n%s", r)
	}
	if got := r.Signatures[0].FieldName; got != "Opinion.Rapporteur" {
		t.Errorf("the field is named %q, want Opinion.Rapporteur:\n%s", got, r)
	}
}

// A form's first 1001 fields are read for the names already taken: a new
// signature asked to be "Chair" in a form whose 1001st field is named so
// gets a name of its own, or a PDF reader would merge the two fields.
func TestASignatureFieldIsNamedApartFromTheFirstThousandAndOneFields(t *testing.T) {
	fx := newFixture(t)
	objs := map[int]string{}
	var refs strings.Builder
	for i := 0; i <= 1000; i++ {
		name := fmt.Sprintf("Field %d", i+1)
		if i == 1000 {
			name = "Chair"
		}
		objs[20+i] = fmt.Sprintf("<</FT /Tx /T (%s)>>", name)
		fmt.Fprintf(&refs, "%d 0 R ", 20+i)
	}
	objs[19] = "<</Fields [" + refs.String() + "]>>"
	objs[11] = strings.Replace(latestDefinition(t, fx.unsigned, 11), "/Pages 1 0 R", "/Pages 1 0 R /AcroForm 19 0 R", 1)
	form := appendUpdate(t, fx.unsigned, objs)
	r := verifyAgainstCommittee(t, fx, mustSign(t, form, fx.chair, "Chair — approval", "Chair"))
	if len(r.Signatures) != 1 || r.Signatures[0].FieldName != "Chair 2" {
		t.Errorf("the signature in a form whose 1001st field is Chair is not named Chair 2:\n%s", r)
	}
}
