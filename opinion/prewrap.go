package opinion

// A document's body paragraphs are broken into lines on a goroutine of
// their own, in order, while the pages are drawn: breaking lines needs
// only the fonts' widths, never the page, and it was a third of the time
// of laying out a ten-page opinion.

// paragraphText is a body paragraph as Paragraph recorded it: its text
// and the width of its lines.
type paragraphText struct {
	text string
	maxW float64
}

// prewrapped holds the lines of each body paragraph once broken.
type prewrapped struct {
	lines [][]line
	done  []chan struct{}
}

// startWrapping breaks paras into lines on a goroutine, one after
// another, with the fonts of lib. It returns nil when the body style has
// no embedded face: measuring in gofpdf's core font goes through the PDF
// being written, which only the drawing goroutine may touch.
func startWrapping(lib *fontLibrary, paras []paragraphText) *prewrapped {
	if len(paras) == 0 || lib.primary[bodySpec.style] < 0 {
		return nil
	}
	p := &prewrapped{lines: make([][]line, len(paras)), done: make([]chan struct{}, len(paras))}
	for i := range p.done {
		p.done[i] = make(chan struct{})
	}
	measure := &writer{lib: lib} // width and wrap read only its fonts
	go func() {
		for i, para := range paras {
			p.lines[i] = measure.wrap(para.text, bodySpec, para.maxW)
			close(p.done[i])
		}
	}()
	return p
}

// linesOf waits for paragraph i's lines.
func (p *prewrapped) linesOf(i int) []line {
	<-p.done[i]
	return p.lines[i]
}
