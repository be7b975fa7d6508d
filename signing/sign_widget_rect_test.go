package signing

import (
	"strconv"
	"testing"

	"ethicsdesk/signing/internal/pdf"
)

// The signature's widget is written where it was asked to be, to the last
// digit of each coordinate, not rounded.
func TestTheWidgetIsPlacedExactlyWhereAsked(t *testing.T) {
	fx := newFixture(t)
	want := [4]float64{50.25, 100.125, 250.75, 150.0625}
	signed, err := SignPDF(fx.unsigned, fx.chair, SignatureInfo{Reason: "Chair — approval", FieldName: "Chair", Rect: want})
	if err != nil {
		t.Fatal(err)
	}
	d, err := pdf.Open(signed)
	if err != nil {
		t.Fatal(err)
	}
	_, field := firstField(t, d)
	rect, _ := field.Get("Rect").(pdf.Array)
	if len(rect) != 4 {
		t.Fatalf("the widget's /Rect is %v, want four numbers", field.Get("Rect"))
	}
	for i, e := range rect {
		r, ok := e.(pdf.Real)
		if !ok {
			t.Fatalf("coordinate %d of the widget's /Rect is %v, not a real number", i+1, e)
		}
		if got, err := strconv.ParseFloat(string(r), 64); err != nil || got != want[i] {
			t.Errorf("coordinate %d of the widget is %s, want %g", i+1, r, want[i])
		}
	}
}
