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

	"ethicsdesk/cases"
	"ethicsdesk/internal/testworld"
)

const (
	adminPass  = "admin-password-1"
	rappPass   = "rapporteur-pass-1"
	chairPass  = "chair-password-1"
	memberPass = "member-pass-1"
)

// world is the shared test register with one case in opinion drafting,
// whose title is partly Chinese so the opinion's heading needs a CJK font.
type world struct {
	*testworld.World
	caseID int64
}

func newWorld(t *testing.T) *world {
	t.Helper()
	w := testworld.New(t, testworld.Options{AdminPassword: adminPass, RapporteurPassword: rappPass,
		ChairPassword: chairPass, MemberPassword: memberPass})
	id := w.AddCaseInOpinionDrafting(t, func(d *cases.Draft) { d.Title = "Face data kept without consent 人脸信息" })
	return &world{World: w, caseID: id}
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
	op, err := w.Service.SaveOpinionDraft(ctx, w.Rapporteur, w.caseID, 0, text())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Service.SignOpinion(ctx, w.Rapporteur, w.caseID, rappPass); err != nil {
		t.Fatal(err)
	}
	if op, err = w.Service.SignOpinion(ctx, w.Chair, w.caseID, chairPass); err != nil {
		t.Fatal(err)
	}
	if op.State != cases.OpinionIssuedState {
		t.Fatalf("opinion state %s after the chair's signature", op.State)
	}
	pdf, _, err := w.Service.IssuedOpinionPDF(ctx, w.Chair, w.caseID)
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

func TestDraftVersionsAndWhoMayDraft(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	if _, err := w.Service.SaveOpinionDraft(ctx, w.Member, w.caseID, 0, text()); err == nil {
		t.Fatal("a member who is not the rapporteur drafted the opinion")
	}
	op, err := w.Service.SaveOpinionDraft(ctx, w.Rapporteur, w.caseID, 0, text())
	if err != nil {
		t.Fatal(err)
	}
	second := text()
	second.Paragraphs[0].Text = "Revised background."
	if _, err := w.Service.SaveOpinionDraft(ctx, w.Rapporteur, w.caseID, op.Version, second); err != nil {
		t.Fatal(err)
	}
	// Saving on top of version 1 again is refused: someone saved version 2.
	var stale *cases.StaleError
	if _, err := w.Service.SaveOpinionDraft(ctx, w.Rapporteur, w.caseID, 1, text()); !errors.As(err, &stale) {
		t.Fatalf("stale save: %v", err)
	}
	vs, err := w.Service.OpinionVersions(ctx, w.Rapporteur, w.caseID)
	if err != nil || len(vs) != 2 || vs[0].Version != 2 || vs[1].Text.Paragraphs[0].Text != text().Paragraphs[0].Text {
		t.Fatalf("versions: %+v %v", vs, err)
	}
}

func TestSigningRulesAndWrongPassword(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	if _, err := w.Service.SaveOpinionDraft(ctx, w.Rapporteur, w.caseID, 0, text()); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Service.SignOpinion(ctx, w.Member, w.caseID, memberPass); err == nil {
		t.Fatal("a member who is not the rapporteur signed")
	}
	if _, err := w.Service.SignOpinion(ctx, w.Chair, w.caseID, chairPass); err == nil {
		t.Fatal("the chair signed before the rapporteur")
	}
	if _, err := w.Service.SignOpinion(ctx, w.Rapporteur, w.caseID, "not-my-password"); !errors.Is(err, cases.ErrSignPassword) {
		t.Fatalf("wrong password: %v", err)
	}
	op, _ := w.Service.Opinion(ctx, w.Rapporteur, w.caseID)
	seq, _, _ := w.DB.AuditHead(ctx)
	if op.State != cases.OpinionDraft || len(op.Signatures) != 0 {
		t.Fatalf("a refused signature changed the opinion: %+v", op)
	}
	if _, err := w.Service.SignOpinion(ctx, w.Rapporteur, w.caseID, rappPass); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Service.SignOpinion(ctx, w.Member, w.caseID, memberPass); err == nil {
		t.Fatal("a member countersigned")
	}
	if _, err := w.Service.SignOpinion(ctx, w.Chair, w.caseID, "wrong"); !errors.Is(err, cases.ErrSignPassword) {
		t.Fatalf("chair wrong password: %v", err)
	}
	// The refused signatures wrote nothing but the record of the wrong
	// password, which counts toward the lockout as at sign-in.
	recs, _, err := w.Service.AuditLog(ctx, w.Admin, cases.AuditFilter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, r := range recs {
		if r.Seq > seq {
			actions = append([]string{r.Action}, actions...)
		}
	}
	if strings.Join(actions, " ") != "user.reauthenticate opinion.sign user.reauthenticate_failed" {
		t.Fatalf("audit entries after the rapporteur's signature: %v; refused signatures must write only the wrong password", actions)
	}
}

func TestIssuedOpinionIsFrozenAndMovesTheCase(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.issue(t)
	c, _ := w.Service.GetCase(ctx, w.Chair, w.caseID)
	if c.Status != cases.FollowUp { // the opinion sets a recommendation
		t.Fatalf("case is %s after issue", c.Status)
	}
	if _, err := w.Service.SaveOpinionDraft(ctx, w.Rapporteur, w.caseID, 1, text()); err == nil {
		t.Fatal("an issued opinion was edited through the service")
	}
	if _, err := w.Service.SignOpinion(ctx, w.Chair, w.caseID, chairPass); err == nil {
		t.Fatal("an issued opinion was signed again")
	}
	// A correction is a new opinion linked to the issued one.
	corr, err := w.Service.StartCorrection(ctx, w.Rapporteur, w.caseID)
	if err != nil || corr.CorrectsID == 0 || corr.State != cases.OpinionDraft {
		t.Fatalf("correction: %+v %v", corr, err)
	}
	pdf, issued, err := w.Service.IssuedOpinionPDF(ctx, w.Chair, w.caseID)
	if err != nil || issued.ID != corr.CorrectsID || len(pdf) == 0 {
		t.Fatalf("the issued opinion is no longer served as it was: %v", err)
	}
}

func TestVerifyAndTamper(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	pdf := w.issue(t)
	rep, err := w.Keys.Verify(ctx, pdf)
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
	if rep, _ := w.Keys.Verify(ctx, bad); rep != nil && rep.OK() {
		t.Fatal("a changed byte was not detected")
	}
}

// TestPopplerAgrees checks the issued PDF with tools we did not write.
func TestPopplerAgrees(t *testing.T) {
	for _, tool := range []string{"pdfsig", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed: run scripts/install-deps.sh (poppler-utils)", tool)
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
	c, _ := w.Service.GetCase(context.Background(), w.Chair, w.caseID)
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
	if err := w.Service.ChangePassword(ctx, w.Rapporteur, "not-the-current-one", newPass); err == nil {
		t.Fatal("a wrong current password changed the password")
	}
	if err := w.Service.ChangePassword(ctx, w.Rapporteur, rappPass, newPass); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Service.Login(ctx, "chen", newPass); err != nil {
		t.Fatalf("sign-in with the new password: %v", err)
	}
	if _, err := w.Service.SaveOpinionDraft(ctx, w.Rapporteur, w.caseID, 0, text()); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Service.SignOpinion(ctx, w.Rapporteur, w.caseID, rappPass); !errors.Is(err, cases.ErrSignPassword) {
		t.Fatalf("the old password still opens the signing key: %v", err)
	}
	if _, err := w.Service.SignOpinion(ctx, w.Rapporteur, w.caseID, newPass); err != nil {
		t.Fatalf("signing with the new password: %v", err)
	}
}
