package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ethicsdesk/app"
	"ethicsdesk/cases"
	"ethicsdesk/demo"
	"ethicsdesk/store"
)

// A rapporteur and the chair move their keys to their laptops with
// `keys fetch` and sign an opinion with `opinion --sign` through the
// committee server: the register then holds neither private key, and the
// issued PDF passes `verify` against the register and `check` stays sound.
func TestOpinionsAreSignedOnLaptopsThroughTheCommitteeServer(t *testing.T) {
	end := time.Date(2026, 11, 24, 12, 0, 0, 0, time.Local)
	db, path := seededRegister(t, demo.SeedOptions{Cases: 120, Seed: 3, End: end, Opinions: 1})
	ctx := context.Background()
	svc := app.NewService(db, nil)
	admin, err := db.UserByName(ctx, "admin")
	if err != nil {
		t.Fatal(err)
	}
	chair, err := db.UserByName(ctx, "chair")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := svc.ListCases(ctx, admin, cases.Query{Status: cases.OpinionDrafting}, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var c cases.Case
	var rapp cases.User
	for _, r := range rows {
		got, err := svc.GetCase(ctx, admin, r.ID)
		if err == nil && got.RapporteurID != 0 && got.RapporteurID != chair.ID {
			if _, err := svc.Opinion(ctx, admin, r.ID); err == nil {
				continue // an opinion already under way
			}
			c = got
			break
		}
	}
	if c.ID == 0 {
		t.Fatal("the demo register has no case in opinion drafting with a rapporteur")
	}
	if rapp, err = db.UserByID(ctx, c.RapporteurID); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := db.UserKey(ctx, rapp.ID); err != nil {
		if err := svc.IssueSigningKey(ctx, admin, demo.DemoPassword, rapp, demo.DemoPassword); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []cases.User{rapp, chair} {
		if err := svc.DeclareInterest(ctx, u, c.ID, false, ""); err != nil {
			t.Fatal(err)
		}
	}
	text := cases.OpinionText{Decision: cases.DecisionUpheld, Paragraphs: []cases.Paragraph{
		{Heading: cases.HeadBackground, Text: "The submitter complained that the gates keep face images."},
		{Heading: cases.HeadFindings, Text: "No consent was asked."},
		{Heading: cases.HeadReasoning, Text: "Consent must be informed and specific."},
		{Heading: cases.HeadDecision, Text: "The complaint is upheld."},
	}}
	if c.TypeCode == "guidance_request" {
		text.Decision = cases.DecisionsFor(cases.CaseType{Code: c.TypeCode})[0]
	}
	if _, err := svc.SaveOpinionDraft(ctx, rapp, c.ID, 0, text); err != nil {
		t.Fatal(err)
	}
	db.Close()
	t.Setenv(app.PasswordEnv, demo.DemoPassword)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	url, fp := startServer(t, path)

	runOK := func(args ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		if code := run(args, &out, &errb); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errb.String())
		}
		return out.String()
	}
	var out, errb bytes.Buffer
	if code := run([]string{"opinion", "--server", url, "--trust", fp, "--user", rapp.Username, "--case", c.Reference, "--sign"}, &out, &errb); code == 0 ||
		!strings.Contains(errb.String(), "keys fetch") {
		t.Fatalf("signing before the key was moved: exit %d, %s", code, errb.String())
	}
	if got := runOK("keys", "fetch", "--server", url, "--user", rapp.Username); !strings.Contains(got, "keeps only your certificate") {
		t.Errorf("keys fetch said: %s", got)
	}
	if got := runOK("opinion", "--server", url, "--user", rapp.Username, "--case", c.Reference, "--sign"); !strings.Contains(got, "waits for the chair") {
		t.Errorf("the rapporteur's signature: %s", got)
	}
	runOK("keys", "fetch", "--server", url, "--user", "chair")
	pdf := filepath.Join(t.TempDir(), "opinion.pdf")
	if got := runOK("opinion", "--server", url, "--user", "chair", "--case", c.Reference, "--sign", "--out", pdf); !strings.Contains(got, "it is issued") {
		t.Errorf("the chair's countersignature: %s", got)
	}
	if got := runOK("verify", "--db", path, pdf); !strings.Contains(got, c.Reference) {
		t.Errorf("verify does not recognise the opinion the register issued:\n%s", got)
	}
	if got := runOK("check", "--db", path); !strings.Contains(got, "is sound") {
		t.Errorf("check: %s", got)
	}
	reg, err := store.OpenExisting(path)
	if err != nil {
		t.Fatal(err)
	}
	defer reg.Close()
	for _, u := range []cases.User{rapp, chair} {
		cert, _, sealed, err := reg.UserKey(ctx, u.ID)
		if err != nil || len(sealed) != 0 || len(cert) == 0 {
			t.Errorf("the register holds for %s a sealed key of %d bytes and a certificate of %d bytes (%v)", u.Username, len(sealed), len(cert), err)
		}
	}
	b, _ := os.ReadFile(pdf)
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Error("the written opinion is not a PDF")
	}
}
