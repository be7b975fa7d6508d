package opinion

import (
	"bytes"

	"github.com/jung-kurt/gofpdf"
)

const (
	kvLabelW = 130.0
	boxPad   = 10.0
	cellPad  = 4.0
)

// keyValues prints label/value rows; a long value flows onto the next
// page with its label kept on the first line.
func (w *writer) keyValues(rows []Field) {
	w.space(4)
	for _, f := range rows {
		labels := w.wrap(f.Label, labelSpec, kvLabelW-10)
		values := w.wrap(f.Value, bodySpec, textW-kvLabelW)
		w.ensure(float64(min(len(values), 3)) * bodySpec.leading)
		top := w.y
		w.flow(values, marginL+kvLabelW, bodySpec, textW-kvLabelW, false, func(t float64) { top = t })
		for i, ln := range labels {
			w.drawLine(marginL, top+float64(i)*bodySpec.leading+1, ln, labelSpec, 0, false)
		}
		if end := top + float64(len(labels))*bodySpec.leading; w.y < end && len(values) < len(labels) {
			w.y = end
		}
		w.y += 3
	}
	w.space(6)
}

// box prints a label and text inside a thin border. A box too long for
// one page is continued with a border on each page it occupies.
func (w *writer) box(label, text string) {
	inner := textW - 2*boxPad
	labels := w.wrap(label, labelSpec, inner)
	body := w.wrap(text, bodySpec, inner)
	height := float64(len(labels))*labelSpec.leading + 4 + float64(len(body))*bodySpec.leading + 2*boxPad
	w.space(8)
	if height <= contentBottom-contentTop {
		w.ensure(height)
	} else {
		w.ensure(boxPad*2 + labelSpec.leading + 3*bodySpec.leading)
	}
	start := w.y
	w.y += boxPad
	for _, ln := range labels {
		w.drawLine(marginL+boxPad, w.y, ln, labelSpec, inner, false)
		w.y += labelSpec.leading
	}
	w.y += 4
	if len(body) == 0 {
		w.boxBorder(start, w.y+boxPad) // a box with a label only
	}
	for len(body) > 0 {
		fit := int((contentBottom - boxPad - w.y) / bodySpec.leading)
		if fit < 1 {
			fit = 1
		}
		if fit > len(body) {
			fit = len(body)
		}
		for _, ln := range body[:fit] {
			w.drawLine(marginL+boxPad, w.y, ln, bodySpec, inner, true)
			w.y += bodySpec.leading
		}
		body = body[fit:]
		w.boxBorder(start, w.y+boxPad)
		if len(body) > 0 {
			w.newPage()
			start = w.y
			w.y += boxPad
		}
	}
	w.y += boxPad + 10
}

func (w *writer) boxBorder(top, bottom float64) {
	w.pdf.SetDrawColor(60, 60, 60)
	w.pdf.SetLineWidth(0.8)
	w.pdf.Rect(marginL, top, textW, bottom-top, "D")
}

// table prints a ruled table; rows taller than a page are split between
// lines, and the header row is repeated after each page break.
func (w *writer) table(headers []string, rows [][]string, widths []float64) {
	cols := len(headers)
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	xs, ws := columnLayout(cols, widths)
	cellLines := func(cells []string, sp textSpec) [][]line {
		out := make([][]line, cols)
		for i := 0; i < cols && i < len(cells); i++ {
			out[i] = w.wrap(cells[i], sp, ws[i]-2*cellPad)
		}
		return out
	}
	head := cellLines(headers, labelSpec)
	headH := float64(maxLines(head))*labelSpec.leading + 2*cellPad
	drawHead := func() {
		if len(headers) == 0 {
			return
		}
		w.drawCells(xs, head, 0, maxLines(head), labelSpec)
		w.y += headH
		w.rule(w.y, marginL, marginL+textW, 0.6, 60)
	}
	w.space(6)
	w.ensure(headH + bodySpec.leading + 2*cellPad)
	w.rule(w.y, marginL, marginL+textW, 0.6, 60)
	drawHead()
	for _, row := range rows {
		cells := cellLines(row, bodySpec)
		n := maxLines(cells)
		if h := float64(n)*bodySpec.leading + 2*cellPad; h <= contentBottom-contentTop-headH && h > w.room() {
			w.newPage()
			drawHead()
		}
		for from := 0; from < n || n == 0; {
			fit := int((w.room() - 2*cellPad) / bodySpec.leading)
			if fit < 1 {
				w.newPage()
				drawHead()
				continue
			}
			to := min(n, from+fit)
			w.drawCells(xs, cells, from, to, bodySpec)
			w.y += float64(to-from)*bodySpec.leading + 2*cellPad
			w.rule(w.y, marginL, marginL+textW, 0.25, 150)
			from = to
			if from < n {
				w.newPage()
				drawHead()
			}
			if n == 0 {
				break
			}
		}
	}
	w.space(10)
}

func (w *writer) drawCells(xs []float64, cells [][]line, from, to int, sp textSpec) {
	for c, lines := range cells {
		for i := from; i < to && i < len(lines); i++ {
			w.drawLine(xs[c]+cellPad, w.y+cellPad+float64(i-from)*sp.leading, lines[i], sp, 0, false)
		}
	}
}

func maxLines(cells [][]line) int {
	n := 0
	for _, c := range cells {
		n = max(n, len(c))
	}
	return n
}

// columnLayout turns relative widths into x positions and point widths.
func columnLayout(cols int, rel []float64) (xs, ws []float64) {
	total := 0.0
	for i := 0; i < cols; i++ {
		if i < len(rel) && rel[i] > 0 {
			total += rel[i]
		} else {
			total++
		}
	}
	x := marginL
	for i := 0; i < cols; i++ {
		r := 1.0
		if i < len(rel) && rel[i] > 0 {
			r = rel[i]
		}
		xs = append(xs, x)
		ws = append(ws, textW*r/total)
		x += textW * r / total
	}
	return xs, ws
}

// image places a PNG at the left margin, scaled to fit the text width.
func (w *writer) image(name string, data []byte, width, height float64) {
	opt := gofpdf.ImageOptions{ImageType: "PNG"}
	info := w.pdf.RegisterImageOptionsReader(name, opt, bytes.NewReader(data))
	if info == nil || info.Width() <= 0 || info.Height() <= 0 {
		return
	}
	if width <= 0 || width > textW {
		width = min(textW, info.Width())
	}
	if height <= 0 {
		height = width * info.Height() / info.Width()
	}
	if maxH := contentBottom - contentTop; height > maxH {
		width, height = width*maxH/height, maxH
	}
	w.space(6)
	w.ensure(height)
	w.pdf.ImageOptions(name, marginL, w.y, width, height, false, opt, 0, "")
	w.y += height + 8
}
