package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ethicsdesk/app"
	"ethicsdesk/cases"
	"ethicsdesk/demo"
	"ethicsdesk/internal/servetest"
)

// startServer runs `ethicsdesk serve` on 127.0.0.1:0 over the register at
// path, as the demo administrator, and returns its address and the root
// fingerprint it printed; the server stops when the test ends.
func startServer(t *testing.T, path string) (url, fingerprint string) {
	t.Helper()
	return startServerOn(t, "--db", path)
}

// startServerOn is startServer over the register that flag (--db or
// --postgres) names.
func startServerOn(t *testing.T, flag, register string) (url, fingerprint string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	serveContext = func() (context.Context, context.CancelFunc) { return ctx, cancel }
	pr, pw := io.Pipe()
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		code := Run([]string{"serve", flag, register, "--listen", "127.0.0.1:0", "--user", "admin"}, pw, &stderr)
		pw.Close()
		done <- code
	}()
	url, fingerprint = servetest.Banner(pr)
	if url == "" || fingerprint == "" {
		t.Fatalf("serve did not say where it listens and what the root's fingerprint is (%s)", stderr.String())
	}
	go io.Copy(io.Discard, pr)
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve stopped with %d: %s", code, stderr.String())
			}
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop")
		}
	})
	return url, fingerprint
}

// The commands give the same answers through the committee server as on
// the register file, for whoever signs in.
func TestCommandsWorkThroughTheCommitteeServer(t *testing.T) {
	end := time.Date(2026, 11, 24, 12, 0, 0, 0, time.Local)
	db, path := seededRegister(t, demo.SeedOptions{Cases: 300, Notes: 300, Seed: 2, End: end, Opinions: 2})
	ctx := context.Background()
	secretary, err := db.UserByName(ctx, "secretary")
	if err != nil {
		t.Fatal(err)
	}
	// A case whose opinion was really drafted, signed and issued (the demo
	// also has cases merely marked issued, and an opinion with conditions
	// moves its case on into Follow-up).
	svc := app.NewService(db, nil)
	var issued []cases.Row
	for _, st := range []cases.Status{cases.FollowUp, cases.OpinionIssued, cases.Closed} {
		rows, err := svc.ListCases(ctx, secretary, cases.Query{Status: st}, 0, 1000)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if _, _, err := svc.IssuedOpinionPDF(ctx, secretary, r.ID); err == nil && len(issued) == 0 {
				issued = append(issued, r)
			}
		}
	}
	if len(issued) == 0 {
		t.Fatal("the demo register has no issued opinion")
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
	for _, user := range []string{"secretary", "liu", "chair"} {
		local := runOK("search", "--db", path, "--user", user, "--limit", "15", "consent")
		remote := runOK("search", "--server", url, "--trust", fp, "--user", user, "--limit", "15", "consent")
		// Members see only the cases they have declared on; the secretariat sees all.
		if (user == "secretary" && local == "") || references(remote) != references(local) {
			t.Errorf("%s's search through the server found\n%s\nand on the file\n%s", user, remote, local)
		}
	}
	// The root is remembered: no --trust the second time.
	runOK("search", "--server", url, "--user", "liu", "consent")

	dir := t.TempDir()
	runOK("export", "--db", path, "--user", "liu", "--format", "csv", "--out", filepath.Join(dir, "local.csv"))
	runOK("export", "--server", url, "--user", "liu", "--format", "csv", "--out", filepath.Join(dir, "remote.csv"))
	local, _ := os.ReadFile(filepath.Join(dir, "local.csv"))
	remote, _ := os.ReadFile(filepath.Join(dir, "remote.csv"))
	if len(local) < 100 || !bytes.Equal(local, remote) {
		t.Errorf("the export through the server (%d bytes) differs from the file's (%d bytes)", len(remote), len(local))
	}
	runOK("report", "--server", url, "--user", "secretary", "--year", "2025", "--out", filepath.Join(dir, "r.pdf"))
	if b, err := os.ReadFile(filepath.Join(dir, "r.pdf")); err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("the annual report through the server: %v", err)
	}

	runOK("opinion", "--db", path, "--user", "secretary", "--case", issued[0].Reference, "--out", filepath.Join(dir, "local.pdf"))
	runOK("opinion", "--server", url, "--user", "secretary", "--case", issued[0].Reference, "--out", filepath.Join(dir, "remote.pdf"))
	local, _ = os.ReadFile(filepath.Join(dir, "local.pdf"))
	remote, _ = os.ReadFile(filepath.Join(dir, "remote.pdf"))
	if !bytes.HasPrefix(local, []byte("%PDF-")) || !bytes.Equal(local, remote) {
		t.Errorf("the issued opinion through the server (%d bytes) differs from the file's (%d bytes)", len(remote), len(local))
	}

	var out, errb bytes.Buffer
	if code := run([]string{"search", "--server", url, "--user", "liu", "--db", path, "consent"}, &out, &errb); code == 0 {
		t.Error("both --db and --server were accepted")
	}
	// Another computer that was told a different fingerprint refuses it.
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	errb.Reset()
	wrong := strings.Repeat("AB:", 31) + "AB"
	if code := run([]string{"search", "--server", url, "--trust", wrong, "--user", "liu", "consent"}, &out, &errb); code == 0 ||
		!strings.Contains(errb.String(), "does not present a committee root with the fingerprint") {
		t.Errorf("a wrong fingerprint: exit %d, %s", code, errb.String())
	}
	errb.Reset()
	if code := run([]string{"search", "--server", url, "--user", "liu", "consent"}, &out, &errb); code == 0 ||
		!strings.Contains(errb.String(), "does not know the committee server") {
		t.Errorf("no trust given: exit %d, %s", code, errb.String())
	}
}

func references(out string) string {
	var refs []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		refs = append(refs, strings.Split(l, "\t")[0])
	}
	return strings.Join(refs, " ")
}

// serve refuses, with a sentence, what would leave it without a
// certificate from the committee's root.
func TestServeRefusesWithoutTheCommitteesRoot(t *testing.T) {
	path := seededFile(t) // no opinions, so no root yet
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--user", "admin"}, "no committee root certificate yet"},
		{[]string{"--user", "liu"}, "is not an administrator"},
		{[]string{}, "usage: ethicsdesk serve"},
	} {
		var out, errb bytes.Buffer
		args := append([]string{"serve", "--db", path, "--listen", "127.0.0.1:0"}, c.args...)
		if code := run(args, &out, &errb); code == 0 || !strings.Contains(errb.String(), c.want) {
			t.Errorf("%v: exit %d, %q", c.args, code, errb.String())
		}
	}
	var out, errb bytes.Buffer
	if code := run([]string{"serve", "--db", filepath.Join(t.TempDir(), "none.db"), "--user", "admin"}, &out, &errb); code == 0 || errb.Len() == 0 {
		t.Errorf("a register that does not exist: exit %d, %q", code, errb.String())
	}
}
