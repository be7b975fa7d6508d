package cases_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// A meeting without a title appears in the calendar as "Committee
// meeting", one with a title under its title; a case under review on the
// day its decision is due.
func TestCalendarNamesAnUntitledMeeting(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	_, err := k.svc.CreateMeeting(ctx, k.sec, cases.MustDate("2026-03-20"), "")
	must(t, err)
	_, err = k.svc.CreateMeeting(ctx, k.sec, cases.MustDate("2026-04-20"), "April sitting")
	must(t, err)
	c := k.newCase(false, cases.RiskLow)
	c, err = k.svc.Transition(ctx, k.sec, c.ID, c.Version, cases.Screening, "")
	must(t, err)
	c, err = k.svc.Transition(ctx, k.sec, c.ID, c.Version, cases.UnderReview, "")
	must(t, err)
	events, err := k.svc.CalendarEvents(ctx, k.sec, cases.Query{})
	must(t, err)
	got := map[string]string{}
	for _, e := range events {
		got[e.Day.String()] = e.Summary
	}
	if got["2026-03-20"] != "Committee meeting" || got["2026-04-20"] != "April sitting" || got[c.DueOn.String()] != "Decision due: "+c.Reference {
		t.Fatalf("the calendar: %v", got)
	}
}

// The saved drafts of an opinion are listed newest first to those who may
// read the case, and to nobody else; each save is audited with its
// version number.
func TestOpinionVersionsAreListedNewestFirst(t *testing.T) {
	k := newCommittee(t).withPaperSigning()
	ctx := context.Background()
	rapp := k.members[0]
	id := k.caseInOpinionDrafting(rapp)
	op, err := k.svc.SaveOpinionDraft(ctx, rapp, id, 0, opinionText())
	must(t, err)
	if r := k.head(); r.Action != "opinion.save_draft" || r.Change != "Saved version 1 of the opinion's draft." {
		t.Fatalf("the first draft's entry: %s %q", r.Action, r.Change)
	}
	text := opinionText()
	text.Paragraphs[0].Text += " Since 2025."
	_, err = k.svc.SaveOpinionDraft(ctx, rapp, id, op.Version, text)
	must(t, err)
	if r := k.head(); r.Change != "Saved version 2 of the opinion's draft." {
		t.Fatalf("the second draft's entry: %q", r.Change)
	}
	vs, err := k.svc.OpinionVersions(ctx, rapp, id)
	if err != nil || len(vs) != 2 || vs[0].Version <= vs[1].Version || vs[0].Text.Paragraphs[0].Text != text.Paragraphs[0].Text || vs[0].SavedBy != rapp.Name() {
		t.Fatalf("the versions: %+v %v", vs, err)
	}
	gone := k.members[1]
	must(t, k.svc.Deactivate(ctx, k.admin, gone.ID))
	gone.Active = false
	var forbidden *cases.ForbiddenError
	if vs, err := k.svc.OpinionVersions(ctx, gone, id); !errors.As(err, &forbidden) || vs != nil {
		t.Fatalf("a deactivated account lists the versions: %d %v", len(vs), err)
	}
}

// An opinion lacking required parts says which, in print order, and is
// not signed: a heading with only blank text counts as missing.
func TestAnOpinionMissingRequiredPartsIsNotSigned(t *testing.T) {
	k := newCommittee(t).withPaperSigning()
	ctx := context.Background()
	rapp := k.members[0]
	id := k.caseInOpinionDrafting(rapp)
	text := cases.OpinionText{Decision: cases.DecisionUpheld, Paragraphs: []cases.Paragraph{
		{Heading: cases.HeadBackground, Text: "The submitter says the metro gates keep face images."},
		{Heading: cases.HeadReasoning, Text: "   "},
		{Heading: cases.HeadDecision, Text: "The complaint is upheld."}}}
	if got := cases.MissingHeadings(text); len(got) != 2 || got[0] != cases.HeadFindings || got[1] != cases.HeadReasoning {
		t.Fatalf("missing %v, want findings and reasoning", got)
	}
	_, err := k.svc.SaveOpinionDraft(ctx, rapp, id, 0, text)
	must(t, err)
	var fe cases.FieldErrors
	if _, err := k.svc.SignOpinion(ctx, rapp, id, pw); !errors.As(err, &fe) || !strings.HasPrefix(fe["paragraphs"], "Before signing, write at least one paragraph under:") {
		t.Fatalf("an opinion without findings or reasoning: %v", err)
	}
	if st := k.opinionState(id); st != cases.OpinionDraft {
		t.Fatalf("the opinion is %s", st)
	}
}
