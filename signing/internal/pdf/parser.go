package pdf

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
)

// MaxDepth bounds nesting of arrays and dictionaries so hostile input cannot
// exhaust the stack: no value read has more levels.
const MaxDepth = 64

// Size limits for one value: no real PDF object comes near them, and a
// hostile one must not make us build millions of elements.
const (
	maxElements  = 100000  // in one array or dictionary
	maxStringLen = 1 << 20 // bytes in one string
)

// ErrBudget is returned once a parser's shared budget of values is spent.
var ErrBudget = errors.New("the file asks for more parsing than any real document needs")

// Parser reads PDF objects from a byte slice. It never panics on malformed
// input; every failure is an error.
type Parser struct {
	data   []byte
	pos    int
	budget *int64 // values left to parse, shared by the parsers of one file; nil = unlimited
}

// WithBudget makes p take one unit from *budget for every value it reads
// and fail with ErrBudget once it is spent. It returns p.
func (p *Parser) WithBudget(budget *int64) *Parser {
	p.budget = budget
	return p
}

// NewParser starts reading data at offset pos.
func NewParser(data []byte, pos int) *Parser {
	if pos < 0 || pos > len(data) {
		pos = len(data)
	}
	return &Parser{data: data, pos: pos}
}

// NewBoundedParser reads data[pos:end] only: verification bounds each object
// by where the next one starts, so an unterminated object costs what it
// occupies, not the rest of the file. Offsets stay those of data.
func NewBoundedParser(data []byte, pos, end int) *Parser {
	if end < 0 || end > len(data) {
		end = len(data)
	}
	if pos > end {
		pos = end
	}
	return NewParser(data[:end], pos)
}

// Pos is the current read offset.
func (p *Parser) Pos() int { return p.pos }

var errEOF = errors.New("unexpected end of file")

// SkipSpace skips whitespace and comments.
func (p *Parser) SkipSpace() {
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		if isWhite(c) {
			p.pos++
			continue
		}
		if c == '%' {
			for p.pos < len(p.data) && p.data[p.pos] != '\n' && p.data[p.pos] != '\r' {
				p.pos++
			}
			continue
		}
		return
	}
}

// Keyword reads a bare word (obj, endobj, stream, trailer, xref, R, n, f...).
func (p *Parser) Keyword() string {
	p.SkipSpace()
	start := p.pos
	for p.pos < len(p.data) && !isWhite(p.data[p.pos]) && !isDelimiter(p.data[p.pos]) {
		p.pos++
	}
	return string(p.data[start:p.pos])
}

// Int reads a non-negative or negative integer token.
func (p *Parser) Int() (int64, error) {
	w := p.Keyword()
	n, err := strconv.ParseInt(w, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("expected a number at offset %d", p.pos)
	}
	return n, nil
}

// Object reads one direct object; "n g R" becomes a Ref.
func (p *Parser) Object() (Object, error) { return p.object(0) }

func (p *Parser) object(depth int) (Object, error) {
	if depth > MaxDepth {
		return nil, errors.New("objects are nested too deeply")
	}
	if p.budget != nil {
		if *p.budget <= 0 {
			return nil, ErrBudget
		}
		*p.budget--
	}
	p.SkipSpace()
	if p.pos >= len(p.data) {
		return nil, errEOF
	}
	c := p.data[p.pos]
	switch {
	case c == '/':
		return p.name()
	case c == '(':
		return p.literalString()
	case c == '<':
		if p.pos+1 < len(p.data) && p.data[p.pos+1] == '<' {
			return p.dict(depth)
		}
		return p.hexString()
	case c == '[':
		p.pos++
		var arr Array
		for {
			p.SkipSpace()
			if p.pos >= len(p.data) {
				return nil, errEOF
			}
			if p.data[p.pos] == ']' {
				p.pos++
				return arr, nil
			}
			if len(arr) >= maxElements {
				return nil, errors.New("an array is far too long")
			}
			o, err := p.object(depth + 1)
			if err != nil {
				return nil, err
			}
			arr = append(arr, o)
		}
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		return p.number()
	}
	w := p.Keyword()
	switch w {
	case "true":
		return Bool(true), nil
	case "false":
		return Bool(false), nil
	case "null":
		return Null{}, nil
	case "":
		p.pos++ // an unexpected delimiter such as ')' or '>'
		return nil, fmt.Errorf("unexpected character %q at offset %d", c, p.pos-1)
	}
	return nil, fmt.Errorf("unexpected word %q at offset %d", truncate(w), p.pos)
}

func truncate(s string) string {
	if len(s) > 20 {
		return s[:20] + "…"
	}
	return s
}

func (p *Parser) number() (Object, error) {
	start := p.pos
	w := p.Keyword()
	if n, err := strconv.ParseInt(w, 10, 64); err == nil {
		// Look ahead for "gen R" to recognise an indirect reference.
		save := p.pos
		if n >= 0 && n <= 1<<31 {
			if g, err := p.Int(); err == nil && g >= 0 && g <= 65535 {
				if p.Keyword() == "R" {
					return Ref{Num: int(n), Gen: int(g)}, nil
				}
			}
		}
		p.pos = save
		return Integer(n), nil
	}
	if _, err := strconv.ParseFloat(w, 64); err != nil {
		return nil, fmt.Errorf("malformed number at offset %d", start)
	}
	return Real(w), nil
}

