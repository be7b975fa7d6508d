package opinion

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/jung-kurt/gofpdf"
)

// The document's font subsets are embedded as they are, each with a
// CIDToGIDMap made from its own cmap. Its pages must rasterise to the same
// pixels as when gofpdf cuts each subset again itself (the way it embeds a
// font): Latin, bold and Chinese text, justified, with the page furniture.
// A map that sent a character to the wrong glyph, or to none, would show.
// It swaps the package's addSubsetFont while it renders, so it must not
// run beside another render (no t.Parallel in this package).
func TestSubsetsEmbeddedAsTheyAreDrawTheSameGlyphsAsACut(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Fatal("pdftoppm is not installed: run scripts/install-deps.sh (Debian package poppler-utils)")
	}
	for _, doc := range mixedScriptOpinions(2) {
		asIs, _, err := Render(doc)
		if err != nil {
			t.Fatal(err)
		}
		addSubsetFont = (*gofpdf.Fpdf).AddUTF8FontFromBytes
		cut, _, err := Render(doc)
		addSubsetFont = (*gofpdf.Fpdf).AddUTF8SubsetFontFromBytes
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(asIs, cut) {
			t.Fatal("the two ways of embedding the fonts gave the same file: the test compares nothing")
		}
		a, c := rasterise(t, asIs), rasterise(t, cut)
		if len(a) != len(c) || len(a) == 0 {
			t.Fatalf("%d pages embedded as they are, %d cut again", len(a), len(c))
		}
		for i := range a {
			if !bytes.Equal(a[i], c[i]) {
				t.Errorf("page %d of %q does not look the same with its fonts embedded as they are", i+1, doc.Title)
			}
		}
	}
}

// rasterise renders each page of pdf with pdftoppm and returns the PNGs.
func rasterise(t *testing.T, pdf []byte) [][]byte {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", "50", "-png", p, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	names, err := filepath.Glob(filepath.Join(dir, "page-*.png"))
	if err != nil {
		t.Fatal(err)
	}
	var pages [][]byte
	for _, n := range names { // pdftoppm pads the numbers, so they sort
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, b)
	}
	return pages
}
