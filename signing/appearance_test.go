package signing

import (
	"bytes"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"
)

// renderPage renders page 1 of doc with poppler's pdftoppm in grey at 2
// pixels per point, as a viewer shows it (signature widgets included).
func renderPage(t *testing.T, doc []byte) *image.Gray {
	t.Helper()
	bin, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Fatal("pdftoppm is not installed: run scripts/install-deps.sh (poppler-utils)")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(in, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	// PGM rather than PNG: pdftoppm writes it several times faster.
	out, err := exec.Command(bin, "-gray", "-r", "144", "-f", "1", "-l", "1", "-singlefile", in, filepath.Join(dir, "page")).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "page.pgm"))
	if err != nil {
		t.Fatal(err)
	}
	var magic string
	var w, h, maxVal int
	if _, err := fmt.Sscan(string(data[:min(len(data), 32)]), &magic, &w, &h, &maxVal); err != nil || magic != "P5" || maxVal != 255 {
		t.Fatalf("pdftoppm wrote no 8-bit PGM: %v", err)
	}
	// The header ends with one white-space byte after maxval.
	header := bytes.Index(data, []byte("255")) + len("255") + 1
	if len(data)-header != w*h {
		t.Fatalf("the PGM holds %d pixel bytes, want %d×%d", len(data)-header, w, h)
	}
	return &image.Gray{Pix: data[header:], Stride: w, Rect: image.Rect(0, 0, w, h)}
}

// inkBand is a run of pixel rows holding text, and the columns its ink spans.
type inkBand struct{ top, bottom, left, right int }

// textBands finds the rows of text inside box (pixels), leaving out a
// margin of 3 pixels where the frame is drawn.
func textBands(img *image.Gray, box image.Rectangle) []inkBand {
	inner := box.Inset(3)
	var bands []inkBand
	in := false
	for y := inner.Min.Y; y < inner.Max.Y; y++ {
		left, right := -1, -1
		for x := inner.Min.X; x < inner.Max.X; x++ {
			if img.GrayAt(x, y).Y < 128 {
				if left < 0 {
					left = x
				}
				right = x
			}
		}
		switch {
		case left >= 0 && !in:
			bands = append(bands, inkBand{top: y, bottom: y, left: left, right: right})
			in = true
		case left >= 0:
			b := &bands[len(bands)-1]
			b.bottom, b.left, b.right = y, min(b.left, left), max(b.right, right)
		default:
			in = false
		}
	}
	return bands
}

// framed says whether the line of pixels from a to b (inclusive, straight)
// is drawn, within 2 pixels across, along at least 90% of its length.
func framed(img *image.Gray, a, b image.Point) bool {
	n, drawn := 0, 0
	for p := a; ; {
		n++
		dark := false
		for d := -2; d <= 2; d++ {
			q := p.Add(image.Pt(d, 0)) // across a vertical line
			if a.Y == b.Y {
				q = p.Add(image.Pt(0, d))
			}
			if img.GrayAt(q.X, q.Y).Y < 240 {
				dark = true
			}
		}
		if dark {
			drawn++
		}
		if p == b {
			break
		}
		if a.X == b.X {
			p.Y++
		} else {
			p.X++
		}
	}
	return drawn*10 >= n*9
}

// A visible signature is drawn where its rectangle is, at its size: a
// frame on the rectangle's edges, and its three lines inside it, one under
// the other, each at the font size that fits three lines (at most 9
// points), neither squeezed nor cut. A rectangle given from its top right
// corner is the same rectangle.
func TestAVisibleSignatureStaysInsideItsBox(t *testing.T) {
	fx := newFixture(t)
	when := time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)
	doc := makePDF(t, 1, true)
	widgets := []struct {
		rect [4]float64
		size float64 // the font size the three lines fit at
	}{
		{[4]float64{50, 100, 250, 150}, 9},    // tall enough: 9 points
		{[4]float64{500, 200, 300, 170}, 7.5}, // 30 points high: 30/4; corners given the other way round
	}
	for _, w := range widgets {
		var err error
		doc, err = SignPDF(doc, fx.rapporteur, SignatureInfo{Name: "Li Wei", Reason: "Rapporteur - author", Time: when, Page: 1, Rect: w.rect})
		if err != nil {
			t.Fatal(err)
		}
	}
	img := renderPage(t, doc)
	const scale = 2.0 // pixels per point at 144 dpi
	pageHeight := float64(img.Bounds().Dy()) / scale
	measure := gofpdf.New("P", "pt", "A4", "")
	for _, w := range widgets {
		x0, x1 := min(w.rect[0], w.rect[2]), max(w.rect[0], w.rect[2])
		y0, y1 := min(w.rect[1], w.rect[3]), max(w.rect[1], w.rect[3])
		box := image.Rect(int(x0*scale), int((pageHeight-y1)*scale), int(x1*scale), int((pageHeight-y0)*scale))
		for _, edge := range [][2]image.Point{
			{box.Min, image.Pt(box.Max.X-1, box.Min.Y)},                            // top
			{image.Pt(box.Min.X, box.Max.Y-1), image.Pt(box.Max.X-1, box.Max.Y-1)}, // bottom
			{box.Min, image.Pt(box.Min.X, box.Max.Y-1)},                            // left
			{image.Pt(box.Max.X-1, box.Min.Y), image.Pt(box.Max.X-1, box.Max.Y-1)}, // right
		} {
			if !framed(img, edge[0], edge[1]) {
				t.Errorf("widget %v: no frame drawn from %v to %v", w.rect, edge[0], edge[1])
			}
		}
		bands := textBands(img, box)
		if len(bands) != 3 {
			t.Errorf("widget %v: %d lines of text inside the frame, want 3 (name, meaning, date): %+v", w.rect, len(bands), bands)
			continue
		}
		// The lowest line's digits stand on their baseline, a fifth of
		// a line above the frame's bottom: they must not touch it.
		if gap := box.Max.Y - 1 - bands[2].bottom; gap < int(0.2*w.size*scale) {
			t.Errorf("widget %v: the date line ends %d pixels above the frame's bottom: cut or crowded", w.rect, gap)
		}
		if gap := bands[0].top - box.Min.Y; gap < 2 {
			t.Errorf("widget %v: the first line starts %d pixels below the frame's top: cut", w.rect, gap)
		}
		measure.SetFont("Helvetica", "", w.size)
		for i, want := range []string{"Digitally signed by Li Wei", "Rapporteur - author"} {
			wantPx := measure.GetStringWidth(want) * scale
			if got := float64(bands[i].right - bands[i].left + 1); got < 0.92*wantPx || got > 1.02*wantPx {
				t.Errorf("widget %v: %q is %.0f pixels wide, want about %.0f (Helvetica %.1f pt)", w.rect, want, got, wantPx, w.size)
			}
		}
		// Digits stand about 0.7 em high.
		if got, want := float64(bands[2].bottom-bands[2].top+1), 0.7*w.size*scale; got < 0.85*want || got > 1.15*want {
			t.Errorf("widget %v: the date line is %.0f pixels high, want about %.0f", w.rect, got, want)
		}
	}
	if t.Failed() {
		path := filepath.Join(os.TempDir(), "signature-widgets.pdf")
		_ = os.WriteFile(path, doc, 0o644)
		t.Logf("the signed document is in %s", path)
	}
}

