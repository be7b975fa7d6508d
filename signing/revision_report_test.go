package signing

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// Each update appended after the last signature gets its own line, numbered
// "k of n", naming each object with what it is and, for an object defined
// again, the keys the new definition changes.
func TestUpdatesAfterTheLastSignatureAreDescribedOneByOne(t *testing.T) {
	fx := newFixture(t)
	doc := appendUpdate(t, fx.twice, map[int]string{
		99: "<</Type /Annot /Subtype /Text /Rect [0 0 10 10] /Contents (sneaky)>>",
	})
	page := latestDefinition(t, doc, 7)
	doc = appendUpdate(t, doc, map[int]string{
		7: strings.Replace(page, "/Type /Page", "/Type /Page /Rotate 90", 1),
	})
	doc = appendUpdate(t, doc, map[int]string{
		98: "<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>",
		99: "<</Type /Annot /Subtype /Text /Rect [0 0 10 10] /Contents (Complaint NOT upheld)>>",
	})
	r := verifyAgainstCommittee(t, fx, doc)
	want := []string{
		"Incremental update 1 of 3 after the last signature adds object 99 (an annotation (/Text)).",
		"Incremental update 2 of 3 after the last signature changes object 7 (a page (changing /Rotate)).",
		"Incremental update 3 of 3 after the last signature adds object 98 (a font) and changes object 99 (an annotation (/Text) (changing /Contents)).",
	}
	if fmt.Sprint(r.ChangesAfterLastSignature) != fmt.Sprint(want) {
		t.Errorf("changes after the last signature:\n got %q\nwant %q", r.ChangesAfterLastSignature, want)
	}
	if r.OK() || r.Signatures[1].CoversWholeFile {
		t.Errorf("a file with updates after its last signature passes:\n%s", r)
	}
	// poppler agrees that the last signature no longer covers the file.
	blocks := pdfsigBlocks(pdfsig(t, doc))
	if len(blocks) != 2 || !strings.Contains(blocks[1], "Not total document signed") {
		t.Errorf("pdfsig does not say the last signature leaves part of the file out:\n%q", blocks)
	}
}

// An end-of-file marker with nothing before it is an update of its own: it
// is not merged into the update after it, which is still named.
func TestAStrayEndOfFileMarkerIsItsOwnUpdate(t *testing.T) {
	fx := newFixture(t)
	doc := append(bytes.Clone(fx.twice), "%%EOF"...)
	doc = appendUpdate(t, doc, map[int]string{99: "<</Type /Annot /Subtype /Text /Rect [0 0 10 10] /Contents (sneaky)>>"})
	r := verifyAgainstCommittee(t, fx, doc)
	want := []string{
		"Incremental update 1 of 2 after the last signature appends 5 bytes of data that are not a PDF update.",
		"Incremental update 2 of 2 after the last signature adds object 99 (an annotation (/Text)).",
	}
	if fmt.Sprint(r.ChangesAfterLastSignature) != fmt.Sprint(want) {
		t.Errorf("changes after the last signature:\n got %q\nwant %q", r.ChangesAfterLastSignature, want)
	}
}

// Past a thousand updates after the last signature, the rest is described
// as one part, so a file of a million tiny updates costs no more.
func TestUpdatesPastTheThousandthAreDescribedTogether(t *testing.T) {
	fx := newFixture(t)
	doc := append(bytes.Clone(fx.twice), bytes.Repeat([]byte("%%EOF\n"), 1002)...)
	r := verifyAgainstCommittee(t, fx, doc)
	got := r.ChangesAfterLastSignature
	if len(got) != 1001 {
		t.Fatalf("%d parts described after the last signature, want 1001", len(got))
	}
	if want := "Incremental update 1001 of 1001 after the last signature appends 11 bytes of data that are not a PDF update."; got[1000] != want {
		t.Errorf("the last part:\n got %q\nwant %q", got[1000], want)
	}
}

// manyObjects returns n new dictionaries numbered from 1000.
func manyObjects(n int) map[int]string {
	objs := map[int]string{}
	for i := 0; i < n; i++ {
		objs[1000+i] = "<</Type /Annot /Subtype /Square /Rect [0 0 10 10]>>"
	}
	return objs
}

