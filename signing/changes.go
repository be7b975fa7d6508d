package signing

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"ethicsdesk/signing/internal/pdf"
)

// RevisionChange describes one incremental update of a signed file: what
// was appended between two signatures, or after the last one.
type RevisionChange struct {
	// After is the signature (1-based) whose signed revision the update
	// follows; Before is the signature it leads to, 0 after the last one.
	After, Before int
	Text          string // one sentence naming the objects and their kinds
	// Unexpected lists what the update does beyond adding the next
	// signature (always empty after the last signature, where any change
	// is reported anyway).
	Unexpected []string
	// AnnotationsOnly is true when everything unexpected is an annotation,
	// which a certification with permission 3 allows.
	AnnotationsOnly bool
}

// maxDescribed bounds how many objects one sentence names.
const maxDescribed = 200

// describeRevisions accounts for every update: ends are the signed ends of
// the signatures in the order they were applied (-1 for a signature whose
// range could not be read). Updates between signatures are checked against
// what adding the next signature needs; what follows the last signed byte
// is described one update (one %%EOF) at a time.
func describeRevisions(f *fileObjects, ends []int64) []RevisionChange {
	var out []RevisionChange
	cur := newObjectHistory(f)
	from, after := 0, 0
	for i, e := range ends {
		if e < 0 || int(e) < from || int(e) > len(f.data) {
			continue
		}
		if after > 0 && int(e) > from {
			c := cur.segment(from, int(e))
			c.After, c.Before = after, i+1
			c.Text = fmt.Sprintf("Between signature %d and signature %d, the update %s", after, i+1, c.Text)
			out = append(out, c)
		} else {
			cur.advance(int(e))
		}
		from, after = int(e), i+1
	}
	if after == 0 {
		return out
	}
	rest := f.data[from:]
	if len(bytes.TrimSpace(rest)) == 0 {
		return out
	}
	// Each update ends with %%EOF; anything after the last one is its own part.
	var segments [][2]int
	start := from
	for len(segments) < 1000 {
		i := bytes.Index(f.data[start:], []byte("%%EOF"))
		if i < 0 {
			break
		}
		segEnd := start + i + len("%%EOF")
		segments = append(segments, [2]int{start, segEnd})
		start = segEnd
	}
	if len(bytes.TrimSpace(f.data[start:])) > 0 {
		segments = append(segments, [2]int{start, len(f.data)})
	}
	for i, seg := range segments {
		c := cur.segment(seg[0], seg[1])
		c.After = after
		c.Unexpected, c.AnnotationsOnly = nil, false
		c.Text = fmt.Sprintf("Incremental update %d of %d after the last signature %s", i+1, len(segments), c.Text)
		out = append(out, c)
	}
	return out
}

// objectHistory walks the file's headers in order, remembering where the
// latest definition of each object number before the current point is.
type objectHistory struct {
	f    *fileObjects
	next int         // index into f.headers of the first header not yet passed
	last map[int]int // object number -> offset of its latest definition
}

func newObjectHistory(f *fileObjects) *objectHistory {
	return &objectHistory{f: f, last: map[int]int{}}
}

// advance passes every header that starts before to.
func (h *objectHistory) advance(to int) {
	for h.next < len(h.f.headers) && h.f.headers[h.next].Offset < to {
		hd := h.f.headers[h.next]
		h.last[hd.Ref.Num] = hd.Offset
		h.next++
	}
}

type segObject struct {
	num  int
	obj  pdf.Object
	prev pdf.Object // the definition it replaces, nil for a new object
	had  bool       // the number was defined before
}

