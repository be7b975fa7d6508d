package signing

import (
	"bytes"

	"ethicsdesk/signing/internal/pdf"
)

// maxSignatures bounds how many signatures one file may make us check.
const maxSignatures = 64

// sigCandidate is a signature dictionary found in the file.
type sigCandidate struct {
	num       int // object number, -1 when the dictionary is not an object of its own
	dict      *pdf.Dict
	fieldName string // when the dictionary sits inline in its field
	damaged   bool   // a /ByteRange array was found but its dictionary is unreadable
}

// locateSignatures finds signature dictionaries from their /ByteRange keys,
// whatever the file's layout: each key's enclosing object is parsed and
// searched for dictionaries holding both /ByteRange and /Contents.
func locateSignatures(f *fileObjects) []sigCandidate {
	var out []sigCandidate
	seen := map[int]bool{} // keyed by the offset of /Contents
	seenDict := map[*pdf.Dict]bool{}
	add := func(c sigCandidate) {
		s, ok := c.dict.Get("Contents").(pdf.String)
		if len(out) >= maxSignatures || (ok && seen[s.Start]) || seenDict[c.dict] {
			return
		}
		seenDict[c.dict] = true
		if ok {
			seen[s.Start] = true
		}
		out = append(out, c)
	}
	// Header offsets whose objects were searched whole, and whether that
	// found a signature: an object is searched once however many keys it has.
	collected := map[int]bool{}
	aroundBudget := maxAroundParses
	for _, pos := range byteRangeKeys(f.data) {
		found := false
		h, ok := f.enclosingHeader(pos)
		if had, searched := collected[h.Offset]; ok && searched {
			if had {
				continue
			}
		} else if ok {
			var o pdf.Object = f.objectAt(h.Offset)
			if s, ok := o.(pdf.Stream); ok {
				o = s.Dict
			}
			collectSigDicts(o, "", 0, func(d *pdf.Dict, field string) {
				found = true
				num := h.Ref.Num
				if field != "" {
					num = -1
				}
				add(sigCandidate{num: num, dict: d, fieldName: field})
			})
			collected[h.Offset] = found
		}
		if !found {
			var d *pdf.Dict
			if aroundBudget > 0 {
				aroundBudget--
				d = dictAround(f, pos)
			}
			if d != nil {
				add(sigCandidate{num: -1, dict: d})
			} else if looksLikeByteRangeArray(f.data, pos) && len(out) < maxSignatures {
				// Say so rather than silently dropping a signature.
				out = append(out, sigCandidate{num: -1, damaged: true})
			}
		}
	}
	return out
}

// collectSigDicts calls fn for every dictionary under o that has both
// /ByteRange and /Contents. field is the /T of an enclosing field dictionary.
func collectSigDicts(o pdf.Object, field string, depth int, fn func(*pdf.Dict, string)) {
	if depth > 8 {
		return
	}
	switch v := o.(type) {
	case *pdf.Dict:
		if v.Get("ByteRange") != nil && v.Get("Contents") != nil {
			fn(v, field)
			return
		}
		name := ""
		if t, ok := v.Get("T").(pdf.String); ok {
			name = pdf.DecodeText(t.Bytes)
		}
		for _, k := range v.Keys() {
			collectSigDicts(v.Get(k), name, depth+1, fn)
		}
	case pdf.Array:
		for _, e := range v {
			collectSigDicts(e, field, depth+1, fn)
		}
	}
}

// maxAroundParses bounds the searches for signature dictionaries outside
// any readable object; each reads at most a few hundred kilobytes.
const maxAroundParses = 16

// maxSigDictSpan is how far a signature dictionary may reach: its
// /Contents at the largest size accepted, plus room for the other keys.
const maxSigDictSpan = 2*maxContentsBytes + 16<<10

// dictAround finds the innermost dictionary enclosing pos that has a
// /ByteRange, for signature dictionaries outside any parsable object.
func dictAround(f *fileObjects, pos int) *pdf.Dict {
	data := f.data
	limit := pos
	// The dictionary cannot reach past the next object's header.
	end := min(f.objectEnd(pos), pos+maxSigDictSpan)
	for tries := 0; tries < 8 && limit > 0; tries++ {
		i := bytes.LastIndex(data[max(0, limit-16384):limit], []byte("<<"))
		if i < 0 {
			return nil
		}
		start := max(0, limit-16384) + i
		p := f.parser(start, end)
		if o, err := p.Object(); err == nil && p.Pos() > pos {
			if d, ok := o.(*pdf.Dict); ok && d.Get("ByteRange") != nil && d.Get("Contents") != nil {
				return d
			}
		}
		limit = start
	}
	return nil
}

// looksLikeByteRangeArray tells a /ByteRange key followed by an array from
// the same words appearing in, say, page text.
func looksLikeByteRangeArray(data []byte, pos int) bool {
	rest := bytes.TrimLeft(data[pos+len("/ByteRange"):min(len(data), pos+len("/ByteRange")+16)], " \t\r\n")
	return len(rest) > 0 && rest[0] == '['
}
