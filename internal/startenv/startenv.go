// Package startenv fixes up the process environment before any other
// package initialises. It must stay free of imports beyond the standard
// library so that it runs before Fyne's lang package, which reads the
// locale in its init and logs an error for the POSIX "C" locale.
package startenv

import (
	"os"
	"strings"
)

func init() {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		if v == "" {
			continue
		}
		if base, _, _ := strings.Cut(v, "."); base == "C" || base == "POSIX" {
			os.Unsetenv(name)
			continue
		}
		return // a real locale is set: leave it alone
	}
	os.Setenv("LANG", "en_US.UTF-8")
}
