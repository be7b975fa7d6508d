package report

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"

	"ethicsdesk/cases"
)

// Colours of the two series, the same as the statistics screen's.
var (
	ReceivedColor = color.RGBA{0x2e, 0x6f, 0xb5, 0xff}
	DecidedColor  = color.RGBA{0xe0, 0x8a, 0x1e, 0xff}
	textColor     = color.RGBA{0x22, 0x22, 0x22, 0xff}
)

const (
	chartWidth  = 1000 // pixels; placed 500 pt wide, so 2 px a point
	labelWidth  = 330
	rowHeight   = 30
	barHeight   = 11
	chartMargin = 10
)

// BarChartPNG draws a breakdown as horizontal bars, received above decided
// for each row, with the counts at the bars' ends and a legend below. The
// labels are drawn with a built-in ASCII font: the breakdown labels are
// the English names of codes; other characters show as boxes.
func BarChartPNG(t cases.StatTable) ([]byte, error) {
	n := len(t.Rows)
	h := chartMargin*2 + max(n, 1)*rowHeight + 24
	img := image.NewRGBA(image.Rect(0, 0, chartWidth, h))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	maxV := 1
	for _, r := range t.Rows {
		maxV = max(maxV, r.Received, r.Decided)
	}
	barSpace := chartWidth - labelWidth - chartMargin - 60
	for i, r := range t.Rows {
		y := chartMargin + i*rowHeight
		drawText(img, chartMargin, y+18, truncate(r.Label, 46))
		for j, v := range []int{r.Received, r.Decided} {
			col := ReceivedColor
			if j == 1 {
				col = DecidedColor
			}
			by := y + 3 + j*(barHeight+2)
			w := v * barSpace / maxV
			draw.Draw(img, image.Rect(labelWidth, by, labelWidth+w, by+barHeight), &image.Uniform{col}, image.Point{}, draw.Src)
			drawText(img, labelWidth+w+4, by+barHeight-1, fmt.Sprint(v))
		}
	}
	ly := h - 14
	draw.Draw(img, image.Rect(labelWidth, ly-9, labelWidth+12, ly+1), &image.Uniform{ReceivedColor}, image.Point{}, draw.Src)
	drawText(img, labelWidth+16, ly, "Received in the period")
	draw.Draw(img, image.Rect(labelWidth+220, ly-9, labelWidth+232, ly+1), &image.Uniform{DecidedColor}, image.Point{}, draw.Src)
	drawText(img, labelWidth+236, ly, "Decided in the period")
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func drawText(img draw.Image, x, y int, s string) {
	d := font.Drawer{Dst: img, Src: &image.Uniform{textColor}, Face: basicfont.Face7x13, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
