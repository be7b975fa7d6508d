package signing

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/klauspost/compress/zlib"

	"ethicsdesk/internal/font"
	"ethicsdesk/signing/internal/pdf"
)

// AppearanceFont is a TrueType font for the signature widget, so that a
// name such as 黄伟 is drawn as written instead of as "??" (the standard
// Helvetica can only show Latin-1). The signing package does not look for
// fonts itself; the caller (which knows the installed fonts) supplies one,
// usually a small subset holding just the widget's characters.
// It is the subset font that package opinion makes (font.Subset).
type AppearanceFont = font.Subset

// AppearanceGlyph is where one character is in AppearanceFont.TTF.
type AppearanceGlyph = font.Glyph

// AppearanceText is every character the widget for info shows, so that a
// caller can pick (or subset) a font covering exactly that. info should
// carry the Time that will be signed with; a zero Time is shown as the
// signing clock, whose digits and zone a caller cannot know in advance.
func AppearanceText(info SignatureInfo) string {
	return strings.Join(appearanceLines(info), "\n")
}

// appearanceLines are the three lines the widget draws.
func appearanceLines(info SignatureInfo) []string {
	return []string{"Digitally signed by " + info.Name, info.Reason, info.Time.Format("2006-01-02 15:04 MST")}
}

// widgetFont is how the appearance writes its text: the font resource's
// name and dictionary, and how a line becomes a string operand for Tj.
type widgetFont struct {
	resource string
	dict     pdf.Object
	encode   func(string) pdf.String
}

// helvetica is the built-in font every viewer has; anything outside
// Latin-1 becomes '?'. Its dictionary is an object of the update u when
// there is one: poppler names a font written directly in a resource
// dictionary by a made-up object number, which pdffonts then looks up and
// reports as "Internal Error: xref num … not found" for every signed file.
func helvetica(u *pdf.Update) widgetFont {
	var dict pdf.Object = dictOf("Type", pdf.Name("Font"), "Subtype", pdf.Name("Type1"), "BaseFont", pdf.Name("Helvetica"), "Encoding", pdf.Name("WinAnsiEncoding"))
	if u != nil {
		ref := u.Reserve()
		u.Set(ref, dict)
		dict = ref
	}
	return widgetFont{
		resource: "Helv",
		dict:     dict,
		encode:   func(s string) pdf.String { return pdf.String{Bytes: latin1(s)} },
	}
}

// widgetFontFor embeds f in the update when it can draw every character of
// lines, and falls back to Helvetica otherwise: a widget half in one font
// and half in question marks would look worse than a consistent one.
func widgetFontFor(f *AppearanceFont, lines []string, u *pdf.Update) widgetFont {
	if u == nil || !f.Covers(lines) {
		return helvetica(u)
	}
	used := map[rune]AppearanceGlyph{}
	for _, l := range lines {
		for _, r := range l {
			used[r] = f.Glyphs[r]
		}
	}
	return widgetFont{
		resource: "SigFont",
		dict:     embedType0(f, used, u),
		encode: func(s string) pdf.String {
			b := make([]byte, 0, 2*len(s))
			for _, r := range s {
				id := f.Glyphs[r].ID
				b = append(b, byte(id>>8), byte(id))
			}
			return pdf.String{Bytes: b, Hex: true}
		},
	}
}

// fontPackers are the zlib writers that pack appearance fonts, kept for
// reuse: a new one allocates and clears about a megabyte. They are
// klauspost/compress's, at BestSpeed as gofpdf packs the document's own
// fonts. The standard library's default level took a millisecond of the
// Sign button for a few percent less; its BestSpeed packs a 20 KB subset
// in 0.39 ms, these in 0.15 ms (4% larger).
var fontPackers = sync.Pool{New: func() any {
	zw, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed) // a valid level cannot fail
	return zw
}}

