package pdf

import (
	"bytes"
	"testing"
)

// Text strings as other tools write them read as the text they carry:
// UTF-16BE after its byte-order mark (an empty one included, and one cut
// in the middle of a character), UTF-8 after its mark, unmarked UTF-8, and
// PDFDocEncoding read as Latin-1.
func TestDecodeTextReadsOtherToolsStrings(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"\xfe\xff", ""},
		{"\xfe\xff\x00A\x00", "A"},
		{"\xfe\xff\x9e\xc4\x4f\x1f", "黄伟"},
		{"\xef\xbb\xbf", ""},
		{"\xef\xbb\xbfA", "A"},
		{"\xef\xbb", "ï»"},
		{"\xfe", "þ"},
		{"\xe9t\xe9", "été"},
		{"été", "été"},
	} {
		if got := DecodeText([]byte(c.in)); got != c.want {
			t.Errorf("% x reads %q, want %q", c.in, got, c.want)
		}
	}
}

// Literal strings escape what would end or break them: parentheses,
// backslashes, and bytes outside printable ASCII (in octal).
func TestWriteEscapesLiteralStrings(t *testing.T) {
	var b bytes.Buffer
	Write(&b, String{Bytes: []byte("a(b)\\c\x00\x1f ~\x7f\xff")})
	if want := `(a\(b\)\\c\000\037 ~\177\377)`; b.String() != want {
		t.Errorf("written as %s, want %s", b.String(), want)
	}
	o, err := NewParser(b.Bytes(), 0).Object()
	if err != nil || string(o.(String).Bytes) != "a(b)\\c\x00\x1f ~\x7f\xff" {
		t.Errorf("the written string reads back as %q (%v)", o, err)
	}
}
