package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"reflect"
	"sort"
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
		{`(a\n(b)c)`, String{Bytes: []byte("a\n(b)c"), Start: 0, End: 9}, ""},
		{"(a\\\r\nb)", String{Bytes: []byte("ab"), Start: 0, End: 7}, ""},
		{"(a\\\rb)", String{Bytes: []byte("ab"), Start: 0, End: 6}, ""},
		{"(a\\\nb)", String{Bytes: []byte("ab"), Start: 0, End: 6}, ""},
		{`(\0\7\8\1234\12x)`, String{Bytes: []byte("\x00\x078S4\nx"), Start: 0, End: 17}, ""},
		{"(a\\", nil, "unexpected end of file"},
		{"(a\\\r", nil, "not closed before the end"},
		{"(\\12", nil, "not closed before the end"},
		{"<<", nil, "unexpected end of file"},
		{"<</A 1>", nil, "malformed dictionary end"},
		{"<</A 1", nil, "unexpected end of file"},
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
	nestedDicts := func(n int) string { return strings.Repeat("<</A ", n) + "1" + strings.Repeat(">>", n) }
	if _, err := NewParser([]byte(nestedDicts(MaxDepth)), 0).Object(); err != nil {
		t.Errorf("%d nested dictionaries: %v", MaxDepth, err)
	}
	if _, err := NewParser([]byte(nestedDicts(MaxDepth+1)), 0).Object(); err == nil || !strings.Contains(err.Error(), "nested too deeply") {
		t.Errorf("%d nested dictionaries: %v, want refused", MaxDepth+1, err)
	}
	dict := func(n int) string {
		var b strings.Builder
		b.WriteString("<<")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "/k%d 0", i)
		}
		return b.String() + ">>"
	}
	if o, err := NewParser([]byte(dict(maxElements)), 0).Object(); err != nil || len(o.(*Dict).Keys()) != maxElements {
		t.Errorf("a dictionary of %d keys: %v", maxElements, err)
	}
	if _, err := NewParser([]byte(dict(maxElements+1)), 0).Object(); err == nil || !strings.Contains(err.Error(), "far too long") {
		t.Errorf("a dictionary of %d keys: %v, want refused", maxElements+1, err)
	}
	literal := func(n int) string { return `(\n` + strings.Repeat("a", n-1) + ")" }
	if o, err := NewParser([]byte(literal(maxStringLen)), 0).Object(); err != nil || len(o.(String).Bytes) != maxStringLen {
		t.Errorf("a string with escapes of %d bytes: %v", maxStringLen, err)
	}
	if _, err := NewParser([]byte(literal(maxStringLen+1)), 0).Object(); err == nil || !strings.Contains(err.Error(), "far too long") {
		t.Errorf("a string with escapes of %d bytes: %v, want refused", maxStringLen+1, err)
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

// An indirect object's number and generation are read within their
// ranges, and a stream's data starts after "stream" and its end of line
// (CR LF, LF or CR alone).
func TestIndirectObjectsAndStreamStarts(t *testing.T) {
	for _, c := range []struct {
		in    string
		ok    bool
		start int // where a stream's data starts; -1 for no stream
	}{
		{"0 0 obj 1 endobj", true, -1},
		{"2147483648 0 obj 1 endobj", true, -1},
		{"2147483649 0 obj 1 endobj", false, -1},
		{"5 65535 obj 1 endobj", true, -1},
		{"5 65536 obj 1 endobj", false, -1},
		{"1 0 obj <<>> stream\r\nX", true, 21},
		{"1 0 obj <<>> stream\nX", true, 20},
		{"1 0 obj <<>> stream\rX", true, 20},
		{"1 0 obj <<>> stream\r", true, 20},
		{"1 0 obj <<>> stream", true, 19},
	} {
		_, o, err := NewParser([]byte(c.in), 0).Indirect()
		if (err == nil) != c.ok {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if s, isStream := o.(Stream); c.start >= 0 && (!isStream || s.DataStart != c.start) {
			t.Errorf("%q: %#v, want a stream starting at %d", c.in, o, c.start)
		}
	}
}

// ScanObjects finds the headers that start in data[from:to], at most
// limit of them.
func TestScanObjectsKeepsToItsRangeAndLimit(t *testing.T) {
	data := []byte("1 0 obj 1 endobj\n2 0 obj 2 endobj\n3 0 obj 3 endobj\n")
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
		{1, len(data), 0, []int{2, 3}},
		{0, 30, 0, []int{1, 2}},
		{-5, len(data) + 5, 0, []int{1, 2, 3}},
		{0, len(data), 2, []int{1, 2}},
	} {
		if got := nums(ScanObjects(data, c.from, c.to, c.limit)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("from %d to %d, limit %d: %v, want %v", c.from, c.to, c.limit, got, c.want)
		}
	}
}

// An object stream's header is read as far as /N says, with member
// numbers in range and offsets that increase; /N may be as large as the
// limit of 10,000.
func TestObjectStreamHeadersAreReadAsFarAsTheySay(t *testing.T) {
	room := func() *ObjStmBudget { return &ObjStmBudget{Bytes: 1 << 20, Members: 100} }
	members := func(data []byte, s Stream) []int {
		var out []int
		for n := range ObjectStreamMembers(data, s, room()) {
			out = append(out, n)
		}
		sort.Ints(out)
		return out
	}
	for _, c := range []struct {
		name    string
		members [][2]string
		extra   string
		want    []int
	}{
		{"/N at the limit", [][2]string{{"10", "1"}}, " /N 10000", []int{10}},
		{"/N smaller than the header", [][2]string{{"10", "1"}, {"11", "2"}}, " /N 1", []int{10}},
		{"member 0", [][2]string{{"0", "1"}}, "", []int{0}},
		{"member 2^31", [][2]string{{"2147483648", "1"}}, "", []int{2147483648}},
		{"member past 2^31", [][2]string{{"2147483649", "1"}}, "", nil},
	} {
		data, s := objStm(t, c.members, c.extra)
		if got := members(data, s); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: members %v, want %v", c.name, got, c.want)
		}
	}
	// Two members at one offset: the header stops at the second, and the
	// first is read whole.
	plain := "10 0 11 0 7"
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write([]byte(plain))
	zw.Close()
	data := append([]byte(fmt.Sprintf("1 0 obj\n<</Type /ObjStm /N 2 /First 10 /Filter /FlateDecode /Length %d>>\nstream\n", z.Len())), z.Bytes()...)
	data = append(data, "\nendstream\nendobj\n"...)
	_, o, err := NewParser(data, 0).Indirect()
	if err != nil {
		t.Fatal(err)
	}
	if got := ObjectStreamMembers(data, o.(Stream), room()); len(got) != 1 || got[10] != Integer(7) {
		t.Errorf("two members at one offset: %v", got)
	}
}

