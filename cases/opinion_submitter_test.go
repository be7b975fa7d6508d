package cases_test

import (
	"context"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// submitterPaper prints the submitter as the opinion names them.
type submitterPaper struct{ paper }

func (submitterPaper) RenderOpinion(doc cases.OpinionDocument) ([]byte, cases.SignatureLayout, error) {
	pdf, l, err := paper{}.RenderOpinion(doc)
	s := doc.Case.Submitter
	return append(pdf, "; submitted by "+string(s.Kind)+" ["+s.Name+"] contact ["+s.Contact+"]"...), l, err
}

// The opinion names who asked, except a natural person whose identity is
// confidential; an organisation is named even when marked confidential,
// an anonymous submission names no one, and the contact is never printed
// — whoever previews it, the rapporteur (who does not see the submitter)
// or the secretariat (who does).
func TestTheOpinionWithholdsOnlyAConfidentialPersonsName(t *testing.T) {
	k := newCommittee(t)
	k.svc.SetPorts(paperPorts(submitterPaper{}))
	ctx := context.Background()
	rapp := k.members[0]
	for _, c := range []struct {
		sub  cases.Submitter
		want string
	}{
		{cases.Submitter{Kind: cases.SubmitterPerson, Name: "Zhang Wei", Contact: "zhang@example.org"}, "person [Zhang Wei] contact []"},
		{cases.Submitter{Kind: cases.SubmitterPerson, Name: "Zhang Wei", Contact: "zhang@example.org", Confidential: true}, "person [] contact []"},
		{cases.Submitter{Kind: cases.SubmitterOrganisation, Name: "Privacy Watch", Contact: "+86 10 1234", Confidential: true}, "organisation [Privacy Watch] contact []"},
		{cases.Submitter{Kind: cases.SubmitterAnonymous, Name: "a caller", Contact: "none"}, "anonymous [] contact []"},
	} {
		id := k.caseInOpinionDraftingFrom(rapp, c.sub)
		if _, err := k.svc.SaveOpinionDraft(ctx, rapp, id, 0, opinionText()); err != nil {
			t.Fatal(err)
		}
		for _, who := range []cases.User{rapp, k.sec} {
			pdf, err := k.svc.PreviewOpinion(ctx, who, id)
			if err != nil || !strings.Contains(string(pdf), "submitted by "+c.want) {
				t.Errorf("%+v previewed by %s: %q %v; want %q", c.sub, who.Role, pdf, err, c.want)
			}
		}
	}
}
