package cases_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
)

// issue drafts, signs and countersigns the case's opinion.
func (k *committee) issue(rapp cases.User, caseID int64) cases.Opinion {
	k.t.Helper()
	k.draftAndSign(rapp, caseID)
	op, err := k.svc.SignOpinion(context.Background(), k.chair, caseID, pw)
	if err != nil || op.State != cases.OpinionIssuedState {
		k.t.Fatalf("countersignature: %v", err)
	}
	return op
}

// Issuing moves the case to Opinion issued; the issued opinion cannot be
// edited or signed again; only the rapporteur starts a correction, which
// is a new opinion that is signed the same way and leaves the case where
// it is, while the first stays issued.
func TestIssueThenCorrect(t *testing.T) {
	k := newCommittee(t).withPaperSigning()
	ctx := context.Background()
	rapp := k.members[0]
	id := k.caseInOpinionDrafting(rapp)
	if _, err := k.svc.StartCorrection(ctx, rapp, id); err == nil {
		t.Fatal("a correction was started with no opinion issued")
	}
	first := k.issue(rapp, id)
	c, err := k.svc.GetCase(ctx, k.sec, id)
	must(t, err)
	if c.Status != cases.OpinionIssued {
		t.Fatalf("case is %s after issue", c.Status)
	}
	if _, err := k.svc.SaveOpinionDraft(ctx, rapp, id, first.Version, opinionText()); err == nil || !strings.Contains(err.Error(), "correction") {
		t.Fatalf("an issued opinion was edited: %v", err)
	}
	if _, err := k.svc.SignOpinion(ctx, k.chair, id, pw); err == nil || !strings.Contains(err.Error(), "already been issued") {
		t.Fatalf("an issued opinion was signed again: %v", err)
	}
	if _, err := k.svc.StartCorrection(ctx, k.chair, id); !isForbidden(err) {
		t.Fatalf("the chair, not the rapporteur, started a correction: %v", err)
	}
	corr, err := k.svc.StartCorrection(ctx, rapp, id)
	must(t, err)
	if corr.CorrectsID != first.ID || corr.State != cases.OpinionDraft || corr.Text.Decision != first.Text.Decision {
		t.Fatalf("correction: %+v", corr)
	}
	text := opinionText()
	text.Decision = cases.DecisionPartlyUpheld
	_, err = k.svc.SaveOpinionDraft(ctx, rapp, id, corr.Version, text)
	must(t, err)
	preview, err := k.svc.PreviewOpinion(ctx, rapp, id)
	must(t, err)
	if want := fmt.Sprintf("correcting %s (opinion no. %d)", c.Reference, first.ID); !strings.Contains(string(preview), want) {
		t.Fatalf("preview of the correction does not say what it corrects (%s): %q", want, preview)
	}
	if firstPDF, _, err := k.svc.IssuedOpinionPDF(ctx, k.sec, id); err != nil || strings.Contains(string(firstPDF), "correcting") {
		t.Fatalf("the first opinion says it corrects something: %q %v", firstPDF, err)
	}
	k.clock.advance(time.Hour)
	_, err = k.svc.SignOpinion(ctx, rapp, id, pw)
	must(t, err)
	second, err := k.svc.SignOpinion(ctx, k.chair, id, pw)
	must(t, err)
	if second.State != cases.OpinionIssuedState || second.CorrectsID != first.ID || second.Text.Decision != cases.DecisionPartlyUpheld {
		t.Fatalf("issued correction: %+v", second)
	}
	after, err := k.svc.GetCase(ctx, k.sec, id)
	must(t, err)
	if after.Status != cases.OpinionIssued || after.Version != c.Version {
		t.Fatalf("a correction moved the case: %s (version %d → %d)", after.Status, c.Version, after.Version)
	}
	pdf, op, err := k.svc.IssuedOpinionPDF(ctx, k.sec, id)
	must(t, err)
	if op.ID != second.ID || !strings.Contains(string(pdf), "signed by "+k.chair.Name()) {
		t.Fatalf("the issued PDF is not the correction's: %d %q", op.ID, pdf)
	}
}

// Only the rapporteur drafts, only in opinion drafting; the opinion must
// have a decision and text before it is signed.
func TestOnlyTheRapporteurDraftsAndSignsACompleteOpinion(t *testing.T) {
	k := newCommittee(t).withPaperSigning()
	ctx := context.Background()
	rapp := k.members[0]
	id := k.caseInOpinionDrafting(rapp)
	if _, err := k.svc.SaveOpinionDraft(ctx, k.members[1], id, 0, opinionText()); !isForbidden(err) && !isInterest(err) {
		t.Fatalf("another member drafted: %v", err)
	}
	// A complaint is upheld or not; "approved" is for other case types.
	wrong := opinionText()
	wrong.Decision = cases.DecisionApproved
	var fe cases.FieldErrors
	if _, err := k.svc.SaveOpinionDraft(ctx, rapp, id, 0, wrong); !errors.As(err, &fe) || !strings.Contains(fe["decision"], "does not apply to a privacy complaint") {
		t.Fatalf("a complaint's opinion saved with decision approved: %v", err)
	}
	_, err := k.svc.SaveOpinionDraft(ctx, rapp, id, 0, cases.OpinionText{})
	must(t, err)
	_, err = k.svc.SignOpinion(ctx, rapp, id, pw)
	if !errors.As(err, &fe) || fe["decision"] == "" || fe["paragraphs"] == "" {
		t.Fatalf("an empty opinion was signed: %v", err)
	}
	if _, err := k.svc.SignOpinion(ctx, k.chair, id, pw); !isForbidden(err) {
		t.Fatalf("the chair signed a draft as its author: %v", err)
	}
	c, err := k.svc.GetCase(ctx, rapp, id)
	must(t, err)
	op, err := k.svc.SaveOpinionDraft(ctx, rapp, id, 1, opinionText())
	must(t, err)
	if !k.svc.CanDraftOpinion(rapp, c, op) || k.svc.CanDraftOpinion(k.members[1], c, op) {
		t.Fatal("CanDraftOpinion does not name the rapporteur alone")
	}
	op, err = k.svc.SignOpinion(ctx, rapp, id, pw)
	must(t, err)
	if k.svc.CanDraftOpinion(rapp, c, op) {
		t.Fatal("the rapporteur may still edit the opinion they signed")
	}
}

func isInterest(err error) bool {
	var ie *cases.InterestError
	return errors.As(err, &ie)
}
