package signing

import (
	"bytes"
	"sort"

	"ethicsdesk/signing/internal/pdf"
)

// fileObjects is a layout-independent view of a PDF for verification: every
// "n g obj" found by scanning the bytes (not by trusting an xref table),
// plus the members of object streams.
type fileObjects struct {
	data    []byte
	headers []pdf.Header       // sorted by offset
	parsed  map[int]pdf.Object // by header offset; nil value = unparsable
	objStm  pdf.ObjStmBudget
	values  int64 // what is left of the file's parsing budget
	// tooBig is set when the file has more objects than we read.
	tooBig bool
}

// Limits on what one file may make Verify do. Every object is parsed only
// up to where the next header begins, so parsing all of them costs about
// the file's size; these bound the rest.
const (
	// maxScannedObjects bounds work on hostile files with millions of headers.
	maxScannedObjects = 100000
	// Object streams: bytes inflated and members parsed, across the file.
	maxObjStmBytes   = 16 << 20
	maxObjStmMembers = 100000
	// maxParsedValues bounds the PDF values parsed for one file, however
	// they are laid out; an opinion needs a few thousand.
	maxParsedValues = 1_000_000
)

func scanFile(data []byte) *fileObjects {
	f := &fileObjects{data: data, parsed: map[int]pdf.Object{}, values: maxParsedValues}
	f.objStm = pdf.ObjStmBudget{Bytes: maxObjStmBytes, Members: maxObjStmMembers, Values: &f.values}
	f.headers = pdf.ScanObjects(data, 0, len(data), maxScannedObjects+1)
	if len(f.headers) > maxScannedObjects {
		f.headers = f.headers[:maxScannedObjects]
		f.tooBig = true
	}
	return f
}

// objectEnd is where the object whose header starts at off may end at the
// latest: where the next header begins.
func (f *fileObjects) objectEnd(off int) int {
	i := sort.Search(len(f.headers), func(i int) bool { return f.headers[i].Offset > off })
	if i < len(f.headers) {
		return f.headers[i].Offset
	}
	return len(f.data)
}

// objectAt parses the indirect object whose header starts at off, and keeps
// it for the next call.
func (f *fileObjects) objectAt(off int) pdf.Object {
	if o, ok := f.parsed[off]; ok {
		return o
	}
	o := f.readObject(off)
	f.parsed[off] = o
	return o
}

// readObject parses the object at off without keeping it.
func (f *fileObjects) readObject(off int) pdf.Object {
	_, o, err := f.parser(off, f.objectEnd(off)).Indirect()
	if err != nil {
		return nil
	}
	return o
}

// parser reads data[off:end] within the file's parsing budget.
func (f *fileObjects) parser(off, end int) *pdf.Parser {
	return pdf.NewBoundedParser(f.data, off, end).WithBudget(&f.values)
}

// exhausted is true once the parsing budget is spent: what was not read
// may have held signatures or changes, so the file cannot be vouched for.
func (f *fileObjects) exhausted() bool { return f.values <= 0 }

// objectStreamMembers inflates an object stream within the file's budget.
func (f *fileObjects) objectStreamMembers(s pdf.Stream) map[int]pdf.Object {
	return pdf.ObjectStreamMembers(f.data, s, &f.objStm)
}

// enclosingHeader returns the last object header that starts before pos.
func (f *fileObjects) enclosingHeader(pos int) (pdf.Header, bool) {
	i := sort.Search(len(f.headers), func(i int) bool { return f.headers[i].Offset >= pos })
	if i == 0 {
		return pdf.Header{}, false
	}
	return f.headers[i-1], true
}

// fieldNames maps each signature value's object number to the name of the
// field that points at it, looking in plain objects and object streams.
// Later definitions win, as they do for a PDF reader.
func (f *fileObjects) fieldNames() map[int]string {
	type node struct {
		t      string
		hasT   bool
		parent int
	}
	nodes := map[int]node{}
	vOf := map[int]int{} // field object -> signature object
	visit := func(num int, o pdf.Object) {
		d, ok := o.(*pdf.Dict)
		if !ok {
			if s, ok := o.(pdf.Stream); ok {
				d = s.Dict
			} else {
				return
			}
		}
		n := node{parent: -1}
		if s, ok := d.Get("T").(pdf.String); ok {
			n.t, n.hasT = pdf.DecodeText(s.Bytes), true
		}
		if p, ok := d.Get("Parent").(pdf.Ref); ok {
			n.parent = p.Num
		}
		nodes[num] = n
		if v, ok := d.Get("V").(pdf.Ref); ok {
			vOf[num] = v.Num
		}
	}
	for _, h := range f.headers {
		o := f.objectAt(h.Offset)
		visit(h.Ref.Num, o)
		if s, ok := o.(pdf.Stream); ok && s.Dict.NameOf("Type") == "ObjStm" {
			for num, m := range f.objectStreamMembers(s) {
				visit(num, m)
			}
		}
	}
	out := map[int]string{}
	for field, sig := range vOf {
		// Fully qualified names join the partial names up the /Parent chain.
		name := ""
		cur := field
		for depth := 0; depth < 32 && cur >= 0; depth++ {
			n, ok := nodes[cur]
			if !ok {
				break
			}
			if n.hasT {
				if name == "" {
					name = n.t
				} else {
					name = n.t + "." + name
				}
			}
			cur = n.parent
		}
		if name != "" {
			out[sig] = name
		}
	}
	return out
}

// byteRangeKeys finds every "/ByteRange" in the file.
func byteRangeKeys(data []byte) []int {
	var out []int
	key := []byte("/ByteRange")
	for pos := 0; pos < len(data); {
		i := bytes.Index(data[pos:], key)
		if i < 0 {
			break
		}
		out = append(out, pos+i)
		pos += i + len(key)
		if len(out) >= maxSignatures*4 {
			break
		}
	}
	return out
}
