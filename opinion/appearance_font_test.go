package opinion

import "testing"

func TestSubsetFontForDrawsChineseWithMatchingGlyphIDs(t *testing.T) {
	if !fonts().hasCJK {
		t.Fatal("no Chinese TrueType font installed: run scripts/install-deps.sh (fonts-wqy-microhei)")
	}
	text := "Digitally signed by 黄伟\n主席 Chair — approval"
	f, ok := SubsetFontFor(text)
	if !ok {
		t.Fatal("no subset font for a Chinese name although a Chinese font is installed")
	}
	sub, err := parseSfnt(f.TTF)
	if err != nil {
		t.Fatalf("the subset is not a readable TrueType font: %v", err)
	}
	for _, r := range text {
		if r == '\n' {
			continue
		}
		g, ok := f.Glyphs[r]
		if !ok || g.ID == 0 || sub.cmap[r] != g.ID {
			t.Errorf("%q: glyph %+v, but the subset maps it to %d", r, g, sub.cmap[r])
		}
	}
	if w := f.Glyphs['黄'].Advance; w < 900 || w > 1100 {
		t.Errorf("advance of 黄 is %d thousandths, want about a full em", w)
	}
	if len(f.TTF) > 200_000 {
		t.Errorf("subset is %d bytes; it should hold only the text's glyphs", len(f.TTF))
	}
}

func TestSubsetFontForRefusesTextNoFaceDraws(t *testing.T) {
	if _, ok := SubsetFontFor("signed by \U0001F600"); ok {
		t.Error("a font was offered for a character no installed face draws")
	}
	if _, ok := SubsetFontFor("\n"); ok {
		t.Error("a font was offered for empty text")
	}
}
