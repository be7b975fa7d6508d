package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"ethicsdesk/app"
	"ethicsdesk/cases"
	"ethicsdesk/demo"
	"ethicsdesk/internal/passwordcost"
	"ethicsdesk/store"
)

func runArgs(args ...string) (int, string) {
	var out, errOut strings.Builder
	code := run(args, &out, &errOut)
	return code, out.String() + errOut.String()
}

// Item 1: no command writes onto the register, its -wal file or a file
// that exists; --force replaces an ordinary file, never the register.
func TestCommandsNeverWriteOverTheRegisterOrAnExistingFile(t *testing.T) {
	db, reg := seededRegister(t, demo.SeedOptions{Cases: 40, Notes: 40, Seed: 5})
	t.Setenv(app.PasswordEnv, demo.DemoPassword)
	// The register stays open here, as in a running window, so its -wal
	// file exists.
	if _, err := os.Stat(reg + "-wal"); err != nil {
		t.Fatalf("setup: no -wal file: %v", err)
	}
	dir := filepath.Dir(reg)
	casesBefore, err := db.CountCases(context.Background(), cases.Query{})
	if err != nil {
		t.Fatal(err)
	}
	existing := filepath.Join(dir, "last-year.pdf")
	commands := map[string][]string{
		"report":    {"report", "--db", reg, "--user", "secretary", "--year", "2025"},
		"csv":       {"export", "--db", reg, "--user", "secretary", "--format", "csv"},
		"xlsx":      {"export", "--db", reg, "--user", "secretary", "--format", "xlsx"},
		"ics":       {"export", "--db", reg, "--user", "secretary", "--format", "ics"},
		"submitter": {"export", "--db", reg, "--user", "secretary", "--format", "csv", "--submitter", "nobody@example.org"},
		"opinion":   {"opinion", "--db", reg, "--user", "secretary", "--case", "EC-2026-0001"},
		"backup":    {"backup", "--db", reg},
	}
	for name, args := range commands {
		for target, want := range map[string]string{reg: "is the open register", reg + "-wal": "belongs to the open register",
			reg + "-shm": "belongs to the open register", existing: "already exists"} {
			os.WriteFile(existing, []byte("last year's report"), 0o600)
			for _, force := range []bool{false, true} {
				a := append(append([]string{}, args...), "--out", target)
				if force {
					a = append(a, "--force")
					if target == existing {
						continue
					}
				}
				code, out := runArgs(a...)
				if code == 0 || !strings.Contains(out, want) {
					t.Fatalf("%s --out %s (force %v): exit %d, %q", name, filepath.Base(target), force, code, out)
				}
			}
			if got, _ := os.ReadFile(existing); string(got) != "last year's report" {
				t.Fatalf("%s replaced an existing file without --force", name)
			}
		}
	}
	if !store.IsRegisterFile(reg) {
		t.Fatal("the register is no longer a register")
	}
	if n, err := db.CountCases(context.Background(), cases.Query{}); err != nil || n != casesBefore {
		t.Fatalf("the register holds %d cases (%v)", n, err)
	}
	db.Close()
	if code, out := runArgs("check", "--db", reg); code != 0 || !strings.Contains(out, "is sound") {
		t.Fatalf("check after the refusals: %d %s", code, out)
	}

	// --force replaces an ordinary file.
	for name, args := range commands {
		if name == "opinion" || name == "backup" {
			continue
		}
		os.WriteFile(existing, []byte("last year's report"), 0o600)
		if code, out := runArgs(append(args, "--out", existing, "--force")...); code != 0 {
			t.Fatalf("%s --force: %d %s", name, code, out)
		}
		if got, _ := os.ReadFile(existing); string(got) == "last year's report" {
			t.Fatalf("%s --force did not replace the file", name)
		}
	}
	os.WriteFile(existing, []byte("not a backup"), 0o600)
	if code, out := runArgs("backup", "--db", reg, "--out", existing, "--force"); code != 0 || !store.IsRegisterFile(existing) {
		t.Fatalf("backup --force: %d %s", code, out)
	}
	// A backup is a register: not even --force writes over it.
	if code, out := runArgs("backup", "--db", reg, "--out", existing, "--force"); code == 0 || !strings.Contains(out, "never replaced") {
		t.Fatalf("backup --force over a backup: %d %s", code, out)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".ethicsdesk-tmp-*")); len(left) > 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}

