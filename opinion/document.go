package opinion

import (
	"bytes"
	"fmt"
	"image/png"
	"time"

	"github.com/jung-kurt/gofpdf"
)

// Letterhead is the committee's identity printed at the top of page 1,
// and the language its documents are printed in.
type Letterhead struct {
	Name     string
	Address  string // may span lines
	Logo     []byte // optional PNG
	Language Language
}

// Field is a label and its value, e.g. {"Submitter", "Jane Doe"}.
type Field struct {
	Label string
	Value string
}

// Document builds a formal document with the committee's page
// furniture: letterhead on page 1, reference and date and "Page X of Y"
// on every page. Opinions and letters are built with it, and so can
// minutes and reports. Calls record content; Bytes lays it out.
//
// Recording first and typesetting later is what makes rendering fast:
// once every character is known, each font is embedded as a small subset
// cut from fonts parsed once per process.
type Document struct {
	letterhead Letterhead
	lang       Language // of the fixed texts and dates
	reference  string
	date       time.Time
	title      string
	draft      bool
	// keywords goes into the PDF's Info dictionary as plain ASCII, under
	// the signatures: the opinion's audit head, which `check` reads back.
	keywords string

	ops     []func(*writer)
	paras   []paragraphText // the body paragraphs, broken into lines ahead (prewrap.go)
	runes   [styleCount]map[rune]bool
	paraNo  int
	images  int
	err     error
	onPages func(pages int) // told the final page count
}

// NewDocument starts a document. title is used for the PDF metadata and
// printed by Title; reference and date appear on every page.
func NewDocument(lh Letterhead, reference string, date time.Time, title string) *Document {
	d := &Document{
		letterhead: Letterhead{Name: oneLine(lh.Name), Address: cleanText(lh.Address), Logo: lh.Logo},
		lang:       lh.Language.orEnglish(),
		reference:  oneLine(reference),
		date:       date,
		title:      oneLine(title),
	}
	for i := range d.runes {
		d.runes[i] = map[rune]bool{}
	}
	if len(lh.Logo) > 0 {
		if _, err := png.DecodeConfig(bytes.NewReader(lh.Logo)); err != nil {
			d.err = fmt.Errorf("the letterhead logo is not a valid PNG image: %v", err)
		}
	}
	// Printable ASCII in the two main styles guarantees that labels and
	// numbers drawn late (page furniture) have their glyphs. The subsets
	// are embedded as they are (AddUTF8SubsetFontFromBytes), so these and
	// the fixed texts below cost about 20 KB of a ten-page opinion, glyphs
	// the pages may not draw; cutting them out again once the pages were
	// drawn cost about a tenth of the time of the Sign button.
	d.use(styleBold, printableASCII, d.letterhead.Name)
	d.use(styleRegular, printableASCII)
	d.use(styleRegular, d.letterhead.Address, d.reference)
	for st := range d.runes {
		d.use(textStyle(st), d.lang.chars())
	}
	return d
}

var printableASCII = func() string {
	b := make([]byte, 0, 95)
	for c := byte(' '); c < 0x7F; c++ {
		b = append(b, c)
	}
	return string(b)
}()

// use records the characters a document will draw in a style.
func (d *Document) use(st textStyle, texts ...string) {
	for _, s := range texts {
		for _, r := range s {
			d.runes[st][r] = true
		}
	}
}

func (d *Document) add(op func(*writer)) { d.ops = append(d.ops, op) }

// SetDraft marks every page as a draft.
func (d *Document) SetDraft(draft bool) {
	d.draft = draft
}

// Title prints the document title, centred, with an optional subtitle.
func (d *Document) Title(title, subtitle string) {
	title, subtitle = cleanText(title), cleanText(subtitle)
	d.use(titleSpec.style, title)
	d.use(italicSpec.style, subtitle)
	d.add(func(w *writer) {
		w.space(14)
		for _, ln := range w.wrap(title, titleSpec, textW) {
			w.drawCentered(ln, titleSpec)
		}
		if subtitle != "" {
			for _, ln := range w.wrap(subtitle, italicSpec, textW) {
				w.drawCentered(ln, italicSpec)
			}
		}
		w.y += 12
	})
}

// Heading starts a section; it is never left alone at a page bottom.
func (d *Document) Heading(s string) {
	s = cleanText(s)
	d.use(headingSpec.style, s)
	d.add(func(w *writer) { w.heading(s) })
}

// Paragraph adds body text. Numbered paragraphs are numbered 1., 2., …
// continuously through the document, with a hanging indent.
func (d *Document) Paragraph(numbered bool, s string) {
	s = cleanText(s)
	num := ""
	if numbered {
		d.paraNo++
		num = fmt.Sprintf("%d.", d.paraNo)
	}
	d.use(bodySpec.style, s, num)
	maxW := paragraphWidth(num)
	i := len(d.paras)
	d.paras = append(d.paras, paragraphText{s, maxW})
	d.add(func(w *writer) {
		var lines []line
		if w.wrapped != nil {
			lines = w.wrapped.linesOf(i)
		} else {
			lines = w.wrap(s, bodySpec, maxW)
		}
		w.paragraph(num, lines)
	})
}

