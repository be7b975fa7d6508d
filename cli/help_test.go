package cli

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"ethicsdesk/assets"
)

// Every command's summary, and the text around the list, can be translated.
func TestTheHelpIsTranslatable(t *testing.T) {
	for _, s := range append([]string{usageHead, usageFoot}, summaries()...) {
		if !assets.Has(s) {
			t.Errorf("%q is not in assets/translations/en.json", s)
		}
	}
}

func summaries() []string {
	var out []string
	for _, sc := range subcommands {
		out = append(out, sc.summary)
	}
	return out
}

// A user whose system speaks Chinese gets the help in Chinese.
func TestTheHelpSpeaksTheSystemsLanguage(t *testing.T) {
	for _, name := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		old, had := os.LookupEnv(name)
		t.Cleanup(func() {
			if had {
				os.Setenv(name, old)
			} else {
				os.Unsetenv(name)
			}
			assets.LoadTranslations()
		})
		os.Unsetenv(name)
	}
	os.Setenv("LANG", "zh_CN.UTF-8")
	var out, errOut bytes.Buffer
	if code := Run([]string{"--help"}, &out, &errOut); code != 0 {
		t.Fatalf("--help: exit %d %s", code, errOut.String())
	}
	for _, want := range []string{"伦理委员会工作台", "命令：", "verify", "核验 PDF 意见书的数字签名"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the Chinese help lacks %q:\n%s", want, out.String())
		}
	}
	os.Setenv("LANG", "en_US.UTF-8")
	out.Reset()
	Run([]string{"--help"}, &out, &errOut)
	if !strings.Contains(out.String(), "Commands:") {
		t.Errorf("the English help:\n%s", out.String())
	}
}
