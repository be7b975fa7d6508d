package opinion

import (
	"strings"
	"time"
)

// Opinion is everything printed in a formal opinion. The caller maps its
// domain types onto it; this package knows nothing of cases or storage.
type Opinion struct {
	Letterhead
	Reference     string
	Date          time.Time
	Title         string
	CaseType      string
	Parties       []Field // e.g. Submitter, Respondent, AI system
	Sections      []Section
	DecisionLabel string // e.g. "Decision: complaint upheld"; "Decision" (in the document's language) if empty
	DecisionText  string
	Signatories   []Signatory
	AuditHead     string // printed small, e.g. "Audit record: entry 1234, hash 9f2c…"
	Draft         bool   // marks every page as a draft
	Corrects      string // reference of an opinion this one corrects, optional
}

// Section is a heading and its paragraphs; paragraphs are numbered
// continuously through the whole opinion.
type Section struct {
	Heading    string
	Paragraphs []string
}

// Signatory is one person who signs, with the meaning of the signature
// as 21 CFR 11.50 asks, e.g. Meaning "Rapporteur — author".
type Signatory struct {
	Name     string
	Role     string
	Meaning  string
	SignedAt time.Time // zero: not yet signed, printed "awaiting signature"
	// Pending, when set, replaces "awaiting signature" for a signatory who
	// signs digitally after the page content is fixed (the countersignature).
	Pending string
}

// Layout tells the signing code where to put signature widgets.
type Layout struct {
	Pages          int
	SignaturePage  int          // 1-based page holding the signature block
	SignatureRects [][4]float64 // per signatory: llx, lly, urx, ury in PDF points, origin lower left
	SignaturePages []int        // per signatory; all equal SignaturePage unless the block needed two pages
}

// Render typesets an opinion. The returned layout locates the empty
// signature areas, one per signatory, in the order given.
func Render(o Opinion) ([]byte, *Layout, error) {
	d := NewDocument(o.Letterhead, o.Reference, o.Date, o.Title)
	d.SetDraft(o.Draft)
	d.Title(o.Title, o.CaseType)
	if ref := oneLine(o.Corrects); ref != "" {
		d.Notice(d.lang.corrects(ref))
	}
	facts := []Field{{d.lang.reference(), o.Reference}, {d.lang.date(), d.lang.FormatDate(o.Date)}}
	d.KeyValues(append(facts, o.Parties...))
	for _, s := range o.Sections {
		if strings.TrimSpace(s.Heading) != "" {
			d.Heading(s.Heading)
		}
		for _, p := range s.Paragraphs {
			if strings.TrimSpace(p) != "" {
				d.Paragraph(true, p)
			}
		}
	}
	if strings.TrimSpace(o.DecisionText) != "" || strings.TrimSpace(o.DecisionLabel) != "" {
		label := o.DecisionLabel
		if strings.TrimSpace(label) == "" {
			label = d.lang.decision()
		}
		d.Box(label, o.DecisionText)
	}
	layout := &Layout{}
	d.signatures(o.Signatories, oneLine(o.AuditHead), layout)
	d.keywords = asciiOnly(oneLine(o.AuditHead))
	d.onPages = func(n int) { layout.Pages = n }
	pdf, err := d.Bytes()
	if err != nil {
		return nil, nil, err
	}
	return pdf, layout, nil
}

// Notice prints an italic remark, e.g. that this document corrects
// another.
func (d *Document) Notice(s string) {
	s = cleanText(s)
	d.use(italicSpec.style, s)
	d.add(func(w *writer) {
		w.flow(w.wrap(s, italicSpec, textW), marginL, italicSpec, textW, false, nil)
		w.space(8)
	})
}

// asciiOnly keeps printable ASCII, the only text the PDF's keywords carry
// unencoded.
func asciiOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e {
			return -1
		}
		return r
	}, s)
}