// ScanObjects recognises "num gen obj" headers in the shapes writers use
// (at the very start, after a delimiter, with up to 64 white-space bytes
// between the parts, a generation of up to five digits and a number of up
// to ten, "obj" followed by white space or a delimiter) and nothing else.
func TestScanObjectsFindsHeadersOfEveryShape(t *testing.T) {
	sp := func(n int) string { return strings.Repeat(" ", n) }
	for _, c := range []struct {
		in   string
		want []Ref
	}{
		{"1 0 obj", []Ref{{1, 0}}},
		{"10 0 obj 19 0 obj 0 0 obj", []Ref{{10, 0}, {19, 0}, {0, 0}}},
		{"7 9 obj<<>>", []Ref{{7, 9}}},
		{">>12 3 obj\n(x)", []Ref{{12, 3}}},
		{"5" + sp(64) + "0" + sp(64) + "obj ", []Ref{{5, 0}}},
		{"5 0" + sp(65) + "obj ", nil},
		{"5" + sp(65) + "0 obj ", nil},
		{"5 65535 obj ", []Ref{{5, 65535}}},
		{"5 123456 obj ", nil},
		// A generation is read by its digits: two are as good as one or
		// five, and six are refused even as zeros before a small number.
		{"5 10 obj ", []Ref{{5, 10}}},
		{"5 99 obj ", []Ref{{5, 99}}},
		{"5 123 obj ", []Ref{{5, 123}}},
		{"5 00007 obj ", []Ref{{5, 7}}},
		{"5 000007 obj ", nil},
		{"5 0000007 obj ", nil},
		{"2147483648 0 obj ", []Ref{{2147483648, 0}}},
		{"2147483649 0 obj ", nil},
		{"12345678901 0 obj ", nil},
		{"5 0 objx ", nil},
		{"x5 0 obj ", nil},
		{"5 0obj ", nil},
		{"50 obj ", nil},
	} {
		var got []Ref
		for _, h := range ScanObjects([]byte(c.in), 0, len(c.in), 0) {
			got = append(got, h.Ref)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: headers %v, want %v", c.in, got, c.want)
		}
	}
}
