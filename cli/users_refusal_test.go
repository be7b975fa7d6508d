package cli

import (
	"bytes"
	"strings"
	"testing"

	"ethicsdesk/app"
)

// An account refused for its password says what to change and that
// nothing was saved — not that "the case" cannot be saved — in English and
// in the system's Chinese, and no account is created.
func TestARefusedAccountSaysNothingWasSavedWithoutNamingACase(t *testing.T) {
	path := registerWithAdministrator(t)
	t.Setenv(app.PasswordEnv, "correct horse battery")
	t.Setenv("ETHICSDESK_NEW_PASSWORD", "short")
	for _, c := range []struct{ lang, want string }{
		{"en_US.UTF-8", "Nothing was saved: password:"},
		{"zh_CN.UTF-8", "未保存：password"},
	} {
		t.Setenv("LANG", c.lang)
		var out, errOut bytes.Buffer
		code := run([]string{"users", "--db", path, "--user", "admin", "add", "chen", "member", "Dr. Chen"}, &out, &errOut)
		if code == 0 || !strings.Contains(errOut.String(), c.want) || strings.Contains(errOut.String(), "case") || strings.Contains(errOut.String(), "案件") {
			t.Errorf("%s: a refused account: exit %d, %q; want %q and no word of a case", c.lang, code, errOut.String(), c.want)
		}
	}
	t.Setenv("LANG", "en_US.UTF-8")
	var out, errOut bytes.Buffer
	if code := run([]string{"users", "--db", path, "--user", "admin", "list"}, &out, &errOut); code != 0 || strings.Contains(out.String(), "chen") {
		t.Errorf("after the refusals the accounts are %q (%s)", out.String(), errOut.String())
	}
}