// Item 4: seed fills only a new register or one it made; a register in
// use is refused and gains no account.
func TestSeedRefusesARegisterInUse(t *testing.T) {
	passwordcost.Cheap()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "register.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.NewService(db, nil).Bootstrap(ctx, "admin", "Administrator", "a long real password"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if code, out := runArgs("seed", "--db", path, "--cases", "5", "--opinions", "0"); code == 0 || !strings.Contains(out, "not a demonstration register") {
		t.Fatalf("seed on a register in use: %d %s", code, out)
	}
	db, err = store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	users, _ := db.Users(ctx)
	db.Close()
	if len(users) != 1 {
		t.Fatalf("seed added accounts: %v", users)
	}

	fresh := filepath.Join(t.TempDir(), "demo.db")
	for i := 0; i < 2; i++ { // a demonstration register seed made may be filled again
		if code, out := runArgs("seed", "--db", fresh, "--cases", "5", "--notes", "0", "--opinions", "0"); code != 0 {
			t.Fatalf("seed on its own register: %d %s", code, out)
		}
	}
	db, err = store.Open(fresh, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := app.NewService(db, nil).Login(ctx, "secretary", demo.DemoPassword); err != nil {
		t.Fatalf("the demo password on the demonstration register: %v", err)
	}
}

const holderEnv = "ETHICSDESK_TEST_HOLD_REGISTER"

// TestHelperHoldsTheRegister is the second process of the restore test: it
// opens the register as the window does, says so, waits for a line, then
// registers a case and prints its reference.
func TestHelperHoldsTheRegister(t *testing.T) {
	path := os.Getenv(holderEnv)
	if path == "" {
		return // only when run as the helper process
	}
	ctx := context.Background()
	db, err := store.Open(path, store.Options{})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("open")
	bufio.NewReader(os.Stdin).ReadString('\n')
	svc := app.NewService(db, nil)
	sec, err := svc.Login(ctx, "secretary", demo.DemoPassword)
	if err == nil {
		var c cases.Case
		c, err = svc.CreateCase(ctx, sec, cases.Draft{TypeCode: "privacy_complaint", Title: "Registered during a restore attempt",
			Summary: "Faces stored without consent.", ReceivedOn: cases.MustDate("2026-03-02"), Channel: cases.ChannelEmail,
			Submitter:  cases.Submitter{Kind: cases.SubmitterPerson, Name: "Zhang Wei", Contact: "zw@example.org"},
			Respondent: "Metro Co.", AISystem: "GateFace", Sector: "transport", CatalogueCode: "G54",
			Risk: cases.RiskHigh, Breach: "privacy", Priority: cases.PriorityNormal})
		if err == nil {
			fmt.Println("registered", c.Reference)
		}
	}
	if err != nil {
		fmt.Println("error:", err)
	}
	db.Close()
	os.Exit(0)
}

