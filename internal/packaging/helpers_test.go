//go:build packagetest || windowstest

package packaging

import (
	"os"
	"os/exec"
	"testing"
)

// need returns the value of the environment variable the make target
// sets, failing with how to run the test when it is unset.
func need(t *testing.T, env, target string) string {
	t.Helper()
	v := os.Getenv(env)
	if v == "" {
		t.Fatalf("%s is not set: run this test with `make %s`", env, target)
	}
	if _, err := os.Stat(v); err != nil {
		t.Fatalf("%s: %v (run `make %s`)", env, err, target)
	}
	return v
}

// tool fails with the package to install when a program is missing.
func tool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not installed: run scripts/install-deps.sh (Debian package %s)", name, pkg)
	}
	return p
}
