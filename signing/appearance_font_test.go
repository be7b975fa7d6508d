package signing_test

import (
	"bytes"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/jung-kurt/gofpdf"

	"ethicsdesk/opinion"
	"ethicsdesk/signing"
)

// The subset font comes from the opinion renderer's installed faces; only
// this test (never the signing package) depends on opinion.
func chineseSignature(t *testing.T) (unsigned, signed []byte, info signing.SignatureInfo) {
	t.Helper()
	now := time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)
	root, err := signing.NewRoot("Ethics Committee Root CA", "Shenzhen AI Ethics Committee", now)
	if err != nil {
		t.Fatal(err)
	}
	chair, err := signing.IssueMember(root, "Huang Wei", "Chair", "", now)
	if err != nil {
		t.Fatal(err)
	}
	info = signing.SignatureInfo{Name: "黄伟", Reason: "主席 Chair — approval", Time: now, FieldName: "Chair",
		Page: 1, Rect: [4]float64{50, 100, 250, 150}}
	font, ok := opinion.SubsetFontFor(signing.AppearanceText(info))
	if !ok {
		t.Fatal("no installed TrueType font draws Chinese: run scripts/install-deps.sh (fonts-wqy-microhei)")
	}
	glyphs := map[rune]signing.AppearanceGlyph{}
	for r, g := range font.Glyphs {
		glyphs[r] = signing.AppearanceGlyph{ID: g.ID, Advance: g.Advance}
	}
	info.Font = &signing.AppearanceFont{TTF: font.TTF, BaseName: font.BaseName, Glyphs: glyphs}

	f := gofpdf.New("P", "mm", "A4", "")
	f.SetFont("Helvetica", "", 12)
	f.AddPage()
	f.Cell(0, 10, "Opinion EC-2025-0001")
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	unsigned = buf.Bytes()
	signed, err = signing.SignPDF(unsigned, chair, info)
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("SIGNING_KEEP"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, "chinese-widget.pdf"), signed, 0o644)
	}
	return unsigned, signed, info
}

func TestWidgetShowsChineseNameWithEmbeddedFont(t *testing.T) {
	unsigned, signed, info := chineseSignature(t)
	update := string(signed[len(unsigned):])
	for _, want := range []string{"/Subtype /Type0", "/Encoding /Identity-H", "/Subtype /CIDFontType2",
		"/CIDToGIDMap /Identity", "/FontFile2 ", "/ToUnicode "} {
		if !strings.Contains(update, want) {
			t.Errorf("the signature's update has no %s: the widget does not embed a composite font", want)
		}
	}
	if strings.Contains(update, "/Helvetica") {
		t.Error("the widget still uses Helvetica although the font covers its text")
	}

	// Read the widget's text back the way a viewer copies it: glyph ids
	// through the ToUnicode CMap.
	toUnicode := map[string]string{}
	for _, m := range regexp.MustCompile(`<([0-9A-F]{4})> <([0-9A-F]+)>`).FindAllStringSubmatch(update, -1) {
		b, _ := hex.DecodeString(m[2])
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
		toUnicode[m[1]] = string(utf16.Decode(u))
	}
	var lines []string
	for _, m := range regexp.MustCompile(`<([0-9A-F]*)> Tj`).FindAllStringSubmatch(update, -1) {
		var line strings.Builder
		for i := 0; i+4 <= len(m[1]); i += 4 {
			s, ok := toUnicode[m[1][i:i+4]]
			if !ok {
				t.Fatalf("glyph %s in the widget has no ToUnicode entry", m[1][i:i+4])
			}
			line.WriteString(s)
		}
		lines = append(lines, line.String())
	}
	want := []string{"Digitally signed by 黄伟", info.Reason, "2025-03-14 09:30 UTC"}
	if strings.Join(lines, "|") != strings.Join(want, "|") {
		t.Errorf("the widget's text reads %q, want %q", lines, want)
	}

	rep, err := signing.Verify(signed, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Signatures) != 1 || !rep.Signatures[0].Valid || !rep.Signatures[0].CoversWholeFile {
		t.Fatalf("Verify does not accept the signature with its font objects: %+v", rep.Signatures)
	}
	if len(rep.ChangesAfterLastSignature) != 0 {
		t.Errorf("Verify reports changes after signing: %q", rep.ChangesAfterLastSignature)
	}
}

func TestWidgetWithEmbeddedFontIsValidForPdfsig(t *testing.T) {
	bin, err := exec.LookPath("pdfsig")
	if err != nil {
		t.Fatal("pdfsig is not installed: run scripts/install-deps.sh (poppler-utils)")
	}
	_, signed, _ := chineseSignature(t)
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, signed, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfsig failed: %v\n%s", err, out)
	}
	for _, want := range []string{"Signature Validation: Signature is Valid.", "Total document signed"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("pdfsig does not say %q:\n%s", want, out)
		}
	}
}
