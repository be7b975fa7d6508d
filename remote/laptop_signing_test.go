package remote_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/issuing"
	"ethicsdesk/remote"
	"ethicsdesk/signing"

	"software.sslmate.com/src/go-pkcs12"
)

func opinionText() cases.OpinionText {
	return cases.OpinionText{Decision: cases.DecisionUpheld, Paragraphs: []cases.Paragraph{
		{Heading: cases.HeadBackground, Text: "The submitter complained that the metro gates keep face images."},
		{Heading: cases.HeadFindings, Text: "No consent was asked."},
		{Heading: cases.HeadReasoning, Text: "Consent must be informed and specific."},
		{Heading: cases.HeadDecision, Text: "The complaint is upheld."},
	}}
}

// laptop is a member's laptop: the program's client signed in to the
// server, with its own folder for signing keys.
func (s *served) laptop(t *testing.T, username, password string) *remote.Client {
	c := s.client(t, username, password)
	c.SetKeyFolder(filepath.Join(t.TempDir(), "keys"))
	return c
}

// sealedKeyOnServer says whether the register still holds userID's sealed
// private key.
func (s *served) sealedKeyOnServer(t *testing.T, userID int64) bool {
	t.Helper()
	_, _, sealed, err := s.DB.UserKey(context.Background(), userID)
	if err != nil {
		t.Fatal(err)
	}
	return len(sealed) > 0
}

