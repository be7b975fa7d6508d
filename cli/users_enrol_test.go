package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ethicsdesk/app"
	"ethicsdesk/demo"
)

// The administrator enrols a member with a file; on the member's laptop
// the file alone lets the commands reach the committee server (no
// --trust), and administrator operations go through the server for the
// administrator only.
func TestEnrolmentAndAdministrationThroughTheServer(t *testing.T) {
	end := time.Date(2026, 11, 24, 12, 0, 0, 0, time.Local)
	db, path := seededRegister(t, demo.SeedOptions{Cases: 40, Notes: 40, Seed: 5, End: end, Opinions: 1})
	db.Close()
	t.Setenv(app.PasswordEnv, demo.DemoPassword)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	url, fp := startServer(t, path)
	dir := t.TempDir()
	file := filepath.Join(dir, "liu.edesk")

	runCmd := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := run(args, &out, &errb)
		return code, out.String(), errb.String()
	}
	if code, _, errs := runCmd("users", "--db", path, "--user", "liu", "enrol", "liu", "--address", url, "--out", file); code == 0 ||
		!strings.Contains(errs, "not allowed") {
		t.Fatalf("a member made an enrolment file: exit %d, %s", code, errs)
	}
	if _, err := os.Stat(file); err == nil {
		t.Fatal("a refused enrolment left a file behind")
	}
	if code, _, errs := runCmd("users", "--db", path, "--user", "admin", "enrol", "nobody", "--address", url, "--out", file); code == 0 ||
		!strings.Contains(errs, `there is no account "nobody"`) {
		t.Fatalf("an enrolment for no account: exit %d, %s", code, errs)
	}
	code, out, errs := runCmd("users", "--db", path, "--user", "admin", "enrol", "liu", "--address", url, "--out", file)
	if code != 0 || !strings.Contains(out, fp) {
		t.Fatalf("enrol: exit %d, %s %s", code, out, errs)
	}
	if code, _, errs := runCmd("users", "--db", path, "--user", "admin", "enrol", "liu", "--address", url, "--out", file); code == 0 ||
		!strings.Contains(errs, "already exists") {
		t.Fatalf("enrol wrote over an existing file: exit %d, %s", code, errs)
	}
	if code, _, errs := runCmd("users", "--db", path, "--user", "admin", "enrol", "liu", "--address", url, "--out", file, "--force"); code != 0 {
		t.Fatalf("enrol --force: %s", errs)
	}
	if code, _, errs := runCmd("users", "--server", url, "--trust", fp, "--user", "admin", "enrol", "liu", "--address", url, "--out", file+"2"); code == 0 ||
		!strings.Contains(errs, "made on the committee's machine") {
		t.Fatalf("enrol through the server: exit %d, %s", code, errs)
	}

	// The member's laptop: nothing remembered yet, then the file.
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	if code, _, errs := runCmd("users", "--server", url, "--user", "admin", "list"); code == 0 || !strings.Contains(errs, "does not know the committee server") {
		t.Fatalf("before enrolment: exit %d, %s", code, errs)
	}
	e, err := app.Enrol(file)
	if err != nil || e.Server != url || e.User != "liu" {
		t.Fatalf("enrolling from the file: %+v, %v", e, err)
	}
	code, out, errs = runCmd("users", "--server", url, "--user", "admin", "list")
	if code != 0 || !strings.Contains(out, "liu") || !strings.Contains(out, "administrator") {
		t.Fatalf("users list through the server: exit %d, %s %s", code, out, errs)
	}
	if code, _, errs := runCmd("users", "--server", url, "--user", "liu", "list"); code == 0 || !strings.Contains(errs, "not allowed") {
		t.Fatalf("a member listed the accounts through the server: exit %d, %s", code, errs)
	}
	// The server's own rules refuse a member's administrator operation
	// (the command asks the server; nothing checks it on the laptop).
	if code, _, errs := runCmd("users", "--server", url, "--user", "liu", "role", "liu", "administrator"); code == 0 || !strings.Contains(errs, "not allowed") {
		t.Fatalf("a member made herself administrator through the server: exit %d, %s", code, errs)
	}
	t.Setenv("ETHICSDESK_NEW_PASSWORD", "new member password 1")
	if code, _, errs := runCmd("users", "--server", url, "--user", "admin", "add", "zhou", "member", "Zhou Min"); code != 0 {
		t.Fatalf("users add through the server: %s", errs)
	}
	if code, out, _ := runCmd("users", "--db", path, "--user", "admin", "list"); code != 0 || !strings.Contains(out, "Zhou Min") {
		t.Fatalf("the account added through the server is not in the register: %s", out)
	}
	if code, out, errs := runCmd("retention", "--server", url, "--user", "admin"); code != 0 || !strings.Contains(out, "Retention period:") {
		t.Fatalf("retention through the server: exit %d, %s %s", code, out, errs)
	}
	if code, _, errs := runCmd("retention", "--server", url, "--user", "liu", "--apply"); code == 0 || !strings.Contains(errs, "not allowed") {
		t.Fatalf("a member ran retention through the server: exit %d, %s", code, errs)
	}
}

// Hostile and garbled enrolment files are refused with a sentence, and
// change nothing this computer trusts.
func TestHostileEnrolmentFilesAreRefusedWithASentence(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := t.TempDir()
	good := `{"format":"ethicsdesk-enrolment","version":1,"server":"https://ethics.example:8443","user":"liu","root":%q}`
	cases := map[string]string{
		"empty":        "",
		"not json":     "\x00\x01\x02PK garbage",
		"wrong format": `{"format":"something-else","version":1}`,
		"later":        `{"format":"ethicsdesk-enrolment","version":99,"server":"https://a:1","user":"x","root":""}`,
		"http server":  strings.Replace(good, "https://", "http://", 1),
		"no root":      strings.Replace(good, "%q", `"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"`, 1),
		"extra field":  `{"format":"ethicsdesk-enrolment","version":1,"server":"https://a:1","user":"x","root":"","evil":1}`,
		"huge":         `{"format":"ethicsdesk-enrolment","user":"` + strings.Repeat("A", 200<<10) + `"}`,
		"array":        `[1,2,3]`,
	}
	for name, body := range cases {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".edesk")
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		var out, errb bytes.Buffer
		code := run([]string{"--enrol", path}, &out, &errb)
		msg := strings.TrimSpace(errb.String())
		if code == 0 || !strings.Contains(msg, "enrol") || strings.Contains(msg, "panic") || !strings.HasSuffix(msg, ".") {
			t.Errorf("%s: exit %d, %q", name, code, msg)
		}
	}
	var out, errb bytes.Buffer
	if code := run([]string{"--enrol", filepath.Join(dir, "missing.edesk")}, &out, &errb); code == 0 || !strings.Contains(errb.String(), "cannot be opened") {
		t.Errorf("a missing file: exit %d, %q", code, errb.String())
	}
	if entries, _ := os.ReadDir(filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "ethicsdesk", "servers")); len(entries) != 0 {
		t.Errorf("refused files left trust behind: %v", entries)
	}
}
