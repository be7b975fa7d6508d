package signing

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"ethicsdesk/internal/font"
)

// signWithFont signs the fixture's document with a widget drawn in f and
// returns the signature's incremental update.
func signWithFont(t *testing.T, info SignatureInfo, f *AppearanceFont) (signed, update []byte) {
	t.Helper()
	fx := newFixture(t)
	info.Font = f
	signed, err := SignPDF(fx.unsigned, fx.chair, info)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Verify(signed, RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() {
		t.Fatalf("the signature with an embedded font does not verify:\n%s", r)
	}
	return signed, signed[len(fx.unsigned):]
}

// widgetInfo is a visible widget's description signed now.
func widgetInfo(name, reason string) SignatureInfo {
	return SignatureInfo{Name: name, Reason: reason, Time: time.Now(), Page: 1, Rect: [4]float64{50, 100, 250, 150}}
}

// pdffonts lists the fonts of doc as poppler's pdffonts does, widgets'
// fonts included: one line per font after the two header lines.
func pdffonts(t *testing.T, doc []byte) []string {
	t.Helper()
	bin, err := exec.LookPath("pdffonts")
	if err != nil {
		t.Fatal("pdffonts is not installed: run scripts/install-deps.sh (poppler-utils)")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, out)
	}
	// poppler's complaints about the file's structure go to stderr,
	// before or after the table: a signed opinion must read without any.
	// (The tests' stand-in font programs are not real fonts, which
	// poppler may also say; that is not the file's structure.)
	if strings.Contains(string(out), "Internal Error") || strings.Contains(string(out), "xref") {
		t.Errorf("pdffonts complains about the file:\n%s", out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "---") {
			return lines[i+1:]
		}
	}
	t.Fatalf("pdffonts printed no table:\n%s", out)
	return nil
}

// The widget's font is listed by name in a viewer's font list as an
// embedded subset: six capital letters, '+', and the family name with only
// the characters a font name may hold unescaped (or "SignatureFont" when
// none is left).
func TestTheWidgetFontIsListedAsAnEmbeddedSubsetUnderItsName(t *testing.T) {
	for _, c := range []struct{ family, shown string }{
		{"AZaz09-Kai Ti(Z)/#黄", "AZaz09-KaiTiZ"},
		{"黄 体", "SignatureFont"},
	} {
		info := widgetInfo("黄伟", "Chair")
		f := coveringFont(info)
		f.BaseName = c.family
		signed, _ := signWithFont(t, info, f)
		var found bool
		for _, l := range pdffonts(t, signed) {
			fields := strings.Fields(l)
			if len(fields) < 1 || !strings.Contains(fields[0], "+") {
				continue
			}
			found = true
			if !regexp.MustCompile(`^[A-Z]{6}\+` + regexp.QuoteMeta(c.shown) + `$`).MatchString(fields[0]) {
				t.Errorf("family %q: the widget's font is listed as %q, want six capitals, '+' and %q", c.family, fields[0], c.shown)
			}
			if !strings.Contains(l, "Identity-H       yes yes") {
				t.Errorf("family %q: the widget's font is not listed as an embedded subset: %q", c.family, l)
			}
		}
		if !found {
			t.Errorf("family %q: pdffonts lists no subset font for the widget", c.family)
		}
	}
}

// A signature without a meaning (an empty second line) still draws its
// widget with the embedded font.
func TestAWidgetWithAnEmptyLineKeepsItsFont(t *testing.T) {
	info := widgetInfo("黄伟", "")
	_, update := signWithFont(t, info, coveringFont(info))
	if !bytes.Contains(update, []byte("/FontFile2")) || !bytes.Contains(update, []byte("<> Tj")) {
		t.Error("the widget with an empty meaning does not draw in the embedded font")
	}
}

// When two characters are drawn with one glyph (a space and a no-break
// space usually are), copying the widget's text gives the plain one, so
// that the copied name can be searched for.
func TestCopyingAWidgetGivesPlainSpaces(t *testing.T) {
	info := widgetInfo("Li\u00a0Wei", "Chair approval")
	f := coveringFont(info)
	f.Glyphs['\u00a0'] = f.Glyphs[' ']
	_, update := signWithFont(t, info, f)
	id := f.Glyphs[' '].ID
	m := regexp.MustCompile(`<([0-9A-F]{4})> <([0-9A-F]+)>`).FindAllSubmatch(update, -1)
	var got string
	for _, e := range m {
		if bytes.Equal(e[1], []byte(hex4(id))) {
			got = string(e[2])
		}
	}
	if got != "0020" {
		t.Errorf("the glyph of the space and the no-break space copies as U+%s, want U+0020", got)
	}
}