// segment describes the objects defined in data[from:to] and then passes them.
func (h *objectHistory) segment(from, to int) RevisionChange {
	h.advance(from)
	var objs []segObject
	for h.next < len(h.f.headers) && h.f.headers[h.next].Offset < to {
		hd := h.f.headers[h.next]
		h.next++
		o := h.f.objectAt(hd.Offset)
		so := segObject{num: hd.Ref.Num, obj: o}
		if off, ok := h.last[hd.Ref.Num]; ok {
			so.had, so.prev = true, h.f.objectAt(off)
		}
		h.last[hd.Ref.Num] = hd.Offset
		objs = append(objs, so)
		if s, ok := o.(pdf.Stream); ok && s.Dict.NameOf("Type") == "ObjStm" {
			members := h.f.objectStreamMembers(s)
			nums := make([]int, 0, len(members))
			for n := range members {
				nums = append(nums, n)
			}
			sort.Ints(nums)
			for _, n := range nums {
				so := segObject{num: n, obj: members[n]}
				if off, ok := h.last[n]; ok {
					so.had, so.prev = true, h.f.objectAt(off)
				}
				objs = append(objs, so)
			}
		}
	}
	c := RevisionChange{}
	contents := pageContents(objs)
	allowed := allowedForSignature(objs, h.listResolver(objs))
	var added, changed []string
	annotsOnly := true
	describe := func(so segObject) string {
		kind := describeObject(so.obj, contents[so.num])
		if so.obj == nil {
			kind = "an unreadable object"
		}
		if so.had && so.prev != nil {
			if d := changedKeys(so.prev, so.obj, h.f.streamDataDiffers(so.prev, so.obj)); d == "rewritten unchanged" {
				kind = fmt.Sprintf("%s (rewritten unchanged)", kind)
			} else if d != "" {
				kind = fmt.Sprintf("%s (changing %s)", kind, d)
			}
		}
		return fmt.Sprintf("%d (%s)", so.num, kind)
	}
	for i, so := range objs {
		// Words only for what is shown: a file of a million objects
		// must not cost a million sentences.
		if i < maxDescribed {
			if so.had {
				changed = append(changed, describe(so))
			} else {
				added = append(added, describe(so))
			}
		}
		if !allowed[i] {
			if len(c.Unexpected) < 20 {
				what := fmt.Sprintf("adds object %s", describe(so))
				if so.had {
					what = fmt.Sprintf("changes object %s", describe(so))
				}
				c.Unexpected = append(c.Unexpected, what)
			}
			if !isAnnotation(so.obj) {
				annotsOnly = false
			}
		}
	}
	if len(objs) > maxDescribed {
		added = append(added, fmt.Sprintf("and %d more objects", len(objs)-maxDescribed))
	}
	c.AnnotationsOnly = len(c.Unexpected) > 0 && annotsOnly
	seg := h.f.data[from:to]
	switch {
	// One sentence per shape, so that each has its translation.
	case len(added) > 0 && len(changed) > 0:
		c.Text = fmt.Sprintf("adds %s and changes %s.", objectsPhrase(added), objectsPhrase(changed))
	case len(added) > 0:
		c.Text = fmt.Sprintf("adds %s.", objectsPhrase(added))
	case len(changed) > 0:
		c.Text = fmt.Sprintf("changes %s.", objectsPhrase(changed))
	case bytes.Contains(seg, []byte("startxref")):
		c.Text = "adds a cross-reference section without objects."
	default:
		c.Text = fmt.Sprintf("appends %d bytes of data that are not a PDF update.", len(bytes.TrimSpace(seg)))
		c.Unexpected = append(c.Unexpected, c.Text)
	}
	return c
}

