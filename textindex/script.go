package textindex

import "unicode"

// isCJK reports whether r is a letter of a script that FTS5's unicode61
// tokenizer would swallow into one long token per run (Han, Hiragana,
// Katakana, Hangul). Such runes are indexed as bigrams instead.
func isCJK(r rune) bool {
	switch {
	case r < 0x1100: // below Hangul Jamo: no CJK letters
		return false
	case r >= 0x4E00 && r <= 0x9FFF: // CJK Unified Ideographs: by far the most common case
		return true
	case r >= 0xAC00 && r <= 0xD7A3: // Hangul syllables
		return true
	case r == 0x30FC || r == 0xFF70: // prolonged sound mark: "Common" script, but inside Katakana words
		return true
	}
	// Only letters (and 〇-like letter numbers): radicals and circled forms are
	// symbols that unicode61 treats as separators anyway.
	if !unicode.IsLetter(r) && !unicode.Is(unicode.Nl, r) {
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// isWordRune reports whether r can start a non-CJK word, mirroring the
// characters unicode61 keeps in tokens (letters, numbers, private use).
func isWordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r)
}
