package cases_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// A chair who is the case's rapporteur signs as author and may not then
// countersign: one person never issues an opinion alone. The deputy chair
// named in the settings countersigns instead.
func TestChairWhoIsRapporteurCannotCountersignTheDeputyDoes(t *testing.T) {
	k := newCommittee(t).withPaperSigning()
	ctx := context.Background()
	deputy := k.members[1]
	id := k.caseInOpinionDrafting(k.chair)
	k.draftAndSign(k.chair, id)
	// With no deputy named, the opinion still names the chair as the one
	// who countersigns.
	signed, err := k.svc.PreviewOpinion(ctx, k.chair, id)
	if err != nil || !strings.Contains(string(signed), "Chair "+k.chair.Name()+";") {
		t.Fatalf("the opinion does not name the chair as countersignatory: %q %v", signed, err)
	}

	_, err = k.svc.SignOpinion(ctx, k.chair, id, pw)
	var same *cases.SameSignerError
	if !errors.As(err, &same) || !strings.Contains(err.Error(), "two different people") || !strings.Contains(err.Error(), "none is named") {
		t.Fatalf("the chair countersigned their own opinion as rapporteur: %v", err)
	}
	if st := k.opinionState(id); st != cases.OpinionSignedRapporteur {
		t.Fatalf("state %s after a refused countersignature", st)
	}
	if err := k.svc.MayCountersign(ctx, k.chair, id); !errors.As(err, &same) {
		t.Fatalf("the dialog's check lets the chair countersign: %v", err)
	}
	// A member not named deputy may not countersign either.
	if _, err := k.svc.SignOpinion(ctx, deputy, id, pw); !isForbidden(err) {
		t.Fatalf("a member who is not the deputy countersigned: %v", err)
	}

	must(t, k.setDeputy(deputy))
	if err := k.svc.MayCountersign(ctx, k.chair, id); err == nil || !strings.Contains(err.Error(), "deputy chair, "+deputy.Name()) {
		t.Fatalf("the refusal does not name the deputy chair: %v", err)
	}
	if err := k.svc.MayCountersign(ctx, deputy, id); err != nil {
		t.Fatalf("the deputy chair may not countersign: %v", err)
	}
	if err := k.svc.MayCountersign(ctx, k.members[2], id); !isForbidden(err) {
		t.Fatalf("another member may countersign: %v", err)
	}
	op, err := k.svc.SignOpinion(ctx, deputy, id, pw)
	if err != nil || op.State != cases.OpinionIssuedState {
		t.Fatalf("the deputy chair's countersignature: %v (state %s)", err, op.State)
	}
	if len(op.Signatures) != 2 || op.Signatures[0].UserID == op.Signatures[1].UserID {
		t.Fatalf("signatures %+v: not two different people", op.Signatures)
	}
	pdf, _, err := k.svc.IssuedOpinionPDF(ctx, k.chair, id)
	if err != nil || !strings.Contains(string(pdf), "signed by "+deputy.Name()) {
		t.Fatalf("the issued opinion is not countersigned by the deputy chair: %q %v", pdf, err)
	}
	// Once a deputy is named, the chair's own opinions print the deputy
	// chair as the one who countersigns.
	next := k.caseInOpinionDrafting(k.chair)
	if _, err := k.svc.SaveOpinionDraft(ctx, k.chair, next, 0, opinionText()); err != nil {
		t.Fatal(err)
	}
	preview, err := k.svc.PreviewOpinion(ctx, k.chair, next)
	if err != nil || !strings.Contains(string(preview), "Deputy chair "+deputy.Name()) {
		t.Fatalf("the draft does not name the deputy chair as countersignatory: %q %v", preview, err)
	}
	if err := k.svc.MayCountersign(ctx, deputy, id); err == nil {
		t.Fatal("an issued opinion is offered for countersigning")
	}
}

