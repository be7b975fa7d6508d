package opinion

import (
	"encoding/binary"
	"errors"
	"fmt"

	"ethicsdesk/internal/font"
)

// sfntFont is a TrueType font parsed once per process: the tables gofpdf
// needs, a BMP character map and per-glyph metrics, so that text can be
// measured without gofpdf and each document can embed a small subset
// (see subset.go) instead of making gofpdf re-parse megabytes of font.
type sfntFont struct {
	tables     map[string][]byte
	unitsPerEm float64
	numGlyphs  int
	cmap       []uint16 // BMP rune -> glyph id; 0 means "not in this font"
	advances   []uint16 // one per glyph, in font units
	lsbs       []int16  // one per glyph
	loca       []uint32 // numGlyphs+1 offsets into the glyf table
}

// requiredTables are those gofpdf reads unconditionally; a font missing
// any of them would make gofpdf fail or crash later, so it is refused here.
var requiredTables = []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "name", "post"}

func parseSfnt(data []byte) (*sfntFont, error) {
	if len(data) < font.HeaderLen {
		return nil, errNotFontFile
	}
	switch binary.BigEndian.Uint32(data) {
	case 0x00010000, 0x74727565: // TrueType outlines
	case 0x4F54544F: // "OTTO"
		return nil, errors.New("the font has PostScript (CFF) outlines, which the PDF library cannot embed")
	default:
		return nil, errNotFontFile
	}
	list, _, err := font.ReadTableDirectory(data, 0)
	if err != nil {
		return nil, err
	}
	f := &sfntFont{tables: make(map[string][]byte, len(list))}
	for _, t := range list {
		f.tables[t.Tag] = t.Data
	}
	for _, tag := range requiredTables {
		if len(f.tables[tag]) == 0 {
			return nil, fmt.Errorf("the font has no %q table", tag)
		}
	}
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 || len(f.tables["post"]) < 32 {
		return nil, errNotFontFile
	}
	f.unitsPerEm = float64(binary.BigEndian.Uint16(head[18:]))
	if f.unitsPerEm == 0 {
		return nil, errNotFontFile
	}
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	if err := f.parseLoca(int16(binary.BigEndian.Uint16(head[50:]))); err != nil {
		return nil, err
	}
	if err := f.parseHmtx(int(binary.BigEndian.Uint16(hhea[34:]))); err != nil {
		return nil, err
	}
	if err := f.parseCmap(); err != nil {
		return nil, err
	}
	return f, nil
}

func (f *sfntFont) parseLoca(format int16) error {
	loca, glyfLen := f.tables["loca"], uint32(len(f.tables["glyf"]))
	n := f.numGlyphs + 1
	f.loca = make([]uint32, n)
	for i := 0; i < n; i++ {
		var off uint32
		if format == 0 {
			if 2*i+2 > len(loca) {
				return errNotFontFile
			}
			off = 2 * uint32(binary.BigEndian.Uint16(loca[2*i:]))
		} else {
			if 4*i+4 > len(loca) {
				return errNotFontFile
			}
			off = binary.BigEndian.Uint32(loca[4*i:])
		}
		if off > glyfLen || (i > 0 && off < f.loca[i-1]) {
			return errNotFontFile
		}
		f.loca[i] = off
	}
	return nil
}

func (f *sfntFont) parseHmtx(numberOfHMetrics int) error {
	hmtx := f.tables["hmtx"]
	if numberOfHMetrics == 0 || numberOfHMetrics > f.numGlyphs || 4*numberOfHMetrics > len(hmtx) {
		return errNotFontFile
	}
	f.advances = make([]uint16, f.numGlyphs)
	f.lsbs = make([]int16, f.numGlyphs)
	for g := 0; g < f.numGlyphs; g++ {
		if g < numberOfHMetrics {
			f.advances[g] = binary.BigEndian.Uint16(hmtx[4*g:])
			f.lsbs[g] = int16(binary.BigEndian.Uint16(hmtx[4*g+2:]))
			continue
		}
		// Trailing glyphs share the last advance and list only their lsb.
		f.advances[g] = f.advances[numberOfHMetrics-1]
		if p := 4*numberOfHMetrics + 2*(g-numberOfHMetrics); p+2 <= len(hmtx) {
			f.lsbs[g] = int16(binary.BigEndian.Uint16(hmtx[p:]))
		}
	}
	return nil
}