// coveringFont is a font whose glyph map covers every character of the
// widgets signed for info, so that it would be embedded if anything were
// drawn.
func coveringFont(info SignatureInfo) *AppearanceFont {
	f := &AppearanceFont{TTF: bytes.Repeat([]byte{0}, 64), BaseName: "Test", Glyphs: map[rune]AppearanceGlyph{}}
	for i, r := range []rune(AppearanceText(info)) {
		f.Glyphs[r] = AppearanceGlyph{ID: uint16(i + 1), Advance: 500}
	}
	return f
}

// An invisible signature (a rectangle without width or height) draws
// nothing, so it carries no text and no font program, whatever font the
// caller offers.
func TestAnInvisibleSignatureDrawsNothingAndEmbedsNoFont(t *testing.T) {
	fx := newFixture(t)
	when := time.Now()
	for _, rect := range [][4]float64{{}, {50, 100, 50, 150}, {50, 100, 250, 100}} {
		info := SignatureInfo{Name: "黄伟", Reason: "Chair", Time: when, Page: 1, Rect: rect}
		info.Font = coveringFont(info)
		signed, err := SignPDF(fx.unsigned, fx.chair, info)
		if err != nil {
			t.Fatal(err)
		}
		update := signed[len(fx.unsigned):]
		if bytes.Contains(update, []byte("/FontFile2")) || bytes.Contains(update, []byte("Tj")) {
			t.Errorf("rectangle %v: the invisible signature draws text or embeds a font program", rect)
		}
		r, err := Verify(signed, RootPool(fx.root.Cert))
		if err != nil {
			t.Fatal(err)
		}
		if !r.OK() {
			t.Errorf("rectangle %v: the invisible signature does not verify:\n%s", rect, r)
		}
	}
}

// Without a font that covers it, the widget writes Latin-1 as it is, en
// and em dashes as hyphens, and any other character (from U+0100 on) as
// '?', since Helvetica cannot show it. (The writer escapes bytes above
// 0x7e in octal.)
func TestTheHelveticaWidgetWritesLatin1AndQuestionMarks(t *testing.T) {
	fx := newFixture(t)
	signed, err := SignPDF(fx.unsigned, fx.chair, SignatureInfo{Name: "Ādám Øster", Reason: "Chair — approval – ÿ", Time: time.Now(),
		Page: 1, Rect: [4]float64{50, 100, 250, 150}})
	if err != nil {
		t.Fatal(err)
	}
	update := signed[len(fx.unsigned):]
	for _, want := range []string{`(Digitally signed by ?d\341m \330ster) Tj`, `(Chair - approval - \377) Tj`} {
		if !bytes.Contains(update, []byte(want)) {
			t.Errorf("the widget does not write %q", want)
		}
	}
}

// The field's name, the meaning and the place are text strings that other
// tools read as written: Chinese, parentheses and backslashes included.
func TestTheSignaturesTextsReadTheSameInOtherTools(t *testing.T) {
	fx := newFixture(t)
	info := SignatureInfo{FieldName: "主席签名", Reason: `Chair (approval) \ 100% ~`, Location: "深圳 Shenzhen",
		Time: time.Now(), Page: 1, Rect: [4]float64{50, 100, 250, 150}}
	signed, err := SignPDF(fx.unsigned, fx.chair, info)
	if err != nil {
		t.Fatal(err)
	}
	if out := pdfsigOrFail(t, signed); !strings.Contains(out, "Signature Field Name: 主席签名\n") || !strings.Contains(out, "Signature is Valid.") {
		t.Errorf("pdfsig does not read the field's Chinese name or the signature:\n%s", out)
	}
	r, err := Verify(signed, RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	if s := r.Signatures[0]; s.FieldName != info.FieldName || s.Reason != info.Reason || s.Location != info.Location {
		t.Errorf("the texts read back as %q, %q, %q", s.FieldName, s.Reason, s.Location)
	}
}
