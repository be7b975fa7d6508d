package textindex

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// fold makes a word comparable the way unicode61 with remove_diacritics 2
// does: lower case, accents removed ("Café" and "cafe" are the same word).
func fold(s string) string {
	lower := strings.ToLower(s)
	if isASCII(lower) {
		return lower
	}
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, norm.NFD.String(lower))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
