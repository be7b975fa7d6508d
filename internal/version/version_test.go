package version

import (
	"os"
	"regexp"
	"strconv"
	"testing"
)

// TestNumberIsFyneAppTomls fails when FyneApp.toml's version was changed
// without `go generate ./internal/version`: --version and the About box
// would then say something other than the packages.
func TestNumberIsFyneAppTomls(t *testing.T) {
	toml, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`).FindSubmatch(toml)
	if m == nil {
		t.Fatal("FyneApp.toml has no Version")
	}
	if string(m[1]) != Number {
		t.Errorf("FyneApp.toml says version %s, the program %s: run go generate ./internal/version", m[1], Number)
	}
	b := regexp.MustCompile(`(?m)^\s*Build\s*=\s*([0-9]+)`).FindSubmatch(toml)
	if b == nil || string(b[1]) != strconv.Itoa(Build) {
		t.Errorf("FyneApp.toml's Build is not the program's %d: run go generate ./internal/version", Build)
	}
}