// allowedForSignature marks the objects an update may hold when all it does
// is add a signature: the signature value, its field and widget, what the
// widget's appearance needs, the form and catalogue entries pointing at the
// field, the page's annotation list, cross-reference and object streams,
// and validation data (/DSS). Anything else — page content, other
// annotations, a changed page — is a change to the document itself.
func allowedForSignature(objs []segObject, lists listResolver) []bool {
	ok := make([]bool, len(objs))
	byNum := map[int]int{}
	for i, so := range objs {
		byNum[so.num] = i
	}
	var queue []pdf.Object
	for i, so := range objs {
		d := dictOfObject(so.obj)
		var prev *pdf.Dict
		if so.prev != nil {
			prev = dictOfObject(so.prev)
		}
		_, isStream := so.obj.(pdf.Stream)
		switch {
		case d == nil:
			if arr, isArr := so.obj.(pdf.Array); isArr && allRefs(arr) {
				// An indirect /Annots or /Fields list, which may only grow.
				ok[i] = so.prev == nil || keepsEntries(so.prev, arr, lists)
			}
		case isStream:
			// A stream's data is not compared, so a stream is part of
			// signing only as structure or metadata, and a stream defined
			// again only in the same role; the new streams a signature's
			// additions reach are found below.
			t := d.NameOf("Type")
			ok[i] = (t == "XRef" || t == "ObjStm" || t == "Metadata") && (so.prev == nil || dictOfObject(so.prev).NameOf("Type") == t)
		case d.Get("ByteRange") != nil && d.Get("Contents") != nil:
			ok[i] = true
		case d.NameOf("FT") == "Sig":
			// A new field, or one signed now; a field already signed
			// stays as it was signed.
			ok[i] = prev == nil || prev.Get("V") == nil || onlyKeysDiffer(prev, d)
			queue = append(queue, d.Get("AP"), d.Get("V"))
		case d.NameOf("Type") == "XRef" || d.NameOf("Type") == "ObjStm" || d.NameOf("Type") == "Metadata" || isInfoDict(d):
			// Structure, and document information that no page shows
			// (signing tools update /ModDate and the XMP packet).
			ok[i] = true
		case d.NameOf("Type") == "Catalog":
			ok[i] = prev == nil || onlyKeysDiffer(prev, d, "AcroForm", "DSS")
			queue = append(queue, d.Get("AcroForm"), d.Get("DSS"))
		case d.NameOf("Type") == "Page":
			ok[i] = prev != nil && onlyKeysDiffer(prev, d, "Annots") && keepsEntries(prev.Get("Annots"), d.Get("Annots"), lists)
		case d.Get("Fields") != nil:
			ok[i] = prev == nil || (onlyKeysDiffer(prev, d, "Fields", "SigFlags", "DR", "DA") && keepsEntries(prev.Get("Fields"), d.Get("Fields"), lists))
			queue = append(queue, d.Get("DR"))
		case so.prev == nil && (d.Get("VRI") != nil || d.Get("Certs") != nil || d.Get("OCSPs") != nil):
			ok[i] = true // a new /DSS dictionary
			queue = append(queue, d)
		}
	}
	// New objects that only the allowed ones reach (appearance streams,
	// their fonts, validation data) are part of adding the signature.
	seen := map[int]bool{}
	for steps := 0; len(queue) > 0 && steps < 100000; steps++ {
		o := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		switch v := o.(type) {
		case pdf.Ref:
			i, in := byNum[v.Num]
			if !in || seen[v.Num] || objs[i].had {
				continue
			}
			seen[v.Num] = true
			ok[i] = true
			queue = append(queue, objs[i].obj)
		case pdf.Stream:
			queue = append(queue, v.Dict)
		case *pdf.Dict:
			for _, k := range v.Keys() {
				if k != "P" && k != "Parent" { // back-pointers lead to the page
					queue = append(queue, v.Get(k))
				}
			}
		case pdf.Array:
			for _, e := range v {
				queue = append(queue, e)
			}
		}
	}
	// An annotation is drawn on a page whatever keys it carries and
	// whatever reaches it: only a signature field's own widget is part of
	// adding a signature.
	for i, so := range objs {
		if ok[i] && annotationBesidesSignature(dictOfObject(so.obj), objs, byNum) {
			ok[i] = false
		}
	}
	return ok
}

// listResolver finds the list an indirect /Annots or /Fields entry points
// to: before the update (for the old entry) or after it (for the new one).
type listResolver struct {
	before, after func(pdf.Ref) pdf.Object
}

// listResolver resolves references for the update objs, which segment has
// just passed: an object the update defines was, before it, what its first
// new definition replaced, and is, after it, its last definition.
func (h *objectHistory) listResolver(objs []segObject) listResolver {
	first, last := map[int]int{}, map[int]int{}
	for i, so := range objs {
		if _, seen := first[so.num]; !seen {
			first[so.num] = i
		}
		last[so.num] = i
	}
	defined := func(r pdf.Ref) pdf.Object {
		if off, ok := h.last[r.Num]; ok {
			return h.f.objectAt(off)
		}
		return nil
	}
	return listResolver{
		before: func(r pdf.Ref) pdf.Object {
			if i, ok := first[r.Num]; ok {
				return objs[i].prev
			}
			return defined(r)
		},
		after: func(r pdf.Ref) pdf.Object {
			if i, ok := last[r.Num]; ok {
				return objs[i].obj
			}
			return defined(r)
		},
	}
}

