package signing

import (
	"encoding/binary"

	"ethicsdesk/internal/font"
)

// fontMetrics are the FontDescriptor numbers, in thousandths of an em.
type fontMetrics struct {
	bbox                       [4]int
	ascent, descent, capHeight int
}

// readFontMetrics takes the descriptor numbers from a TrueType font's head,
// hhea and OS/2 tables. A font it cannot read keeps plausible defaults:
// viewers draw the glyphs from the font program, the descriptor only
// guides substitution, so a wrong guess is not worth failing a signature.
func readFontMetrics(ttf []byte) fontMetrics {
	m := fontMetrics{bbox: [4]int{0, -200, 1000, 900}, ascent: 880, descent: -120, capHeight: 700}
	head, hhea, os2 := font.Lookup(ttf, "head"), font.Lookup(ttf, "hhea"), font.Lookup(ttf, "OS/2")
	if len(head) < 54 {
		return m
	}
	upem := float64(binary.BigEndian.Uint16(head[18:]))
	if upem == 0 {
		return m
	}
	scale := func(b []byte, at int) int { return int(float64(int16(binary.BigEndian.Uint16(b[at:]))) * 1000 / upem) }
	m.bbox = [4]int{scale(head, 36), scale(head, 38), scale(head, 40), scale(head, 42)}
	if len(hhea) >= 8 {
		m.ascent, m.descent = scale(hhea, 4), scale(hhea, 6)
	}
	if len(os2) >= 90 && binary.BigEndian.Uint16(os2) >= 2 {
		m.capHeight = scale(os2, 88)
	} else {
		m.capHeight = m.ascent
	}
	return m
}
