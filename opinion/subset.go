package opinion

import (
	"encoding/binary"
	"sort"

	"ethicsdesk/internal/font"
)

// Composite-glyph flags (OpenType spec, glyf table).
const (
	compArgsAreWords = 0x0001
	compHaveScale    = 0x0008
	compMore         = 0x0020
	compHaveXYScale  = 0x0040
	compHave2x2      = 0x0080
)

// subset builds a small standalone TrueType font holding only the glyphs
// for runes (plus .notdef and the parts of composite glyphs).
//
// Why: gofpdf parses a font completely when it is added and again when
// the PDF is written. For the 4.6 MB CJK face that costs about 35 ms per
// document; handing gofpdf a subset of a few hundred glyphs made from
// the font parsed once per process costs well under a millisecond.
// runes must all be mapped by the font (f.has).
func (f *sfntFont) subset(runes []rune) []byte {
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
	runes = dedupeSorted(runes)

	// New glyph ids: .notdef first, then glyphs in rune order (so that
	// consecutive runes get consecutive ids and the cmap stays compact),
	// then the components of composite glyphs.
	newID := map[uint16]uint16{0: 0}
	order := []uint16{0}
	add := func(g uint16) uint16 {
		if id, ok := newID[g]; ok {
			return id
		}
		id := uint16(len(order))
		newID[g] = id
		order = append(order, g)
		return id
	}
	runeGlyph := make([]uint16, len(runes))
	for i, r := range runes {
		runeGlyph[i] = add(f.cmap[r])
	}
	for i := 0; i < len(order); i++ { // order grows while components are found
		for _, c := range f.components(order[i]) {
			add(c)
		}
	}

	glyf := make([]byte, 0, 64*len(order))
	loca := make([]byte, 0, 4*(len(order)+1))
	hmtx := make([]byte, 0, 4*len(order))
	for _, g := range order {
		loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
		start := len(glyf)
		glyf = append(glyf, f.glyph(g)...)
		f.renumberComponents(glyf[start:], newID)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		hmtx = binary.BigEndian.AppendUint16(hmtx, f.advances[g])
		hmtx = binary.BigEndian.AppendUint16(hmtx, uint16(f.lsbs[g]))
	}
	loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))

	head := append([]byte(nil), f.tables["head"]...)
	binary.BigEndian.PutUint16(head[50:], 1) // long loca offsets
	hhea := append([]byte(nil), f.tables["hhea"]...)
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(order)))
	maxp := append([]byte(nil), f.tables["maxp"]...)
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(order)))
	post := append([]byte(nil), f.tables["post"][:32]...)
	binary.BigEndian.PutUint32(post, 0x00030000) // no glyph names

	tables := []font.Table{
		{Tag: "head", Data: head}, {Tag: "hhea", Data: hhea}, {Tag: "maxp", Data: maxp}, {Tag: "post", Data: post},
		{Tag: "glyf", Data: glyf}, {Tag: "loca", Data: loca}, {Tag: "hmtx", Data: hmtx},
		{Tag: "cmap", Data: cmapFormat4(runes, runeGlyph)},
	}
	for _, tag := range []string{"name", "OS/2", "cvt ", "fpgm", "prep", "gasp"} {
		if t := f.tables[tag]; len(t) > 0 {
			tables = append(tables, font.Table{Tag: tag, Data: t})
		}
	}
	return font.WriteSfnt(0x00010000, tables)
}

// glyph returns the outline bytes of glyph g (empty for blank glyphs).
func (f *sfntFont) glyph(g uint16) []byte {
	if int(g) >= f.numGlyphs {
		return nil
	}
	return f.tables["glyf"][f.loca[g]:f.loca[g+1]]
}

// components lists the glyphs a composite glyph is built from.
func (f *sfntFont) components(g uint16) []uint16 {
	var out []uint16
	walkComponents(f.glyph(g), func(indexAt int, data []byte) {
		out = append(out, binary.BigEndian.Uint16(data[indexAt:]))
	})
	return out
}

// renumberComponents rewrites, in place, the component glyph ids of a
// composite glyph copied into the subset.
func (f *sfntFont) renumberComponents(data []byte, newID map[uint16]uint16) {
	walkComponents(data, func(indexAt int, data []byte) {
		old := binary.BigEndian.Uint16(data[indexAt:])
		binary.BigEndian.PutUint16(data[indexAt:], newID[old])
	})
}

// walkComponents calls fn with the offset of each component's glyph id
// in a composite glyph; it does nothing for simple glyphs and stops at
// the first sign of truncation rather than reading past the data.
func walkComponents(data []byte, fn func(indexAt int, data []byte)) {
	if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return
	}
	p := 10
	for p+4 <= len(data) {
		flags := binary.BigEndian.Uint16(data[p:])
		fn(p+2, data)
		p += 4
		if flags&compArgsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&compHaveScale != 0:
			p += 2
		case flags&compHaveXYScale != 0:
			p += 4
		case flags&compHave2x2 != 0:
			p += 8
		}
		if flags&compMore == 0 {
			return
		}
	}
}

// cmapFormat4 writes a cmap table with one (3,1) format-4 subtable for
// sorted runes mapped to glyph ids, merging runs of consecutive runes
// with consecutive ids into one segment.
func cmapFormat4(runes []rune, glyphs []uint16) []byte {
	type segment struct{ start, end, delta uint16 }
	var segs []segment
	for i, r := range runes {
		c, g := uint16(r), glyphs[i]
		if n := len(segs); n > 0 && segs[n-1].end+1 == c && segs[n-1].delta == g-c {
			segs[n-1].end = c
			continue
		}
		segs = append(segs, segment{c, c, g - c})
	}
	segs = append(segs, segment{0xFFFF, 0xFFFF, 1})

	n := len(segs)
	searchRange, entrySelector := 1, 0
	for searchRange*2 <= n {
		searchRange *= 2
		entrySelector++
	}
	length := 16 + 8*n
	t := make([]byte, 0, 12+length)
	t = binary.BigEndian.AppendUint16(t, 0)  // cmap version
	t = binary.BigEndian.AppendUint16(t, 1)  // one subtable
	t = binary.BigEndian.AppendUint16(t, 3)  // platform: Windows
	t = binary.BigEndian.AppendUint16(t, 1)  // encoding: Unicode BMP
	t = binary.BigEndian.AppendUint32(t, 12) // offset of the subtable
	t = binary.BigEndian.AppendUint16(t, 4)  // format
	t = binary.BigEndian.AppendUint16(t, uint16(length))
	t = binary.BigEndian.AppendUint16(t, 0) // language
	t = binary.BigEndian.AppendUint16(t, uint16(2*n))
	t = binary.BigEndian.AppendUint16(t, uint16(2*searchRange))
	t = binary.BigEndian.AppendUint16(t, uint16(entrySelector))
	t = binary.BigEndian.AppendUint16(t, uint16(2*n-2*searchRange))
	for _, s := range segs {
		t = binary.BigEndian.AppendUint16(t, s.end)
	}
	t = binary.BigEndian.AppendUint16(t, 0) // reservedPad
	for _, s := range segs {
		t = binary.BigEndian.AppendUint16(t, s.start)
	}
	for _, s := range segs {
		t = binary.BigEndian.AppendUint16(t, s.delta)
	}
	for range segs {
		t = binary.BigEndian.AppendUint16(t, 0) // idRangeOffset: use delta
	}
	return t
}

func dedupeSorted(rs []rune) []rune {
	out := rs[:0]
	for i, r := range rs {
		if i == 0 || r != rs[i-1] {
			out = append(out, r)
		}
	}
	return out
}
