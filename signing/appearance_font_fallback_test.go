package signing

import (
	"bytes"
	"testing"
	"time"
)

// A font that lacks one of the widget's characters must not be embedded:
// the widget keeps Helvetica rather than mixing glyphs and blanks.
func TestWidgetKeepsHelveticaWhenFontDoesNotCoverText(t *testing.T) {
	fx := newFixture(t)
	partial := &AppearanceFont{TTF: bytes.Repeat([]byte{0}, 64), Glyphs: map[rune]AppearanceGlyph{'黄': {ID: 1, Advance: 1000}}}
	out, err := SignPDF(fx.unsigned, fx.chair, SignatureInfo{Name: "黄伟", Reason: "Chair", Time: time.Now(),
		Page: 1, Rect: [4]float64{50, 100, 250, 150}, Font: partial})
	if err != nil {
		t.Fatal(err)
	}
	update := out[len(fx.unsigned):]
	if bytes.Contains(update, []byte("/Type0")) || !bytes.Contains(update, []byte("/BaseFont /Helvetica")) {
		t.Fatal("a font missing a character of the widget was embedded instead of falling back to Helvetica")
	}
	if !bytes.Contains(update, []byte("(Digitally signed by ??)")) {
		t.Error("the Helvetica fallback no longer writes the name as Latin-1 with '?'")
	}
}
