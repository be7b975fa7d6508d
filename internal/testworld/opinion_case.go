package testworld

import (
	"context"
	"testing"
	"time"

	"ethicsdesk/cases"
)

// AddCaseInOpinionDrafting imports a privacy complaint that has reached
// opinion drafting through the usual steps, with the Rapporteur assigned
// and having declared no conflict of interest, so the opinion can be
// drafted at once. edit, if not nil, changes the case's details first
// (a test that needs a Chinese title, say). It returns the case's id.
func (w *World) AddCaseInOpinionDrafting(tb testing.TB, edit func(*cases.Draft)) int64 {
	tb.Helper()
	return w.AddCaseInOpinionDraftingFor(tb, w.Rapporteur, edit)
}

// AddCaseInOpinionDraftingFor is AddCaseInOpinionDrafting with rapp as
// the case's rapporteur (the chair, say, for the separation of duties).
func (w *World) AddCaseInOpinionDraftingFor(tb testing.TB, rapp cases.User, edit func(*cases.Draft)) int64 {
	tb.Helper()
	ctx := context.Background()
	now := time.Now().UTC()
	d := cases.Draft{TypeCode: "privacy_complaint", Title: "Face data kept without consent",
		Summary: "Faces are said to be stored without consent.", ReceivedOn: cases.DateOf(now.AddDate(0, -1, 0)), Channel: cases.ChannelEmail,
		Submitter:  cases.Submitter{Kind: cases.SubmitterPerson, Name: "Zhang Wei", Contact: "zhang.wei@example.org"},
		Respondent: "Metro Co.", AISystem: "GateFace", Sector: "transport", Risk: cases.RiskHigh, Breach: "privacy", Priority: cases.PriorityNormal}
	if edit != nil {
		edit(&d)
	}
	c := cases.Case{Draft: d, Status: cases.OpinionDrafting, RapporteurID: rapp.ID, Rapporteur: rapp.Name(),
		CreatedAt: now, CreatedBy: "test", UpdatedAt: now, UpdatedBy: "test"}
	batch := []cases.ImportedCase{{Case: c, History: []cases.StatusChange{
		{At: now.AddDate(0, 0, -20), Actor: "test", From: cases.Received, To: cases.Screening},
		{At: now.AddDate(0, 0, -19), Actor: "test", From: cases.Screening, To: cases.UnderReview},
		{At: now.AddDate(0, 0, -10), Actor: "test", From: cases.UnderReview, To: cases.Deliberation},
		{At: now.AddDate(0, 0, -5), Actor: "test", From: cases.Deliberation, To: cases.OpinionDrafting}}}}
	if err := w.DB.ImportCases(ctx, batch, cases.AuditEntry{Actor: cases.System, Action: "test.import", Entity: "register"}); err != nil {
		tb.Fatal(err)
	}
	id := batch[0].Case.ID
	// The rapporteur and the chair declare no conflict, as every member
	// must before reading, signing or voting on a case.
	for i, u := range []cases.User{rapp, w.Chair} {
		if i > 0 && u.ID == rapp.ID {
			continue // the chair is the rapporteur: one declaration
		}
		if err := w.Service.DeclareInterest(ctx, u, id, false, ""); err != nil {
			tb.Fatal(err)
		}
	}
	return id
}
