package starttrace

import (
	"os"
	"os/exec"
	"regexp"
	"testing"
)

// With $ETHICSDESK_STARTTRACE set, a mark is a line on stderr with the
// milliseconds since the process started (the test binary's own start, a
// few to a few hundred milliseconds ago); without it, nothing is printed.
func TestMarkPrintsOnlyWhenAsked(t *testing.T) {
	if os.Getenv("STARTTRACE_CHILD") != "" {
		Mark("child marked")
		return
	}
	run := func(env ...string) string {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestMarkPrintsOnlyWhenAsked$")
		cmd.Env = append(os.Environ(), append(env, "STARTTRACE_CHILD=1")...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		return string(out)
	}
	line := regexp.MustCompile(`starttrace +([0-9]+\.[0-9]) ms child marked\n`)
	if out := run("ETHICSDESK_STARTTRACE=1"); !line.MatchString(out) {
		t.Fatalf("with the trace asked for, the child printed %q", out)
	} else if m := line.FindStringSubmatch(out); m[1] == "0.0" {
		t.Fatalf("the mark counts from the mark itself, not the process's start: %q", out)
	}
	if out := run("ETHICSDESK_STARTTRACE="); line.MatchString(out) {
		t.Fatalf("without the trace the child printed %q", out)
	}
}