// One sentence names at most 200 objects and counts the rest.
func TestAnUpdateOfManyObjectsNamesTwoHundredAndCountsTheRest(t *testing.T) {
	fx := newFixture(t)
	for _, c := range []struct {
		objects    int
		lastNamed  string
		notNamed   string
		countsRest string
	}{
		{200, "1199 (an annotation (/Square))", "more objects", ""},
		{201, "1199 (an annotation (/Square))", "1200 (", ", and 1 more objects."},
	} {
		r := verifyAgainstCommittee(t, fx, appendUpdate(t, fx.twice, manyObjects(c.objects)))
		if len(r.ChangesAfterLastSignature) != 1 {
			t.Fatalf("%d objects: %d updates described", c.objects, len(r.ChangesAfterLastSignature))
		}
		text := r.ChangesAfterLastSignature[0]
		if !strings.Contains(text, c.lastNamed) || strings.Contains(text, c.notNamed) || !strings.HasSuffix(text, c.countsRest) {
			t.Errorf("%d objects: want %q named, %q not, ending %q; got\n%s", c.objects, c.lastNamed, c.notNamed, c.countsRest, text)
		}
	}
}

// A new definition of an object names up to six changed keys, each once;
// one that changes nothing says so.
func TestARedefinedObjectNamesTheKeysItChanges(t *testing.T) {
	fx := newFixture(t)
	doc := fx.twice
	for _, def := range []string{
		"<<>>",
		"<</A 1 /B 2 /C 3 /D 4 /E 5 /F 6>>",
		"<</A 2 /B 3 /C 4 /D 5 /E 6 /F 7 /G 8>>",
		"<</A 2 /B 3 /C 4 /D 5 /E 6 /F 7 /G 8>>",
	} {
		doc = appendUpdate(t, doc, map[int]string{90: def})
	}
	r := verifyAgainstCommittee(t, fx, doc)
	want := []string{
		"Incremental update 1 of 4 after the last signature adds object 90 (a dictionary).",
		"Incremental update 2 of 4 after the last signature changes object 90 (a dictionary (changing /A, /B, /C, /D, /E, /F)).",
		"Incremental update 3 of 4 after the last signature changes object 90 (a dictionary (changing /A, /B, /C, /D, /E, /F, …)).",
		"Incremental update 4 of 4 after the last signature changes object 90 (a dictionary (rewritten unchanged)).",
	}
	if fmt.Sprint(r.ChangesAfterLastSignature) != fmt.Sprint(want) {
		t.Errorf("changes after the last signature:\n got %q\nwant %q", r.ChangesAfterLastSignature, want)
	}
}

// Values are compared as deep as the reader reads them: a value nested
// 33 levels deep rewritten alike is unchanged (it was reported as changed
// when the comparison stopped at 32), and one whose innermost value
// differs is a change of the key holding it.
func TestValuesNestedDeepAreComparedToTheirEnd(t *testing.T) {
	fx := newFixture(t)
	nest := func(open, close string, levels int, leaf string) string {
		return "<</Deep " + strings.Repeat(open, levels) + leaf + strings.Repeat(close, levels) + ">>"
	}
	for _, c := range []struct {
		name, first, second, want string
	}{
		{"arrays 32 deep, alike", nest("[", "]", 32, "1"), nest("[", "]", 32, "1"), "(rewritten unchanged)"},
		{"arrays 33 deep, alike", nest("[", "]", 33, "1"), nest("[", "]", 33, "1"), "(rewritten unchanged)"},
		{"dictionaries 33 deep, alike", nest("<</D ", ">>", 33, "1"), nest("<</D ", ">>", 33, "1"), "(rewritten unchanged)"},
		{"arrays 33 deep, the innermost value changed", nest("[", "]", 33, "1"), nest("[", "]", 33, "2"), "(changing /Deep)"},
	} {
		doc := appendUpdate(t, appendUpdate(t, fx.twice, map[int]string{90: c.first}), map[int]string{90: c.second})
		r := verifyAgainstCommittee(t, fx, doc)
		if len(r.ChangesAfterLastSignature) != 2 || !strings.HasSuffix(r.ChangesAfterLastSignature[1], "changes object 90 (a dictionary "+c.want+").") {
			t.Errorf("%s: want %q, got %q", c.name, c.want, r.ChangesAfterLastSignature)
		}
	}
}
