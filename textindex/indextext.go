package textindex

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// IndexText returns the text to store in an FTS5 column tokenized with
// unicode61. Non-CJK text is kept as it is (unicode61 folds case and
// diacritics itself); every run of CJK letters is replaced by its overlapping
// bigrams separated by spaces and followed by its last letter alone
// (隐私保护 → "隐私 私保 保护 护"), a lone CJK letter is kept as itself, and
// runs are set apart from their neighbours by spaces. Every letter of a run
// thus starts a token, so a search for one letter, the prefix "私"*, finds
// it wherever it stands, the end of a run (个人隐私) included.
// Control characters (NUL included) and invalid UTF-8 become spaces; tabs and
// line breaks are kept, being separators to unicode61 already.
//
// It runs over every note while seeding, hence the single pass and the
// shortcut for plain ASCII text.
func IndexText(s string) string {
	if isCleanASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	lastSpace := true // the output ends in a separator (or is empty)
	runLen := 0       // CJK letters in the current run
	prevStart := 0    // byte range of the run's latest CJK letter
	prevEnd := 0
	// writeOther writes text that is not part of a CJK run, setting it apart
	// from a run that has just ended.
	writeOther := func(text string, space bool) {
		if runLen > 0 {
			endRun(&b, s[prevStart:prevEnd], runLen)
			if !space {
				b.WriteByte(' ')
			}
			runLen = 0
		}
		b.WriteString(text)
		lastSpace = space
	}
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if isStrippedASCII(c) {
				writeOther(" ", true)
				i++
				continue
			}
			j := i + 1 // copy the whole stretch of clean ASCII at once
			for j < len(s) && s[j] < utf8.RuneSelf && !isStrippedASCII(s[j]) {
				j++
			}
			last := s[j-1]
			writeOther(s[i:j], last == ' ' || last == '\t' || last == '\n' || last == '\r')
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isCJK(r):
			if runLen == 0 && !lastSpace {
				b.WriteByte(' ')
			}
			if runLen > 0 {
				if runLen > 1 {
					b.WriteByte(' ')
				}
				b.WriteString(s[prevStart : i+size]) // the bigram: both letters are adjacent in s
			}
			prevStart, prevEnd = i, i+size
			runLen++
		case (r == utf8.RuneError && size == 1) || unicode.IsControl(r):
			writeOther(" ", true)
		default:
			writeOther(s[i:i+size], unicode.IsSpace(r))
		}
		i += size
	}
	if runLen > 0 {
		endRun(&b, s[prevStart:prevEnd], runLen)
	}
	return b.String()
}

// endRun writes what closes a CJK run of runLen letters whose last letter
// is last: the letter itself, alone after the run's bigrams.
func endRun(b *strings.Builder, last string, runLen int) {
	if runLen > 1 {
		b.WriteByte(' ')
	}
	b.WriteString(last)
}

// isCleanASCII reports whether s needs no rewriting at all: ASCII without
// stripped control characters, the common case for English notes.
func isCleanASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || isStrippedASCII(c) {
			return false
		}
	}
	return true
}

// isStrippedASCII reports whether c is an ASCII control character that
// IndexText replaces with a space (all but tab, line feed and carriage return).
func isStrippedASCII(c byte) bool {
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f
}