// The rapporteur and the chair move their keys to their laptops and sign
// an opinion through the server: the register then holds no private key
// of theirs, the server alone cannot sign for them, a forged signature is
// refused, and the issued PDF verifies with this program, with the
// register's check and with pdfsig.
func TestMembersSignOnTheirLaptopsWithKeysTheServerNoLongerHolds(t *testing.T) {
	s := serve(t)
	ctx := context.Background()
	id := s.AddCaseInOpinionDrafting(t, nil)
	chen := s.laptop(t, "chen", chenPW)
	if _, err := chen.SaveOpinionDraft(ctx, s.Rapporteur, id, 0, opinionText()); err != nil {
		t.Fatal(err)
	}
	var noKey *remote.NoLaptopKeyError
	if _, err := chen.SignOpinion(ctx, s.Rapporteur, id, chenPW); !errors.As(err, &noKey) || !strings.Contains(err.Error(), "ethicsdesk keys fetch") {
		t.Fatalf("signing before the key was moved: %v", err)
	}
	if _, err := chen.FetchSigningKey(ctx, s.Rapporteur, "not chen's password"); !errors.Is(err, cases.ErrSignPassword) {
		t.Fatalf("fetching the key with a wrong password: %v", err)
	}
	if !s.sealedKeyOnServer(t, s.Rapporteur.ID) {
		t.Fatal("a refused fetch removed the key from the server")
	}
	path, err := chen.FetchSigningKey(ctx, s.Rapporteur, chenPW)
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm()&0o077 != 0 {
		t.Fatalf("the key file on the laptop: %v %v", fi, err)
	}
	if s.sealedKeyOnServer(t, s.Rapporteur.ID) {
		t.Fatal("the server still holds the rapporteur's sealed key after it moved to the laptop")
	}
	if _, err := chen.FetchSigningKey(ctx, s.Rapporteur, chenPW); !errors.Is(err, cases.ErrKeyAlreadyMoved) {
		t.Errorf("a second fetch: %v", err)
	}
	// The server, with its database and its memory, cannot sign for chen.
	if _, err := s.Svc.SignOpinion(ctx, s.Rapporteur, id, chenPW); !errors.Is(err, issuing.ErrKeyOnLaptop) {
		t.Fatalf("the server signing with a key that moved: %v", err)
	}
	if op, _ := s.Svc.Opinion(ctx, s.Rapporteur, id); op.State != cases.OpinionDraft {
		t.Fatalf("the opinion is %v after the server failed to sign", op.State)
	}
	if _, err := chen.SignOpinion(ctx, s.Rapporteur, id, "not chen's password"); !errors.Is(err, cases.ErrSignPassword) {
		t.Fatalf("signing with a wrong password: %v", err)
	}
	op, err := chen.SignOpinion(ctx, s.Rapporteur, id, chenPW)
	if err != nil || op.State != cases.OpinionSignedRapporteur {
		t.Fatalf("the rapporteur signing on the laptop: %v %v", op.State, err)
	}
	// Separation of duties holds over the server: chen cannot countersign.
	var same *cases.SameSignerError
	if _, err := chen.SignOpinion(ctx, s.Rapporteur, id, chenPW); !errors.As(err, &same) {
		t.Errorf("the rapporteur countersigning: %v", err)
	}

	wang := s.laptop(t, "wang", wangPW)
	if _, err := wang.FetchSigningKey(ctx, s.Chair, wangPW); err != nil {
		t.Fatal(err)
	}
	// A signature made with another key — a certificate the committee's
	// root never issued, in the chair's name — is refused and nothing is stored.
	forger, err := signing.NewRoot("Forged Root CA", "Forgers", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	fake, err := signing.IssueMember(forger, s.Chair.Name(), "Chair", "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	prep, err := wang.PrepareSignature(ctx, s.Chair, id, wangPW)
	if err != nil {
		t.Fatal(err)
	}
	cms, err := signing.SignPrepared(&signing.Prepared{PDF: prep.PDF, ByteRange: prep.ByteRange}, fake)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wang.CompleteSignature(ctx, s.Chair, id, prep.ID, cms); !errors.Is(err, cases.ErrSignatureRefused) {
		t.Fatalf("a forged countersignature: %v", err)
	}
	if op, _ := s.Svc.Opinion(ctx, s.Chair, id); op.State != cases.OpinionSignedRapporteur {
		t.Fatalf("the opinion is %v after a forged countersignature", op.State)
	}
	if _, err := wang.CompleteSignature(ctx, s.Chair, id, prep.ID, cms); !errors.Is(err, cases.ErrSignatureNotWaiting) {
		t.Errorf("the same prepared document used twice: %v", err)
	}

	op, err = wang.SignOpinion(ctx, s.Chair, id, wangPW)
	if err != nil || op.State != cases.OpinionIssuedState {
		t.Fatalf("the chair countersigning on the laptop: %v %v", op.State, err)
	}
	if s.sealedKeyOnServer(t, s.Chair.ID) {
		t.Fatal("the server still holds the chair's sealed key")
	}
	pdf, _, err := wang.IssuedOpinionPDF(ctx, s.Chair, id)
	if err != nil {
		t.Fatal(err)
	}
	report, err := signing.Verify(pdf, signing.RootPool(s.Root))
	if err != nil || !report.OK() || len(report.Signatures) != 2 {
		t.Fatalf("the issued opinion does not verify: %v %v", report, err)
	}
	if report.Signatures[0].SignerName != s.Rapporteur.Name() || report.Signatures[1].SignerName != s.Chair.Name() {
		t.Errorf("signed by %q then %q", report.Signatures[0].SignerName, report.Signatures[1].SignerName)
	}
	checked, err := s.Keys.Verify(ctx, pdf)
	if err != nil || !checked.OK() {
		t.Fatalf("the register's check of the issued opinion: %v %v", checked, err)
	}
	if !strings.Contains(strings.Join(checked.Notes, " "), "issued") {
		t.Errorf("the register does not recognise the opinion it issued: %v", checked.Notes)
	}
	pdfsigSaysValid(t, pdf, 2)
}

// pdfsigSaysValid runs poppler's pdfsig on pdf and asserts that it finds
// n signatures, each valid (pdfsig exits 0 even on a digest mismatch, so
// its text is read).
func pdfsigSaysValid(t *testing.T, pdf []byte, n int) {
	t.Helper()
	if _, err := exec.LookPath("pdfsig"); err != nil {
		t.Fatal("pdfsig (poppler-utils) is not installed: run scripts/install-deps.sh")
	}
	path := filepath.Join(t.TempDir(), "opinion.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfsig", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfsig: %v\n%s", err, out)
	}
	text := string(out)
	valid := regexp.MustCompile(`Signature Validation: Signature is Valid\.`).FindAllString(text, -1)
	if len(valid) != n || strings.Contains(text, "Digest Mismatch") || !strings.Contains(text, "Total document signed") {
		t.Fatalf("pdfsig does not find %d valid signatures:\n%s", n, text)
	}
}

// Wrong passwords typed at signing on a laptop count toward the lockout
// on the server: five in a row lock the account.
func TestWrongSigningPasswordsOnALaptopLockTheAccount(t *testing.T) {
	s := serve(t)
	ctx := context.Background()
	id := s.AddCaseInOpinionDraftingFor(t, s.Member, nil)
	liu := s.laptop(t, "liu", liuPW)
	if _, err := liu.SaveOpinionDraft(ctx, s.Member, id, 0, opinionText()); err != nil {
		t.Fatal(err)
	}
	if _, err := liu.FetchSigningKey(ctx, s.Member, liuPW); err != nil {
		t.Fatal(err)
	}
	var err error
	for range 5 {
		_, err = liu.SignOpinion(ctx, s.Member, id, "not liu's password")
	}
	var locked *cases.LockedError
	if !errors.As(err, &locked) && !errors.Is(err, cases.ErrSignPassword) {
		t.Fatalf("the fifth wrong signing password: %v", err)
	}
	fresh, err := remote.Dial(s.URL, s.Root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fresh.Login(ctx, "liu", liuPW); !errors.As(err, &locked) {
		t.Fatalf("signing in after five wrong signing passwords on the laptop: %v", err)
	}
}

// A member whose certificate came as a PKCS#12 file imports it on their
// laptop: the server checks it is the certificate on file for them and
// drops the sealed copy it kept; a file with someone else's certificate
// is refused and nothing is kept.
func TestAMemberImportsTheirPKCS12OnTheLaptop(t *testing.T) {
	s := serve(t)
	ctx := context.Background()
	root := &signing.Authority{Cert: s.Root, Key: s.rootKey(t)}
	mine, err := signing.IssueMember(root, s.Rapporteur.Name(), "Member", "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	p12, err := pkcs12.Modern.Encode(mine.Key, mine.Cert, mine.Chain, "p12 password")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Svc.ImportSigningKey(ctx, s.Admin, s.Rapporteur, p12, "p12 password", chenPW); err != nil {
		t.Fatal(err)
	}
	other, err := signing.IssueMember(root, "Someone Else", "Member", "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	otherP12, err := pkcs12.Modern.Encode(other.Key, other.Cert, other.Chain, "p12 password")
	if err != nil {
		t.Fatal(err)
	}
	chen := s.laptop(t, "chen", chenPW)
	path, err := chen.ImportLaptopKey(ctx, s.Rapporteur, otherP12, "p12 password", chenPW)
	if err == nil || !strings.Contains(err.Error(), "not the one") {
		t.Fatalf("importing another member's certificate: %v", err)
	}
	if _, serr := os.Stat(chen.KeyFile("chen")); !os.IsNotExist(serr) {
		t.Fatalf("a refused import left a key file: %v", serr)
	}
	if _, err := chen.ImportLaptopKey(ctx, s.Rapporteur, p12, "wrong p12 password", chenPW); err == nil {
		t.Fatal("a PKCS#12 file was opened with a wrong password")
	}
	if path, err = chen.ImportLaptopKey(ctx, s.Rapporteur, p12, "p12 password", chenPW); err != nil {
		t.Fatal(err)
	}
	if s.sealedKeyOnServer(t, s.Rapporteur.ID) {
		t.Fatal("the server kept its sealed copy of the imported key")
	}
	id := s.AddCaseInOpinionDrafting(t, nil)
	if _, err := chen.SaveOpinionDraft(ctx, s.Rapporteur, id, 0, opinionText()); err != nil {
		t.Fatal(err)
	}
	op, err := chen.SignOpinion(ctx, s.Rapporteur, id, chenPW)
	if err != nil || op.State != cases.OpinionSignedRapporteur {
		t.Fatalf("signing with the imported key (%s): %v %v", path, op.State, err)
	}
}

// After a change of password on the laptop, the key there opens with the
// new password: the member keeps signing with the password they sign in with.
func TestChangingThePasswordOnTheLaptopResealsTheKeyThere(t *testing.T) {
	s := serve(t)
	ctx := context.Background()
	chen := s.laptop(t, "chen", chenPW)
	if _, err := chen.FetchSigningKey(ctx, s.Rapporteur, chenPW); err != nil {
		t.Fatal(err)
	}
	const newPW = "chen's new password 34"
	if err := chen.ChangePassword(ctx, s.Rapporteur, chenPW, newPW); err != nil {
		t.Fatal(err)
	}
	id := s.AddCaseInOpinionDrafting(t, nil)
	if _, err := chen.SaveOpinionDraft(ctx, s.Rapporteur, id, 0, opinionText()); err != nil {
		t.Fatal(err)
	}
	if op, err := chen.SignOpinion(ctx, s.Rapporteur, id, newPW); err != nil || op.State != cases.OpinionSignedRapporteur {
		t.Fatalf("signing with the new password: %v %v", op.State, err)
	}
}

// A password reset by the administrator does not reach the key on the
// laptop: signing then says so, and nothing is signed.
func TestAResetPasswordDoesNotOpenTheLaptopsKey(t *testing.T) {
	s := serve(t)
	ctx := context.Background()
	chen := s.laptop(t, "chen", chenPW)
	if _, err := chen.FetchSigningKey(ctx, s.Rapporteur, chenPW); err != nil {
		t.Fatal(err)
	}
	keys := filepath.Dir(chen.KeyFile("chen"))
	const resetPW = "reset by the admin 1"
	if err := s.Svc.ResetPassword(ctx, s.Admin, s.Rapporteur.ID, resetPW); err != nil {
		t.Fatal(err)
	}
	chen = s.client(t, "chen", resetPW)
	chen.SetKeyFolder(keys)
	id := s.AddCaseInOpinionDrafting(t, nil)
	if _, err := chen.SaveOpinionDraft(ctx, s.Rapporteur, id, 0, opinionText()); err != nil {
		t.Fatal(err)
	}
	if _, err := chen.SignOpinion(ctx, s.Rapporteur, id, resetPW); !errors.Is(err, remote.ErrLaptopKeyPassword) {
		t.Fatalf("signing after a reset: %v", err)
	}
	if op, _ := s.Svc.Opinion(ctx, s.Rapporteur, id); op.State != cases.OpinionDraft {
		t.Fatalf("the opinion is %v", op.State)
	}
}
