package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/internal/attackpdf"
	"ethicsdesk/internal/testworld"
	"ethicsdesk/signing"
)

const (
	atkAdminPass = "admin-password-1"
	atkRappPass  = "rapporteur-pass-1"
	atkChairPass = "chair-password-1"
)

// issuedWorld issues one opinion through the service, as the committee
// does, and returns the world, the issued PDF and the case's reference.
func issuedWorld(t *testing.T) (*testworld.World, []byte, string) {
	t.Helper()
	ctx := context.Background()
	w := testworld.New(t, testworld.Options{AdminPassword: atkAdminPass, RapporteurPassword: atkRappPass, ChairPassword: atkChairPass})
	id := w.AddCaseInOpinionDrafting(t, nil)
	text := cases.OpinionText{Decision: cases.DecisionUpheld, Paragraphs: []cases.Paragraph{
		{Heading: cases.HeadBackground, Text: "The submitter complained that the metro gates keep face images."},
		{Heading: cases.HeadFindings, Text: "No consent was asked."},
		{Heading: cases.HeadReasoning, Text: "Consent must be informed and specific."},
		{Heading: cases.HeadDecision, Text: "The complaint is upheld."},
	}}
	if _, err := w.Service.SaveOpinionDraft(ctx, w.Rapporteur, id, 0, text); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Service.SignOpinion(ctx, w.Rapporteur, id, atkRappPass); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Service.SignOpinion(ctx, w.Chair, id, atkChairPass); err != nil {
		t.Fatal(err)
	}
	pdf, _, err := w.Service.IssuedOpinionPDF(ctx, w.Chair, id)
	if err != nil {
		t.Fatal(err)
	}
	c, err := w.Service.GetCase(ctx, w.Chair, id)
	if err != nil {
		t.Fatal(err)
	}
	return w, pdf, c.Reference
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func runVerify(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var out, errb bytes.Buffer
	start := time.Now()
	code := run(append([]string{"verify"}, args...), &out, &errb)
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("verify %v took %v", args, took)
	}
	return code, out.String() + errb.String()
}

