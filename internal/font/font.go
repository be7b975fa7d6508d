// Package font reads and writes the tables of TrueType (sfnt) font files
// and holds the subset-font types, shared by package opinion (which
// parses the installed faces and subsets them) and package signing (which
// embeds a subset in a signature widget). It imports nothing of Ethics
// Desk.
package font

import "errors"

// Subset is a small standalone TrueType font made from an installed face,
// holding only the characters of one piece of text, with where each
// character is in it.
type Subset struct {
	TTF      []byte         // a standalone TrueType font with glyf outlines
	BaseName string         // PostScript-like name for the PDF /BaseFont; optional
	Glyphs   map[rune]Glyph // every character the font is for
}

// Glyph is one character's glyph id in Subset.TTF (0, .notdef, counts as
// missing) and its advance width in thousandths of the font size.
type Glyph struct {
	ID      uint16
	Advance int
}

// ErrNotFont is returned for a file whose tables cannot be read.
var ErrNotFont = errors.New("the font file is damaged or is not a TrueType font")

// Covers reports whether f is usable for lines: a font program and a real
// glyph for every character. A nil font covers nothing.
func (f *Subset) Covers(lines []string) bool {
	if f == nil || len(f.TTF) < HeaderLen {
		return false
	}
	for _, l := range lines {
		for _, r := range l {
			if g, ok := f.Glyphs[r]; !ok || g.ID == 0 {
				return false
			}
		}
	}
	return true
}
