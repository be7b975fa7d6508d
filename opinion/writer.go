package opinion

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"
)

// Page geometry in PDF points (A4). Margins are generous on purpose: a
// formal document is read on paper, annotated and filed.
const (
	pageW         = 595.28
	pageH         = 841.89
	marginL       = 72.0
	marginR       = 72.0
	contentTop    = 76.0  // first line on pages after the first
	contentBottom = 770.0 // no text below this line
	textW         = pageW - marginL - marginR
	hangIndent    = 30.0 // hanging indent of numbered paragraphs
)

// textSpec is one typographic role: face style, size and line distance.
type textSpec struct {
	style   textStyle
	size    float64
	leading float64
	gray    int // 0 = black
}

var (
	bodySpec    = textSpec{styleRegular, 11, 15.5, 0}
	headingSpec = textSpec{styleBold, 11.5, 16, 0}
	labelSpec   = textSpec{styleBold, 10, 14, 60}
	smallSpec   = textSpec{styleRegular, 8, 11, 90}
	titleSpec   = textSpec{styleBold, 15, 20, 0}
	italicSpec  = textSpec{styleItalic, 10.5, 14.5, 40}
)

// writer lays out text on gofpdf pages. Text is measured with the
// process-wide font metrics and drawn run by run, each run in the face
// that has its characters.
type writer struct {
	pdf      *gofpdf.Fpdf
	lib      *fontLibrary
	family   map[int]string // face index -> gofpdf family name
	toCP1252 func(string) string
	y        float64 // top of the next line
	// pen, while a line is drawn, is the face, size and gray gofpdf last
	// set for it, so that a justified line's words, drawn one by one, set
	// them once: gofpdf writes a font selection into the page at every
	// SetFont and formats the colour at every SetTextColor, which was a
	// third of the time spent drawing text (profile of the ten-page
	// opinion). Outside a line it is off, and every run sets both, since
	// a new page or a transformation may have changed them.
	pen *penState
	// wrapped are the body paragraphs' lines, broken on another goroutine
	// while the pages are drawn; nil when they are broken as drawn.
	wrapped *prewrapped
}

// penState is what gofpdf has selected for the line being drawn.
type penState struct {
	family string
	size   float64
	gray   int
	inked  bool // gray is set
}

func (w *writer) newPage() {
	w.pdf.AddPage()
	w.y = contentTop
}

// room is the vertical space left on the current page.
func (w *writer) room() float64 { return contentBottom - w.y }

// ensure starts a new page unless h points fit on this one.
func (w *writer) ensure(h float64) {
	if h > w.room() && w.y > contentTop {
		w.newPage()
	}
}

func (w *writer) space(h float64) {
	if w.y > contentTop { // no blank space at the top of a page
		w.y += h
	}
}

// width measures s, in points, as it will be drawn.
func (w *writer) width(s string, sp textSpec) float64 {
	if w.lib.primary[sp.style] < 0 {
		w.setCoreFont(sp)
		return w.pdf.GetStringWidth(w.toCP1252(s))
	}
	var units float64
	for _, r := range s {
		r2, face := w.lib.resolve(r, sp.style)
		units += w.lib.faces[face].advance(r2)
	}
	return units * sp.size / 1000
}

func (w *writer) setCoreFont(sp textSpec) {
	style := map[textStyle]string{styleRegular: "", styleBold: "B", styleItalic: "I"}[sp.style]
	w.pdf.SetFont("Times", style, sp.size)
}

// text draws s with its baseline at y, switching faces between runs.
func (w *writer) text(x, y float64, s string, sp textSpec) {
	if p := w.pen; p == nil || !p.inked || p.gray != sp.gray {
		w.pdf.SetTextColor(sp.gray, sp.gray, sp.gray)
		if p != nil {
			p.gray, p.inked = sp.gray, true
		}
	}
	if w.lib.primary[sp.style] < 0 {
		w.setCoreFont(sp)
		w.pdf.Text(x, y, w.toCP1252(s))
		return
	}
	for _, r := range w.lib.splitRuns(s, sp.style) {
		w.selectFace(w.family[r.face], sp.size)
		w.pdf.Text(x, y, r.text)
		x += w.width(r.text, sp)
	}
}

// selectFace sets the face and size of the text that follows, unless the
// line being drawn has them already.
func (w *writer) selectFace(family string, size float64) {
	if p := w.pen; p != nil {
		if p.family == family && p.size == size {
			return
		}
		p.family, p.size = family, size
	}
	w.pdf.SetFont(family, "", size)
}

