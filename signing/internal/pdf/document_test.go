package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"testing"
)

// buildPDF lays out objects 1..n (bodies given) with a classic
// cross-reference table and a trailer naming object 1 as the catalog.
func buildPDF(bodies []string, trailerExtra string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offs := make([]int, len(bodies))
	for i, body := range bodies {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, body)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f\r\n", len(bodies)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n\r\n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R%s>>\nstartxref\n%d\n%%%%EOF\n", len(bodies)+1, trailerExtra, xref)
	return b.Bytes()
}

// Three pages in a tree with one nested node.
var threePages = []string{
	"<</Type /Catalog /Pages 2 0 R>>",
	"<</Type /Pages /Kids [3 0 R 4 0 R] /Count 3>>",
	"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>",
	"<</Type /Pages /Parent 2 0 R /Kids [5 0 R 6 0 R] /Count 2>>",
	"<</Type /Page /Parent 4 0 R /Rotate 90>>",
	"<</Type /Page /Parent 4 0 R /Rotate 180>>",
}

func TestOpenFindsCatalogAndPages(t *testing.T) {
	doc, err := Open(buildPDF(threePages, " /Info 3 0 R"))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Size() != 7 {
		t.Errorf("size %d, want 7", doc.Size())
	}
	ref, cat, err := doc.Catalog()
	if err != nil || ref != (Ref{1, 0}) || cat.NameOf("Type") != "Catalog" {
		t.Fatalf("catalog %v %v %v", ref, cat, err)
	}
	for n, want := range map[int]struct {
		num    int
		rotate Object
	}{1: {3, nil}, 2: {5, Integer(90)}, 3: {6, Integer(180)}} {
		r, p, err := doc.Page(n)
		if err != nil || r.Num != want.num || p.Get("Rotate") != want.rotate {
			t.Errorf("page %d: %v %v %v, want object %d", n, r, p, err, want.num)
		}
	}
	if _, _, err := doc.Page(4); err == nil || !strings.Contains(err.Error(), "no page 4 (it has 3)") {
		t.Errorf("page 4 of 3: %v", err)
	}
	// Objects: absent and free ones are null, references are followed.
	if o, err := doc.Object(0); err != nil || o != (Null{}) {
		t.Errorf("the free object 0: %v %v", o, err)
	}
	if o, err := doc.Object(99); err != nil || o != (Null{}) {
		t.Errorf("an absent object: %v %v", o, err)
	}
	if o, err := doc.Resolve(Integer(5)); err != nil || o != Integer(5) {
		t.Errorf("a direct object resolves to itself: %v %v", o, err)
	}
	if _, err := doc.ResolveDict(Integer(5)); err == nil {
		t.Error("a number resolved to a dictionary")
	}
}

