package assets

import (
	"os"
	"testing"

	"fyne.io/fyne/v2/lang"
)

// withLocale sets the process's locale variables as a user's session would,
// and puts them back afterwards.
func withLocale(t *testing.T, vars map[string]string) {
	t.Helper()
	for _, name := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		old, had := os.LookupEnv(name)
		if v, ok := vars[name]; ok {
			os.Setenv(name, v)
		} else {
			os.Unsetenv(name)
		}
		t.Cleanup(func() {
			if had {
				os.Setenv(name, old)
			} else {
				os.Unsetenv(name)
			}
		})
	}
	t.Cleanup(func() { UseLanguage("en") })
}

func TestAChineseSystemGetsTheChineseWindow(t *testing.T) {
	for _, locale := range []string{"zh_CN.UTF-8", "zh_SG.UTF-8", "zh_CN"} {
		withLocale(t, map[string]string{"LANG": locale})
		if err := LoadTranslations(); err != nil {
			t.Fatal(err)
		}
		if got := lang.L("Cancel"); got != "取消" {
			t.Errorf("LANG=%s: Cancel reads %q, want 取消", locale, got)
		}
		if got := lang.X("status.under_review", "Under review"); got != "审查中" {
			t.Errorf("LANG=%s: Under review reads %q, want 审查中", locale, got)
		}
	}
	withLocale(t, map[string]string{"LANG": "en_GB.UTF-8"})
	LoadTranslations()
	if got := lang.L("Cancel"); got != "Cancel" {
		t.Errorf("LANG=en_GB: Cancel reads %q", got)
	}
}

func TestAChoiceInSettingsWinsOverTheSystemAndCanBeUndone(t *testing.T) {
	withLocale(t, map[string]string{"LANG": "en_US.UTF-8"})
	if err := UseLanguage("zh-Hans"); err != nil {
		t.Fatal(err)
	}
	if got := lang.L("Sign in"); got != "登录" {
		t.Errorf("after choosing 简体中文, Sign in reads %q", got)
	}
	if got := lang.N("{{.Total}} cases", 3, map[string]any{"Total": 3}); got != "3 件案件" {
		t.Errorf("plural in Chinese reads %q", got)
	}
	if err := UseLanguage(""); err != nil {
		t.Fatal(err)
	}
	if got := lang.L("Sign in"); got != "Sign in" {
		t.Errorf("back to the system's language (English), Sign in reads %q", got)
	}
}