// Note adds small grey text, e.g. an audit line or a footnote.
func (d *Document) Note(s string) {
	s = cleanText(s)
	d.use(smallSpec.style, s)
	d.add(func(w *writer) {
		w.flow(w.wrap(s, smallSpec, textW), marginL, smallSpec, textW, false, nil)
		w.space(4)
	})
}

// Spacer adds vertical space in points.
func (d *Document) Spacer(h float64) {
	d.add(func(w *writer) { w.space(h) })
}

// PageBreak starts a new page.
func (d *Document) PageBreak() {
	d.add(func(w *writer) { w.newPage() })
}

// KeyValues prints labelled values in two columns (e.g. the parties).
func (d *Document) KeyValues(fields []Field) {
	rows := make([]Field, 0, len(fields))
	for _, f := range fields {
		rows = append(rows, Field{cleanText(f.Label), cleanText(f.Value)})
		d.use(labelSpec.style, rows[len(rows)-1].Label)
		d.use(bodySpec.style, rows[len(rows)-1].Value)
	}
	d.add(func(w *writer) { w.keyValues(rows) })
}

// Table prints a ruled table. widths are relative column widths (nil
// means equal); the header row repeats on each page the table spans.
func (d *Document) Table(headers []string, rows [][]string, widths []float64) {
	hs := make([]string, len(headers))
	for i, h := range headers {
		hs[i] = cleanText(h)
	}
	d.use(styleBold, hs...)
	rs := make([][]string, len(rows))
	for i, row := range rows {
		rs[i] = make([]string, len(row))
		for j, c := range row {
			rs[i][j] = cleanText(c)
		}
		d.use(styleRegular, rs[i]...)
	}
	ws := append([]float64(nil), widths...)
	d.add(func(w *writer) { w.table(hs, rs, ws) })
}

// Box prints text in a bordered box under a bold label, e.g. the
// decision of an opinion.
func (d *Document) Box(label, text string) {
	label, text = cleanText(label), cleanText(text)
	d.use(labelSpec.style, label)
	d.use(bodySpec.style, text)
	d.add(func(w *writer) { w.box(label, text) })
}

// Image places a PNG image at the left margin, w by h points (h = 0
// keeps the aspect ratio). An unreadable image makes Bytes fail.
func (d *Document) Image(pngData []byte, width, height float64) {
	if _, err := png.DecodeConfig(bytes.NewReader(pngData)); err != nil {
		if d.err == nil {
			d.err = fmt.Errorf("an image in the document is not a valid PNG image: %v", err)
		}
		return
	}
	d.images++
	name := fmt.Sprintf("img%d", d.images)
	d.add(func(w *writer) { w.image(name, pngData, width, height) })
}

// Bytes lays the document out and returns the PDF.
func (d *Document) Bytes() ([]byte, error) {
	if d.err != nil {
		return nil, d.err
	}
	w := newWriter(d)
	w.wrapped = startWrapping(w.lib, d.paras)
	w.letterhead(d.letterhead)
	for _, op := range d.ops {
		op(w)
		if w.pdf.Error() != nil {
			break
		}
	}
	pages := w.pdf.PageCount()
	w.furniture(d, pages)
	if err := w.err(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := w.pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("the PDF could not be produced: %w", err)
	}
	if d.onPages != nil {
		d.onPages(pages)
	}
	return buf.Bytes(), nil
}

// addSubsetFont embeds a face's subset as it is. A variable so that a
// test can compare the pages with those of gofpdf cutting the font itself.
var addSubsetFont = (*gofpdf.Fpdf).AddUTF8SubsetFontFromBytes

// newWriter creates the PDF and embeds, per face, a subset holding just
// the characters this document uses.
func newWriter(d *Document) *writer {
	lib := fonts()
	pdf := gofpdf.New("P", "pt", "A4", "")
	pdf.SetMargins(marginL, contentTop, marginR)
	pdf.SetAutoPageBreak(false, 0)
	// Fonts and images are written in name order, not Go's random map
	// order, so the same document is the same bytes every time.
	pdf.SetCatalogSort(true)
	pdf.SetTitle(d.title, true)
	pdf.SetSubject(d.reference, true)
	pdf.SetAuthor(d.letterhead.Name, true)
	pdf.SetCreator("Ethics Desk", true)
	pdf.SetKeywords(d.keywords, false)
	w := &writer{pdf: pdf, lib: lib, family: map[int]string{}}
	if lib.primary[styleRegular] < 0 {
		w.toCP1252 = pdf.UnicodeTranslatorFromDescriptor("cp1252")
	} else {
		perFace := map[int][]rune{}
		for st := range d.runes {
			for r := range d.runes[st] {
				r2, face := lib.resolve(r, textStyle(st))
				perFace[face] = append(perFace[face], r2)
			}
		}
		for face, runes := range perFace {
			name := fmt.Sprintf("face%d", face)
			addSubsetFont(pdf, name, "", lib.faces[face].subset(runes))
			w.family[face] = name
		}
	}
	pdf.AddPage()
	return w
}
