package pdf

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// parseOne reads one object from src without ever letting a panic escape:
// the parser reads hostile files and must answer with an error instead.
func parseOne(t *testing.T, src string) (o Object, err error) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Errorf("%.40q: the parser panicked: %v", src, p)
		}
	}()
	return NewParser([]byte(src), 0).Object()
}

// Values at the edges of the syntax come out as PDF readers read them.
func TestParserReadsValuesAtTheEdgesOfTheSyntax(t *testing.T) {
	for _, c := range []struct {
		src  string
		want Object
	}{
		// Escapes in text strings: octal of one to three digits, the
		// named ones, and line continuations.
		{`(\101\7\0\0053\1234\8)`, String{Bytes: []byte("A\a\x00\x053S4" + "8")}},
		{"(a\\\r\nb\\\rc\\\nd)", String{Bytes: []byte("abcd")}},
		{`(\n\r\t\b\f\(\)\\)`, String{Bytes: []byte("\n\r\t\b\f()\\")}},
		{"(a(b)c)", String{Bytes: []byte("a(b)c")}},
		{`(a(b\)c))`, String{Bytes: []byte("a(b)c)")}},
		// Hexadecimal strings: both cases of digits, spaces, an odd count.
		{"<0aF9 Bc\n4>", String{Bytes: []byte{0x0a, 0xf9, 0xbc, 0x40}, Hex: true}},
		{"<fA Af 09>", String{Bytes: []byte{0xfa, 0xaf, 0x09}, Hex: true}},
		// Names with #-escapes, and a # too close to the end to be one.
		{"/A#42C", Name("ABC")},
		{"/A#4", Name("A#4")},
		{"/#4", Name("#4")},
		// References at the bounds of object and generation numbers.
		{"0 0 R", Ref{0, 0}},
		{"2147483648 65535 R", Ref{1 << 31, 65535}},
		{"2147483649 0 R", Integer(2147483649)},
		{"[1 65536 R]", nil}, // "65536 R" is not a reference: a stray R
	} {
		got, err := parseOne(t, c.src)
		if c.want == nil {
			if err == nil {
				t.Errorf("%q: accepted as %#v", c.src, got)
			}
			continue
		}
		if s, ok := got.(String); ok {
			s.Start, s.End = 0, 0
			got = s
		}
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: got %#v (%v), want %#v", c.src, got, err, c.want)
		}
	}
}

// Input that ends in the middle of a value is an error, never a panic.
func TestParserRefusesValuesCutShort(t *testing.T) {
	for _, src := range []string{"[1 2", "<<", "<</A 1>", "<", "(\\12", "(\\", "(a\\\r", "% only a comment", "<4G>"} {
		if _, err := parseOne(t, src); err == nil {
			t.Errorf("%q: accepted", src)
		}
	}
	if _, err := parseOne(t, "<4G>"); err == nil || err.Error() != `invalid character 'G' in a hexadecimal string at offset 2` {
		t.Errorf("the error does not say where the bad character is: %v", err)
	}
	for src, want := range map[string]string{
		"[1 )]":                 `unexpected character ')' at offset 3`,
		"abcdefghijklmnopqrst":  `unexpected word "abcdefghijklmnopqrst" at offset 20`,
		"abcdefghijklmnopqrstu": `unexpected word "abcdefghijklmnopqrst…" at offset 21`,
	} {
		if _, err := parseOne(t, src); err == nil || err.Error() != want {
			t.Errorf("%q: error %v, want %s", src, err, want)
		}
	}
}

// A parser given a budget of values stops with ErrBudget once it is spent.
func TestParserSpendsItsBudgetOneValueAtATime(t *testing.T) {
	for _, c := range []struct {
		budget int64
		ok     bool
	}{{3, true}, {2, false}} {
		left := c.budget
		_, err := NewParser([]byte("[1 2]"), 0).WithBudget(&left).Object()
		if (err == nil) != c.ok || (err != nil && err != ErrBudget) {
			t.Errorf("a budget of %d for 3 values: %v", c.budget, err)
		}
		if c.ok && left != 0 {
			t.Errorf("3 values left %d of a budget of 3", left)
		}
	}
}

