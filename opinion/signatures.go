package opinion

import "strings"

// Signature-block geometry: text on the left, the empty widget area on
// the right.
const (
	sigRectW  = 190.0
	sigRectH  = 58.0
	sigGap    = 16.0
	sigTextW  = textW - sigRectW - sigGap
	sigBlockS = 14.0 // space between signatories
)

var (
	sigNameSpec = textSpec{styleBold, 11, 15, 0}
	sigLineSpec = textSpec{styleRegular, 10, 13.5, 30}
)

// sigLines is what is printed beside one signature area, in language l.
func sigLines(l Language, s Signatory) []string {
	signed := l.signedAwaiting()
	if s.Pending != "" {
		signed = l.signed(oneLine(s.Pending))
	}
	if !s.SignedAt.IsZero() {
		signed = l.signed(l.FormatSigningTime(s.SignedAt))
	}
	lines := []string{}
	if role := oneLine(s.Role); role != "" {
		lines = append(lines, role)
	}
	if m := oneLine(s.Meaning); m != "" {
		lines = append(lines, l.meaningOfSignature(m))
	}
	return append(lines, signed)
}

// signatures adds the signature block: for every signatory the printed
// name, role, date and time of signing and meaning of the signature, and
// an empty area for the digital-signature widget whose position is
// recorded in layout. The audit line is kept on the same page, below.
func (d *Document) signatures(sigs []Signatory, audit string, layout *Layout) {
	if len(sigs) == 0 {
		if audit != "" {
			d.Spacer(10)
			d.Note(audit)
		}
		return
	}
	d.use(smallSpec.style, audit)
	type prepared struct {
		name  string
		lines []string
	}
	ps := make([]prepared, len(sigs))
	sigHeading := d.lang.signatures()
	d.use(headingSpec.style, sigHeading)
	for i, s := range sigs {
		ps[i] = prepared{oneLine(s.Name), sigLines(d.lang, s)}
		d.use(sigNameSpec.style, ps[i].name)
		d.use(sigLineSpec.style, ps[i].lines...)
	}
	d.add(func(w *writer) {
		type measured struct {
			name, rest []line
			h          float64
		}
		ms := make([]measured, len(ps))
		total := headingSpec.leading + 10
		for i, p := range ps {
			m := measured{name: w.wrap(p.name, sigNameSpec, sigTextW)}
			m.rest = w.wrap(strings.Join(p.lines, "\n"), sigLineSpec, sigTextW)
			textH := float64(len(m.name))*sigNameSpec.leading + float64(len(m.rest))*sigLineSpec.leading
			m.h = max(textH, sigRectH+12) + sigBlockS
			ms[i] = m
			total += m.h
		}
		auditLines := w.wrap(audit, smallSpec, textW)
		if audit == "" {
			auditLines = nil
		}
		total += 6 + float64(len(auditLines))*smallSpec.leading
		// The whole block goes on one page when it can, so that all
		// widgets sit together after the decision.
		w.space(10)
		if total <= contentBottom-contentTop {
			w.ensure(total)
		}
		w.heading(sigHeading)
		for i, m := range ms {
			w.ensure(m.h)
			top := w.y
			y := top
			for _, ln := range m.name {
				w.drawLine(marginL, y, ln, sigNameSpec, 0, false)
				y += sigNameSpec.leading
			}
			for _, ln := range m.rest {
				w.drawLine(marginL, y, ln, sigLineSpec, 0, false)
				y += sigLineSpec.leading
			}
			x := pageW - marginR - sigRectW
			w.pdf.SetDrawColor(190, 190, 190)
			w.pdf.SetLineWidth(0.4)
			w.pdf.SetDashPattern([]float64{2, 2}, 0)
			w.pdf.Rect(x, top, sigRectW, sigRectH, "D")
			w.pdf.SetDashPattern(nil, 0)
			w.rule(top+m.h-sigBlockS/2, marginL, pageW-marginR, 0.25, 200)
			page := w.pdf.PageNo()
			if i == 0 {
				layout.SignaturePage = page
			}
			layout.SignaturePages = append(layout.SignaturePages, page)
			layout.SignatureRects = append(layout.SignatureRects,
				[4]float64{x, pageH - (top + sigRectH), x + sigRectW, pageH - top})
			w.y = top + m.h
		}
		w.y += 6
		w.flow(auditLines, marginL, smallSpec, textW, false, nil)
	})
}
