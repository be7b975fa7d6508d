package signing

import (
	"strings"
	"testing"
	"time"
)

// A widget drawn in the built-in Helvetica (a Latin name, or no room to
// draw at all) keeps its font dictionary as an object of its own: poppler
// names a font written inside a resource dictionary by a made-up object
// number, and pdffonts then reported "Internal Error: xref num … not
// found" for every such signed opinion (pdffonts fails the test on any
// complaint).
func TestPdffontsReadsAHelveticaWidgetWithoutError(t *testing.T) {
	for _, info := range []SignatureInfo{
		widgetInfo("Anna Keller", "Chair — approval"),
		{Name: "Anna Keller", Reason: "Chair — approval", Time: time.Now()}, // invisible
	} {
		signed, _ := signWithFont(t, info, nil)
		if fonts := strings.Join(pdffonts(t, signed), "\n"); !strings.Contains(fonts, "Helvetica") {
			t.Errorf("pdffonts does not list the widget's Helvetica (widget %v):\n%s", info.Rect, fonts)
		}
	}
}