// baseline is where text sits in a line box whose top is top.
func baseline(top float64, sp textSpec) float64 {
	return top + (sp.leading-sp.size)/2 + sp.size*0.8
}

// placed is a token with its measured width.
type placed struct {
	text  string
	w     float64
	space bool
	cjk   bool
}

// line is one typeset line; last marks the end of a paragraph or of a
// forced line break, which is never justified.
type line struct {
	toks  []placed
	width float64
	last  bool
}

// wrap breaks s into lines no wider than maxW. Words longer than a line
// are cut between characters so that no input can overflow the margin.
func (w *writer) wrap(s string, sp textSpec, maxW float64) []line {
	var lines []line
	for _, hard := range strings.Split(s, "\n") {
		var cur line
		var pendingSpace *placed
		flush := func() {
			lines = append(lines, cur)
			cur, pendingSpace = line{}, nil
		}
		for _, t := range tokenize(hard) {
			p := placed{text: t.text, w: w.width(t.text, sp), space: t.space}
			if p.space {
				if len(cur.toks) > 0 {
					pendingSpace = &p
				}
				continue
			}
			r := []rune(t.text)
			p.cjk = isCJK(r[0])
			extra := p.w
			if pendingSpace != nil {
				extra += pendingSpace.w
			}
			if len(cur.toks) > 0 && cur.width+extra > maxW {
				flush()
			}
			for p.w > maxW { // a "word" wider than the line
				head, tail := w.cutToWidth(p.text, sp, maxW)
				if len(cur.toks) > 0 {
					flush()
				}
				cur.toks = []placed{{text: head, w: w.width(head, sp), cjk: p.cjk}}
				cur.width = cur.toks[0].w
				flush()
				p.text, p.w = tail, w.width(tail, sp)
			}
			if p.text == "" {
				continue
			}
			if pendingSpace != nil && len(cur.toks) > 0 {
				cur.toks = append(cur.toks, *pendingSpace)
				cur.width += pendingSpace.w
			}
			pendingSpace = nil
			cur.toks = append(cur.toks, p)
			cur.width += p.w
		}
		cur.last = true
		flush()
	}
	return lines
}

// cutToWidth splits s after the most characters that fit in maxW (at
// least one, so that progress is always made).
func (w *writer) cutToWidth(s string, sp textSpec, maxW float64) (string, string) {
	var acc float64
	for i, r := range s {
		acc += w.width(string(r), sp)
		if acc > maxW && i > 0 {
			return s[:i], s[i:]
		}
	}
	return s, ""
}

// drawLine draws ln at the line box top, justified to maxW unless it
// ends a paragraph.
func (w *writer) drawLine(x, top float64, ln line, sp textSpec, maxW float64, justify bool) {
	gaps, cjkGaps := 0, 0
	for i, t := range ln.toks {
		if t.space {
			gaps++
		} else if i > 0 && (t.cjk || ln.toks[i-1].cjk) && !ln.toks[i-1].space {
			cjkGaps++
		}
	}
	var extra float64
	slack := maxW - ln.width
	if justify && !ln.last && slack > 0 {
		if gaps+cjkGaps > 0 {
			extra = slack / float64(gaps+cjkGaps)
		}
		if extra > sp.size { // a nearly empty line: justifying would look broken
			extra = 0
		}
	}
	y := baseline(top, sp)
	w.pen = &penState{}
	defer func() { w.pen = nil }()
	var piece spacedPiece
	startX := x
	flush := func() {
		if piece.text.Len() > 0 {
			w.drawPiece(startX, y, &piece, extra, sp)
		}
	}
	for i, t := range ln.toks {
		gap := t.space || (i > 0 && (t.cjk || ln.toks[i-1].cjk) && !ln.toks[i-1].space)
		if gap && extra > 0 && piece.text.Len() > 0 {
			if !t.space && piece.takes(w.lib, t, sp.style) {
				// One more character of a run of Chinese: drawn with the
				// run, the character spacing putting the gap before it.
				piece.addAfterGap(t)
				x += extra + t.w
				continue
			}
			flush()
			x += extra
			startX = x
		}
		if t.space && extra > 0 {
			x += t.w
			startX = x
			continue
		}
		if piece.gapped { // never after a Chinese character, which a gap always follows; kept safe
			flush()
			startX = x
		}
		piece.start(w.lib, t, sp.style)
		x += t.w
	}
	flush()
}