func hex4(id uint16) string {
	const digits = "0123456789ABCDEF"
	return string([]byte{digits[id>>12], digits[id>>8&15], digits[id>>4&15], digits[id&15]})
}

// fontWith is a TrueType font made of a head table with unitsPerEm and
// bbox, an hhea table of hheaLen bytes with ascent and descent, and an
// OS/2 table of os2Len bytes of the given version with capHeight; a
// length too short for a field leaves it out.
func fontWith(upem int16, bbox [4]int16, hheaLen int, ascent, descent int16, os2Len int, version uint16, capHeight int16) []byte {
	head := make([]byte, 54)
	binary.BigEndian.PutUint16(head[18:], uint16(upem))
	for i, v := range bbox {
		binary.BigEndian.PutUint16(head[36+2*i:], uint16(v))
	}
	hhea := make([]byte, max(hheaLen, 8))
	binary.BigEndian.PutUint16(hhea[4:], uint16(ascent))
	binary.BigEndian.PutUint16(hhea[6:], uint16(descent))
	os2 := make([]byte, max(os2Len, 90))
	binary.BigEndian.PutUint16(os2, version)
	binary.BigEndian.PutUint16(os2[88:], uint16(capHeight))
	return font.WriteSfnt(0x00010000, []font.Table{{Tag: "head", Data: head}, {Tag: "hhea", Data: hhea[:hheaLen]}, {Tag: "OS/2", Data: os2[:os2Len]}})
}

// The font descriptor of the widget's font gives the font's own box,
// ascent, descent and capital height in thousandths of an em (viewers use
// them to place and highlight the text, and to stand in for the font),
// read from the shortest tables that hold them; a font whose tables cannot
// be read gets a plausible descriptor, with its descent below the baseline
// as PDF requires.
func TestTheWidgetFontDescriptorGivesTheFontsMetrics(t *testing.T) {
	bbox := [4]int16{-100, -500, 2200, 1800}
	for _, c := range []struct {
		name string
		ttf  []byte
		want string // the descriptor's entries, in the order written
	}{
		{"version 2 OS/2", fontWith(2000, bbox, 8, 1600, -400, 90, 2, 1300),
			"/FontBBox [-50 -250 1100 900]/ItalicAngle 0/Ascent 800/Descent -200/CapHeight 650"},
		{"version 1 OS/2", fontWith(2000, bbox, 8, 1600, -400, 90, 1, 1300),
			"/FontBBox [-50 -250 1100 900]/ItalicAngle 0/Ascent 800/Descent -200/CapHeight 800"},
		{"OS/2 without capital height", fontWith(2000, bbox, 8, 1600, -400, 89, 2, 1300),
			"/FontBBox [-50 -250 1100 900]/ItalicAngle 0/Ascent 800/Descent -200/CapHeight 800"},
		{"hhea without descent", fontWith(2000, bbox, 7, 1600, -400, 90, 2, 1300),
			"/FontBBox [-50 -250 1100 900]/ItalicAngle 0/Ascent 880/Descent -120/CapHeight 650"},
	} {
		info := widgetInfo("黄伟", "Chair")
		f := coveringFont(info)
		f.TTF = c.ttf
		_, update := signWithFont(t, info, f)
		if !bytes.Contains(update, []byte(c.want)) {
			t.Errorf("%s: the font descriptor does not read %q:\n%s", c.name, c.want, descriptorOf(update))
		}
	}

	for _, ttf := range [][]byte{bytes.Repeat([]byte{0}, 64), fontWith(0, bbox, 8, 1600, -400, 90, 2, 1300)} {
		info := widgetInfo("黄伟", "Chair")
		f := coveringFont(info)
		f.TTF = ttf
		_, update := signWithFont(t, info, f)
		m := regexp.MustCompile(`/FontBBox \[(-?\d+) (-?\d+) (-?\d+) (-?\d+)\]/ItalicAngle 0/Ascent (-?\d+)/Descent (-?\d+)`).FindSubmatch(update)
		if m == nil {
			t.Fatalf("no font descriptor in the update:\n%s", descriptorOf(update))
		}
		if m[2][0] != '-' || m[6][0] != '-' || m[5][0] == '-' {
			t.Errorf("an unreadable font gets a box from %s up and a descent of %s, ascent %s: want both below the baseline", m[2], m[6], m[5])
		}
	}
}

// descriptorOf is the FontDescriptor dictionary's text in update, for messages.
func descriptorOf(update []byte) string {
	i := bytes.Index(update, []byte("/FontDescriptor"))
	if i < 0 {
		return "(none)"
	}
	return string(update[i:min(len(update), i+300)])
}
