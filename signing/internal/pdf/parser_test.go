package pdf

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

func TestParserReadsPDFValues(t *testing.T) {
	src := `<</Name /A#20B /Str (a\(b\)\n\101) /Hex <48 65 6C6> /Num -1.5 /Ref 12 0 R /Arr [1 2 R 3] /Nested <</X true /Y null>>>>`
	o, err := NewParser([]byte(src), 0).Object()
	if err != nil {
		t.Fatal(err)
	}
	d := o.(*Dict)
	if d.NameOf("Name") != "A B" {
		t.Errorf("name: %q", d.NameOf("Name"))
	}
	if s := d.Get("Str").(String); string(s.Bytes) != "a(b)\nA" {
		t.Errorf("literal string: %q", s.Bytes)
	}
	if s := d.Get("Hex").(String); string(s.Bytes) != "Hel`" || !s.Hex || src[s.Start] != '<' || src[s.End-1] != '>' {
		t.Errorf("hex string: %q hex=%v span=%q", s.Bytes, s.Hex, src[s.Start:s.End])
	}
	if d.Get("Num") != Real("-1.5") || d.Get("Ref") != (Ref{12, 0}) {
		t.Errorf("number/ref: %v %v", d.Get("Num"), d.Get("Ref"))
	}
	// "1 R" is not a reference (it needs two numbers), so it must not parse.
	if _, err := NewParser([]byte("[1 R 3]"), 0).Object(); err == nil {
		t.Error("a stray R was accepted")
	}
	var buf bytes.Buffer
	Write(&buf, d.Get("Nested"))
	if buf.String() != "<</X true/Y null>>" {
		t.Errorf("round trip: %s", buf.String())
	}
}

func TestParserRejectsHostileInput(t *testing.T) {
	for _, src := range []string{
		strings.Repeat("[", 100000),
		"(unterminated",
		"<41 4G>",
		"<</Key",
		"<< 1 2 >>",
	} {
		if _, err := NewParser([]byte(src), 0).Object(); err == nil {
			t.Errorf("%.20q: accepted", src)
		}
	}
}

func TestTextStringRoundTrip(t *testing.T) {
	for _, s := range []string{"Chair", "Rapporteur — author", "伦理委员会主席"} {
		if got := DecodeText(TextString(s).Bytes); got != s {
			t.Errorf("%q came back as %q", s, got)
		}
	}
}

func TestOpenRejectsLoopingXref(t *testing.T) {
	head := "%PDF-1.4\n1 0 obj <</Type/Catalog>> endobj\n"
	at := strconv.Itoa(len(head))
	doc := head + "xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer <</Size 2/Root 1 0 R/Prev " + at + ">>\nstartxref\n" + at + "\n%%EOF\n"
	if _, err := Open([]byte(doc)); err == nil || !strings.Contains(err.Error(), "loop") {
		t.Errorf("looping /Prev: %v", err)
	}
	if _, err := Open([]byte("%PDF-1.4\n1 0 obj <<>> endobj\n")); err == nil {
		t.Error("a PDF without startxref was accepted")
	}
}

func TestScanObjectsFindsHeadersNotEndobj(t *testing.T) {
	data := []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n 12 3 obj [] endobj xobj 4 5 objx")
	h := ScanObjects(data, 0, len(data), 0)
	if len(h) != 2 || h[0].Ref != (Ref{1, 0}) || h[1].Ref != (Ref{12, 3}) {
		t.Errorf("headers: %+v", h)
	}
}
