package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ethicsdesk/demo"
)

// TestBackupRestoreCheckCommands runs the commands as a user would:
// back up, refuse to overwrite, restore, and check the restored file.
func TestBackupRestoreCheckCommands(t *testing.T) {
	db, reg := seededRegister(t, demo.SeedOptions{Cases: 60, Notes: 120, Seed: 3})
	dir := filepath.Dir(reg)
	db.Close()

	runCmd := func(args ...string) (int, string) {
		var out, errOut strings.Builder
		code := run(args, &out, &errOut)
		return code, out.String() + errOut.String()
	}
	backup := filepath.Join(dir, "backup.db")
	if code, out := runCmd("backup", "--db", reg, "--out", backup); code != 0 || !strings.Contains(out, "Backed up 60 cases") {
		t.Fatalf("backup: %d %s", code, out)
	}
	if code, out := runCmd("backup", "--db", reg, "--out", backup); code == 0 || !strings.Contains(out, "never replaced") {
		t.Fatalf("backup over an existing file: %d %s", code, out)
	}
	if code, out := runCmd("restore", "--db", reg, "--from", backup); code != 0 || !strings.Contains(out, "previous register is kept as") {
		t.Fatalf("restore: %d %s", code, out)
	}
	if code, out := runCmd("check", "--db", reg); code != 0 || !strings.Contains(out, "is sound") {
		t.Fatalf("check of the restored file: %d %s", code, out)
	}
	aside, _ := filepath.Glob(filepath.Join(dir, "register.before-restore-*.db"))
	if len(aside) != 1 {
		t.Fatalf("files kept aside: %v", aside)
	}
	if fi, err := os.Stat(aside[0]); err != nil || fi.Size() == 0 {
		t.Fatalf("the previous register was not kept: %v", err)
	}
	if code, out := runCmd("restore", "--db", reg, "--from", filepath.Join(dir, "missing.db")); code == 0 || !strings.Contains(out, "There is no backup") {
		t.Fatalf("restore from a missing file: %d %s", code, out)
	}
}
