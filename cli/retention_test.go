package cli

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"ethicsdesk/app"
	"ethicsdesk/demo"
)

// TestRetentionCommandListsThenAnonymises runs `ethicsdesk retention` on a
// seeded register with a one-year period: without --apply it only lists,
// with it the listed cases lose their submitters' details, and a member
// may do neither.
func TestRetentionCommandListsThenAnonymises(t *testing.T) {
	db, path, _, _ := registerPastRetention(t)
	db.Close()

	t.Setenv(app.PasswordEnv, demo.DemoPassword)
	var out, errOut bytes.Buffer
	if code := run([]string{"retention", "--db", path, "--user", "member"}, &out, &errOut); code == 0 || !strings.Contains(errOut.String(), "not allowed") {
		t.Fatalf("a member listed the retention: %d %s", code, errOut.String())
	}
	if code := run([]string{"retention", "--db", path, "--user", "admin"}, &out, &errOut); code != 0 {
		t.Fatalf("list: %s", errOut.String())
	}
	m := regexp.MustCompile(`still named: (\d+)\.`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no count in %q", out.String())
	}
	listed, _ := strconv.Atoi(m[1])
	if listed == 0 || strings.Count(out.String(), "\tclosed ") != listed || !strings.Contains(out.String(), "Nothing was changed") {
		t.Fatalf("the seeded register has no case closed over a year ago, or the list is wrong:\n%s", out.String())
	}
	out.Reset()
	if code := run([]string{"retention", "--db", path, "--user", "admin", "--apply"}, &out, &errOut); code != 0 ||
		!strings.Contains(out.String(), "from "+m[1]+" case") {
		t.Fatalf("apply: %d %s %s", code, out.String(), errOut.String())
	}
	out.Reset()
	if code := run([]string{"retention", "--db", path, "--user", "admin"}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "still named: 0.") {
		t.Fatalf("after applying: %s %s", out.String(), errOut.String())
	}
	if code := run([]string{"check", "--db", path}, &out, &errOut); code != 0 {
		t.Fatalf("check after anonymising: %s", errOut.String())
	}
}
