package cases_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// The chair sends a draft the rapporteur signed back with a reason: only
// at that stage, only the chair, only with a reason of at most 2000
// characters; the rapporteur's signature is void, a new version starts,
// and the audit log and the case's timeline say who returned it and why.
func TestTheChairReturnsASignedDraftWithAReason(t *testing.T) {
	k := newCommittee(t).withPaperSigning()
	ctx := context.Background()
	rapp := k.members[0]
	id := k.caseInOpinionDrafting(rapp)
	c, err := k.svc.GetCase(ctx, k.chair, id)
	must(t, err)
	if _, err := k.svc.SaveOpinionDraft(ctx, rapp, id, 0, opinionText()); err != nil {
		t.Fatal(err)
	}
	_, err = k.svc.ReturnOpinion(ctx, k.chair, id, "Too early.")
	if err == nil || !strings.Contains(err.Error(), "not at that stage") || !strings.Contains(err.Error(), c.Reference) {
		t.Fatalf("returning an unsigned draft: %v", err)
	}
	op, err := k.svc.SignOpinion(ctx, rapp, id, pw)
	must(t, err)
	signedVersion := op.Version
	if _, err := k.svc.ReturnOpinion(ctx, rapp, id, "I changed my mind."); !isForbidden(err) {
		t.Fatalf("the rapporteur used the chair's return: %v", err)
	}
	var fe cases.FieldErrors
	if _, err := k.svc.ReturnOpinion(ctx, k.chair, id, " \n "); !errors.As(err, &fe) || !strings.Contains(fe["return_reason"], "Say why") {
		t.Fatalf("a return without a reason: %v", err)
	}
	long := strings.Repeat("é", cases.MaxReturnReason+1) // counted in characters, not bytes
	if _, err := k.svc.ReturnOpinion(ctx, k.chair, id, long); !errors.As(err, &fe) || !strings.Contains(fe["return_reason"], "2001 characters, at most 2000") {
		t.Fatalf("a reason of 2001 characters: %v", err)
	}
	if st := k.opinionState(id); st != cases.OpinionSignedRapporteur {
		t.Fatalf("refused returns left the opinion %s", st)
	}

	reason := "The reasoning does not address the consent forms." + strings.Repeat(".", cases.MaxReturnReason-49)
	if n := len([]rune(reason)); n != cases.MaxReturnReason {
		t.Fatalf("the test's reason has %d characters", n)
	}
	op, err = k.svc.ReturnOpinion(ctx, k.chair, id, reason)
	if err != nil {
		t.Fatalf("a reason of exactly 2000 characters: %v", err)
	}
	if op.State != cases.OpinionDraft || len(op.Signatures) != 0 || op.Version != signedVersion+1 {
		t.Fatalf("after the return: state %s, %d signatures, version %d (was %d)", op.State, len(op.Signatures), op.Version, signedVersion)
	}
	h := k.head()
	if h.Action != "opinion.return" || h.ActorID != k.chair.ID || !strings.Contains(h.After, "consent forms") ||
		!strings.Contains(h.After, fmt.Sprintf(`"version":%d`, signedVersion+1)) || !strings.Contains(h.Before, fmt.Sprintf(`"version":%d`, signedVersion)) ||
		!strings.Contains(h.Before, rapp.Name()) || !strings.Contains(h.Before, string(cases.OpinionSignedRapporteur)) {
		t.Fatalf("the audit entry of the return: %+v", h)
	}
	tl, err := k.svc.Timeline(ctx, rapp, id)
	must(t, err)
	if len(tl) == 0 || tl[0].Note == nil || tl[0].Note.AuthorID != k.chair.ID ||
		!strings.Contains(tl[0].Note.Body, "returned to the rapporteur ("+rapp.Name()+")") || !strings.Contains(tl[0].Note.Body, "consent forms") {
		t.Fatalf("the timeline does not show who returned the opinion and why: %+v", tl)
	}
	// The rapporteur revises and signs again; the chair countersigns.
	if _, err := k.svc.SaveOpinionDraft(ctx, rapp, id, op.Version, opinionText()); err != nil {
		t.Fatal(err)
	}
	if op, err := k.svc.SignOpinion(ctx, rapp, id, pw); err != nil || op.State != cases.OpinionSignedRapporteur {
		t.Fatalf("signing the revised draft: %v", err)
	}
	issued, err := k.svc.SignOpinion(ctx, k.chair, id, pw)
	if err != nil || issued.State != cases.OpinionIssuedState || len(issued.Signatures) != 2 {
		t.Fatalf("after revising: %s %v", issued.State, err)
	}
	if _, err := k.svc.ReturnOpinion(ctx, k.chair, id, "Too late."); err == nil {
		t.Fatal("an issued opinion was returned")
	}
}
