package cli

import (
	"bytes"
	"context"
	"crypto/x509"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ethicsdesk/app"
	"ethicsdesk/cases"
	"ethicsdesk/demo"
	"ethicsdesk/signing"
)

// TestOpinionCommandWritesTheIssuedSignedPDF runs `ethicsdesk opinion` on a
// seeded register and checks the file with our verifier and with poppler.
func TestOpinionCommandWritesTheIssuedSignedPDF(t *testing.T) {
	ctx := context.Background()
	end := time.Now()
	db, path := seededRegister(t, demo.SeedOptions{Cases: 400, Notes: 100, Seed: 3, End: end, Opinions: 1})
	sec, err := db.UserByName(ctx, "secretary")
	if err != nil {
		t.Fatal(err)
	}
	svc := cases.NewService(db, nil)
	rows, err := issuedCases(ctx, svc, sec)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	t.Setenv(app.PasswordEnv, demo.DemoPassword)
	out := filepath.Join(t.TempDir(), "opinion.pdf")
	var ref string
	var stdout, stderr bytes.Buffer
	for _, r := range rows {
		stdout.Reset()
		stderr.Reset()
		if run([]string{"opinion", "--db", path, "--case", r.Reference, "--out", out, "--user", "secretary"}, &stdout, &stderr) == 0 {
			ref = r.Reference
			break
		}
		if !strings.Contains(stderr.String(), "has no issued opinion") {
			t.Fatalf("opinion %s: %s", r.Reference, stderr.String())
		}
	}
	if ref == "" {
		t.Fatalf("no seeded case of %d issued ones has a signed opinion", len(rows))
	}
	if !strings.Contains(stdout.String(), ref) {
		t.Fatalf("the command says %q", stdout.String())
	}
	pdf, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := signing.Verify(pdf, x509.NewCertPool())
	if err != nil || len(rep.Signatures) != 2 || rep.Verdict() != signing.SignersUnverified { // intact; no root was given
		t.Fatalf("the written PDF does not verify: %v\n%s", err, rep)
	}
	if rep.Signatures[0].Reason != cases.MeaningAuthor || rep.Signatures[1].Reason != cases.MeaningApproval {
		t.Fatalf("meanings %q, %q", rep.Signatures[0].Reason, rep.Signatures[1].Reason)
	}
	if _, err := exec.LookPath("pdfsig"); err == nil {
		// pdfsig exits 0 even on a digest mismatch: read what it says.
		txt, _ := exec.Command("pdfsig", out).CombinedOutput()
		if n := strings.Count(string(txt), "Signature Validation: Signature is Valid."); n != 2 ||
			!strings.Contains(string(txt), "Total document signed") {
			t.Fatalf("pdfsig finds %d valid signatures:\n%s", n, txt)
		}
	}

	// A wrong password, a case without an opinion and missing flags fail.
	t.Setenv(app.PasswordEnv, "not the password")
	if run([]string{"opinion", "--db", path, "--case", ref, "--out", out, "--user", "secretary"}, &stdout, &stderr) == 0 {
		t.Fatal("a wrong password wrote the opinion")
	}
	if run([]string{"opinion", "--db", path, "--case", ref}, &stdout, &stderr) != 2 {
		t.Fatal("a missing --out is not a usage error")
	}
}
