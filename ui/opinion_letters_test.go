package ui

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/issuing"
)

// TestLettersFromTheCaseWindow prints the three letters as the secretariat.
func TestLettersFromTheCaseWindow(t *testing.T) {
	w := newOpinionWorld(t)
	ctx := context.Background()
	sec, err := w.svc.CreateUser(ctx, w.admin, cases.NewAccount{Username: "sec", DisplayName: "Li Na", Role: cases.RoleSecretariat, Password: "secretary password 1"})
	if err != nil {
		t.Fatal(err)
	}
	cw := w.deskFor(sec).openCase(w.caseID)
	if cw.lettersButton() == nil {
		t.Fatal("the secretariat is not offered the letters")
	}
	if w.deskFor(w.rapp).openCase(w.caseID).lettersButton() != nil {
		t.Fatal("a member who may not see the submitter is offered letters")
	}
	ack, err := cw.letterPDF(issuing.LetterAcknowledgement, nil, time.Time{})
	if err != nil || !bytes.HasPrefix(ack, []byte("%PDF-")) {
		t.Fatalf("acknowledgement: %v", err)
	}
	if _, err := cw.letterPDF(issuing.LetterRequestInfo, []string{"The data protection impact assessment"}, time.Now().AddDate(0, 0, 14)); err != nil {
		t.Fatalf("request for information: %v", err)
	}
	if _, err := cw.letterPDF(issuing.LetterDecisionNotice, nil, time.Time{}); err == nil || !strings.Contains(err.Error(), "no issued opinion") {
		t.Fatalf("a notice of decision before issue: %v", err)
	}
	if cw.hasIssuedOpinion() {
		t.Fatal("the notice of decision is offered before issue")
	}
}
