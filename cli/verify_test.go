package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"ethicsdesk/app"
	"ethicsdesk/cases"
	"ethicsdesk/demo"
)

// issuedOpinionFile seeds a register with one signed opinion and writes it
// out with `ethicsdesk opinion`, as a secretary would.
func issuedOpinionFile(t *testing.T) (dbPath, pdfPath string) {
	t.Helper()
	ctx := context.Background()
	db, dbPath := seededRegister(t, demo.SeedOptions{Cases: 400, Notes: 100, Seed: 3, Opinions: 1})
	sec, _ := db.UserByName(ctx, "secretary")
	rows, _ := issuedCases(ctx, cases.NewService(db, nil), sec)
	db.Close()
	t.Setenv(app.PasswordEnv, demo.DemoPassword)
	pdfPath = filepath.Join(t.TempDir(), "opinion.pdf")
	for _, r := range rows {
		var out, errb bytes.Buffer
		if run([]string{"opinion", "--db", dbPath, "--case", r.Reference, "--out", pdfPath, "--user", "secretary"}, &out, &errb) == 0 {
			return dbPath, pdfPath
		}
	}
	t.Fatal("no seeded opinion could be written")
	return
}

func verifyCmd(t *testing.T, dbPath, pdfPath string) (int, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run([]string{"verify", "--db", dbPath, pdfPath}, &out, &errb)
	return code, out.String() + errb.String()
}

func TestVerifyCommand(t *testing.T) {
	dbPath, pdfPath := issuedOpinionFile(t)
	good, _ := os.ReadFile(pdfPath)

	code, text := verifyCmd(t, dbPath, pdfPath)
	if code != 0 || strings.Count(text, "Signature:         valid") != 2 ||
		strings.Count(text, "Chains to committee root: yes") != 2 || !strings.Contains(text, "Changes after the last signature: none") {
		t.Fatalf("an untouched opinion: exit %d\n%s", code, text)
	}
	for _, want := range []string{cases.MeaningAuthor, cases.MeaningApproval, "Prof. Wang Fang"} {
		if !strings.Contains(text, want) {
			t.Errorf("verify does not name %q:\n%s", want, text)
		}
	}

	// One byte changed inside the signed range.
	bad := bytes.Clone(good)
	i := bytes.Index(bad, []byte("/Type /Page"))
	bad[i+7] ^= 0x20
	tampered := filepath.Join(t.TempDir(), "tampered.pdf")
	os.WriteFile(tampered, bad, 0o600)
	if code, text := verifyCmd(t, dbPath, tampered); code == 0 || !strings.Contains(text, "INVALID") {
		t.Fatalf("a changed byte: exit %d\n%s", code, text)
	}
	if _, err := exec.LookPath("pdfsig"); err == nil {
		out, _ := exec.Command("pdfsig", tampered).CombinedOutput()
		if strings.Contains(string(out), "Signature is Valid.") {
			t.Fatalf("pdfsig still calls a signature of the changed file valid:\n%s", out)
		}
	}

	// An incremental update appended after the last signature.
	appended := filepath.Join(t.TempDir(), "appended.pdf")
	os.WriteFile(appended, appendUpdate(t, good), 0o600)
	code, text = verifyCmd(t, dbPath, appended)
	if code == 0 || strings.Contains(text, "Changes after the last signature: none") || !strings.Contains(text, "object 999") {
		t.Fatalf("an appended update: exit %d\n%s", code, text)
	}

	// Not a PDF at all.
	junk := filepath.Join(t.TempDir(), "junk.pdf")
	os.WriteFile(junk, []byte("minutes of the meeting, not a PDF"), 0o600)
	if code, _ := verifyCmd(t, dbPath, junk); code == 0 {
		t.Fatal("a file that is not a PDF verified")
	}
}

// appendUpdate adds a classic incremental update with one new annotation
// object, as an editing tool would after the document was signed.
func appendUpdate(t *testing.T, pdf []byte) []byte {
	t.Helper()
	prev := regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`).FindSubmatch(pdf)
	roots := regexp.MustCompile(`/Root\s+(\d+\s+\d+\s+R)`).FindAllSubmatch(pdf, -1)
	if prev == nil || roots == nil {
		t.Fatal("the opinion has no trailer to extend")
	}
	var b bytes.Buffer
	b.Write(pdf)
	b.WriteString("\n")
	obj := b.Len()
	b.WriteString("999 0 obj\n<< /Type /Annot /Subtype /Text /Rect [0 0 10 10] /Contents (added after signing) >>\nendobj\n")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n999 1\n%010d 00000 n \ntrailer\n<< /Size 1000 /Root %s /Prev %s >>\nstartxref\n%d\n%%%%EOF\n",
		obj, roots[len(roots)-1][1], prev[1], xref)
	return b.Bytes()
}
