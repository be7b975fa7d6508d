package storetest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
	"ethicsdesk/issuing"
)

// An opinion goes the whole way through the Service with real keys —
// drafted, signed, returned by the chair, signed again, countersigned and
// issued — and the register keeps the signed PDF's exact bytes, refuses to
// change the issued opinion, and checks out sound (signatures, printed
// audit heads, signed checkpoints, rows).
func testOpinionLifecycle(t *testing.T, e Engine) {
	s := e.Store
	passwordcost.Cheap()
	const pw = "a long enough test password"
	svc := cases.NewService(s, nil)
	keys := issuing.Keyring{Keys: s}
	svc.SetPorts(cases.Ports{Documents: issuing.Renderer{Letterhead: s}, Keys: keys})
	admin, err := svc.Bootstrap(ctx, "admin", "Administrator", pw)
	if err != nil {
		t.Fatal(err)
	}
	if err := keys.CreateRoot(ctx, admin, pw); err != nil {
		t.Fatal(err)
	}
	signer := func(name string, role cases.Role) cases.User {
		u, err := svc.CreateUser(ctx, admin, cases.NewAccount{Username: name, DisplayName: name, Role: role, Password: pw})
		if err != nil {
			t.Fatal(err)
		}
		if err := keys.IssueMemberKey(ctx, admin, pw, u, pw); err != nil {
			t.Fatal(err)
		}
		return u
	}
	rapp, chair := signer("chen", cases.RoleMember), signer("wang", cases.RoleChair)
	now := time.Now().UTC()
	c := newCase("Face data kept without consent 人脸", now)
	c.Status, c.RapporteurID, c.Rapporteur = cases.OpinionDrafting, rapp.ID, rapp.Name()
	create(t, s, c)
	for _, u := range []cases.User{rapp, chair} {
		if err := svc.DeclareInterest(ctx, u, c.ID, false, ""); err != nil {
			t.Fatal(err)
		}
	}
	text := cases.OpinionText{Decision: cases.DecisionUpheld, Paragraphs: []cases.Paragraph{
		{Heading: cases.HeadBackground, Text: "The submitter says the metro gates keep face images."},
		{Heading: cases.HeadFindings, Text: "The gates keep face images without consent 未经同意."},
		{Heading: cases.HeadReasoning, Text: "Consent must be informed and specific."},
		{Heading: cases.HeadDecision, Text: "The complaint is upheld."}}}
	if _, err := svc.SaveOpinionDraft(ctx, rapp, c.ID, 0, text); err != nil {
		t.Fatal(err)
	}
	if op, err := svc.SignOpinion(ctx, rapp, c.ID, pw); err != nil || op.State != cases.OpinionSignedRapporteur {
		t.Fatalf("the rapporteur's signature: %v", err)
	}
	returned, err := svc.ReturnOpinion(ctx, chair, c.ID, "Cite the consent rules.")
	if err != nil || returned.State != cases.OpinionDraft || len(returned.Signatures) != 0 {
		t.Fatalf("returning the opinion: %+v, %v", returned, err)
	}
	text.Paragraphs[2].Text = "Consent must be informed and specific (rules cited)."
	if _, err := svc.SaveOpinionDraft(ctx, rapp, c.ID, returned.Version, text); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SignOpinion(ctx, rapp, c.ID, pw); err != nil {
		t.Fatal(err)
	}
	op, err := svc.SignOpinion(ctx, chair, c.ID, pw)
	if err != nil || op.State != cases.OpinionIssuedState || len(op.Signatures) != 2 {
		t.Fatalf("the chair's countersignature: %+v, %v", op, err)
	}
	pdf, issued, err := svc.IssuedOpinionPDF(ctx, chair, c.ID)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("the issued PDF: %v", err)
	}
	stored, sum, err := s.OpinionPDF(ctx, issued.ID)
	got := sha256.Sum256(stored)
	if err != nil || !bytes.Equal(stored, pdf) || hex.EncodeToString(got[:]) != sum {
		t.Errorf("the stored PDF (%d bytes, %v) is not the issued one (%d bytes) or its SHA-256", len(stored), err, len(pdf))
	}
	// Verifying the file names the opinion it is; the register finds it by
	// its SHA-256 and by the moment of its signatures.
	rep, err := svc.VerifyPDF(ctx, chair, pdf)
	if err != nil || !strings.Contains(strings.Join(rep.Notes, " "), "this is the opinion issued for "+c.Reference) {
		t.Errorf("verifying the issued PDF: %v, %v", rep, err)
	}
	if rec, err := s.IssuedOpinionBySHA256(ctx, sum); err != nil || rec.OpinionID != issued.ID || rec.Reference != c.Reference || len(rec.Signatures) != 2 {
		t.Errorf("the issued opinion by its SHA-256: %+v, %v", rec, err)
	}
	if _, err := s.IssuedOpinionBySHA256(ctx, strings.Repeat("0", 64)); err != cases.ErrNotFound {
		t.Errorf("an unknown SHA-256 gives %v", err)
	}
	if recs, err := s.IssuedOpinionsSignedAt(ctx, op.Signatures[1].SignedAt); err != nil || len(recs) != 1 || !bytes.Equal(recs[0].PDF, pdf) {
		t.Errorf("the issued opinions signed at %v: %d, %v", op.Signatures[1].SignedAt, len(recs), err)
	}
	if versions, err := s.OpinionVersions(ctx, issued.ID); err != nil || len(versions) < 3 {
		t.Errorf("%d saved versions (%v), want the two drafts and the return", len(versions), err)
	}
	if after, _ := s.GetCase(ctx, c.ID); after.Status == cases.OpinionDrafting {
		t.Error("issuing the opinion did not move the case")
	}
	if err := e.Raw("UPDATE opinions SET decision = 'rejected' WHERE state = 'issued'"); err == nil {
		t.Error("the database let an issued opinion be changed")
	}
	if err := e.Raw("DELETE FROM opinions WHERE state = 'issued'"); err == nil {
		t.Error("the database let an issued opinion be deleted")
	}
	if hits, err := svc.Search(ctx, chair, "rules cited", cases.Query{}, 0, 10); err != nil || len(hits) != 1 || hits[0].Source != cases.SourceOpinion {
		t.Errorf("the opinion's text is not found: %v, %v", hits, err)
	}
	problems, err := s.Check(ctx)
	if err != nil || len(problems) != 0 {
		t.Errorf("the register after an issued opinion: %q, %v", problems, err)
	}
	if !strings.Contains(string(pdf), "Audit record at signing") {
		t.Error("the issued PDF carries no audit head")
	}
}
