// Package pdf is the small slice of PDF syntax the signing package needs:
// a tolerant object parser, a classic cross-reference reader, and a writer
// for incremental updates. It never rewrites bytes that were already in a
// file, which is what keeps earlier signatures valid.
package pdf

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// Object is any PDF value: Null, Bool, Integer, Real, Name, String, Array,
// *Dict, Ref, Stream or Raw.
type Object interface{}

// Null is the PDF null object.
type Null struct{}

// Bool is a PDF boolean.
type Bool bool

// Integer is a PDF integer that fits in an int64.
type Integer int64

// Real keeps a non-integer number exactly as written, so copying an object
// into an update never changes its value through float formatting.
type Real string

// Name is a PDF name without its leading slash, with #xx escapes decoded.
type Name string

// String is a literal or hexadecimal PDF string. Start and End are the byte
// offsets of its delimiters in the parsed data (End is one past the closing
// delimiter); they let a verifier check that a signature's /ByteRange gap is
// exactly the /Contents string.
type String struct {
	Bytes      []byte
	Hex        bool
	Start, End int
}

// Array is a PDF array.
type Array []Object

// Ref is an indirect reference "num gen R".
type Ref struct{ Num, Gen int }

// Stream is a stream object's dictionary and where its data starts.
type Stream struct {
	Dict      *Dict
	DataStart int
}

// Raw is written verbatim; the signer uses it for the signature dictionary,
// whose placeholders are patched after the file is laid out.
type Raw []byte

// Dict is a PDF dictionary that remembers key order so rewritten objects
// look like their originals.
type Dict struct {
	keys []Name
	vals map[Name]Object
}

// NewDict returns an empty dictionary.
func NewDict() *Dict { return &Dict{vals: map[Name]Object{}} }

// Get returns the value for key, or nil.
func (d *Dict) Get(key Name) Object {
	if d == nil {
		return nil
	}
	return d.vals[key]
}

// Set adds or replaces key.
func (d *Dict) Set(key Name, v Object) {
	if _, ok := d.vals[key]; !ok {
		d.keys = append(d.keys, key)
	}
	d.vals[key] = v
}

// Keys lists the keys in the order they were first set.
func (d *Dict) Keys() []Name { return d.keys }

// Copy returns a shallow copy, so an update can change a dictionary without
// touching the parsed original.
func (d *Dict) Copy() *Dict {
	c := NewDict()
	for _, k := range d.keys {
		c.Set(k, d.vals[k])
	}
	return c
}

// NameOf returns the name stored under key, or "".
func (d *Dict) NameOf(key Name) Name {
	n, _ := d.Get(key).(Name)
	return n
}

// TextString encodes s as a PDF text string: plain bytes when it is
// printable ASCII, UTF-16BE with a byte-order mark otherwise (names and
// meanings may be Chinese or contain an em dash).
func TextString(s string) String {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		return String{Bytes: []byte(s)}
	}
	out := []byte{0xfe, 0xff}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u>>8), byte(u))
	}
	return String{Bytes: out}
}

// DecodeText turns a PDF text string into Go text: UTF-16BE or UTF-8 when
// marked with a byte-order mark, PDFDocEncoding (read as Latin-1) otherwise.
func DecodeText(b []byte) string {
	switch {
	case len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff:
		b = b[2:]
		u := make([]uint16, 0, len(b)/2)
		for i := 0; i+1 < len(b); i += 2 {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
		return string(utf16.Decode(u))
	case len(b) >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf:
		return string(bytes.ToValidUTF8(b[3:], []byte("\uFFFD")))
	}
	if utf8.Valid(b) {
		return string(b)
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// Write serialises o in PDF syntax.
func Write(buf *bytes.Buffer, o Object) {
	switch v := o.(type) {
	case nil, Null:
		buf.WriteString("null")
	case Bool:
		if v {
			buf.WriteString("true")
		} else {
			buf.WriteString("false")
		}
	case Integer:
		buf.WriteString(strconv.FormatInt(int64(v), 10))
	case Real:
		buf.WriteString(string(v))
	case Name:
		writeName(buf, v)
	case String:
		writeString(buf, v)
	case Array:
		buf.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				buf.WriteByte(' ')
			}
			Write(buf, e)
		}
		buf.WriteByte(']')
	case *Dict:
		buf.WriteString("<<")
		for _, k := range v.keys {
			writeName(buf, k)
			buf.WriteByte(' ')
			Write(buf, v.vals[k])
		}
		buf.WriteString(">>")
	case Ref:
		fmt.Fprintf(buf, "%d %d R", v.Num, v.Gen)
	case Raw:
		buf.Write(v)
	default:
		// Streams are never copied by this package; writing null keeps the
		// output syntactically valid should a caller try.
		buf.WriteString("null")
	}
}

func writeName(buf *bytes.Buffer, n Name) {
	buf.WriteByte('/')
	for i := 0; i < len(n); i++ {
		c := n[i]
		if c < 0x21 || c > 0x7e || c == '#' || isDelimiter(c) {
			fmt.Fprintf(buf, "#%02X", c)
		} else {
			buf.WriteByte(c)
		}
	}
}

func writeString(buf *bytes.Buffer, s String) {
	if s.Hex {
		buf.WriteByte('<')
		const hexdigits = "0123456789ABCDEF"
		for _, c := range s.Bytes {
			buf.WriteByte(hexdigits[c>>4])
			buf.WriteByte(hexdigits[c&15])
		}
		buf.WriteByte('>')
		return
	}
	buf.WriteByte('(')
	for _, c := range s.Bytes {
		switch {
		case c == '(' || c == ')' || c == '\\':
			buf.WriteByte('\\')
			buf.WriteByte(c)
		case c < 0x20 || c > 0x7e:
			fmt.Fprintf(buf, "\\%03o", c)
		default:
			buf.WriteByte(c)
		}
	}
	buf.WriteByte(')')
}

func isDelimiter(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isWhite(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}