// An incremental update keeps the original bytes, numbers new objects
// after the last one, and chains its trailer to the previous section; the
// result opens with the new versions in force.
func TestIncrementalUpdateExtendsTheFile(t *testing.T) {
	orig := buildPDF(threePages, " /Info 3 0 R /ID [<01> <02>]")
	doc, err := Open(orig)
	if err != nil {
		t.Fatal(err)
	}
	u := doc.NewUpdate()
	a, b := u.Reserve(), u.Reserve()
	if a.Num != 7 || b.Num != 8 {
		t.Fatalf("reserved %v %v, want 7 and 8", a, b)
	}
	note := NewDict()
	note.Set("Type", Name("Annot"))
	note.Set("Contents", TextString("签名 note"))
	u.Set(b, note)
	u.Set(a, Integer(1))
	u.Set(a, Integer(42)) // a second Set replaces, it does not add
	page := NewDict()
	page.Set("Type", Name("Page"))
	page.Set("Parent", Ref{Num: 2})
	page.Set("Annots", Array{b})
	u.Set(Ref{Num: 3}, page)
	extra := NewDict()
	extra.Set("ID", Array{String{Bytes: []byte{1}, Hex: true}, String{Bytes: []byte{3}, Hex: true}})
	w := u.Bytes(extra)
	if !bytes.HasPrefix(w.File, orig) {
		t.Fatal("the update rewrote the original bytes")
	}
	if len(w.Offsets) != 3 || !bytes.HasPrefix(w.File[w.Offsets[7]:], []byte("7 0 obj\n42\nendobj")) {
		t.Fatalf("offsets %v", w.Offsets)
	}
	tail := string(w.File[len(orig):])
	if !strings.Contains(tail, "xref\n3 1\n") || !strings.Contains(tail, "7 2\n") || !strings.Contains(tail, "/Size 9") {
		t.Errorf("the cross-reference sections are not split at the gap:\n%s", tail)
	}
	again, err := Open(w.File)
	if err != nil {
		t.Fatal(err)
	}
	if again.Size() != 9 || again.StartXref == doc.StartXref || again.Trailer.Get("Prev") != Integer(doc.StartXref) {
		t.Errorf("size %d, startxref %d, prev %v", again.Size(), again.StartXref, again.Trailer.Get("Prev"))
	}
	if again.Trailer.Get("Info") != (Ref{Num: 3}) {
		t.Errorf("the /Info entry was not carried: %v", again.Trailer.Get("Info"))
	}
	if id, ok := again.Trailer.Get("ID").(Array); !ok || len(id) != 2 || id[1].(String).Bytes[0] != 3 {
		t.Errorf("the extra trailer entry did not replace /ID: %v", again.Trailer.Get("ID"))
	}
	if o, err := again.Object(7); err != nil || o != Integer(42) {
		t.Errorf("object 7: %v %v", o, err)
	}
	_, p1, err := again.Page(1)
	if err != nil || p1.Get("MediaBox") != nil || p1.Get("Annots") == nil {
		t.Fatalf("page 1 is not the new version: %v %v", p1, err)
	}
	annot, err := again.ResolveDict(p1.Get("Annots").(Array)[0])
	if err != nil || DecodeText(annot.Get("Contents").(String).Bytes) != "签名 note" {
		t.Errorf("the new annotation: %v %v", annot, err)
	}
	// An original without a final line break gets one before the update.
	cut := bytes.TrimRight(orig, "\n")
	d2, err := Open(cut)
	if err != nil {
		t.Fatal(err)
	}
	u2 := d2.NewUpdate()
	u2.Set(u2.Reserve(), Integer(1))
	if w2 := u2.Bytes(nil); !bytes.Contains(w2.File, []byte("%%EOF\n7 0 obj")) {
		t.Errorf("no line break between the original and the update: %q", w2.File[len(cut)-5:len(cut)+10])
	}
}

// A damaged file is refused with a sentence, never a panic.
func TestOpenRefusesDamagedFiles(t *testing.T) {
	good := buildPDF(threePages, "")
	xrefAt := bytes.LastIndex(good, []byte("xref\n0 7"))
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"not a PDF", []byte("hello"), "not a PDF"},
		{"no startxref", bytes.ReplaceAll(good, []byte("startxref"), []byte("startxyz")), "no cross-reference pointer"},
		{"pointer outside", bytes.Replace(good, []byte(fmt.Sprintf("startxref\n%d", xrefAt)), []byte("startxref\n99999999"), 1), "not a valid offset"},
		{"pointer at no table", bytes.Replace(good, []byte(fmt.Sprintf("startxref\n%d", xrefAt)), []byte("startxref\n0"), 1), "no cross-reference table"},
		{"no root", bytes.Replace(good, []byte(" /Root 1 0 R"), []byte(" /Rot 1 0 R"), 1), "no document catalog"},
		{"prev loops", bytes.Replace(good, []byte("/Size 7"), []byte(fmt.Sprintf("/Prev %d", xrefAt)), 1), "form a loop"},
		{"prev outside", bytes.Replace(good, []byte("/Size 7"), []byte("/Prev 99999999"), 1), "outside the file"},
		{"bad entry", bytes.Replace(good, []byte("00000 n\r\n"), []byte("00000 x\r\n"), 1), "malformed"},
		{"bad subsection", bytes.Replace(good, []byte("xref\n0 7"), []byte("xref\n0 -7"), 1), "malformed"},
		{"trailer not a dictionary", bytes.Replace(good, []byte("trailer\n<<"), []byte("trailer\n[<<"), 1), "trailer"},
	} {
		if _, err := Open(c.data); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	// A file whose cross-references are a stream is recognised as such.
	xs := []byte("%PDF-1.7\n1 0 obj\n<</Type /XRef /Size 1 /Length 0>>\nstream\n\nendstream\nendobj\nstartxref\n9\n%%EOF\n")
	if _, err := Open(xs); err != ErrXRefStream {
		t.Errorf("an xref stream: %v", err)
	}
	// A cross-reference entry pointing at another object, or a page tree
	// that loops, is an error when read.
	wrong := buildPDF([]string{"<</Type /Catalog /Pages 2 0 R>>", "<</Type /Pages /Kids [2 0 R] /Count 1>>"}, "")
	doc, err := Open(wrong)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := doc.Page(1); err == nil || !strings.Contains(err.Error(), "loops") {
		t.Errorf("a looping page tree: %v", err)
	}
	swapped := bytes.Replace(wrong, []byte("2 0 obj"), []byte("5 0 obj"), 1)
	if doc, err = Open(swapped); err != nil {
		t.Fatal(err)
	}
	if _, err := doc.Object(2); err == nil || !strings.Contains(err.Error(), "points object 2 at object 5") {
		t.Errorf("a misdirected entry: %v", err)
	}
	noTree := buildPDF([]string{"<</Type /Catalog>>"}, "")
	if doc, err = Open(noTree); err != nil {
		t.Fatal(err)
	}
	if _, _, err := doc.Page(1); err == nil || !strings.Contains(err.Error(), "no page tree") {
		t.Errorf("no page tree: %v", err)
	}
	badCat := buildPDF([]string{"42"}, "")
	if doc, err = Open(badCat); err != nil {
		t.Fatal(err)
	}
	if _, _, err := doc.Catalog(); err == nil || !strings.Contains(err.Error(), "catalog is unreadable") {
		t.Errorf("a catalog that is a number: %v", err)
	}
}

