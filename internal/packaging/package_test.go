//go:build packagetest

package packaging

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"ethicsdesk/internal/version"
)

// TestLinuxTarballInstalls does what a member does with the tarball:
// unpacks it, runs its Makefile's install, and starts the installed
// program; the menu entry must pass desktop-file-validate and name an
// icon and a program that were installed.
func TestLinuxTarballInstalls(t *testing.T) {
	tarball := need(t, "ETHICSDESK_PACKAGE", "package-test")
	validate := tool(t, "desktop-file-validate", "desktop-file-utils")
	dir := t.TempDir()
	if out, err := exec.Command("tar", "-xJf", tarball, "-C", dir).CombinedOutput(); err != nil {
		t.Fatalf("unpacking %s: %v\n%s", tarball, err, out)
	}
	makefiles, _ := filepath.Glob(filepath.Join(dir, "*", "Makefile"))
	if len(makefiles) != 1 {
		t.Fatalf("the tarball holds %d folders with a Makefile, want 1", len(makefiles))
	}
	root := filepath.Join(dir, "root")
	install := exec.Command("make", "-C", filepath.Dir(makefiles[0]), "install", "DESTDIR="+root, "PREFIX=/usr")
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("the tarball's make install: %v\n%s", err, out)
	}
	desktops, _ := filepath.Glob(filepath.Join(root, "usr/share/applications/*.desktop"))
	if len(desktops) != 1 {
		t.Fatalf("make install put %d .desktop files in share/applications, want 1", len(desktops))
	}
	if out, err := exec.Command(validate, desktops[0]).CombinedOutput(); err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Errorf("desktop-file-validate %s: %v\n%s", filepath.Base(desktops[0]), err, out)
	}
	entry, err := os.ReadFile(desktops[0])
	if err != nil {
		t.Fatal(err)
	}
	field := func(key string) string {
		m := regexp.MustCompile(`(?m)^` + key + `=(.*)$`).FindSubmatch(entry)
		if m == nil {
			t.Fatalf("the .desktop entry has no %s=:\n%s", key, entry)
		}
		return strings.TrimSpace(string(m[1]))
	}
	if name := field("Name"); name != "Ethics Desk" {
		t.Errorf("the menu shows %q, want Ethics Desk", name)
	}
	exe := filepath.Join(root, "usr/bin", field("Exec"))
	icon := field("Icon")
	if _, err := os.Stat(filepath.Join(root, "usr/share/pixmaps", icon)); err != nil {
		if matches, _ := filepath.Glob(filepath.Join(root, "usr/share/pixmaps", icon+".*")); len(matches) == 0 {
			t.Errorf("the entry's icon %q was not installed in share/pixmaps", icon)
		}
	}
	out, err := exec.Command(exe, "--version").CombinedOutput()
	if err != nil {
		t.Fatalf("the installed %s --version: %v\n%s", exe, err, out)
	}
	if want := "Ethics Desk " + version.Number; !strings.HasPrefix(string(out), want) {
		t.Errorf("the installed program says %q, want %q", out, want)
	}
}
