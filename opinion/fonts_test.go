package opinion

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"

	embedded "ethicsdesk/assets/fonts"
)

const wqyPath = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

func TestTTCFaceBecomesAFontGofpdfEmbeds(t *testing.T) {
	ttc, err := os.ReadFile(wqyPath)
	if err != nil {
		t.Fatal("fonts-wqy-microhei is not installed: run scripts/install-deps.sh")
	}
	for face := 0; face < 2; face++ {
		ttf, err := extractTTCFace(ttc, face)
		if err != nil {
			t.Fatalf("face %d: %v", face, err)
		}
		f, err := parseSfnt(ttf)
		if err != nil {
			t.Fatalf("face %d does not parse: %v", face, err)
		}
		if !f.has('委') || !f.has('A') || f.has('\U0001F600') {
			t.Errorf("face %d character map is wrong", face)
		}
		for name, data := range map[string][]byte{"whole": ttf, "subset": f.subset([]rune(chineseSentence + "Ab1"))} {
			pdf := gofpdf.New("P", "pt", "A4", "")
			pdf.AddUTF8FontFromBytes("cjk", "", data)
			pdf.AddPage()
			pdf.SetFont("cjk", "", 12)
			pdf.Text(50, 50, chineseSentence+"Ab1")
			var buf bytes.Buffer
			if err := pdf.Output(&buf); err != nil {
				t.Fatalf("gofpdf refuses the %s face %d: %v", name, face, err)
			}
			if got := squash(pdfTool(t, "pdftotext", buf.Bytes())); got != chineseSentence+"Ab1" {
				t.Errorf("%s face %d: text reads back as %q", name, face, got)
			}
		}
	}
	if _, err := extractTTCFace(ttc, 99); err == nil {
		t.Error("a missing face was extracted")
	}
}

func TestBadFontFilesAreRefused(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty":     nil,
		"garbage":   []byte("this is not a font at all, not even close"),
		"truncated": append([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01"), 0, 0, 0, 200),
		"cff":       []byte("OTTO\x00\x01\x00\x00\x00\x00\x00\x00"),
	} {
		if _, err := readFaceBytes(data); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	// Noto CJK has PostScript outlines, which gofpdf cannot embed.
	if noto, err := os.ReadFile("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"); err == nil {
		if _, err := readFaceBytes(noto); err == nil || !strings.Contains(err.Error(), "CFF") {
			t.Errorf("Noto CJK: want a CFF error, got %v", err)
		}
	}
}

func readFaceBytes(b []byte) (*sfntFont, error) {
	ttf, err := extractTTCFace(b, 0)
	if err != nil {
		return nil, err
	}
	return parseSfnt(ttf)
}

// withFaces makes rendering use only the named embedded faces.
func withFaces(t *testing.T, names ...string) {
	fonts()
	saved := library
	library = loadFontLibrary(func(name string) ([]byte, error) {
		if !slices.Contains(names, name) {
			return nil, os.ErrNotExist
		}
		return embedded.Face(name)
	})
	t.Cleanup(func() { library = saved })
}

func TestMissingCJKFontStillRenders(t *testing.T) {
	withFaces(t, embedded.SerifRegular, embedded.Sans)
	if CheckFonts() != ErrNoCJKFont {
		t.Fatalf("CheckFonts = %v, want ErrNoCJKFont", CheckFonts())
	}
	pdf, _, err := Render(sampleOpinion(1))
	if err != nil {
		t.Fatal(err)
	}
	text := pdfTool(t, "pdftotext", pdf)
	if !strings.Contains(text, "EC-2026-0042") || !strings.Contains(text, "???") {
		t.Errorf("expected the reference and placeholders for Chinese text")
	}
}

func TestNoFontsAtAllUsesBuiltInFont(t *testing.T) {
	withFaces(t)
	if CheckFonts() == nil {
		t.Error("CheckFonts reports no problem with no fonts loaded")
	}
	pdf, layout, err := Render(sampleOpinion(2))
	if err != nil {
		t.Fatal(err)
	}
	text := pdfTool(t, "pdftotext", pdf)
	if !strings.Contains(text, "EC-2026-0042") || !strings.Contains(text, "Page 1 of") || len(layout.SignatureRects) != 2 {
		t.Errorf("built-in font fallback lost the reference, page numbers or signature areas")
	}
	if _, err := RenderLetter(sampleLetter(DecisionNotice)); err != nil {
		t.Fatal(err)
	}
}
