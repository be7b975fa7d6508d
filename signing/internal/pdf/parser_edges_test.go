package pdf

import (
	"reflect"
	"strings"
	"testing"
)

// Values at the edges of the syntax read as PDF 32000 says, and
// malformed ones fail with an error naming where, never a panic.
func TestParserReadsValuesAtTheEdges(t *testing.T) {
	for _, c := range []struct {
		in      string
		want    Object
		wantErr string
	}{
		{"1 %a comment to the end", Integer(1), ""},
		{"%a comment\n5", Integer(5), ""},
		{"+5", Integer(5), ""},
		{"-5", Integer(-5), ""},
		{".5", Real(".5"), ""},
		{"0", Integer(0), ""},
		{"9", Integer(9), ""},
		{"0 0 R", Ref{Num: 0, Gen: 0}, ""},
		{"2147483648 0 R", Ref{Num: 2147483648, Gen: 0}, ""},
		{"2147483649 0 R", Integer(2147483649), ""},
		{"5 65535 R", Ref{Num: 5, Gen: 65535}, ""},
		{"5 65536 R", Integer(5), ""},
		{"/A#41", Name("AA"), ""},
		{"/A#4", Name("A#4"), ""},
		{"/A#4G", Name("A#4G"), ""},
		{"<09afAF>", String{Bytes: []byte{0x09, 0xaf, 0xaf}, Hex: true, Start: 0, End: 8}, ""},
		{"<4>", String{Bytes: []byte{0x40}, Hex: true, Start: 0, End: 3}, ""},
		{"<4g>", nil, "invalid character 'g' in a hexadecimal string at offset 2"},
		{"</>", nil, "invalid character '/'"},
		{"<:>", nil, "invalid character ':'"},
		{"<`>", nil, "invalid character '`'"},
		{"<@>", nil, "invalid character '@'"},
		{"<G>", nil, "invalid character 'G'"},
		{"<41", nil, "not closed before the end"},
		{"<", nil, "not closed before the end"},
		{"[1", nil, "unexpected end of file"},
		{"(a()b)", String{Bytes: []byte("a()b"), Start: 0, End: 6}, ""},
		{"(a(b)c)", String{Bytes: []byte("a(b)c"), Start: 0, End: 7}, ""},
		{")", nil, "unexpected character ')' at offset 0"},
		{"abcdefghijklmnopqrst", nil, `unexpected word "abcdefghijklmnopqrst" at`},
		{"abcdefghijklmnopqrstu", nil, `unexpected word "abcdefghijklmnopqrst…" at`},
	} {
		got, err := NewParser([]byte(c.in), 0).Object()
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("%q: got %#v, %v; want the error %q", c.in, got, err, c.wantErr)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: got %#v, %v; want %#v", c.in, got, err, c.want)
		}
	}
}

// Nesting, array length, string length and a file's budget of values are
// bounded exactly where the limits say.
func TestParserLimitsAreExact(t *testing.T) {
	nested := func(n int) string { return strings.Repeat("[", n) + "1" + strings.Repeat("]", n) }
	if _, err := NewParser([]byte(nested(MaxDepth)), 0).Object(); err != nil {
		t.Errorf("%d nested arrays: %v", MaxDepth, err)
	}
	if _, err := NewParser([]byte(nested(MaxDepth+1)), 0).Object(); err == nil || !strings.Contains(err.Error(), "nested too deeply") {
		t.Errorf("%d nested arrays: %v, want refused", MaxDepth+1, err)
	}
	array := func(n int) string { return "[" + strings.Repeat("0 ", n) + "]" }
	if o, err := NewParser([]byte(array(maxElements)), 0).Object(); err != nil || len(o.(Array)) != maxElements {
		t.Errorf("an array of %d elements: %v", maxElements, err)
	}
	if _, err := NewParser([]byte(array(maxElements+1)), 0).Object(); err == nil || !strings.Contains(err.Error(), "far too long") {
		t.Errorf("an array of %d elements: %v, want refused", maxElements+1, err)
	}
	hex := func(n int) string { return "<" + strings.Repeat("41", n) + ">" }
	if o, err := NewParser([]byte(hex(maxStringLen)), 0).Object(); err != nil || len(o.(String).Bytes) != maxStringLen {
		t.Errorf("a hexadecimal string of %d bytes: %v", maxStringLen, err)
	}
	if _, err := NewParser([]byte(hex(maxStringLen+1)), 0).Object(); err == nil || !strings.Contains(err.Error(), "far too long") {
		t.Errorf("a hexadecimal string of %d bytes: %v, want refused", maxStringLen+1, err)
	}
	for _, c := range []struct {
		budget int64
		ok     bool
	}{{4, true}, {3, false}} { // "[1 2 3]" is four values
		b := c.budget
		_, err := NewParser([]byte("[1 2 3]"), 0).WithBudget(&b).Object()
		if (err == nil) != c.ok || (err != nil && err != ErrBudget) {
			t.Errorf("a budget of %d values for four: %v", c.budget, err)
		}
	}
}

// A bounded parser reads only up to its end: an object cut there is an
// error, not a read into what follows.
func TestBoundedParserStopsAtItsEnd(t *testing.T) {
	data := []byte("(abc) (def)")
	if _, err := NewBoundedParser(data, 0, 3).Object(); err == nil {
		t.Error("a string cut by the bound was read past it")
	}
	if _, err := NewBoundedParser(data, 0, 0).Object(); err == nil {
		t.Error("a bound of 0 read something")
	}
	if o, err := NewBoundedParser(data, 6, 100).Object(); err != nil || string(o.(String).Bytes) != "def" {
		t.Errorf("a bound past the end: %v %v", o, err)
	}
}
