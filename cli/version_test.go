package cli

import (
	"bytes"
	"os"
	"regexp"
	"testing"
)

// `ethicsdesk --version` prints the version FyneApp.toml gives the
// packages.
func TestVersionIsFyneAppTomls(t *testing.T) {
	toml, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`).FindSubmatch(toml)
	if m == nil {
		t.Fatal("FyneApp.toml has no Version")
	}
	var out, errOut bytes.Buffer
	if code := Run([]string{"--version"}, &out, &errOut); code != 0 {
		t.Fatalf("--version exited %d: %s", code, errOut.String())
	}
	if want := "Ethics Desk " + string(m[1]) + " "; !bytes.HasPrefix(out.Bytes(), []byte(want)) {
		t.Errorf("--version printed %q, want it to start with %q", out.String(), want)
	}
}