// keepsEntries is true when the list cur keeps every entry of prev: adding
// a signature appends to a page's annotations and the form's fields, and
// never takes one away. A list kept as the same indirect object is checked
// where that object is defined again.
func keepsEntries(prev, cur pdf.Object, lists listResolver) bool {
	if pr, isRef := prev.(pdf.Ref); isRef {
		if cr, isRef := cur.(pdf.Ref); isRef && cr == pr {
			return true
		}
		prev = lists.before(pr)
	}
	if cr, isRef := cur.(pdf.Ref); isRef {
		cur = lists.after(cr)
	}
	old, _ := prev.(pdf.Array)
	now, _ := cur.(pdf.Array)
	kept := map[pdf.Ref]bool{}
	for _, e := range now {
		if r, isRef := e.(pdf.Ref); isRef {
			kept[r] = true
		}
	}
	for _, e := range old {
		if r, isRef := e.(pdf.Ref); isRef && !kept[r] {
			return false
		}
	}
	return true
}

// annotationBesidesSignature is true for an annotation — a dictionary of
// /Type /Annot, or with the /Subtype and /Rect every annotation has — that
// is not a signature field's widget: a widget with /FT /Sig, or whose
// /Parent, in the same update, has it.
func annotationBesidesSignature(d *pdf.Dict, objs []segObject, byNum map[int]int) bool {
	if d == nil || (d.NameOf("Type") != "Annot" && (d.Get("Subtype") == nil || d.Get("Rect") == nil)) {
		return false
	}
	if d.NameOf("Subtype") != "Widget" {
		return true
	}
	if d.NameOf("FT") == "Sig" {
		return false
	}
	if p, isRef := d.Get("Parent").(pdf.Ref); isRef {
		if i, in := byNum[p.Num]; in {
			if pd := dictOfObject(objs[i].obj); pd != nil && pd.NameOf("FT") == "Sig" {
				return false
			}
		}
	}
	return true
}

func dictOfObject(o pdf.Object) *pdf.Dict {
	switch v := o.(type) {
	case *pdf.Dict:
		return v
	case pdf.Stream:
		return v.Dict
	}
	return nil
}

// isInfoDict is true for a document information dictionary (/Info).
func isInfoDict(d *pdf.Dict) bool {
	if len(d.Keys()) == 0 {
		return false
	}
	for _, k := range d.Keys() {
		switch k {
		case "Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate", "ModDate", "Trapped":
		default:
			return false
		}
	}
	return true
}

func allRefs(a pdf.Array) bool {
	for _, e := range a {
		if _, ok := e.(pdf.Ref); !ok {
			return false
		}
	}
	return true
}

func isAnnotation(o pdf.Object) bool {
	d := dictOfObject(o)
	return d != nil && d.NameOf("Type") == "Annot" && d.NameOf("FT") == ""
}

// onlyKeysDiffer is true when a and b hold the same values for every key
// except those listed.
func onlyKeysDiffer(a, b *pdf.Dict, keys ...pdf.Name) bool {
	skip := map[pdf.Name]bool{}
	for _, k := range keys {
		skip[k] = true
	}
	for _, d := range []*pdf.Dict{a, b} {
		for _, k := range d.Keys() {
			if !skip[k] && !sameObject(a.Get(k), b.Get(k), 0) {
				return false
			}
		}
	}
	return true
}

// changedKeys names, for a person, the keys a new definition of a
// dictionary changes, and whether a stream's data changed.
func changedKeys(prev, cur pdf.Object, dataChanged bool) string {
	a, b := dictOfObject(prev), dictOfObject(cur)
	if a == nil || b == nil {
		return ""
	}
	var keys []string
	for _, d := range []*pdf.Dict{a, b} {
		for _, k := range d.Keys() {
			if !sameObject(a.Get(k), b.Get(k), 0) && !contains(keys, "/"+string(k)) {
				keys = append(keys, "/"+string(k))
			}
		}
	}
	if len(keys) > 6 {
		keys = append(keys[:6], "…")
	}
	if dataChanged {
		keys = append(keys, "the stream data")
	}
	if len(keys) == 0 {
		return "rewritten unchanged"
	}
	return strings.Join(keys, ", ")
}