// lookalikeOf makes a self-made root named like the committee's and, under
// it, a certificate whose subject copies real's.
func lookalikeOf(t *testing.T, root, real []byte) *signing.Identity {
	t.Helper()
	rc, err := signing.ParseCertificatePEM(root)
	if err != nil {
		t.Fatal(err)
	}
	c, err := signing.ParseCertificatePEM(real)
	if err != nil {
		t.Fatal(err)
	}
	fake, err := signing.NewRoot(rc.Subject.CommonName, rc.Subject.Organization[0], time.Now())
	if err != nil {
		t.Fatal(err)
	}
	id, err := signing.IssueMember(fake, c.Subject.CommonName, signing.RoleOf(c), "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func signAs(t *testing.T, pdf []byte, id *signing.Identity, reason, field string) []byte {
	t.Helper()
	out, err := signing.SignPDF(pdf, id, signing.SignatureInfo{Reason: reason, FieldName: field, Page: 1, Rect: [4]float64{40, 40, 220, 90}})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestVerifyCommandAttacks runs `ethicsdesk verify --db` on every attack
// shape, built from a freshly issued opinion, and checks the exit status
// and the sentence that explains it.
func TestVerifyCommandAttacks(t *testing.T) {
	ctx := context.Background()
	w, issued, ref := issuedWorld(t)
	rootDER, _, err := w.DB.SigningRoot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	chairDER, _, _, err := w.DB.UserKey(ctx, w.Chair.ID)
	if err != nil {
		t.Fatal(err)
	}
	rapDER, _, _, _ := w.DB.UserKey(ctx, w.Rapporteur.ID)
	fakeChair := lookalikeOf(t, rootDER, chairDER)
	fakeRapp := lookalikeOf(t, rootDER, rapDER)
	chairSigns := func(pdf []byte, meaning string) []byte {
		out, err := w.Keys.SignPDF(ctx, pdf, cases.SignRequest{Signer: w.Chair, Password: atkChairPass, Meaning: meaning,
			FieldName: "Chair", Page: 1, Rect: [4]float64{300, 40, 480, 90}, Time: time.Now()})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	overlaid, err := attackpdf.AppendOverlay(issued, "Complaint NOT upheld")
	if err != nil {
		t.Fatal(err)
	}
	cut := attackpdf.CutBack(issued)
	cutOverlaid, err := attackpdf.AppendOverlay(cut, "Complaint NOT upheld")
	if err != nil {
		t.Fatal(err)
	}
	chairName := w.Chair.Name()

	for _, c := range []struct {
		name string
		data []byte
		code int
		want []string
	}{
		{"the issued opinion", issued, 0, []string{"this is the opinion issued for " + ref, "Result: VERIFIED"}},
		{"look-alike chair over an overlay", signAs(t, overlaid, fakeChair, cases.MeaningApproval, "Chair"), 1,
			[]string{"Signature 3, “" + chairName + "”, was not made with a certificate of this committee", "page content",
				"it is the opinion issued for " + ref, "with further changes appended after issue"}},
		{"whole opinion re-signed by look-alikes", signAs(t, signAs(t, attackpdf.Unsigned(issued), fakeRapp, cases.MeaningAuthor, "Rapporteur"), fakeChair, cases.MeaningApproval, "Chair"), 1,
			[]string{"Signature 1, “" + w.Rapporteur.Name() + "”, was not made with a certificate of this committee", "Signature 2, “" + chairName + "”"}},
		{"revision cut back to the rapporteur's", cut, 1, []string{"earlier revision of the opinion issued for " + ref, "The last signature should be the chair's approval"}},
		{"overlay between the rapporteur's and the chair's signature", chairSigns(cutOverlaid, cases.MeaningApproval), 1,
			[]string{"changed between signature 1 and signature 2", "page content", "starts as the rapporteur's signed revision of the opinion issued for " + ref}},
		{"many unterminated object headers", attackpdf.UnterminatedHeaders(issued, 630<<10), 1, []string{"Changes after the last signature:"}},
		{"object-stream bomb", attackpdf.ObjStmBomb(issued, 40), 1, []string{"Changes after the last signature:"}},
		{"nested dictionaries around /ByteRange", attackpdf.NestedDicts(issued, 5<<20), 1, nil},
		{"BER nested millions deep", attackpdf.SignatureWithContents(issued, attackpdf.DeepBER(3_000_000)), 1, []string{"damaged"}},
		{"BER nested past the limit", attackpdf.SignatureWithContents(issued, attackpdf.DeepBER(30_000)), 1, []string{"nested too deeply"}},
		{"terminal escapes in /Reason", chairSigns(cut, attackpdf.EscapeReason), 1, []string{`\x1B[2K`, "The last signature should be the chair's approval"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, text := runVerify(t, "--db", w.Path, writeTemp(t, "attack.pdf", c.data))
			if code != c.code {
				t.Fatalf("exit %d, want %d:\n%s", code, c.code, text)
			}
			for _, s := range c.want {
				if !strings.Contains(text, s) {
					t.Errorf("the output does not say %q:\n%s", s, text)
				}
			}
			if strings.ContainsAny(text, "\x1b\x07\r\u202e") {
				t.Errorf("the output holds raw control characters:\n%q", text)
			}
		})
	}
}

// Trust: without a root the verdict is "signers unverified" (exit 3); the
// exported root given with --trust verifies (exit 0); another committee's
// root names the signers it does not vouch for (exit 1).
func TestVerifyTrustAndRootExport(t *testing.T) {
	w, issued, _ := issuedWorld(t)
	file := writeTemp(t, "opinion.pdf", issued)

	code, text := runVerify(t, file)
	if code != 3 || !strings.Contains(text, "SIGNATURES INTACT BUT SIGNERS UNVERIFIED") {
		t.Fatalf("no trusted root: exit %d\n%s", code, text)
	}

	pem := filepath.Join(t.TempDir(), "committee-root.pem")
	var out, errb bytes.Buffer
	if code := run([]string{"root", "--db", w.Path, "--out", pem}, &out, &errb); code != 0 {
		t.Fatalf("root: exit %d: %s", code, errb.String())
	}
	written, _ := os.ReadFile(pem)
	cert, err := signing.ParseCertificatePEM(written)
	if err != nil || !strings.Contains(out.String(), signing.Fingerprint(cert)) {
		t.Fatalf("root wrote %q (%v) and said %q", written, err, out.String())
	}
	// Refuses to overwrite without --force, and leaves the file alone.
	os.WriteFile(pem, []byte("keep me"), 0o600)
	out.Reset()
	errb.Reset()
	if code := run([]string{"root", "--db", w.Path, "--out", pem}, &out, &errb); code == 0 || !strings.Contains(errb.String(), "already exists") {
		t.Fatalf("root over an existing file: exit %d: %s", code, errb.String())
	}
	if kept, _ := os.ReadFile(pem); string(kept) != "keep me" {
		t.Fatalf("root overwrote an existing file without --force")
	}
	if code := run([]string{"root", "--db", w.Path, "--out", pem, "--force"}, &out, &errb); code != 0 {
		t.Fatalf("root --force: exit %d: %s", code, errb.String())
	}

	if code, text := runVerify(t, "--trust", pem, file); code != 0 || !strings.Contains(text, "Result: VERIFIED") {
		t.Fatalf("--trust the committee's root: exit %d\n%s", code, text)
	}
	other, err := signing.NewRoot("Another Committee Root CA", "Another Committee", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	otherPEM := writeTemp(t, "other.pem", signing.CertificatePEM(other.Cert))
	code, text = runVerify(t, "--trust", otherPEM, file)
	if code != 1 || !strings.Contains(text, "Signature 2, “"+w.Chair.Name()+"”, was not made with a certificate of this committee") {
		t.Fatalf("--trust another root: exit %d\n%s", code, text)
	}
	if code, text := runVerify(t, "--trust", filepath.Join(t.TempDir(), "missing.pem"), file); code != 2 {
		t.Fatalf("a missing trust file: exit %d\n%s", code, text)
	}
}

// The root written by `ethicsdesk root` is what a recipient installs:
// poppler's pdfsig, given an NSS database holding it (certutil, from
// libnss3-tools), calls both signers of a fresh opinion trusted.
func TestExportedRootTrustedByPdfsig(t *testing.T) {
	for _, tool := range []string{"pdfsig", "certutil"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed; run scripts/install-deps.sh (poppler-utils, libnss3-tools)", tool)
		}
	}
	w, issued, _ := issuedWorld(t)
	dir := t.TempDir()
	pem := filepath.Join(dir, "committee-root.pem")
	var out, errb bytes.Buffer
	if code := run([]string{"root", "--db", w.Path, "--out", pem}, &out, &errb); code != 0 {
		t.Fatalf("root: exit %d: %s", code, errb.String())
	}
	nss := "sql:" + filepath.Join(dir, "nss")
	os.Mkdir(filepath.Join(dir, "nss"), 0o700)
	for _, args := range [][]string{
		{"-N", "-d", nss, "--empty-password"},
		{"-A", "-d", nss, "-n", "Ethics committee root", "-t", "C,C,C", "-i", pem},
	} {
		if b, err := exec.Command("certutil", args...).CombinedOutput(); err != nil {
			t.Fatalf("certutil %v: %v\n%s", args, err, b)
		}
	}
	file := writeTemp(t, "opinion.pdf", issued)
	b, err := exec.Command("pdfsig", "-nssdir", nss, file).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfsig: %v\n%s", err, b)
	}
	txt := string(b)
	if strings.Count(txt, "Signature Validation: Signature is Valid.") != 2 || strings.Count(txt, "Certificate Validation: Certificate is Trusted.") != 2 {
		t.Fatalf("pdfsig does not trust the exported root's signers:\n%s", txt)
	}
}
