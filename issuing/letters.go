package issuing

import (
	"fmt"

	"ethicsdesk/cases"
	"ethicsdesk/opinion"
)

// The letters and what they need are the domain's (cases.LetterRequest);
// these names keep the package's callers short.
type (
	LetterKind    = cases.LetterKind
	LetterRequest = cases.LetterRequest
)

const (
	LetterAcknowledgement = cases.LetterAcknowledgement
	LetterRequestInfo     = cases.LetterRequestInfo
	LetterDecisionNotice  = cases.LetterDecisionNotice
)

// RenderLetter prints a letter to the case's submitter.
func (p Renderer) RenderLetter(r LetterRequest) ([]byte, error) {
	c := r.Case
	if c.Submitter.Kind == cases.SubmitterAnonymous {
		return nil, fmt.Errorf("Case %s was submitted anonymously: there is no one to write to.", c.Reference)
	}
	if c.Submitter.Name == "" {
		return nil, fmt.Errorf("You may not see the submitter of %s, so you cannot write the letter.", c.Reference)
	}
	lang := docLanguage(r.Language)
	l := opinion.Letter{Letterhead: p.letterhead(lang), Reference: c.Reference, Date: r.Date,
		RecipientName: c.Submitter.Name, RecipientAddress: c.Submitter.Contact,
		SignOff: r.From.Name(), SignOffRole: lang.Text("Secretariat", "秘书处")}
	switch r.Kind {
	case LetterAcknowledgement:
		l.Kind = opinion.Acknowledgement
		l.Paragraphs = opinion.AcknowledgementText(lang, c.Reference, c.ReceivedOn.Time())
	case LetterRequestInfo:
		if len(r.Items) == 0 {
			return nil, fmt.Errorf("List the information you are asking for.")
		}
		l.Kind = opinion.RequestForInformation
		l.Paragraphs = opinion.RequestForInformationText(lang, c.Reference, r.Items, r.DueBy)
	case LetterDecisionNotice:
		if r.Decision == "" {
			return nil, fmt.Errorf("Case %s has no issued opinion yet.", c.Reference)
		}
		l.Kind = opinion.DecisionNotice
		l.Paragraphs = opinion.DecisionNoticeText(lang, c.Reference, decisionIn(lang, r.Decision), r.IssuedOn)
	default:
		return nil, fmt.Errorf("unknown letter %q", r.Kind)
	}
	return opinion.RenderLetter(l)
}
