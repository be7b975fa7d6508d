package opinion

import (
	"os"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"

	embedded "ethicsdesk/assets/fonts"
)

// BenchmarkRenderOpinion10Pages renders a bilingual opinion of about ten
// pages. Fonts are parsed once per process (see BenchmarkFontLibraryLoad)
// and are not part of the per-document cost measured here.
func BenchmarkRenderOpinion10Pages(b *testing.B) {
	o := sampleOpinion(tenPages)
	fonts()
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Render(o); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFontLibraryLoad is the one-off cost, per process, of finding
// decompressing and parsing the embedded fonts (dominated by the 4.6 MB
// CJK face).
func BenchmarkFontLibraryLoad(b *testing.B) {
	for b.Loop() {
		loadFontLibrary(embedded.Face)
	}
}

// BenchmarkGofpdfWholeCJKFont is the approach this package avoids:
// handing gofpdf the whole CJK face for each document. It shows what a
// per-document subset saves.
func BenchmarkGofpdfWholeCJKFont(b *testing.B) {
	face, err := embedded.Face(embedded.Chinese)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		pdf := gofpdf.New("P", "pt", "A4", "")
		pdf.AddUTF8FontFromBytes("cjk", "", face)
		pdf.AddPage()
		pdf.SetFont("cjk", "", 11)
		pdf.Text(72, 72, chineseSentence)
		if err := pdf.Output(discard{}); err != nil {
			b.Fatal(err)
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// TestRenderIsFast guards the budget the signing flow relies on: a ten
// page bilingual opinion renders well under 100 ms. Timing on a shared
// or loaded machine is meaningless, so it runs only when asked:
// ETHICSDESK_TIMING=1.
func TestRenderIsFast(t *testing.T) {
	if os.Getenv("ETHICSDESK_TIMING") == "" {
		t.Skip("timing test; set ETHICSDESK_TIMING=1 on a quiet machine")
	}
	fonts()
	o := sampleOpinion(tenPages)
	best := time.Hour
	for i := 0; i < 5; i++ {
		start := time.Now()
		if _, _, err := Render(o); err != nil {
			t.Fatal(err)
		}
		best = min(best, time.Since(start))
	}
	if best > 60*time.Millisecond {
		t.Errorf("rendering ten pages took %v at best; budget is 60 ms", best)
	}
}