// spacedPiece is text drawn by one call: tokens with no gap between them,
// or a run of single characters of one face each followed by the same
// justification gap (Chinese, which is justified between every two
// characters). Drawing such a run character by character was most of the
// text operators of a Chinese opinion, and of the time spent drawing it.
type spacedPiece struct {
	text   strings.Builder
	face   int  // the face of a run of single characters
	single bool // text is single characters so far, one gap after each
	gapped bool // at least one gap is in text
}

// start adds t without a gap: to a new piece, or joined to the last token.
func (p *spacedPiece) start(lib *fontLibrary, t placed, st textStyle) {
	if p.text.Len() == 0 {
		p.single = utf8.RuneCountInString(t.text) == 1 && t.cjk
		if p.single {
			_, p.face = lib.resolve([]rune(t.text)[0], st)
		}
	} else {
		p.single = false
	}
	p.text.WriteString(t.text)
}

// takes says whether t, after a gap, can join the piece's run.
func (p *spacedPiece) takes(lib *fontLibrary, t placed, st textStyle) bool {
	if !p.single || !t.cjk || utf8.RuneCountInString(t.text) != 1 {
		return false
	}
	_, face := lib.resolve([]rune(t.text)[0], st)
	return face == p.face && face >= 0
}

// addAfterGap adds t to the run, the justification gap before it.
func (p *spacedPiece) addAfterGap(t placed) {
	p.text.WriteString(t.text)
	p.gapped = true
}

// drawPiece draws the piece at x and empties it. A run of characters is
// drawn with the justification gap as character spacing (Tc), which PDF
// adds after every glyph whatever the font's encoding, and set back to 0.
func (w *writer) drawPiece(x, y float64, p *spacedPiece, extra float64, sp textSpec) {
	if p.gapped {
		w.pdf.RawWriteStr(fmt.Sprintf("%.4f Tc", extra*w.pdf.GetConversionRatio()))
		w.text(x, y, p.text.String(), sp)
		w.pdf.RawWriteStr("0 Tc")
	} else {
		w.text(x, y, p.text.String(), sp)
	}
	p.text.Reset()
	p.single, p.gapped = false, false
}

// flow draws lines at x, breaking pages as needed without leaving a
// single line of a paragraph alone at the bottom or the top of a page.
func (w *writer) flow(lines []line, x float64, sp textSpec, maxW float64, justify bool, first func(top float64)) {
	for len(lines) > 0 {
		fit := int(w.room() / sp.leading)
		n := len(lines)
		switch {
		case fit >= n:
			fit = n
		case fit < 2 && w.y > contentTop: // orphan: move the paragraph on
			w.newPage()
			continue
		case n-fit == 1 && fit >= 3: // widow: take one more line along
			fit--
		}
		if fit < 1 {
			fit = 1
		}
		for i := 0; i < fit; i++ {
			if first != nil {
				first(w.y)
				first = nil
			}
			w.drawLine(x, w.y, lines[i], sp, maxW, justify)
			w.y += sp.leading
		}
		lines = lines[fit:]
		if len(lines) > 0 {
			w.newPage()
		}
	}
}

// paragraphWidth is the width of a body paragraph's lines: less the
// hanging indent when it is numbered (num set).
func paragraphWidth(num string) float64 {
	if num != "" {
		return textW - hangIndent
	}
	return textW
}

// paragraph typesets the lines of body text broken at paragraphWidth(num),
// with a hanging number when num is set.
func (w *writer) paragraph(num string, lines []line) {
	x, maxW := marginL, paragraphWidth(num)
	var first func(float64)
	if num != "" {
		x += hangIndent
		first = func(top float64) { w.text(marginL, baseline(top, bodySpec), num, bodySpec) }
	}
	if first != nil && len(lines) == 0 {
		lines = []line{{last: true}}
	}
	w.flow(lines, x, bodySpec, maxW, true, first)
	w.space(7)
}

// heading keeps itself with the first lines of what follows it.
func (w *writer) heading(s string) {
	lines := w.wrap(s, headingSpec, textW)
	w.space(10)
	w.ensure(float64(len(lines))*headingSpec.leading + 3*bodySpec.leading)
	w.flow(lines, marginL, headingSpec, textW, false, nil)
	w.y += 4
}

func (w *writer) rule(y, x1, x2, width float64, gray int) {
	w.pdf.SetDrawColor(gray, gray, gray)
	w.pdf.SetLineWidth(width)
	w.pdf.Line(x1, y, x2, y)
}

func (w *writer) err() error {
	if err := w.pdf.Error(); err != nil {
		return fmt.Errorf("the PDF could not be produced: %w", err)
	}
	return nil
}
