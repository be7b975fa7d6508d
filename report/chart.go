package report

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	embedded "ethicsdesk/assets/fonts"
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
	labelSize   = 15 // pixels: 7.5 pt on the page, as the table's text
)

// labelFace draws the chart's labels: the embedded WenQuanYi Micro Hei,
// which has Latin and Chinese, so that "Under review" and "审查中" both
// print (the PDF's own text is set by package opinion; the chart is an
// image, so it draws its words itself).
var labelFace = sync.OnceValues(func() (font.Face, error) {
	ttf, err := embedded.Face(embedded.Chinese)
	if err != nil {
		return nil, err
	}
	f, err := opentype.Parse(ttf)
	if err != nil {
		return nil, err
	}
	return opentype.NewFace(f, &opentype.FaceOptions{Size: labelSize, DPI: 72, Hinting: font.HintingFull})
})

// BarChartPNG draws a breakdown as horizontal bars, received above decided
// for each row, with the counts at the bars' ends and a legend below
// (legend: the received and the decided series' names, in the report's
// language). The rows' labels are drawn as they are, Chinese included.
func BarChartPNG(t cases.StatTable, legend [2]string) ([]byte, error) {
	face, err := labelFace()
	if err != nil {
		return nil, fmt.Errorf("the chart's font could not be loaded: %v", err)
	}
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
		drawText(img, face, chartMargin, y+19, fitted(face, r.Label, labelWidth-chartMargin-8))
		for j, v := range []int{r.Received, r.Decided} {
			col := ReceivedColor
			if j == 1 {
				col = DecidedColor
			}
			by := y + 3 + j*(barHeight+2)
			w := v * barSpace / maxV
			draw.Draw(img, image.Rect(labelWidth, by, labelWidth+w, by+barHeight), &image.Uniform{col}, image.Point{}, draw.Src)
			drawText(img, face, labelWidth+w+4, by+barHeight, fmt.Sprint(v))
		}
	}
	ly := h - 14
	x := labelWidth
	for j, name := range legend {
		col := ReceivedColor
		if j == 1 {
			col = DecidedColor
		}
		draw.Draw(img, image.Rect(x, ly-9, x+12, ly+1), &image.Uniform{col}, image.Point{}, draw.Src)
		x = drawText(img, face, x+16, ly+1, name) + 40
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// drawText draws s with its baseline at y and returns where it ended.
func drawText(img draw.Image, face font.Face, x, y int, s string) int {
	d := font.Drawer{Dst: img, Src: &image.Uniform{textColor}, Face: face, Dot: fixed.P(x, y)}
	d.DrawString(s)
	return d.Dot.X.Round()
}

// fitted is s, cut with "…" to fit width pixels.
func fitted(face font.Face, s string, width int) string {
	if font.MeasureString(face, s).Round() <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && font.MeasureString(face, string(r)+"…").Round() > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}