// The bounds on one value: nesting 64 deep, 100,000 elements, strings of a
// megabyte. Each is accepted at the bound and refused past it.
func TestParserBoundsAreExact(t *testing.T) {
	nest := func(open, inner, close string, n int) string {
		return strings.Repeat(open, n) + inner + strings.Repeat(close, n)
	}
	elements := func(open, each, close string, n int) string {
		return open + strings.Repeat(each, n) + close
	}
	bytesOf := func(open string, n int, close string) string {
		return open + strings.Repeat("x", n) + close
	}
	hexOf := func(n int) string { return "<" + strings.Repeat("78", n) + ">" }
	for _, c := range []struct {
		name     string
		atBound  string
		pastOver string
	}{
		{"arrays nested", nest("[", "1", "]", 64), nest("[", "1", "]", 65)},
		{"dictionaries nested", nest("<</K ", "1", ">>", 64), nest("<</K ", "1", ">>", 65)},
		{"array elements", elements("[", "1 ", "]", maxElements), elements("[", "1 ", "]", maxElements+1)},
		{"dictionary keys", dictOfKeys(maxElements), dictOfKeys(maxElements + 1)},
		{"escaped text string", bytesOf(`(\n`, maxStringLen-1, ")"), bytesOf(`(\n`, maxStringLen, ")")},
		{"hexadecimal string", hexOf(maxStringLen), hexOf(maxStringLen + 1)},
	} {
		if _, err := parseOne(t, c.atBound); err != nil {
			t.Errorf("%s at the bound: %v", c.name, err)
		}
		if _, err := parseOne(t, c.pastOver); err == nil {
			t.Errorf("%s past the bound: accepted", c.name)
		}
	}
}

func dictOfKeys(n int) string {
	var b strings.Builder
	b.WriteString("<<")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "/K%d 1", i)
	}
	b.WriteString(">>")
	return b.String()
}

// A long text string without escapes is a slice of the file, not a copy:
// 50 MB of such strings cost no memory of their own.
func TestLongTextStringsAreNotCopied(t *testing.T) {
	for _, c := range []struct {
		name string
		src  []byte
	}{
		{"at the start", []byte("(" + strings.Repeat("x", maxStringLen-1) + ")")},
		{"a megabyte into the file", append(bytes.Repeat([]byte(" "), maxStringLen+16), "(a(b)c"+strings.Repeat("x", 4096)+")"...)},
	} {
		allocs := testing.AllocsPerRun(3, func() {
			o, err := NewParser(c.src, 0).Object()
			if s, ok := o.(String); err != nil || !ok || len(s.Bytes) == 0 {
				t.Fatalf("%s: %v", c.name, err)
			}
		})
		if allocs > 2 {
			t.Errorf("%s: reading the string made %.0f allocations; it was copied", c.name, allocs)
		}
	}
	o, _ := NewParser([]byte("(a(b)c)"), 0).Object()
	if s := o.(String); string(s.Bytes) != "a(b)c" {
		t.Errorf("nested parentheses: %q", s.Bytes)
	}
}

// A bounded parser reads no further than its end.
func TestABoundedParserStopsAtItsEnd(t *testing.T) {
	data := []byte("12345")
	for _, c := range []struct {
		end  int
		want Object
	}{{2, Integer(12)}, {5, Integer(12345)}, {99, Integer(12345)}} {
		if o, err := NewBoundedParser(data, 0, c.end).Object(); err != nil || o != c.want {
			t.Errorf("end %d: %v (%v), want %v", c.end, o, err, c.want)
		}
	}
	if _, err := NewBoundedParser(data, 0, 0).Object(); err == nil {
		t.Error("a parser bounded to nothing read a value")
	}
}

// The stream keyword is followed by CRLF, CR or LF; the data starts after
// it, and a file ending right after the keyword is not a panic.
func TestStreamDataStartsAfterTheLineEnd(t *testing.T) {
	for _, c := range []struct {
		eol  string
		skip int
	}{{"\r\n", 2}, {"\r", 1}, {"\n", 1}, {"", 0}} {
		src := "1 0 obj <<>> stream" + c.eol
		for _, tail := range []string{"", "DATA"} {
			if c.eol == "" && tail != "" {
				continue // "streamDATA" is another word
			}
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Errorf("%q: panicked: %v", src+tail, p)
					}
				}()
				_, o, err := NewParser([]byte(src+tail), 0).Indirect()
				s, ok := o.(Stream)
				if err != nil || !ok || s.DataStart != len(src) {
					t.Errorf("%q: %#v (%v), want data at %d", src+tail, o, err, len(src))
				}
			}()
		}
	}
}

