package signing

import (
	"bytes"
	"fmt"
	"strings"

	"ethicsdesk/signing/internal/pdf"
)

// describeChanges lists, one line per incremental update, what was appended
// after the last signed byte (end). Only whitespace after it is no change.
func describeChanges(data []byte, end int) []string {
	rest := data[end:]
	if len(bytes.TrimSpace(rest)) == 0 {
		return nil
	}
	known := map[int]bool{}
	for _, h := range pdf.ScanObjects(data, 0, end) {
		known[h.Ref.Num] = true
	}
	// Each update ends with %%EOF; anything after the last one is its own part.
	var segments [][2]int
	start := end
	for {
		i := bytes.Index(data[start:], []byte("%%EOF"))
		if i < 0 {
			break
		}
		segEnd := start + i + len("%%EOF")
		segments = append(segments, [2]int{start, segEnd})
		start = segEnd
		if len(segments) >= 1000 {
			break
		}
	}
	if len(bytes.TrimSpace(data[start:])) > 0 {
		segments = append(segments, [2]int{start, len(data)})
	}
	var out []string
	for i, seg := range segments {
		out = append(out, describeSegment(data, seg[0], seg[1], known, i+1, len(segments)))
	}
	return out
}

func describeSegment(data []byte, from, to int, known map[int]bool, n, total int) string {
	prefix := fmt.Sprintf("Incremental update %d of %d", n, total)
	headers := pdf.ScanObjects(data, from, to)
	var added, changed []string
	for i, h := range headers {
		if i >= 200 {
			added = append(added, fmt.Sprintf("and %d more objects", len(headers)-i))
			break
		}
		_, o, err := pdf.NewParser(data, h.Offset).Indirect()
		kind := "an unreadable object"
		if err == nil {
			kind = describeObject(o)
		}
		item := fmt.Sprintf("%d (%s)", h.Ref.Num, kind)
		if known[h.Ref.Num] {
			changed = append(changed, item)
		} else {
			added = append(added, item)
		}
		known[h.Ref.Num] = true
	}
	var parts []string
	if len(added) > 0 {
		parts = append(parts, objectsPhrase("adds", added))
	}
	if len(changed) > 0 {
		parts = append(parts, objectsPhrase("changes", changed))
	}
	seg := data[from:to]
	switch {
	case len(parts) > 0:
		return prefix + " " + strings.Join(parts, " and ") + "."
	case bytes.Contains(seg, []byte("startxref")):
		return prefix + " adds a cross-reference section without objects."
	default:
		return fmt.Sprintf("%s: %d bytes of data that are not a PDF update were appended.", prefix, len(bytes.TrimSpace(seg)))
	}
}

func objectsPhrase(verb string, items []string) string {
	noun := "object"
	if len(items) > 1 {
		noun = "objects"
	}
	return fmt.Sprintf("%s %s %s", verb, noun, strings.Join(items, ", "))
}

// describeObject names an object for a person: its /Type (or /FT for form
// fields), and whether it is a stream.
func describeObject(o pdf.Object) string {
	d, isDict := o.(*pdf.Dict)
	stream := false
	if s, ok := o.(pdf.Stream); ok {
		d, isDict, stream = s.Dict, true, true
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
	if t := d.NameOf("Type"); t != "" {
		if st := d.NameOf("Subtype"); st != "" && (t == "Annot" || t == "XObject") {
			return fmt.Sprintf("a /%s /%s", t, st)
		}
		return "a /" + string(t)
	}
	if d.NameOf("FT") == "Sig" {
		return "a signature field"
	}
	if d.Get("Fields") != nil {
		return "a form (/AcroForm)"
	}
	if d.Get("ByteRange") != nil {
		return "a signature"
	}
	if st := d.NameOf("Subtype"); st != "" {
		return "a /" + string(st)
	}
	if stream {
		return "a stream"
	}
	return "a dictionary"
}