// objStm is an object stream holding members (number → body), compressed.
func objStm(t *testing.T, members [][2]string, extra string) ([]byte, Stream) {
	t.Helper()
	var head, body strings.Builder
	for _, m := range members {
		fmt.Fprintf(&head, "%s %d ", m[0], body.Len())
		body.WriteString(m[1] + " ")
	}
	plain := head.String() + body.String()
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write([]byte(plain))
	zw.Close()
	dict := fmt.Sprintf("<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d%s>>", len(members), head.Len(), z.Len(), extra)
	data := append([]byte("1 0 obj\n"+dict+"\nstream\n"), z.Bytes()...)
	data = append(data, "\nendstream\nendobj\n"...)
	_, o, err := NewParser(data, 0).Indirect()
	if err != nil {
		t.Fatal(err)
	}
	return data, o.(Stream)
}

// The objects inside a compressed object stream are read, within the
// file's budget, and only from a well-formed FlateDecode stream.
func TestObjectStreamMembers(t *testing.T) {
	data, s := objStm(t, [][2]string{{"10", "<</Type /Sig /Name (Li Wei)>>"}, {"11", "[1 2 3]"}, {"12", "(three)"}}, "")
	got := ObjectStreamMembers(data, s, &ObjStmBudget{Bytes: 1 << 20, Members: 100})
	if len(got) != 3 || got[10].(*Dict).NameOf("Type") != "Sig" || len(got[11].(Array)) != 3 || string(got[12].(String).Bytes) != "three" {
		t.Fatalf("members %v", got)
	}
	if raw := StreamData(data, s); len(raw) != int(s.Dict.Get("Length").(Integer)) {
		t.Errorf("stream data of %d bytes", len(raw))
	}
	b := &ObjStmBudget{Bytes: 1 << 20, Members: 2}
	if got := ObjectStreamMembers(data, s, b); len(got) != 2 || b.Members != 0 {
		t.Errorf("with room for 2 members: %d read, %d left", len(got), b.Members)
	}
	if got := ObjectStreamMembers(data, s, &ObjStmBudget{Bytes: 10, Members: 100}); got != nil {
		t.Errorf("beyond the byte budget: %v", got)
	}
	for _, extra := range []string{" /DecodeParms <</Predictor 12>>", " /N 20000"} {
		d2, s2 := objStm(t, [][2]string{{"10", "1"}}, extra)
		if got := ObjectStreamMembers(d2, s2, &ObjStmBudget{Bytes: 1 << 20, Members: 100}); got != nil {
			t.Errorf("%s: %v", extra, got)
		}
	}
	// Each member is read up to where the next begins.
	d3, s3 := objStm(t, [][2]string{{"10", "1"}, {"11", "2"}}, "")
	if got := ObjectStreamMembers(d3, s3, &ObjStmBudget{Bytes: 1 << 20, Members: 100}); len(got) != 2 || got[10] != Integer(1) || got[11] != Integer(2) {
		t.Errorf("two members: %v", got)
	}
	s.Dict.Set("Filter", Name("LZWDecode"))
	if got := ObjectStreamMembers(data, s, &ObjStmBudget{Bytes: 1 << 20, Members: 100}); got != nil {
		t.Errorf("another filter: %v", got)
	}
	s.Dict.Set("Filter", Array{Name("FlateDecode")})
	if got := ObjectStreamMembers(data, s, &ObjStmBudget{Bytes: 1 << 20, Members: 100}); len(got) != 3 {
		t.Errorf("a filter array of FlateDecode: %v", got)
	}
	s.Dict.Set("Type", Name("XRef"))
	if got := ObjectStreamMembers(data, s, &ObjStmBudget{Bytes: 1 << 20, Members: 100}); got != nil {
		t.Errorf("not an object stream: %v", got)
	}
	// Without a usable /Length the data runs to "endstream".
	s.Dict.Set("Length", Integer(1<<40))
	if raw := StreamData(data, s); !bytes.HasSuffix(data[:s.DataStart+len(raw)+len("\nendstream")], []byte("\nendstream")) {
		t.Errorf("stream data without a length: %d bytes", len(raw))
	}
}