// embedType0 writes f as a composite font (Type0, Identity-H, with a
// CIDFontType2 descendant whose CIDs are glyph ids) and returns a reference
// to it. The font objects belong to the signature's own incremental update,
// so they are covered by the signature like the widget itself.
func embedType0(f *AppearanceFont, used map[rune]AppearanceGlyph, u *pdf.Update) pdf.Ref {
	m := readFontMetrics(f.TTF)
	base := pdf.Name(subsetTag(f.TTF) + "+" + baseName(f.BaseName))

	var packed bytes.Buffer
	zw := fontPackers.Get().(*zlib.Writer)
	zw.Reset(&packed)
	zw.Write(f.TTF) // writes to a bytes.Buffer cannot fail
	zw.Close()
	fontPackers.Put(zw)
	fileRef := u.Reserve()
	u.Set(fileRef, rawStream(dictOf("Length", pdf.Integer(packed.Len()), "Length1", pdf.Integer(len(f.TTF)),
		"Filter", pdf.Name("FlateDecode")), packed.Bytes()))

	descRef := u.Reserve()
	u.Set(descRef, dictOf(
		"Type", pdf.Name("FontDescriptor"),
		"FontName", base,
		"Flags", pdf.Integer(4), // symbolic: glyphs are addressed by id, not by a standard encoding
		"FontBBox", pdf.Array{pdf.Integer(m.bbox[0]), pdf.Integer(m.bbox[1]), pdf.Integer(m.bbox[2]), pdf.Integer(m.bbox[3])},
		"ItalicAngle", pdf.Integer(0),
		"Ascent", pdf.Integer(m.ascent),
		"Descent", pdf.Integer(m.descent),
		"CapHeight", pdf.Integer(m.capHeight),
		"StemV", pdf.Integer(80),
		"FontFile2", fileRef,
	))

	cidRef := u.Reserve()
	u.Set(cidRef, dictOf(
		"Type", pdf.Name("Font"),
		"Subtype", pdf.Name("CIDFontType2"),
		"BaseFont", base,
		"CIDSystemInfo", dictOf("Registry", pdf.String{Bytes: []byte("Adobe")}, "Ordering", pdf.String{Bytes: []byte("Identity")}, "Supplement", pdf.Integer(0)),
		"FontDescriptor", descRef,
		"DW", pdf.Integer(1000),
		"W", widthsArray(used),
		"CIDToGIDMap", pdf.Name("Identity"),
	))

	cmap := toUnicodeCMap(used)
	toUniRef := u.Reserve()
	u.Set(toUniRef, rawStream(dictOf("Length", pdf.Integer(len(cmap))), cmap))

	fontRef := u.Reserve()
	u.Set(fontRef, dictOf(
		"Type", pdf.Name("Font"),
		"Subtype", pdf.Name("Type0"),
		"BaseFont", base,
		"Encoding", pdf.Name("Identity-H"),
		"DescendantFonts", pdf.Array{cidRef},
		"ToUnicode", toUniRef,
	))
	return fontRef
}

// widthsArray is the CIDFont /W array "id [width]" for each used glyph.
func widthsArray(used map[rune]AppearanceGlyph) pdf.Array {
	byID := map[uint16]int{}
	for _, g := range used {
		byID[g.ID] = g.Advance
	}
	ids := make([]int, 0, len(byID))
	for id := range byID {
		ids = append(ids, int(id))
	}
	sort.Ints(ids)
	var w pdf.Array
	for _, id := range ids {
		w = append(w, pdf.Integer(id), pdf.Array{pdf.Integer(byID[uint16(id)])})
	}
	return w
}

// toUnicodeCMap maps each used glyph id back to its character, so that
// viewers can copy, search and read aloud the widget's text.
func toUnicodeCMap(used map[rune]AppearanceGlyph) []byte {
	byID := map[uint16]rune{}
	for r, g := range used {
		// Two characters drawn by one glyph: keep the smaller, for a stable file.
		if old, ok := byID[g.ID]; !ok || r < old {
			byID[g.ID] = r
		}
	}
	ids := make([]int, 0, len(byID))
	for id := range byID {
		ids = append(ids, int(id))
	}
	sort.Ints(ids)
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for start := 0; start < len(ids); start += 100 { // at most 100 entries per block
		block := ids[start:min(start+100, len(ids))]
		fmt.Fprintf(&b, "%d beginbfchar\n", len(block))
		for _, id := range block {
			fmt.Fprintf(&b, "<%04X> <", id)
			for _, unit := range utf16.Encode([]rune{byID[uint16(id)]}) {
				fmt.Fprintf(&b, "%04X", unit)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	return b.Bytes()
}

// subsetTag is the six capital letters a subset font's name starts with
// (PDF 32000 9.6.4), derived from the font bytes so equal subsets share it.
func subsetTag(ttf []byte) string {
	sum := sha256.Sum256(ttf)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}

// baseName keeps only characters allowed unescaped in a font name, so a
// caller's family name cannot produce an odd /BaseFont.
func baseName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "SignatureFont"
	}
	return b.String()
}
