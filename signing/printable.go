package signing

import (
	"fmt"
	"strings"
	"unicode"
)

// Printable returns s with every character that could change how a
// terminal or a label shows the surrounding text escaped as \xNN or
// \u{NNNN}: control characters (including ESC, CR and newline), and the
// Unicode format characters that reorder or hide text (bidirectional
// overrides, zero-width marks). Everything Verify takes from a PDF or a
// certificate passes through it, so a /Reason cannot draw a fake "valid"
// line or hide a "NOT VERIFIED" one.
func Printable(s string) string {
	clean := true
	for _, r := range s {
		if needsEscape(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !needsEscape(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, "\\x%02X", r)
		default:
			fmt.Fprintf(&b, "\\u{%04X}", r)
		}
	}
	return b.String()
}

func needsEscape(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029'
}
