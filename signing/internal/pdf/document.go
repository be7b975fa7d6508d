package pdf

import (
	"bytes"
	"errors"
	"fmt"
)

// ErrXRefStream is returned by Open for files whose cross-reference data is
// a compressed stream; the incremental writer only extends classic tables.
var ErrXRefStream = errors.New("this PDF stores its cross-reference table in a compressed stream, which the signer cannot extend yet")

// Document is a parsed PDF with a classic cross-reference table, enough to
// find the catalog and pages and to append an incremental update.
type Document struct {
	Data      []byte
	Trailer   *Dict // the newest trailer
	StartXref int64 // offset of the newest xref section
	offsets   map[int]int64
	size      int
}

// maxXrefSections bounds the /Prev chain, which a hostile file could loop.
const maxXrefSections = 1000

// Open parses the trailer chain of data.
func Open(data []byte) (*Document, error) {
	if !bytes.HasPrefix(bytes.TrimLeft(data[:min(len(data), 1024)], "\x00\t\r\n\f "), []byte("%PDF-")) &&
		!bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-")) {
		return nil, errors.New("the file is not a PDF document")
	}
	start, err := findStartXref(data)
	if err != nil {
		return nil, err
	}
	d := &Document{Data: data, StartXref: start, offsets: map[int]int64{}}
	seen := map[int64]bool{}
	off := start
	for i := 0; ; i++ {
		if i >= maxXrefSections || seen[off] {
			return nil, errors.New("the PDF's cross-reference sections form a loop")
		}
		seen[off] = true
		trailer, err := d.readXrefSection(off)
		if err != nil {
			return nil, err
		}
		if d.Trailer == nil {
			d.Trailer = trailer
		}
		if sz, ok := trailer.Get("Size").(Integer); ok && int(sz) > d.size && sz < 1<<31 {
			d.size = int(sz)
		}
		prev, ok := trailer.Get("Prev").(Integer)
		if !ok {
			break
		}
		if prev < 0 || prev >= Integer(len(data)) {
			return nil, errors.New("the PDF's cross-reference chain points outside the file")
		}
		off = int64(prev)
	}
	if _, ok := d.Trailer.Get("Root").(Ref); !ok {
		return nil, errors.New("the PDF has no document catalog (/Root)")
	}
	for n := range d.offsets {
		if n+1 > d.size {
			d.size = n + 1
		}
	}
	return d, nil
}

// findStartXref reads the offset after the last "startxref" keyword.
func findStartXref(data []byte) (int64, error) {
	tail := data[max(0, len(data)-2048):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return 0, errors.New("the PDF has no cross-reference pointer at its end (it may be truncated)")
	}
	p := NewParser(data, len(data)-len(tail)+i+len("startxref"))
	off, err := p.Int()
	if err != nil || off < 0 || off >= int64(len(data)) {
		return 0, errors.New("the PDF's cross-reference pointer is not a valid offset")
	}
	return off, nil
}

func (d *Document) readXrefSection(off int64) (*Dict, error) {
	p := NewParser(d.Data, int(off))
	save := p.Pos()
	if kw := p.Keyword(); kw != "xref" {
		p = NewParser(d.Data, save)
		if _, o, err := p.Indirect(); err == nil {
			if s, ok := o.(Stream); ok && s.Dict.NameOf("Type") == "XRef" {
				return nil, ErrXRefStream
			}
		}
		return nil, fmt.Errorf("no cross-reference table at offset %d", off)
	}
	for {
		p.SkipSpace()
		save := p.Pos()
		if p.Keyword() == "trailer" {
			break
		}
		p = NewParser(d.Data, save)
		first, err1 := p.Int()
		count, err2 := p.Int()
		if err1 != nil || err2 != nil || first < 0 || count < 0 || first+count > 1<<31 {
			return nil, errors.New("the PDF's cross-reference table is malformed")
		}
		for i := int64(0); i < count; i++ {
			o, err1 := p.Int()
			_, err2 := p.Int()
			kind := p.Keyword()
			if err1 != nil || err2 != nil || (kind != "n" && kind != "f") {
				return nil, errors.New("the PDF's cross-reference table is malformed")
			}
			num := int(first + i)
			if _, known := d.offsets[num]; known {
				continue // a newer section already defines it
			}
			if kind == "n" {
				d.offsets[num] = o
			} else {
				d.offsets[num] = -1
			}
		}
	}
	t, err := p.Object()
	if err != nil {
		return nil, fmt.Errorf("the PDF's trailer is unreadable: %v", err)
	}
	td, ok := t.(*Dict)
	if !ok {
		return nil, errors.New("the PDF's trailer is not a dictionary")
	}
	return td, nil
}