// Object headers: numbers from 0 to 2^31, generations up to 65535.
func TestIndirectObjectNumbersAtTheirBounds(t *testing.T) {
	for _, c := range []struct {
		src string
		ok  bool
	}{
		{"0 0 obj null endobj", true},
		{"2147483648 65535 obj null endobj", true},
		{"2147483649 0 obj null endobj", false},
		{"1 65536 obj null endobj", false},
		{"-1 0 obj null endobj", false},
	} {
		_, _, err := NewParser([]byte(c.src), 0).Indirect()
		if (err == nil) != c.ok {
			t.Errorf("%q: error %v, want accepted=%v", c.src, err, c.ok)
		}
	}
}

// Written values read back as PDF readers expect: names escape only what
// they must, strings escape delimiters and bytes outside printable ASCII,
// arrays separate their elements with one space.
func TestWrittenValuesUseTheShortestSafeSpelling(t *testing.T) {
	for _, c := range []struct {
		o    Object
		want string
	}{
		{Name("A!~ #/"), "/A!~#20#23#2F"},
		{String{Bytes: []byte("a(b)\\ ~\n\x1f\x7f\xff")}, `(a\(b\)\\ ~\012\037\177\377)`},
		{Array{Integer(1), Integer(2), Integer(3)}, "[1 2 3]"},
	} {
		var b bytes.Buffer
		Write(&b, c.o)
		if b.String() != c.want {
			t.Errorf("%#v written as %s, want %s", c.o, b.String(), c.want)
		}
	}
	for _, c := range []struct {
		s     string
		plain bool
	}{{" ~ printable ASCII, spaces and tildes", true}, {"Rapporteur — author", false}, {"tab\there", false}, {"del\x7f", false}} {
		if got := TextString(c.s); (string(got.Bytes) == c.s) != c.plain || DecodeText(got.Bytes) != c.s {
			t.Errorf("%q encoded as %q, want plain=%v", c.s, got.Bytes, c.plain)
		}
	}
	if got := DecodeText([]byte{0xfe, 0xff, 0, 'A', 0}); got != "A" {
		t.Errorf("UTF-16 text with an odd byte: %q", got)
	}
	if got := DecodeText([]byte{0xfe, 0xff}) + DecodeText([]byte{0xef, 0xbb, 0xbf}); got != "" {
		t.Errorf("a byte-order mark alone: %q", got)
	}
	if got := DecodeText([]byte{0xef, 0xbb, 0xbf, 'h', 0xe2, 0x80, 0x94}); got != "h—" {
		t.Errorf("UTF-8 text with a byte-order mark: %q", got)
	}
}

// Scanning for object headers keeps to the range and the limit asked for.
func TestScanObjectsStaysWithinItsRangeAndLimit(t *testing.T) {
	data := []byte("1 0 obj null endobj\n2 0 obj null endobj\n3 0 obj null endobj\n")
	second := bytes.Index(data, []byte("2 0 obj"))
	third := bytes.Index(data, []byte("3 0 obj"))
	nums := func(hs []Header) (out []int) {
		for _, h := range hs {
			out = append(out, h.Ref.Num)
		}
		return out
	}
	for _, c := range []struct {
		from, to, limit int
		want            []int
	}{
		{0, len(data), 0, []int{1, 2, 3}},
		{second, len(data), 0, []int{2, 3}},
		{0, third, 0, []int{1, 2}},
		{0, len(data), 2, []int{1, 2}},
		{-5, len(data) + 5, 1, []int{1}},
	} {
		if got := nums(ScanObjects(data, c.from, c.to, c.limit)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("from %d to %d limit %d: %v, want %v", c.from, c.to, c.limit, got, c.want)
		}
	}
}