// The deputy chair countersigns only in place of a chair who is the
// rapporteur; an ordinary case is countersigned by the chair.
func TestDeputyDoesNotCountersignWhenTheChairCan(t *testing.T) {
	k := newCommittee(t).withPaperSigning()
	ctx := context.Background()
	rapp, deputy := k.members[0], k.members[1]
	must(t, k.setDeputy(deputy))
	id := k.caseInOpinionDrafting(rapp)
	k.draftAndSign(rapp, id)
	if _, err := k.svc.SignOpinion(ctx, deputy, id, pw); !isForbidden(err) {
		t.Fatalf("the deputy countersigned although the chair is not the rapporteur: %v", err)
	}
	var same *cases.SameSignerError
	if _, err := k.svc.SignOpinion(ctx, rapp, id, pw); !errors.As(err, &same) || !strings.HasSuffix(err.Error(), "countersigned by the chair.") {
		t.Fatalf("the rapporteur countersigned their own opinion: %v", err)
	}
	if op, err := k.svc.SignOpinion(ctx, k.chair, id, pw); err != nil || op.State != cases.OpinionIssuedState {
		t.Fatalf("the chair's countersignature: %v", err)
	}
	pdf, _, _ := k.svc.IssuedOpinionPDF(ctx, k.chair, id)
	if !strings.Contains(string(pdf), "Chair "+k.chair.Name()) {
		t.Fatalf("the opinion does not name the chair as countersignatory: %q", pdf)
	}
	// Each signature goes in its own place of the layout.
	if !strings.Contains(string(pdf), "(Rapporteur — author) at [0 0 1 1]") || !strings.Contains(string(pdf), "(Chair — approval) at [1 1 2 2]") {
		t.Fatalf("the signatures are not in their places: %q", pdf)
	}
}

// A layout with room for one signature only leaves the countersignature
// unplaced instead of failing.
func TestCountersignatureWithoutAPlace(t *testing.T) {
	k := newCommittee(t)
	k.svc.SetPorts(paperPorts(onePlacePaper{}))
	ctx := context.Background()
	id := k.caseInOpinionDrafting(k.members[0])
	k.draftAndSign(k.members[0], id)
	op, err := k.svc.SignOpinion(ctx, k.chair, id, pw)
	if err != nil || op.State != cases.OpinionIssuedState {
		t.Fatalf("countersigning with one place: %v", err)
	}
	pdf, _, _ := k.svc.IssuedOpinionPDF(ctx, k.chair, id)
	if !strings.Contains(string(pdf), "(Chair — approval) at [0 0 0 0]") {
		t.Fatalf("the countersignature was placed: %q", pdf)
	}
}

// A deactivated chair, or a deputy who has since been deactivated, does
// not countersign.
func TestInactiveCountersignersAreRefused(t *testing.T) {
	k := newCommittee(t).withPaperSigning()
	ctx := context.Background()
	deputy := k.members[1]
	must(t, k.setDeputy(deputy))
	id := k.caseInOpinionDrafting(k.chair)
	k.draftAndSign(k.chair, id)
	must(t, k.svc.Deactivate(ctx, k.admin, deputy.ID))
	gone := deputy
	gone.Active = false
	if _, err := k.svc.SignOpinion(ctx, gone, id, pw); err == nil {
		t.Fatal("a deactivated deputy chair countersigned")
	}
	if err := k.svc.MayCountersign(ctx, k.chair, id); err == nil || !strings.Contains(err.Error(), "none is named") {
		t.Fatalf("a deactivated deputy is still named: %v", err)
	}
}

// A secretariat account may not countersign (even when it is handed a
// key, the role decides), nor be named deputy chair; nor may the
// administrator.
func TestSecretariatCannotCountersignNorBeDeputy(t *testing.T) {
	k := newCommittee(t).withPaperSigning()
	ctx := context.Background()
	id := k.caseInOpinionDrafting(k.members[0])
	k.draftAndSign(k.members[0], id)
	if _, err := k.svc.SignOpinion(ctx, k.sec, id, pw); !isForbidden(err) {
		t.Fatalf("the secretariat countersigned: %v", err)
	}
	if st := k.opinionState(id); st != cases.OpinionSignedRapporteur {
		t.Fatalf("state %s after the secretariat's attempt", st)
	}
	for _, u := range []cases.User{k.sec, k.admin, {ID: 999}} {
		var fe cases.FieldErrors
		if err := k.setDeputy(u); !errors.As(err, &fe) || fe["deputy_chair"] == "" {
			t.Fatalf("%s (%d) named deputy chair: %v", u.Role, u.ID, err)
		}
	}
	must(t, k.setDeputy(k.members[3]))
	if st, _ := k.svc.Settings(ctx); st.DeputyChairID != k.members[3].ID {
		t.Fatalf("deputy chair read back as %d", st.DeputyChairID)
	}
	must(t, k.setDeputy(cases.User{}))
	if st, _ := k.svc.Settings(ctx); st.DeputyChairID != 0 {
		t.Fatalf("deputy chair %d after clearing it", st.DeputyChairID)
	}
}

func isForbidden(err error) bool {
	var f *cases.ForbiddenError
	return errors.As(err, &f)
}
