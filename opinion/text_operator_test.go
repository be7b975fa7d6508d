package opinion

import (
	"bytes"
	"fmt"
	"math"
	"math/rand"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/jung-kurt/gofpdf"
)

// gofpdf's Text is put together in one pass in this project's copy of it
// (appendText, appendFixed2, appendEscapedUTF16). Its operators must be
// the bytes the original wrote: "BT %.2f %.2f Td (…) Tj ET", the text in
// UTF-16BE for a UTF-8 font, escaped, and wrapped in "q … Q" when the text
// colour differs from the fill colour. Coordinates include ties and near
// ties of the second decimal, negative zeros and very large values.
func TestTextOperatorsAreTheOriginalBytes(t *testing.T) {
	coords := []float64{0, math.Copysign(0, -1), 72, 12.345, 0.005, -0.005, 0.015, 2.675, 1.005, -1.005, 1e-9, -1e-9,
		-0.004, 0.995, 99.995, 123456.785, 1e11 + 0.125, 1e13, -1e15, 595.2756, 841.89}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 400; i++ {
		coords = append(coords, (rng.Float64()-0.3)*900, float64(rng.Intn(90000))/200, float64(rng.Intn(1e6))/1000+0.0049999)
	}
	texts := []string{"Plain words", "(brackets) and back\\slash", "小 and 稀 hold escaped bytes", "café — naïve", "line\rreturn",
		"委员会 Committee 意见书", ""}
	for _, utf8 := range []bool{true, false} {
		pdf := gofpdf.New("P", "pt", "A4", "")
		pdf.SetCompression(false)
		if utf8 {
			pdf.AddUTF8FontFromBytes("face", "", fonts().faces[fonts().fallback[len(fonts().fallback)-1]].subset([]rune(strings.Join(texts, ""))))
			pdf.SetFont("face", "", 11)
		} else {
			pdf.SetFont("Helvetica", "", 11)
		}
		pdf.AddPage()
		_, h := pdf.GetPageSize()
		var want []string
		for i, x := range coords {
			y := coords[(i*7+3)%len(coords)]
			s := texts[i%len(texts)]
			color := ""
			if i%3 == 0 {
				pdf.SetTextColor(128, 128, 128)
				color = "0.502 g"
			} else {
				pdf.SetTextColor(0, 0, 0)
			}
			pdf.Text(x, y, s)
			want = append(want, referenceText(x, h-y, s, utf8, color))
		}
		var out bytes.Buffer
		if err := pdf.Output(&out); err != nil {
			t.Fatal(err)
		}
		got := regexp.MustCompile(`(?m)^(q [^\n]*? )?BT [^\n]*Tj ET( Q)?$`).FindAll(out.Bytes(), -1)
		if len(got) != len(want) {
			t.Fatalf("utf8 %v: %d text operators written, %d drawn", utf8, len(got), len(want))
		}
		for i := range want {
			if string(got[i]) != want[i] {
				t.Errorf("utf8 %v, text %d:\n got %q\nwant %q", utf8, i, got[i], want[i])
			}
		}
	}
}

// referenceText is Text's operator as gofpdf v1.16.2 wrote it.
func referenceText(x, y float64, s string, utf8 bool, color string) string {
	if utf8 {
		var b []byte
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u>>8), byte(u))
		}
		s = string(b)
	}
	s = strings.Replace(s, "\\", "\\\\", -1)
	s = strings.Replace(s, "(", "\\(", -1)
	s = strings.Replace(s, ")", "\\)", -1)
	s = strings.Replace(s, "\r", "\\r", -1)
	op := fmt.Sprintf("BT %.2f %.2f Td (%s) Tj ET", x, y, s)
	if color != "" {
		op = fmt.Sprintf("q %s %s Q", color, op)
	}
	return op
}
