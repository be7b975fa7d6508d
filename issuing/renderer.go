// Package issuing connects the domain's opinions to the PDF renderer and the
// signing keys: it implements cases.DocumentRenderer and cases.Keyring.
package issuing

import (
	"context"
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

func (p Renderer) letterhead(l opinion.Language) opinion.Letterhead {
	name, addr, _ := p.Letterhead.CommitteeLetterhead(context.Background())
	return opinion.Letterhead{Name: name, Address: addr, Language: l}
}

// RenderOpinion prints an opinion document.
func (p Renderer) RenderOpinion(doc cases.OpinionDocument) ([]byte, cases.SignatureLayout, error) {
	c, op := doc.Case, doc.Opinion
	l := docLanguage(doc.Language)
	o := opinion.Opinion{
		Letterhead: p.letterhead(l), Reference: c.Reference, Date: opinionDate(doc), Title: c.Title,
		CaseType: caseTypeIn(l, c.TypeCode, doc.TypeName), Parties: parties(l, c), Draft: doc.Draft, Corrects: doc.CorrectsRef,
		DecisionText: decisionIn(l, op.Text.Decision),
	}
	for _, h := range cases.AllHeadings {
		var paras []string
		for _, para := range op.Text.Paragraphs {
			if para.Heading == h {
				paras = append(paras, para.Text)
			}
		}
		if h == cases.HeadFindings {
			paras = append(paras, dutyFindings(l, c.Risk, doc.Duties)...)
		}
		if len(paras) > 0 {
			o.Sections = append(o.Sections, opinion.Section{Heading: headingIn(l, h), Paragraphs: paras})
		}
	}
	for _, s := range doc.Signatories {
		sig := opinion.Signatory{Name: s.Name, Role: inLanguage(l, s.Role, rolesZH[s.Role]),
			Meaning: inLanguage(l, s.Meaning, meaningsZH[s.Meaning]), SignedAt: s.SignedAt}
		if !doc.Draft && s.SignedAt.IsZero() {
			// The page is fixed when the rapporteur signs; the chair's time
			// goes into the countersignature added afterwards.
			sig.Pending = l.Text("at the date and time recorded in the digital signature beside this entry",
				"时间见本栏旁数字签名所记录的日期和时间")
		}
		o.Signatories = append(o.Signatories, sig)
	}
	if doc.AuditHash != "" {
		o.AuditHead = auditLineIn(l, doc.AuditSeq, doc.AuditHash)
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

// parties are the people and organisations an opinion concerns. A natural
// person confidential as to identity is not named (cases.Submitter.
// WithheldInOpinion); the Service hands over the name otherwise.
func parties(l opinion.Language, c cases.Case) []opinion.Field {
	sub := c.Submitter.Name
	switch {
	case c.Submitter.Kind == cases.SubmitterAnonymous:
		sub = l.Text("Anonymous", "匿名")
	case c.Submitter.WithheldInOpinion():
		sub = l.Text("Withheld at the submitter's request", "应提交人要求不予公开")
	case sub == "":
		sub = "—"
	}
	label := l.Text("Submitter", "提交人")
	if c.TypeCode == "guidance_request" {
		label = l.Text("Requesting party", "申请人")
	}
	out := []opinion.Field{{Label: label, Value: sub}}
	if c.Respondent != "" {
		out = append(out, opinion.Field{Label: l.Text("Respondent", "被投诉方"), Value: c.Respondent})
	}
	if c.AISystem != "" {
		out = append(out, opinion.Field{Label: l.Text("AI system", "人工智能系统"), Value: c.AISystem})
	}
	return out
}