// The trailer's /Size counts when it is larger than the highest object;
// when it is smaller, the highest object decides.
func TestDocumentSize(t *testing.T) {
	big := bytes.Replace(buildPDF(threePages, ""), []byte("/Size 7"), []byte("/Size 20"), 1)
	if doc, err := Open(big); err != nil || doc.Size() != 20 {
		t.Errorf("a /Size of 20 over 6 objects: %v", err)
	}
	small := bytes.Replace(buildPDF(threePages, ""), []byte("/Size 7"), []byte("/Size 2"), 1)
	if doc, err := Open(small); err != nil || doc.Size() != 7 {
		t.Errorf("a /Size of 2 over 6 objects: size %d, %v", doc.Size(), err)
	}
}

// Offsets at the very end of the file, or at its start, are caught for
// what they are; an empty subsection is allowed; subsections may reach
// object 2^31 - 1 but not beyond.
func TestCrossReferenceEdges(t *testing.T) {
	good := buildPDF(threePages, "")
	xrefAt := bytes.LastIndex(good, []byte("xref\n0 7"))
	// startxref written with ten digits, so the file's length is known.
	padded := bytes.Replace(good, []byte(fmt.Sprintf("startxref\n%d\n", xrefAt)), []byte(fmt.Sprintf("startxref\n%010d\n", xrefAt)), 1)
	if _, err := Open(padded); err != nil {
		t.Fatalf("a startxref with leading zeros: %v", err)
	}
	atEnd := bytes.Replace(padded, []byte(fmt.Sprintf("startxref\n%010d\n", xrefAt)), []byte(fmt.Sprintf("startxref\n%010d\n", len(padded))), 1)
	if _, err := Open(atEnd); err == nil || !strings.Contains(err.Error(), "not a valid offset") {
		t.Errorf("startxref at the end of the file: %v", err)
	}
	prevZero := bytes.Replace(good, []byte("/Size 7"), []byte("/Size 7 /Prev 0"), 1)
	if _, err := Open(prevZero); err == nil || !strings.Contains(err.Error(), "no cross-reference table at offset 0") {
		t.Errorf("/Prev 0: %v", err)
	}
	withPrev := bytes.Replace(good, []byte("/Size 7"), []byte("/Size 7 /Prev 0000000000"), 1)
	prevEnd := bytes.Replace(withPrev, []byte("/Prev 0000000000"), []byte(fmt.Sprintf("/Prev %010d", len(withPrev))), 1)
	if _, err := Open(prevEnd); err == nil || !strings.Contains(err.Error(), "outside the file") {
		t.Errorf("/Prev at the end of the file: %v", err)
	}
	empty := bytes.Replace(good, []byte("trailer\n"), []byte("9 0\ntrailer\n"), 1)
	if _, err := Open(empty); err != nil {
		t.Errorf("an empty subsection: %v", err)
	}
	entry := "0000000009 00000 n\r\n"
	for _, c := range []struct {
		sub string
		n   int
		ok  bool
	}{{"2147483646 1", 1, true}, {"2147483647 1", 1, true}, {"2147483647 2", 2, false}, {"2147483648 1", 1, false}} {
		data := bytes.Replace(good, []byte("trailer\n"), []byte(c.sub+"\n"+strings.Repeat(entry, c.n)+"trailer\n"), 1)
		if _, err := Open(data); (err == nil) != c.ok {
			t.Errorf("a subsection %q: %v", c.sub, err)
		}
	}
	// An entry pointing at the file's first byte or one past its end.
	doc, err := Open(good)
	if err != nil {
		t.Fatal(err)
	}
	doc.offsets[3] = 0
	if _, err := doc.Object(3); err == nil || !strings.Contains(err.Error(), "points object 3 at object 1") {
		t.Errorf("an object at offset 0 (the header, then object 1): %v", err)
	}
	doc.offsets[3] = int64(len(good))
	if _, err := doc.Object(3); err == nil || !strings.Contains(err.Error(), "lies outside the file") {
		t.Errorf("an object one past the end: %v", err)
	}
}

