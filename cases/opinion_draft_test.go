package cases_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// Saving a draft returns the saved opinion, numbered version by version
// (in the audit log too); paragraphs come back grouped in heading order,
// empty ones dropped; a paragraph may be MaxParagraph characters long but
// not one more.
func TestOpinionDraftSavingRules(t *testing.T) {
	k := newCommittee(t).withPaperSigning()
	ctx := context.Background()
	rapp := k.members[0]
	id := k.caseInOpinionDrafting(rapp)
	text := cases.OpinionText{Decision: cases.DecisionUpheld, Paragraphs: []cases.Paragraph{
		{Heading: cases.HeadDecision, Text: "Upheld."},
		{Heading: cases.HeadBackground, Text: "First background."},
		{Heading: cases.HeadFindings, Text: "   "},
		{Heading: cases.HeadBackground, Text: "Second background."},
	}}
	op, err := k.svc.SaveOpinionDraft(ctx, rapp, id, 0, text)
	must(t, err)
	if op.ID == 0 || op.Version != 1 || op.State != cases.OpinionDraft {
		t.Fatalf("the first save returned %+v", op)
	}
	var got []string
	for _, p := range op.Text.Paragraphs {
		got = append(got, string(p.Heading)+":"+p.Text)
	}
	if strings.Join(got, "|") != "background:First background.|background:Second background.|decision:Upheld." {
		t.Fatalf("paragraphs saved as %v", got)
	}
	if h := k.head(); h.Action != "opinion.save_draft" || !strings.Contains(h.After, `"version":1`) || !strings.Contains(h.After, `"paragraphs":3`) {
		t.Fatalf("audit of the first save: %s %s", h.Action, h.After)
	}
	long := text
	long.Paragraphs = []cases.Paragraph{{Heading: cases.HeadFindings, Text: strings.Repeat("字", cases.MaxParagraph)}}
	op, err = k.svc.SaveOpinionDraft(ctx, rapp, id, op.Version, long)
	must(t, err)
	if op.Version != 2 {
		t.Fatalf("the second save returned version %d", op.Version)
	}
	if h := k.head(); !strings.Contains(h.After, `"version":2`) {
		t.Fatalf("audit of the second save: %s", h.After)
	}
	long.Paragraphs[0].Text += "字"
	var fe cases.FieldErrors
	if _, err := k.svc.SaveOpinionDraft(ctx, rapp, id, op.Version, long); !errors.As(err, &fe) || !strings.Contains(fe["paragraph.0"], "Too long") {
		t.Fatalf("a paragraph one character too long: %v", err)
	}
	bad := text
	bad.Paragraphs = []cases.Paragraph{{Heading: "nonsense", Text: "x"}}
	if _, err := k.svc.SaveOpinionDraft(ctx, rapp, id, op.Version, bad); !errors.As(err, &fe) || fe["paragraph.0"] == "" {
		t.Fatalf("a paragraph without a heading: %v", err)
	}
}
