package textindex

import "unicode"

// Words splits text into the tokens FTS5's unicode61 tokenizer (with
// remove_diacritics 2) makes of it, folded as it folds them: runs of
// letters, digits and private-use characters, combining marks continuing
// a run, everything else a separator. Applied to IndexText's output it
// gives the words a search engine other than SQLite's indexes — the
// PostgreSQL store builds its tsvector documents and tsquery phrases with
// it — so that words, prefixes and CJK bigrams match as they do in FTS5.
func Words(text string) []string {
	var out []string
	start, inWord := 0, false
	for i, r := range text {
		word := isWordRune(r) || isCJK(r) || inWord && unicode.IsMark(r)
		switch {
		case word && !inWord:
			start, inWord = i, true
		case !word && inWord:
			out = append(out, fold(text[start:i]))
			inWord = false
		}
	}
	if inWord {
		out = append(out, fold(text[start:]))
	}
	return out
}
