// Package issuing connects the domain's opinions to the PDF renderer and the
// signing keys: it implements cases.DocumentRenderer and cases.Keyring.
package issuing

import (
	"context"
	"fmt"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/opinion"
)

// LetterheadSource supplies the committee's name and address.
type LetterheadSource interface {
	CommitteeLetterhead(ctx context.Context) (name, address string, err error)
}

// Renderer prints the committee's opinions and letters with package
// opinion (cases.DocumentRenderer).
type Renderer struct {
	Letterhead LetterheadSource
}

func (p Renderer) letterhead() opinion.Letterhead {
	name, addr, _ := p.Letterhead.CommitteeLetterhead(context.Background())
	return opinion.Letterhead{Name: name, Address: addr}
}

// RenderOpinion prints an opinion document.
func (p Renderer) RenderOpinion(doc cases.OpinionDocument) ([]byte, cases.SignatureLayout, error) {
	c, op := doc.Case, doc.Opinion
	o := opinion.Opinion{
		Letterhead: p.letterhead(), Reference: c.Reference, Date: opinionDate(doc), Title: c.Title,
		CaseType: doc.TypeName, Parties: parties(c), Draft: doc.Draft, Corrects: doc.CorrectsRef,
		DecisionLabel: "Decision", DecisionText: cases.DecisionLabel(op.Text.Decision),
	}
	for _, h := range cases.AllHeadings {
		var paras []string
		for _, para := range op.Text.Paragraphs {
			if para.Heading == h {
				paras = append(paras, para.Text)
			}
		}
		if len(paras) > 0 {
			o.Sections = append(o.Sections, opinion.Section{Heading: cases.HeadingLabel(h), Paragraphs: paras})
		}
	}
	for _, s := range doc.Signatories {
		sig := opinion.Signatory{Name: s.Name, Role: s.Role, Meaning: s.Meaning, SignedAt: s.SignedAt}
		if !doc.Draft && s.SignedAt.IsZero() {
			// The page is fixed when the rapporteur signs; the chair's time
			// goes into the countersignature added afterwards.
			sig.Pending = "at the date and time recorded in the digital signature beside this entry"
		}
		o.Signatories = append(o.Signatories, sig)
	}
	if doc.AuditHash != "" {
		o.AuditHead = fmt.Sprintf("Audit record at signing: entry %d, hash %s", doc.AuditSeq, doc.AuditHash)
	}
	pdf, layout, err := opinion.Render(o)
	if err != nil {
		return nil, cases.SignatureLayout{}, err
	}
	return pdf, cases.SignatureLayout{Page: layout.SignaturePage, Rects: layout.SignatureRects}, nil
}

// opinionDate is the date printed on the opinion: the rapporteur's signing.
func opinionDate(doc cases.OpinionDocument) time.Time {
	for _, s := range doc.Signatories {
		if !s.SignedAt.IsZero() {
			return s.SignedAt
		}
	}
	return doc.Opinion.UpdatedAt
}

// parties are the people and organisations an opinion concerns. A
// confidential submitter is not named.
func parties(c cases.Case) []opinion.Field {
	sub := c.Submitter.Name
	switch {
	case c.Submitter.Kind == cases.SubmitterAnonymous:
		sub = "Anonymous"
	case c.Submitter.Confidential:
		sub = "Withheld at the submitter's request"
	case sub == "":
		// The signer's role does not see submitters' personal data.
		sub = "Withheld (personal data)"
	}
	label := "Submitter"
	if c.TypeCode == "guidance_request" {
		label = "Requesting party"
	}
	out := []opinion.Field{{Label: label, Value: sub}}
	if c.Respondent != "" {
		out = append(out, opinion.Field{Label: "Respondent", Value: c.Respondent})
	}
	if c.AISystem != "" {
		out = append(out, opinion.Field{Label: "AI system", Value: c.AISystem})
	}
	return out
}
