package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/internal/attackpdf"
	"ethicsdesk/signing"
)

// The verify window reaches the same verdicts as `ethicsdesk verify`, from
// the same code: an issued opinion is verified and named from the
// register, a cut-back revision and a look-alike signer are not, text from
// the file cannot draw on the window, and the root's fingerprint is shown.
func TestVerifyWindowVerdicts(t *testing.T) {
	w := newOpinionWorld(t)
	ctx := context.Background()
	if _, err := w.svc.SaveOpinionDraft(ctx, w.rapp, w.caseID, 0, signableOpinion("The complaint is upheld.")); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.SignOpinion(ctx, w.rapp, w.caseID, rappPassword); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.SignOpinion(ctx, w.chair, w.caseID, chairPassword); err != nil {
		t.Fatal(err)
	}
	pdf, _, err := w.svc.IssuedOpinionPDF(ctx, w.chair, w.caseID)
	if err != nil {
		t.Fatal(err)
	}
	root, err := w.keys.RootCertificate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	v := w.deskFor(w.chair).openVerify()
	w.settle()
	if !strings.Contains(v.root.Text, signing.Fingerprint(root)) {
		t.Errorf("the verify window does not show the root's fingerprint: %q", v.root.Text)
	}

	v.check("opinion.pdf", pdf)
	w.settle()
	if !strings.HasPrefix(v.verdictText(), "Verified: 2 valid signatures") || !containsPart(labelsIn(v.result), "this is the opinion issued for EC-") {
		t.Fatalf("the issued opinion: %q %v", v.verdictText(), labelsIn(v.result))
	}

	v.check("cut.pdf", attackpdf.CutBack(pdf))
	w.settle()
	if !strings.HasPrefix(v.verdictText(), "NOT VERIFIED") || !containsPart(labelsIn(v.result), "earlier revision of the opinion issued for") {
		t.Fatalf("a revision cut back to the rapporteur's: %q %v", v.verdictText(), labelsIn(v.result))
	}

	fakeRoot, _ := signing.NewRoot(root.Subject.CommonName, root.Subject.Organization[0], time.Now())
	fake, _ := signing.IssueMember(fakeRoot, w.chair.Name(), "Chair", "", time.Now())
	forged, err := signing.SignPDF(pdf, fake, signing.SignatureInfo{Reason: attackpdf.EscapeReason, FieldName: "Chair", Page: 1, Rect: [4]float64{40, 40, 200, 90}})
	if err != nil {
		t.Fatal(err)
	}
	v.check("forged\x1b[2K.pdf", forged)
	w.settle()
	shown := strings.Join(labelsIn(v.result), "\n")
	if !strings.HasPrefix(v.verdictText(), "NOT VERIFIED") || !strings.Contains(shown, "Signature 3, “"+w.chair.Name()+"”, was not made with a certificate of this committee") {
		t.Fatalf("a look-alike chair: %q\n%s", v.verdictText(), shown)
	}
	if strings.ContainsAny(shown+v.file.Text, "\x1b\x07\u202e") || !strings.Contains(shown, `\x1B[2K`) {
		t.Fatalf("text from the file reaches the window unescaped:\n%q", shown)
	}
}

// Without a committee root the window says the signers are unverified.
func TestVerifyWindowWithoutRoot(t *testing.T) {
	w := newOpinionWorld(t)
	fx := w.deskFor(w.chair)
	ctx := context.Background()
	w.svc.SaveOpinionDraft(ctx, w.rapp, w.caseID, 0, signableOpinion("Upheld."))
	w.svc.SignOpinion(ctx, w.rapp, w.caseID, rappPassword)
	w.svc.SignOpinion(ctx, w.chair, w.caseID, chairPassword)
	pdf, _, err := w.svc.IssuedOpinionPDF(ctx, w.chair, w.caseID)
	if err != nil {
		t.Fatal(err)
	}
	w.svc.SetPorts(cases.Ports{}) // a copy of the program without the committee's keys
	v := fx.openVerify()
	w.settle()
	v.check("opinion.pdf", pdf)
	w.settle()
	if !strings.HasPrefix(v.verdictText(), "SIGNATURES INTACT BUT SIGNERS UNVERIFIED") {
		t.Fatalf("no root: %q", v.verdictText())
	}
}

// signableOpinion is the smallest opinion that may be signed: a decision
// and a paragraph under each required heading.
func signableOpinion(decision string) cases.OpinionText {
	return cases.OpinionText{Decision: cases.DecisionUpheld, Paragraphs: []cases.Paragraph{
		{Heading: cases.HeadBackground, Text: "The submitter complained."},
		{Heading: cases.HeadFindings, Text: "No consent was asked."},
		{Heading: cases.HeadReasoning, Text: "Consent must be informed."},
		{Heading: cases.HeadDecision, Text: decision}}}
}