// Item 3: with another process holding the register open, restore is
// refused, naming the process, and the case that process registers
// afterwards is in the register.
func TestRestoreIsRefusedWhileAnotherProcessHasTheRegisterOpen(t *testing.T) {
	db, reg := seededRegister(t, demo.SeedOptions{Cases: 20, Notes: 20, Seed: 7})
	backup := filepath.Join(t.TempDir(), "backup.db")
	if _, err := db.Backup(context.Background(), backup); err != nil {
		t.Fatal(err)
	}
	db.Close()

	child := exec.Command(os.Args[0], "-test.run=^TestHelperHoldsTheRegister$")
	child.Env = append(os.Environ(), holderEnv+"="+reg)
	stdin, _ := child.StdinPipe()
	stdoutPipe, _ := child.StdoutPipe()
	child.Stderr = os.Stderr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	defer child.Process.Kill()
	lines := bufio.NewReader(stdoutPipe)
	if l, _ := lines.ReadString('\n'); strings.TrimSpace(l) != "open" {
		t.Fatalf("the helper says %q", l)
	}

	code, out := runArgs("restore", "--db", reg, "--from", backup)
	want := fmt.Sprintf("is open in Ethics Desk (process %d); close it first", child.Process.Pid)
	if code == 0 || !strings.Contains(out, want) {
		t.Fatalf("restore under another process: exit %d, %q (want %q)", code, out, want)
	}
	if aside, _ := filepath.Glob(filepath.Join(filepath.Dir(reg), "*before-restore*")); len(aside) > 0 {
		t.Fatalf("the register was moved aside: %v", aside)
	}

	io.WriteString(stdin, "go on\n")
	l, _ := lines.ReadString('\n')
	ref, ok := strings.CutPrefix(strings.TrimSpace(l), "registered ")
	if !ok {
		t.Fatalf("the helper says %q", l)
	}
	if err := child.Wait(); err != nil {
		t.Fatal(err)
	}
	db, err := store.OpenExisting(reg)
	if err != nil {
		t.Fatal(err)
	}
	svc := app.NewService(db, nil)
	sec, err := svc.Login(context.Background(), "secretary", demo.DemoPassword)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.FindCase(context.Background(), sec, ref); err != nil {
		t.Fatalf("the case %s acknowledged by the other process is not in the register: %v", ref, err)
	}
	db.Close()
	// Once the other process has closed it, restore goes ahead.
	if code, out := runArgs("restore", "--db", reg, "--from", backup); code != 0 {
		t.Fatalf("restore once closed: %d %s", code, out)
	}
}

// Item 14: check neither turns an empty file or another program's
// database into a register nor calls it sound.
func TestCheckRefusesFilesThatAreNotRegisters(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	text := filepath.Join(dir, "minutes.txt")
	os.WriteFile(text, []byte(strings.Repeat("minutes of the meeting\n", 50)), 0o600)
	for _, path := range []string{empty, text} {
		before, _ := os.ReadFile(path)
		code, out := runArgs("check", "--db", path)
		if code == 0 || strings.Contains(out, "sound") || !strings.Contains(out, "not an Ethics Desk register") {
			t.Fatalf("check %s: %d %s", filepath.Base(path), code, out)
		}
		if after, _ := os.ReadFile(path); string(after) != string(before) {
			t.Fatalf("check changed %s", filepath.Base(path))
		}
		if left, _ := filepath.Glob(path + "*"); len(left) != 1 {
			t.Fatalf("check left files beside %s: %v", filepath.Base(path), left)
		}
	}
}

// Item 3, the window: a restore the window cannot do (another process or
// handle has the register open, or the file is not a backup) is refused
// before the window closes its own register, which goes on working.
func TestWindowRestoreRefusesBeforeClosingItsRegister(t *testing.T) {
	ctx := context.Background()
	db, reg := seededRegister(t, demo.SeedOptions{Cases: 10, Notes: 0, Seed: 9})
	backup := filepath.Join(t.TempDir(), "backup.db")
	if _, err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	m := &maintenance{db: db, path: db.Path}
	other, err := store.Open(reg, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var inUse *store.InUseError
	if _, err := m.Restore(ctx, backup); !errors.As(err, &inUse) {
		t.Fatalf("restore with a second handle open: %v", err)
	}
	other.Close()
	notABackup := filepath.Join(t.TempDir(), "empty.db")
	os.WriteFile(notABackup, nil, 0o600)
	if _, err := m.Restore(ctx, notABackup); err == nil || !strings.Contains(err.Error(), "is empty") {
		t.Fatalf("restore from an empty file: %v", err)
	}
	if _, err := db.CountCases(ctx, cases.Query{}); err != nil {
		t.Fatalf("the window's register was closed by a refused restore: %v", err)
	}
}