func (p *Parser) name() (Object, error) {
	p.pos++ // '/'
	var out []byte
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		if isWhite(c) || isDelimiter(c) {
			break
		}
		if c == '#' && p.pos+2 < len(p.data) {
			if h, ok := unhex2(p.data[p.pos+1], p.data[p.pos+2]); ok {
				out = append(out, h)
				p.pos += 3
				continue
			}
		}
		out = append(out, c)
		p.pos++
	}
	return Name(out), nil
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func unhex2(a, b byte) (byte, bool) {
	x, ok1 := unhex(a)
	y, ok2 := unhex(b)
	return x<<4 | y, ok1 && ok2
}

func (p *Parser) hexString() (Object, error) {
	start := p.pos
	p.pos++
	// Fast path: a signature's /Contents is tens of thousands of hex digits
	// without white space, and decoding them one at a time was a fifth of
	// verifying an opinion. Anything unusual (white space, a bad digit, an
	// odd count, no end) takes the careful loop below, which says why.
	if n := bytes.IndexByte(p.data[p.pos:], '>'); n >= 0 && n%2 == 0 && n/2 <= maxStringLen {
		out := make([]byte, n/2)
		if _, err := hex.Decode(out, p.data[p.pos:p.pos+n]); err == nil {
			p.pos += n + 1
			return String{Bytes: out, Hex: true, Start: start, End: p.pos}, nil
		}
	}
	out := make([]byte, 0, 64)
	var half byte
	odd := false
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		p.pos++
		if c == '>' {
			if odd {
				out = append(out, half<<4)
			}
			return String{Bytes: out, Hex: true, Start: start, End: p.pos}, nil
		}
		if isWhite(c) {
			continue
		}
		if len(out) >= maxStringLen {
			return nil, errors.New("a string is far too long")
		}
		v, ok := unhex(c)
		if !ok {
			return nil, fmt.Errorf("invalid character %q in a hexadecimal string at offset %d", c, p.pos-1)
		}
		if odd {
			out = append(out, half<<4|v)
		} else {
			half = v
		}
		odd = !odd
	}
	return nil, errors.New("a hexadecimal string is not closed before the end of the file")
}

func (p *Parser) literalString() (Object, error) {
	start := p.pos
	// Fast path: a string without escapes is a slice of the data, not a
	// copy, so long strings cost no memory of their own.
	nest := 0
	for i := start; i < len(p.data) && i-start <= maxStringLen; i++ {
		c := p.data[i]
		if c == '\\' {
			break
		}
		if c == '(' {
			nest++
		} else if c == ')' {
			nest--
			if nest == 0 {
				p.pos = i + 1
				return String{Bytes: p.data[start+1 : i : i], Start: start, End: p.pos}, nil
			}
		}
	}
	p.pos++
	var out []byte
	nest = 1
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		p.pos++
		switch c {
		case '(':
			nest++
		case ')':
			nest--
			if nest == 0 {
				return String{Bytes: out, Start: start, End: p.pos}, nil
			}
		case '\\':
			if p.pos >= len(p.data) {
				return nil, errEOF
			}
			e := p.data[p.pos]
			p.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if p.pos < len(p.data) && p.data[p.pos] == '\n' {
					p.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for i := 0; i < 2 && p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '7'; i++ {
						v = v*8 + int(p.data[p.pos]-'0')
						p.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		if len(out) >= maxStringLen {
			return nil, errors.New("a string is far too long")
		}
		out = append(out, c)
	}
	return nil, errors.New("a text string is not closed before the end of the file")
}

func (p *Parser) dict(depth int) (Object, error) {
	p.pos += 2
	d := NewDict()
	for {
		p.SkipSpace()
		if p.pos >= len(p.data) {
			return nil, errEOF
		}
		if p.data[p.pos] == '>' {
			if p.pos+1 < len(p.data) && p.data[p.pos+1] == '>' {
				p.pos += 2
				return d, nil
			}
			return nil, fmt.Errorf("malformed dictionary end at offset %d", p.pos)
		}
		if p.data[p.pos] != '/' {
			return nil, fmt.Errorf("a dictionary key is not a name at offset %d", p.pos)
		}
		if len(d.keys) >= maxElements {
			return nil, errors.New("a dictionary is far too long")
		}
		k, _ := p.name()
		v, err := p.object(depth + 1)
		if err != nil {
			return nil, err
		}
		d.Set(k.(Name), v)
	}
}

// Indirect reads "num gen obj <object>" at the parser's position. When the
// object is a dictionary followed by "stream", it returns a Stream.
func (p *Parser) Indirect() (Ref, Object, error) {
	num, err := p.Int()
	if err != nil {
		return Ref{}, nil, err
	}
	gen, err := p.Int()
	if err != nil {
		return Ref{}, nil, err
	}
	if num < 0 || num > 1<<31 || gen < 0 || gen > 65535 {
		return Ref{}, nil, errors.New("object number out of range")
	}
	if p.Keyword() != "obj" {
		return Ref{}, nil, fmt.Errorf("expected the start of object %d", num)
	}
	o, err := p.Object()
	if err != nil {
		return Ref{}, nil, err
	}
	ref := Ref{Num: int(num), Gen: int(gen)}
	if d, ok := o.(*Dict); ok {
		save := p.pos
		if p.Keyword() == "stream" {
			if p.pos < len(p.data) && p.data[p.pos] == '\r' {
				p.pos++
			}
			if p.pos < len(p.data) && p.data[p.pos] == '\n' {
				p.pos++
			}
			return ref, Stream{Dict: d, DataStart: p.pos}, nil
		}
		p.pos = save
	}
	return ref, o, nil
}
