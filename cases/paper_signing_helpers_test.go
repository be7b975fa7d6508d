package cases_test

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/signing"
)

// paper stands in for the PDF renderer and the signing keys in the rule
// tests: the rules (who signs, when, with which password) live in cases,
// and the real PDFs and signatures are tested in package issuing. A
// rendering is a line of text; a signature appends the signer's name.
type paper struct{}

func (paper) RenderOpinion(doc cases.OpinionDocument) ([]byte, cases.SignatureLayout, error) {
	pdf := fmt.Sprintf("%%PDF opinion of %s; signatories:", doc.Case.Reference)
	if doc.CorrectsRef != "" {
		pdf = fmt.Sprintf("%%PDF opinion of %s correcting %s; signatories:", doc.Case.Reference, doc.CorrectsRef)
	}
	for _, s := range doc.Signatories {
		pdf += " " + s.Role + " " + s.Name + ";"
	}
	return []byte(pdf), cases.SignatureLayout{Page: 1, Rects: [][4]float64{{0, 0, 1, 1}, {1, 1, 2, 2}}}, nil
}

func (paper) SignPDF(ctx context.Context, pdf []byte, req cases.SignRequest) ([]byte, error) {
	return append(pdf, fmt.Sprintf("\nsigned by %s (%s) at %v", req.Signer.Name(), req.Meaning, req.Rect)...), nil
}

// The rest of the ports: letters and key management, which these rule
// tests do not use.
func (paper) RenderLetter(cases.LetterRequest) ([]byte, error) { return []byte("%PDF letter"), nil }
func (paper) ResealKey(context.Context, int64, string, string) ([]byte, error) {
	return nil, nil
}
func (paper) CreateRoot(context.Context, cases.User, string) error {
	return errors.New("no keys on paper")
}
func (paper) IssueMemberKey(context.Context, cases.User, string, cases.User, string) error {
	return errors.New("no keys on paper")
}
func (paper) ImportPKCS12(context.Context, cases.User, []byte, string, string) error {
	return errors.New("no keys on paper")
}
func (paper) Verify(context.Context, []byte) (*signing.Report, error) { return &signing.Report{}, nil }
func (paper) RootCertificate(context.Context) (*x509.Certificate, error) {
	return nil, errors.New("no keys on paper")
}

// paperPorts are the ports of a program that renders and signs on paper;
// documents may be another renderer (a layout with fewer places).
func paperPorts(documents cases.DocumentRenderer) cases.Ports {
	return cases.Ports{Documents: documents, Keys: paper{}}
}

// withPaperSigning lets the committee's register draft and sign opinions.
func (k *committee) withPaperSigning() *committee {
	k.svc.SetPorts(paperPorts(paper{}))
	return k
}

// caseInOpinionDrafting imports a case that has reached opinion drafting
// with rapp as its rapporteur, who has declared no conflict.
func (k *committee) caseInOpinionDrafting(rapp cases.User) int64 {
	k.t.Helper()
	return k.caseInOpinionDraftingFrom(rapp, cases.Submitter{Kind: cases.SubmitterPerson, Name: "Zhang Wei"})
}

// caseInOpinionDraftingFrom is caseInOpinionDrafting for a case sub submitted.
func (k *committee) caseInOpinionDraftingFrom(rapp cases.User, sub cases.Submitter) int64 {
	k.t.Helper()
	ctx := context.Background()
	now := k.clock.now().UTC()
	d := cases.Draft{TypeCode: "privacy_complaint", Title: "Face data kept without consent",
		Summary: "Faces are said to be stored without consent.", ReceivedOn: cases.DateOf(now.AddDate(0, -1, 0)), Channel: cases.ChannelEmail,
		Submitter:  sub,
		Respondent: "Metro Co.", AISystem: "GateFace", Sector: "transport", Risk: cases.RiskHigh, Breach: "privacy", Priority: cases.PriorityNormal}
	c := cases.Case{Draft: d, Status: cases.OpinionDrafting, RapporteurID: rapp.ID, Rapporteur: rapp.Name(),
		CreatedAt: now, CreatedBy: "test", UpdatedAt: now, UpdatedBy: "test"}
	batch := []cases.ImportedCase{{Case: c, History: []cases.StatusChange{
		{At: now.Add(-20 * 24 * time.Hour), Actor: "test", From: cases.Received, To: cases.Screening},
		{At: now.Add(-19 * 24 * time.Hour), Actor: "test", From: cases.Screening, To: cases.UnderReview},
		{At: now.Add(-10 * 24 * time.Hour), Actor: "test", From: cases.UnderReview, To: cases.Deliberation},
		{At: now.Add(-5 * 24 * time.Hour), Actor: "test", From: cases.Deliberation, To: cases.OpinionDrafting}}}}
	must(k.t, k.db.ImportCases(ctx, batch, cases.AuditEntry{Actor: cases.System, Action: "test.import", Entity: "register"}))
	id := batch[0].Case.ID
	// Everyone who may sign declares no conflict, as every member must
	// before reading, signing or voting on a case.
	for _, u := range append([]cases.User{rapp, k.chair}, k.members...) {
		if err := k.svc.DeclareInterest(ctx, u, id, false, ""); err != nil && u.ID == rapp.ID {
			k.t.Fatal(err)
		}
	}
	return id
}

// opinionText is a complete opinion: a decision and a paragraph under
// each heading signing requires.
func opinionText() cases.OpinionText {
	return cases.OpinionText{Decision: cases.DecisionUpheld, Paragraphs: []cases.Paragraph{
		{Heading: cases.HeadBackground, Text: "The submitter says the metro gates keep face images."},
		{Heading: cases.HeadFindings, Text: "The gates keep face images without consent."},
		{Heading: cases.HeadReasoning, Text: "Consent must be informed and specific."},
		{Heading: cases.HeadDecision, Text: "The complaint is upheld."}}}
}

// draftAndSign saves a draft as rapp and signs it as rapporteur.
func (k *committee) draftAndSign(rapp cases.User, caseID int64) {
	k.t.Helper()
	ctx := context.Background()
	if _, err := k.svc.SaveOpinionDraft(ctx, rapp, caseID, 0, opinionText()); err != nil {
		k.t.Fatal(err)
	}
	op, err := k.svc.SignOpinion(ctx, rapp, caseID, pw)
	if err != nil || op.State != cases.OpinionSignedRapporteur {
		k.t.Fatalf("rapporteur's signature: %v (state %s)", err, op.State)
	}
}

func (k *committee) opinionState(caseID int64) cases.OpinionState {
	k.t.Helper()
	op, err := k.svc.Opinion(context.Background(), k.chair, caseID)
	if err != nil {
		k.t.Fatal(err)
	}
	return op.State
}

func (k *committee) setDeputy(u cases.User) error {
	ctx := context.Background()
	st, err := k.svc.Settings(ctx)
	if err != nil {
		return err
	}
	st.DeputyChairID = u.ID
	return k.svc.SaveSettings(ctx, k.admin, st)
}

var _ testing.TB = (*testing.T)(nil)

// onePlacePaper lays out room for the rapporteur's signature only, as an
// older letterhead might: the countersignature then goes unplaced (an
// invisible signature) rather than failing.
type onePlacePaper struct{ paper }

func (onePlacePaper) RenderOpinion(doc cases.OpinionDocument) ([]byte, cases.SignatureLayout, error) {
	pdf, l, err := paper{}.RenderOpinion(doc)
	l.Rects = l.Rects[:1]
	return pdf, l, err
}