// References are followed up to 32 deep.
func TestResolveFollowsAtMost32References(t *testing.T) {
	bodies := []string{"<</Type /Catalog>>"}
	for n := 2; n <= 33; n++ {
		bodies = append(bodies, fmt.Sprintf("%d 0 R", n+1))
	}
	bodies = append(bodies, "42") // object 34
	doc, err := Open(buildPDF(bodies, ""))
	if err != nil {
		t.Fatal(err)
	}
	if o, err := doc.Resolve(Ref{Num: 4}); err != nil || o != Integer(42) {
		t.Errorf("31 references: %v %v", o, err)
	}
	if _, err := doc.Resolve(Ref{Num: 3}); err == nil || !strings.Contains(err.Error(), "too long") {
		t.Errorf("32 references: %v", err)
	}
}

// A page tree nested deeper than 64 levels is refused; 64 is read.
func TestPageTreeDepthIsBounded(t *testing.T) {
	tree := func(levels int) []byte {
		// Object 1 the catalog, 2..levels+1 the nested nodes, then the page.
		bodies := []string{"<</Type /Catalog /Pages 2 0 R>>"}
		for n := 2; n <= levels+1; n++ {
			bodies = append(bodies, fmt.Sprintf("<</Type /Pages /Kids [%d 0 R] /Count 1>>", n+1))
		}
		bodies = append(bodies, "<</Type /Page>>")
		return buildPDF(bodies, "")
	}
	doc, err := Open(tree(64))
	if err != nil {
		t.Fatal(err)
	}
	if r, _, err := doc.Page(1); err != nil || r.Num != 66 {
		t.Errorf("a page 64 levels down: %v %v", r, err)
	}
	if doc, err = Open(tree(65)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := doc.Page(1); err == nil || !strings.Contains(err.Error(), "malformed") {
		t.Errorf("a page 65 levels down: %v", err)
	}
}

// A stream's data is its /Length bytes when that fits in the file, line
// breaks included; otherwise it runs to "endstream", without the line
// break before it.
func TestStreamDataLength(t *testing.T) {
	d := []byte("stream\nabc\r\nendstream\nendobj")
	withLength := func(n Object, start int) []byte {
		dict := NewDict()
		if n != nil {
			dict.Set("Length", n)
		}
		return StreamData(d, Stream{Dict: dict, DataStart: start})
	}
	for _, c := range []struct {
		length Object
		start  int
		want   string
	}{
		{Integer(5), 7, "abc\r\n"},
		{Integer(0), 7, ""},
		{Integer(len(d) - 7), 7, string(d[7:])},
		{Integer(len(d) - 7 + 1), 7, "abc"}, // one byte too long: not trusted
		{nil, 7, "abc"},
		{Integer(3), 0, "str"},
		{nil, 12, ""}, // "endstream" right at the start
	} {
		if got := withLength(c.length, c.start); string(got) != c.want {
			t.Errorf("/Length %v from %d: %q, want %q", c.length, c.start, got, c.want)
		}
	}
}
