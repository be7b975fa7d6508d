package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"ethicsdesk/cases"
)

// A chair who signed as rapporteur opens the countersigning dialog and is
// told why they cannot countersign, with no password to type; the deputy
// chair named in the settings is offered to countersign and does.
func TestSignDialogRefusesTheChairWhoIsRapporteur(t *testing.T) {
	w := newOpinionWorld(t)
	ctx := context.Background()
	id := w.tw.AddCaseInOpinionDraftingFor(t, w.chair, nil)
	text := cases.OpinionText{Decision: cases.DecisionUpheld, Paragraphs: []cases.Paragraph{
		{Heading: cases.HeadBackground, Text: "The submitter complained."},
		{Heading: cases.HeadFindings, Text: "The facts are established."},
		{Heading: cases.HeadReasoning, Text: "Consent was not obtained."},
		{Heading: cases.HeadDecision, Text: "Upheld."}}}
	if _, err := w.svc.SaveOpinionDraft(ctx, w.chair, id, 0, text); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.SignOpinion(ctx, w.chair, id, chairPassword); err != nil {
		t.Fatal(err)
	}
	ced := w.deskFor(w.chair).openOpinion(id)
	w.settle()
	if ced.sign == nil || ced.sign.Text != "Countersign as chair" {
		t.Fatal("the chair is not offered the countersigning dialog")
	}
	test.Tap(ced.sign)
	w.settle()
	s := ced.pendingSign
	if s == nil || !strings.Contains(s.err.Text, "so you cannot also countersign it") || !s.err.Visible() {
		t.Fatalf("the dialog does not say why the chair cannot countersign: %+v", s)
	}
	if !s.password.Disabled() || !s.confirm.Disabled() {
		t.Fatal("the dialog still asks for a password")
	}

	st, _ := w.svc.Settings(ctx)
	st.DeputyChairID = w.rapp.ID
	if err := w.svc.SaveSettings(ctx, w.admin, st); err != nil {
		t.Fatal(err)
	}
	if err := w.svc.DeclareInterest(ctx, w.rapp, id, false, ""); err != nil { // every member declares before signing
		t.Fatal(err)
	}
	ded := w.deskFor(w.rapp).openOpinion(id)
	w.settle()
	if ded.sign == nil || ded.sign.Text != "Countersign as deputy chair" {
		t.Fatal("the deputy chair is not offered to countersign")
	}
	test.Tap(ded.sign)
	w.settle()
	test.Type(ded.pendingSign.password, rappPassword)
	test.Tap(ded.pendingSign.confirm)
	w.settle()
	if ded.op.State != cases.OpinionIssuedState {
		t.Fatalf("the deputy chair's countersignature did not issue the opinion: %s (%q)", ded.op.State, ded.pendingSign.err.Text)
	}
}
