package textindex

import (
	"unicode"
	"unicode/utf8"
)

// unit is one searchable piece of text as the index sees it: a non-CJK word
// (which unicode61 makes one token) or a single CJK rune (which takes part in
// bigrams). Query building and snippet matching both cut text with scanUnits
// so that what is highlighted is what FTS5 matched.
type unit struct {
	start, end int  // byte offsets in the scanned string
	cjk        bool // a single CJK rune
	joined     bool // cjk only: directly follows another CJK rune, so both share a bigram
}

// scanUnits splits s into units. Everything else (spaces, punctuation,
// symbols, control characters, invalid UTF-8) separates units, as in unicode61.
func scanUnits(s string) []unit {
	var units []unit
	inWord, prevCJK := false, false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isCJK(r):
			units = append(units, unit{start: i, end: i + size, cjk: true, joined: prevCJK})
			inWord, prevCJK = false, true
		case isWordRune(r) || inWord && unicode.IsMark(r):
			// Combining marks continue a word (unicode61 strips diacritics, and
			// splitting Devanagari at its vowel signs would break highlighting)
			// but never start one.
			if inWord {
				units[len(units)-1].end = i + size
			} else {
				units = append(units, unit{start: i, end: i + size})
				inWord = true
			}
			prevCJK = false
		default:
			inWord, prevCJK = false, false
		}
		i += size
	}
	return units
}