// streamDataDiffers is true when prev and cur are both streams and their
// data differ.
func (f *fileObjects) streamDataDiffers(prev, cur pdf.Object) bool {
	a, isA := prev.(pdf.Stream)
	b, isB := cur.(pdf.Stream)
	return isA && isB && !bytes.Equal(pdf.StreamData(f.data, a), pdf.StreamData(f.data, b))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// sameObject compares two parsed values, ignoring where strings sat. The
// reader gives no value more than pdf.MaxDepth levels, so the bound is
// only a guard; a lower one called an unchanged deep value (layers within
// layers) a change.
func sameObject(a, b pdf.Object, depth int) bool {
	if depth > pdf.MaxDepth {
		return false
	}
	switch x := a.(type) {
	case pdf.String:
		y, ok := b.(pdf.String)
		return ok && bytes.Equal(x.Bytes, y.Bytes)
	case pdf.Array:
		y, ok := b.(pdf.Array)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !sameObject(x[i], y[i], depth+1) {
				return false
			}
		}
		return true
	case *pdf.Dict:
		y, ok := b.(*pdf.Dict)
		if !ok || len(x.Keys()) != len(y.Keys()) {
			return false
		}
		for _, k := range x.Keys() {
			if !sameObject(x.Get(k), y.Get(k), depth+1) {
				return false
			}
		}
		return true
	case pdf.Stream:
		y, ok := b.(pdf.Stream)
		return ok && x.DataStart == y.DataStart && sameObject(x.Dict, y.Dict, depth+1)
	case nil:
		return b == nil
	}
	return a == b
}

// pageContents collects the object numbers that pages in objs use as
// their content streams, so those can be called "page content".
func pageContents(objs []segObject) map[int]bool {
	out := map[int]bool{}
	for _, so := range objs {
		d := dictOfObject(so.obj)
		if d == nil || d.NameOf("Type") != "Page" {
			continue
		}
		switch c := d.Get("Contents").(type) {
		case pdf.Ref:
			out[c.Num] = true
		case pdf.Array:
			for _, e := range c {
				if r, ok := e.(pdf.Ref); ok {
					out[r.Num] = true
				}
			}
		}
	}
	return out
}

func objectsPhrase(items []string) string {
	if len(items) > 1 {
		return fmt.Sprintf("objects %s", strings.Join(items, ", "))
	}
	return fmt.Sprintf("object %s", items[0])
}

// describeObject names an object for a person: what it is in the
// document (a page, page content, an annotation, a form field, the
// catalogue…), from its /Type, /Subtype and /FT.
func describeObject(o pdf.Object, isPageContent bool) string {
	d, isDict := o.(*pdf.Dict)
	stream := false
	if s, ok := o.(pdf.Stream); ok {
		d, isDict, stream = s.Dict, true, true
	}
	if isPageContent && stream {
		return "page content"
	}
	if !isDict {
		switch o.(type) {
		case pdf.Array:
			return "an array"
		case pdf.String:
			return "a string"
		}
		return "a value"
	}
	name := func(n pdf.Name) string { return Printable(string(n)) }
	switch t := d.NameOf("Type"); {
	case d.Get("ByteRange") != nil && d.Get("Contents") != nil:
		return "a signature"
	case d.NameOf("FT") == "Sig":
		return "a signature field"
	case d.NameOf("FT") != "":
		return fmt.Sprintf("a form field (/%s)", name(d.NameOf("FT")))
	case t == "Annot":
		return fmt.Sprintf("an annotation (/%s)", name(d.NameOf("Subtype")))
	case t == "Page":
		return "a page"
	case t == "Pages":
		return "the page tree"
	case t == "Catalog":
		return "the document catalogue"
	case t == "XObject" && d.NameOf("Subtype") == "Form":
		return "a form XObject (drawn content)"
	case t == "XObject":
		return fmt.Sprintf("an image or XObject (/%s)", name(d.NameOf("Subtype")))
	case t == "Font" || t == "FontDescriptor":
		return "a font"
	case t == "ObjStm":
		return "an object stream"
	case t == "XRef":
		return "a cross-reference stream"
	case t != "":
		return fmt.Sprintf("an object of type /%s", name(t))
	case d.Get("Fields") != nil:
		return "the form (/AcroForm)"
	case d.NameOf("Subtype") != "":
		return fmt.Sprintf("an object of type /%s", name(d.NameOf("Subtype")))
	case stream:
		return "a stream"
	}
	return "a dictionary"
}
