package opinion

import (
	"encoding/binary"

	"ethicsdesk/internal/font"
)

// SubsetFont is a small standalone TrueType font made from an installed
// face, holding only the characters of one piece of text, with where each
// character is in it (font.Subset, the type package signing embeds in a
// signature widget, which otherwise could only show Latin-1: a Chinese
// name would read "??").
type (
	SubsetFont  = font.Subset
	SubsetGlyph = font.Glyph
)

// SubsetFontFor subsets the first installed face, in the order the
// renderer prefers them (the serif, then the Chinese face, then the
// fallbacks), that draws every character of text; line breaks are
// ignored. ok is false when no single face covers text, so the caller can
// keep its built-in font. The faces are those parsed once per process for
// rendering, so this costs only the subsetting (well under a millisecond
// for a signature's few dozen characters).
func SubsetFontFor(text string) (sf SubsetFont, ok bool) {
	var runes []rune
	seen := map[rune]bool{}
	for _, r := range text {
		if r == '\n' || r == '\r' || seen[r] {
			continue
		}
		seen[r] = true
		runes = append(runes, r)
	}
	if len(runes) == 0 {
		return SubsetFont{}, false
	}
	lib := fonts()
	face := lib.faceCovering(runes)
	if face == nil {
		return SubsetFont{}, false
	}
	ttf := face.subset(append([]rune(nil), runes...))
	// Read the glyph ids back from the subset rather than re-deriving
	// subset's numbering, so the two can never disagree.
	sub, err := parseSfnt(ttf)
	if err != nil {
		return SubsetFont{}, false
	}
	sf = SubsetFont{TTF: ttf, BaseName: face.familyName(), Glyphs: make(map[rune]SubsetGlyph, len(runes))}
	for _, r := range runes {
		if !sub.has(r) {
			return SubsetFont{}, false
		}
		sf.Glyphs[r] = SubsetGlyph{ID: sub.cmap[r], Advance: int(sub.advance(r) + 0.5)}
	}
	return sf, true
}

// faceCovering returns the first face, in rendering preference, that has
// every rune, or nil.
func (lib *fontLibrary) faceCovering(runes []rune) *sfntFont {
	order := append([]int{lib.primary[styleRegular]}, lib.fallback...)
	for _, i := range order {
		if i < 0 || i >= len(lib.faces) {
			continue
		}
		f, all := lib.faces[i], true
		for _, r := range runes {
			if !f.has(r) {
				all = false
				break
			}
		}
		if all {
			return f
		}
	}
	return nil
}

// familyName is the face's PostScript name (name id 6), e.g.
// "WenQuanYiMicroHei", or "" when the name table has none readable.
func (f *sfntFont) familyName() string {
	t := f.tables["name"]
	if len(t) < 6 {
		return ""
	}
	count, storage := int(binary.BigEndian.Uint16(t[2:])), int(binary.BigEndian.Uint16(t[4:]))
	for i := 0; i < count; i++ {
		rec := 6 + 12*i
		if rec+12 > len(t) {
			break
		}
		platform, nameID := binary.BigEndian.Uint16(t[rec:]), binary.BigEndian.Uint16(t[rec+6:])
		length, off := int(binary.BigEndian.Uint16(t[rec+8:])), int(binary.BigEndian.Uint16(t[rec+10:]))
		start := storage + off
		if nameID != 6 || start+length > len(t) {
			continue
		}
		raw := t[start : start+length]
		var out []byte
		switch platform {
		case 1: // Macintosh Roman; PostScript names are ASCII
			out = raw
		case 0, 3: // UTF-16BE; PostScript names are ASCII, so take the low bytes
			for j := 1; j < len(raw); j += 2 {
				out = append(out, raw[j])
			}
		default:
			continue
		}
		return string(out)
	}
	return ""
}
