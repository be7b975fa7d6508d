package opinion

import (
	"bytes"
	"strings"

	"github.com/jung-kurt/gofpdf"
)

var (
	letterheadSpec = textSpec{styleBold, 15, 19, 20}
	addressSpec    = textSpec{styleRegular, 9, 12, 70}
	furnitureSpec  = textSpec{styleRegular, 8, 10, 90}
	watermarkSpec  = textSpec{styleBold, 96, 96, 0}
)

const (
	letterheadTop = 50.0
	logoH         = 46.0
	ruleGray      = 120
)

// letterhead draws the committee's name, address and logo at the top of
// page 1, closed by a rule, and leaves w.y below it.
func (w *writer) letterhead(lh Letterhead) {
	x := marginL
	top := letterheadTop
	if len(lh.Logo) > 0 {
		info := w.pdf.RegisterImageOptionsReader("logo", gofpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(lh.Logo))
		if info != nil && info.Height() > 0 {
			lw := logoH * info.Width() / info.Height()
			w.pdf.ImageOptions("logo", marginL, top, lw, logoH, false, gofpdf.ImageOptions{ImageType: "PNG"}, 0, "")
			x += lw + 14
		}
	}
	y := top
	for _, ln := range w.wrap(lh.Name, letterheadSpec, pageW-marginR-x) {
		w.drawLine(x, y, ln, letterheadSpec, 0, false)
		y += letterheadSpec.leading
	}
	for _, ln := range w.wrap(strings.TrimSpace(lh.Address), addressSpec, pageW-marginR-x) {
		w.drawLine(x, y, ln, addressSpec, 0, false)
		y += addressSpec.leading
	}
	if len(lh.Logo) > 0 && y < top+logoH {
		y = top + logoH
	}
	y += 8
	w.rule(y, marginL, pageW-marginR, 0.8, ruleGray)
	w.rule(y+2, marginL, pageW-marginR, 0.3, ruleGray)
	w.y = y + 14
}

// furniture adds what every page carries, once the page count is known:
// a running head on pages after the first, the footer with reference,
// date and "Page X of Y", and the draft marking.
func (w *writer) furniture(d *Document, pages int) {
	date := d.lang.FormatDate(d.date)
	left := d.lang.reference() + " " + d.reference
	if d.reference == "" {
		left = ""
	}
	if date != "" {
		if left != "" {
			left += " · "
		}
		left += date
	}
	if d.draft {
		left = d.lang.draftMark() + " · " + left
	}
	for n := 1; n <= pages; n++ {
		w.pdf.SetPage(n)
		if n > 1 {
			y := 46.0
			w.text(marginL, y, d.letterhead.Name, furnitureSpec)
			if d.reference != "" {
				w.text(pageW-marginR-w.width(d.reference, furnitureSpec), y, d.reference, furnitureSpec)
			}
			w.rule(y+6, marginL, pageW-marginR, 0.3, ruleGray)
		}
		fy := pageH - 48
		w.rule(fy-10, marginL, pageW-marginR, 0.3, ruleGray)
		w.text(marginL, fy, left, furnitureSpec)
		pageNo := d.lang.pageOf(n, pages)
		w.text(pageW-marginR-w.width(pageNo, furnitureSpec), fy, pageNo, furnitureSpec)
		if d.draft {
			w.watermark(d.lang.watermark())
		}
	}
}

// watermark prints a large, faint, diagonal DRAFT across the page.
func (w *writer) watermark(word string) {
	wd := w.width(word, watermarkSpec)
	w.pdf.SetAlpha(0.12, "Normal")
	w.pdf.TransformBegin()
	w.pdf.TransformRotate(45, pageW/2, pageH/2)
	w.text(pageW/2-wd/2, pageH/2+watermarkSpec.size*0.35, word, textSpec{styleBold, watermarkSpec.size, 0, 60})
	w.pdf.TransformEnd()
	w.pdf.SetAlpha(1, "Normal")
}

// drawCentered draws one line centred between the margins.
func (w *writer) drawCentered(ln line, sp textSpec) {
	w.ensure(sp.leading)
	w.drawLine(marginL+(textW-ln.width)/2, w.y, ln, sp, 0, false)
	w.y += sp.leading
}
