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
	fields  map[int]string     // signature object number -> field name
}

// maxScannedObjects bounds work on hostile files with millions of headers.
const maxScannedObjects = 200000

func scanFile(data []byte) *fileObjects {
	f := &fileObjects{data: data, parsed: map[int]pdf.Object{}, fields: map[int]string{}}
	f.headers = pdf.ScanObjects(data, 0, len(data))
	if len(f.headers) > maxScannedObjects {
		f.headers = f.headers[:maxScannedObjects]
	}
	return f
}

// objectAt parses the indirect object whose header starts at off.
func (f *fileObjects) objectAt(off int) pdf.Object {
	if o, ok := f.parsed[off]; ok {
		return o
	}
	_, o, err := pdf.NewParser(f.data, off).Indirect()
	if err != nil {
		o = nil
	}
	f.parsed[off] = o
	return o
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
	budget := maxObjStmBudget
	for _, h := range f.headers {
		o := f.objectAt(h.Offset)
		visit(h.Ref.Num, o)
		if s, ok := o.(pdf.Stream); ok && s.Dict.NameOf("Type") == "ObjStm" && budget > 0 {
			budget--
			for num, m := range pdf.ObjectStreamMembers(f.data, s) {
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

// maxObjStmBudget bounds how many object streams we inflate.
const maxObjStmBudget = 64

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
