package issuing_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/issuing"
	"ethicsdesk/store"
)

const (
	adminPass = "admin-password-1"
	rappPass  = "rapporteur-pass-1"
	chairPass = "chair-password-1"
)

type world struct {
	db                         *store.DB
	svc                        *cases.Service
	keys                       issuing.Keyring
	admin, rapp, chair, member cases.User
	caseID                     int64
}

func newWorld(t *testing.T) *world {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(filepath.Join(t.TempDir(), "register.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	w := &world{db: db, svc: cases.NewService(db, nil), keys: issuing.Keyring{Keys: db}}
	w.svc.SetPublishing(cases.Publishing{Store: db, Publisher: issuing.Publisher{Letterhead: db}, Signer: w.keys, Keys: w.keys})
	cases.CheapPasswordHashingForTests()
	mk := func(name, display string, role cases.Role, password string) cases.User {
		u := cases.User{Username: name, DisplayName: display, Role: role, Active: true}
		hash, err := cases.HashPassword(password)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.CreateUser(ctx, &u, hash, cases.AuditEntry{Actor: cases.System, Action: "user.create", Entity: "user"}); err != nil {
			t.Fatal(err)
		}
		return u
	}
	w.admin = mk("admin", "Administrator", cases.RoleAdministrator, adminPass)
	w.rapp = mk("chen", "Dr. Chen Jie 陈杰", cases.RoleMember, rappPass)
	w.chair = mk("wang", "Prof. Wang Fang 王芳", cases.RoleChair, chairPass)
	w.member = mk("liu", "Dr. Liu Yang", cases.RoleMember, "member-pass-1")
	if err := w.keys.CreateRoot(ctx, w.admin, adminPass); err != nil {
		t.Fatal(err)
	}
	for _, m := range []struct {
		u cases.User
		p string
	}{{w.rapp, rappPass}, {w.chair, chairPass}, {w.member, "member-pass-1"}} {
		if err := w.keys.IssueMemberKey(ctx, w.admin, adminPass, m.u, m.p); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Now().UTC()
	c := cases.Case{Draft: cases.Draft{TypeCode: "privacy_complaint", Title: "Face data kept without consent 人脸信息",
		Summary: "Summary.", ReceivedOn: cases.DateOf(now.AddDate(0, -1, 0)), Channel: cases.ChannelEmail,
		Submitter: cases.Submitter{Kind: cases.SubmitterPerson, Name: "Zhang Wei"}, Respondent: "Metro Co.", AISystem: "GateFace",
		Sector: "transport", Risk: cases.RiskHigh, Breach: "privacy", Priority: cases.PriorityNormal},
		Status: cases.OpinionDrafting, RapporteurID: w.rapp.ID, Rapporteur: w.rapp.Name(), CreatedAt: now, CreatedBy: "test", UpdatedAt: now, UpdatedBy: "test"}
	batch := []cases.ImportedCase{{Case: c, History: []cases.StatusChange{
		{At: now.AddDate(0, 0, -20), Actor: "test", From: cases.Received, To: cases.Screening},
		{At: now.AddDate(0, 0, -19), Actor: "test", From: cases.Screening, To: cases.UnderReview},
		{At: now.AddDate(0, 0, -10), Actor: "test", From: cases.UnderReview, To: cases.Deliberation},
		{At: now.AddDate(0, 0, -5), Actor: "test", From: cases.Deliberation, To: cases.OpinionDrafting}}}}
	if err := db.ImportCases(ctx, batch, cases.AuditEntry{Actor: cases.System, Action: "test.import", Entity: "register"}); err != nil {
		t.Fatal(err)
	}
	w.caseID = batch[0].Case.ID
	if err := w.svc.DeclareInterest(ctx, w.rapp, w.caseID, false, ""); err != nil {
		t.Fatal(err)
	}
	return w
}

var chineseSentence = "委员会认为该系统未充分保护个人信息。"

func text() cases.OpinionText {
	return cases.OpinionText{Decision: cases.DecisionUpheld, Paragraphs: []cases.Paragraph{
		{Heading: cases.HeadBackground, Text: "The submitter complained that the metro gates keep face images."},
		{Heading: cases.HeadQuestions, Text: "Whether consent was obtained."},
		{Heading: cases.HeadFindings, Text: chineseSentence},
		{Heading: cases.HeadReasoning, Text: "Consent must be informed and specific."},
		{Heading: cases.HeadDecision, Text: "The complaint is upheld."},
		{Heading: cases.HeadRecommendations, Text: "Delete the images within 30 days."},
	}}
}

// issue drafts, signs and countersigns the world's opinion.
func (w *world) issue(t *testing.T) []byte {
	t.Helper()
	ctx := context.Background()
	op, err := w.svc.SaveOpinionDraft(ctx, w.rapp, w.caseID, 0, text())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.SignOpinion(ctx, w.rapp, w.caseID, rappPass); err != nil {
		t.Fatal(err)
	}
	if op, err = w.svc.SignOpinion(ctx, w.chair, w.caseID, chairPass); err != nil {
		t.Fatal(err)
	}
	if op.State != cases.OpinionIssuedState {
		t.Fatalf("opinion state %s after the chair's signature", op.State)
	}
	pdf, _, err := w.svc.IssuedOpinionPDF(ctx, w.chair, w.caseID)
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

func TestDraftVersionsAndWhoMayDraft(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	if _, err := w.svc.SaveOpinionDraft(ctx, w.member, w.caseID, 0, text()); err == nil {
		t.Fatal("a member who is not the rapporteur drafted the opinion")
	}
	op, err := w.svc.SaveOpinionDraft(ctx, w.rapp, w.caseID, 0, text())
	if err != nil {
		t.Fatal(err)
	}
	second := text()
	second.Paragraphs[0].Text = "Revised background."
	if _, err := w.svc.SaveOpinionDraft(ctx, w.rapp, w.caseID, op.Version, second); err != nil {
		t.Fatal(err)
	}
	// Saving on top of version 1 again is refused: someone saved version 2.
	var stale *cases.StaleError
	if _, err := w.svc.SaveOpinionDraft(ctx, w.rapp, w.caseID, 1, text()); !errors.As(err, &stale) {
		t.Fatalf("stale save: %v", err)
	}
	vs, err := w.svc.OpinionVersions(ctx, w.rapp, w.caseID)
	if err != nil || len(vs) != 2 || vs[0].Version != 2 || vs[1].Text.Paragraphs[0].Text != text().Paragraphs[0].Text {
		t.Fatalf("versions: %+v %v", vs, err)
	}
}

func TestSigningRulesAndWrongPassword(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	if _, err := w.svc.SaveOpinionDraft(ctx, w.rapp, w.caseID, 0, text()); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.SignOpinion(ctx, w.member, w.caseID, "member-pass-1"); err == nil {
		t.Fatal("a member who is not the rapporteur signed")
	}
	if _, err := w.svc.SignOpinion(ctx, w.chair, w.caseID, chairPass); err == nil {
		t.Fatal("the chair signed before the rapporteur")
	}
	if _, err := w.svc.SignOpinion(ctx, w.rapp, w.caseID, "not-my-password"); !errors.Is(err, cases.ErrSignPassword) {
		t.Fatalf("wrong password: %v", err)
	}
	op, _ := w.svc.Opinion(ctx, w.rapp, w.caseID)
	seq, _, _ := w.db.AuditHead(ctx)
	if op.State != cases.OpinionDraft || len(op.Signatures) != 0 {
		t.Fatalf("a refused signature changed the opinion: %+v", op)
	}
	if _, err := w.svc.SignOpinion(ctx, w.rapp, w.caseID, rappPass); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.SignOpinion(ctx, w.member, w.caseID, "member-pass-1"); err == nil {
		t.Fatal("a member countersigned")
	}
	if _, err := w.svc.SignOpinion(ctx, w.chair, w.caseID, "wrong"); !errors.Is(err, cases.ErrSignPassword) {
		t.Fatalf("chair wrong password: %v", err)
	}
	if seq2, _, _ := w.db.AuditHead(ctx); seq2 != seq+1 {
		t.Fatalf("audit entries %d → %d: refused signatures must write nothing", seq, seq2)
	}
}

func TestIssuedOpinionIsFrozenAndMovesTheCase(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.issue(t)
	c, _ := w.svc.GetCase(ctx, w.chair, w.caseID)
	if c.Status != cases.OpinionIssued {
		t.Fatalf("case is %s after issue", c.Status)
	}
	if _, err := w.svc.SaveOpinionDraft(ctx, w.rapp, w.caseID, 1, text()); err == nil {
		t.Fatal("an issued opinion was edited through the service")
	}
	if _, err := w.svc.SignOpinion(ctx, w.chair, w.caseID, chairPass); err == nil {
		t.Fatal("an issued opinion was signed again")
	}
	// A correction is a new opinion linked to the issued one.
	corr, err := w.svc.StartCorrection(ctx, w.rapp, w.caseID)
	if err != nil || corr.CorrectsID == 0 || corr.State != cases.OpinionDraft {
		t.Fatalf("correction: %+v %v", corr, err)
	}
	pdf, issued, err := w.svc.IssuedOpinionPDF(ctx, w.chair, w.caseID)
	if err != nil || issued.ID != corr.CorrectsID || len(pdf) == 0 {
		t.Fatalf("the issued opinion is no longer served as it was: %v", err)
	}
}

func TestVerifyAndTamper(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	pdf := w.issue(t)
	rep, err := w.keys.Verify(ctx, pdf)
	if err != nil || !rep.OK() || len(rep.Signatures) != 2 {
		t.Fatalf("verify: %v\n%s", err, rep)
	}
	for _, s := range rep.Signatures {
		if !s.ChainsToRoot {
			t.Fatalf("signature of %s does not chain to the committee root", s.SignerName)
		}
	}
	if rep.Signatures[0].Reason != cases.MeaningAuthor || rep.Signatures[1].Reason != cases.MeaningApproval {
		t.Fatalf("meanings: %q, %q", rep.Signatures[0].Reason, rep.Signatures[1].Reason)
	}
	bad := bytes.Clone(pdf)
	i := bytes.Index(bad, []byte("/Type /Page"))
	bad[i+2] ^= 1
	if rep, _ := w.keys.Verify(ctx, bad); rep != nil && rep.OK() {
		t.Fatal("a changed byte was not detected")
	}
}

// TestPopplerAgrees checks the issued PDF with tools we did not write.
func TestPopplerAgrees(t *testing.T) {
	for _, tool := range []string{"pdfsig", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	w := newWorld(t)
	pdf := w.issue(t)
	path := filepath.Join(t.TempDir(), "opinion.pdf")
	os.WriteFile(path, pdf, 0o600)
	out, _ := exec.Command("pdfsig", path).CombinedOutput()
	sig := string(out)
	if strings.Count(sig, "Signature Validation: Signature is Valid.") != 2 {
		t.Fatalf("pdfsig does not find two valid signatures:\n%s", sig)
	}
	if !strings.Contains(sig, "Total document signed") || !strings.Contains(sig, "ETSI.CAdES.detached") {
		t.Fatalf("pdfsig: last signature does not cover the document:\n%s", sig)
	}
	txt, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(txt)), " ")
	c, _ := w.svc.GetCase(context.Background(), w.chair, w.caseID)
	for _, want := range []string{c.Reference, "Background", "Questions considered", "Findings", "Reasoning",
		"Recommendations or conditions", chineseSentence, "Dr. Chen Jie", "Prof. Wang Fang", cases.MeaningAuthor, cases.MeaningApproval} {
		if !strings.Contains(flat, want) && !strings.Contains(string(txt), want) {
			t.Errorf("pdftotext lacks %q", want)
		}
	}
}

// TestChangedPasswordStillSigns: the signing key is resealed with the new
// password in the same change, so the member signs with the password they
// sign in with, and the old one no longer opens the key.
func TestChangedPasswordStillSigns(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	const newPass = "a-brand-new-password"
	if err := w.svc.ChangePassword(ctx, w.rapp, "not-the-current-one", newPass); err == nil {
		t.Fatal("a wrong current password changed the password")
	}
	if err := w.svc.ChangePassword(ctx, w.rapp, rappPass, newPass); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.Login(ctx, "chen", newPass); err != nil {
		t.Fatalf("sign-in with the new password: %v", err)
	}
	if _, err := w.svc.SaveOpinionDraft(ctx, w.rapp, w.caseID, 0, text()); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.SignOpinion(ctx, w.rapp, w.caseID, rappPass); !errors.Is(err, cases.ErrSignPassword) {
		t.Fatalf("the old password still opens the signing key: %v", err)
	}
	if _, err := w.svc.SignOpinion(ctx, w.rapp, w.caseID, newPass); err != nil {
		t.Fatalf("signing with the new password: %v", err)
	}
}