// Size is the trailer /Size: one more than the highest object number.
func (d *Document) Size() int { return d.size }

// Object reads indirect object num.
func (d *Document) Object(num int) (Object, error) {
	off, ok := d.offsets[num]
	if !ok || off < 0 {
		return Null{}, nil
	}
	if off >= int64(len(d.Data)) {
		return nil, fmt.Errorf("object %d lies outside the file", num)
	}
	ref, o, err := NewParser(d.Data, int(off)).Indirect()
	if err != nil {
		return nil, fmt.Errorf("object %d is unreadable: %v", num, err)
	}
	if ref.Num != num {
		return nil, fmt.Errorf("the cross-reference table points object %d at object %d", num, ref.Num)
	}
	if s, ok := o.(Stream); ok {
		return s.Dict, nil // callers here only need stream dictionaries
	}
	return o, nil
}

// Resolve follows references until it reaches a direct object.
func (d *Document) Resolve(o Object) (Object, error) {
	for i := 0; i < 32; i++ {
		r, ok := o.(Ref)
		if !ok {
			return o, nil
		}
		var err error
		if o, err = d.Object(r.Num); err != nil {
			return nil, err
		}
	}
	return nil, errors.New("a chain of references is too long")
}

// ResolveDict resolves o and requires a dictionary.
func (d *Document) ResolveDict(o Object) (*Dict, error) {
	r, err := d.Resolve(o)
	if err != nil {
		return nil, err
	}
	dict, ok := r.(*Dict)
	if !ok {
		return nil, errors.New("expected a dictionary")
	}
	return dict, nil
}

// Catalog returns the document catalog and its reference.
func (d *Document) Catalog() (Ref, *Dict, error) {
	ref := d.Trailer.Get("Root").(Ref)
	cat, err := d.ResolveDict(ref)
	if err != nil {
		return ref, nil, fmt.Errorf("the document catalog is unreadable: %v", err)
	}
	return ref, cat, nil
}

// Page returns the 1-based page n by walking the page tree.
func (d *Document) Page(n int) (Ref, *Dict, error) {
	_, cat, err := d.Catalog()
	if err != nil {
		return Ref{}, nil, err
	}
	root, ok := cat.Get("Pages").(Ref)
	if !ok {
		return Ref{}, nil, errors.New("the document has no page tree")
	}
	count := 0
	visited := map[int]bool{}
	var walk func(r Ref, depth int) (Ref, *Dict, error)
	walk = func(r Ref, depth int) (Ref, *Dict, error) {
		if depth > MaxDepth || visited[r.Num] {
			return Ref{}, nil, errors.New("the page tree is malformed (it loops)")
		}
		visited[r.Num] = true
		node, err := d.ResolveDict(r)
		if err != nil {
			return Ref{}, nil, fmt.Errorf("a page tree node is unreadable: %v", err)
		}
		kids, isTree := node.Get("Kids").(Array)
		if node.NameOf("Type") == "Page" || !isTree {
			count++
			if count == n {
				return r, node, nil
			}
			return Ref{}, nil, nil
		}
		for _, k := range kids {
			kr, ok := k.(Ref)
			if !ok {
				continue
			}
			pr, pd, err := walk(kr, depth+1)
			if err != nil || pd != nil {
				return pr, pd, err
			}
		}
		return Ref{}, nil, nil
	}
	pr, pd, err := walk(root, 0)
	if err != nil {
		return Ref{}, nil, err
	}
	if pd == nil {
		return Ref{}, nil, fmt.Errorf("the document has no page %d (it has %d)", n, count)
	}
	return pr, pd, nil
}
