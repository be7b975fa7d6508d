package issuing_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// An opinion cannot be signed empty: the refusal names each missing part.
func TestAnOpinionWithoutItsPartsCannotBeSigned(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	thin := cases.OpinionText{Decision: cases.DecisionUpheld, Paragraphs: []cases.Paragraph{
		{Heading: cases.HeadBackground, Text: "The submitter complained."},
		{Heading: cases.HeadFindings, Text: "   "},
	}}
	if _, err := w.Service.SaveOpinionDraft(ctx, w.Rapporteur, w.caseID, 0, thin); err != nil {
		t.Fatal(err)
	}
	_, err := w.Service.SignOpinion(ctx, w.Rapporteur, w.caseID, rappPass)
	var fe cases.FieldErrors
	if !errors.As(err, &fe) || !strings.Contains(fe["paragraphs"], "Findings, Reasoning, Decision") || strings.Contains(fe["paragraphs"], "Background") {
		t.Fatalf("signing a draft without findings, reasoning and decision: %v", err)
	}
	op, _ := w.Service.Opinion(ctx, w.Rapporteur, w.caseID)
	if op.State != cases.OpinionDraft || len(op.Signatures) != 0 {
		t.Fatalf("a refused signature left the opinion %s with %d signatures", op.State, len(op.Signatures))
	}
}

// The chair returns a signed draft to the rapporteur with a reason: the
// signature is void, a new version starts, and the audit log and the
// case's timeline both say so.
func TestTheChairReturnsASignedDraftToTheRapporteur(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	op, err := w.Service.SaveOpinionDraft(ctx, w.Rapporteur, w.caseID, 0, text())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Service.ReturnOpinion(ctx, w.Chair, w.caseID, "Too early."); err == nil {
		t.Fatal("an unsigned draft was returned")
	}
	if op, err = w.Service.SignOpinion(ctx, w.Rapporteur, w.caseID, rappPass); err != nil {
		t.Fatal(err)
	}
	signedVersion := op.Version
	if _, err := w.Service.ReturnOpinion(ctx, w.Rapporteur, w.caseID, "I changed my mind."); err == nil {
		t.Fatal("the rapporteur used the chair's return")
	}
	var fe cases.FieldErrors
	if _, err := w.Service.ReturnOpinion(ctx, w.Chair, w.caseID, "  "); !errors.As(err, &fe) || fe["return_reason"] == "" {
		t.Fatalf("a return without a reason: %v", err)
	}
	reason := "The reasoning does not address the consent forms."
	op, err = w.Service.ReturnOpinion(ctx, w.Chair, w.caseID, reason)
	if err != nil {
		t.Fatal(err)
	}
	if op.State != cases.OpinionDraft || len(op.Signatures) != 0 || op.Version != signedVersion+1 {
		t.Fatalf("after the return: state %s, %d signatures, version %d (was %d)", op.State, len(op.Signatures), op.Version, signedVersion)
	}
	hist, _, err := w.Service.AuditLog(ctx, w.Admin, cases.AuditFilter{Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range hist {
		found = found || (h.Action == "opinion.return" && strings.Contains(h.After, reason))
	}
	if !found {
		t.Errorf("the audit log has no return with its reason: %+v", hist)
	}
	tl, err := w.Service.Timeline(ctx, w.Rapporteur, w.caseID)
	if err != nil || len(tl) == 0 || tl[0].Note == nil || !strings.Contains(tl[0].Note.Body, reason) {
		t.Fatalf("the timeline does not show the return: %+v %v", tl, err)
	}
	if problems, err := w.DB.Check(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("check after the return: %v %v", problems, err)
	}
	// The rapporteur revises, signs again, and the chair countersigns.
	revised := text()
	revised.Paragraphs = append(revised.Paragraphs, cases.Paragraph{Heading: cases.HeadReasoning, Text: "The consent forms were not specific."})
	if _, err := w.Service.SaveOpinionDraft(ctx, w.Rapporteur, w.caseID, op.Version, revised); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Service.SignOpinion(ctx, w.Rapporteur, w.caseID, rappPass); err != nil {
		t.Fatal(err)
	}
	issued, err := w.Service.SignOpinion(ctx, w.Chair, w.caseID, chairPass)
	if err != nil || issued.State != cases.OpinionIssuedState || len(issued.Signatures) != 2 {
		t.Fatalf("after revising: %s %d signatures %v", issued.State, len(issued.Signatures), err)
	}
}