// parseCmap fills the BMP map from a Unicode subtable, preferring the
// full-repertoire format 12 and falling back to format 4. Characters
// beyond the BMP are left out: gofpdf's CID map stops at U+FFFF.
func (f *sfntFont) parseCmap() error {
	cmap := f.tables["cmap"]
	if len(cmap) < 4 {
		return errNotFontFile
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	var fmt4, fmt12 []byte
	for i := 0; i < n && 4+8*i+8 <= len(cmap); i++ {
		rec := cmap[4+8*i:]
		platform, encoding := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		off := int(binary.BigEndian.Uint32(rec[4:]))
		if off+4 > len(cmap) || !(platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10))) {
			continue
		}
		switch binary.BigEndian.Uint16(cmap[off:]) {
		case 4:
			fmt4 = cmap[off:]
		case 12:
			fmt12 = cmap[off:]
		}
	}
	f.cmap = make([]uint16, 0x10000)
	switch {
	case fmt12 != nil:
		return f.readCmap12(fmt12)
	case fmt4 != nil:
		return f.readCmap4(fmt4)
	}
	return errors.New("the font has no Unicode character map")
}

func (f *sfntFont) readCmap4(t []byte) error {
	if len(t) < 14 {
		return errNotFontFile
	}
	segX2 := int(binary.BigEndian.Uint16(t[6:]))
	ends, starts, deltas, ranges := 14, 16+segX2, 16+2*segX2, 16+3*segX2
	if ranges+segX2 > len(t) {
		return errNotFontFile
	}
	for s := 0; s < segX2/2; s++ {
		end := int(binary.BigEndian.Uint16(t[ends+2*s:]))
		start := int(binary.BigEndian.Uint16(t[starts+2*s:]))
		delta := binary.BigEndian.Uint16(t[deltas+2*s:])
		rangeOff := int(binary.BigEndian.Uint16(t[ranges+2*s:]))
		for c := start; c <= end && c < 0xFFFF; c++ {
			var g uint16
			if rangeOff == 0 {
				g = uint16(c) + delta
			} else {
				p := ranges + 2*s + rangeOff + 2*(c-start)
				if p+2 > len(t) {
					continue
				}
				if g = binary.BigEndian.Uint16(t[p:]); g != 0 {
					g += delta
				}
			}
			if int(g) < f.numGlyphs {
				f.cmap[c] = g
			}
		}
	}
	return nil
}

func (f *sfntFont) readCmap12(t []byte) error {
	if len(t) < 16 {
		return errNotFontFile
	}
	groups := int(binary.BigEndian.Uint32(t[12:]))
	if groups < 0 || 16+12*groups > len(t) {
		return errNotFontFile
	}
	for i := 0; i < groups; i++ {
		g := t[16+12*i:]
		start, end := binary.BigEndian.Uint32(g), binary.BigEndian.Uint32(g[4:])
		gid := binary.BigEndian.Uint32(g[8:])
		for c := start; c <= end && c < 0xFFFF; c++ {
			if id := gid + (c - start); id < uint32(f.numGlyphs) {
				f.cmap[c] = uint16(id)
			}
		}
	}
	return nil
}

// has reports whether the font draws r (rather than its empty .notdef box).
func (f *sfntFont) has(r rune) bool {
	return r >= 0 && r < 0xFFFF && f.cmap[r] != 0
}

// advance is the advance width of r in thousandths of the font size.
func (f *sfntFont) advance(r rune) float64 {
	var g uint16
	if r >= 0 && r < 0xFFFF {
		g = f.cmap[r]
	}
	return float64(f.advances[g]) * 1000 / f.unitsPerEm
}
