package textindex

import (
	"strings"
	"testing"
)

// The exact edges of a snippet, where a search result changes by one word
// or one ellipsis: how far a cut moves to keep a word whole (maxWordSnap
// runes, and not one more), blanks at the text's own ends, words glued to
// a CJK match, a window never emptied by its cuts, and which window wins
// when a match sits on its edge.
func TestSnippetBoundsExactly(t *testing.T) {
	w := "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN" // one word of 40 runes
	aa := func(k int) string { return strings.TrimSuffix(strings.Repeat("aa ", k), " ") }
	for _, c := range []struct {
		name  string
		text  string
		terms []string
		n     int
		want  string
		spans int
	}{
		// A window of 124 runes starts 31 runes before the match. With one
		// blank between the long word and the match, the cut leaves 30 runes
		// of the word (maxWordSnap): too far to move, the word is shown cut.
		{"left cut 30 runes into a word: shown cut",
			"xyz " + w + " match " + strings.Repeat("aa ", 60), []string{"match"}, 124,
			"…" + w[10:] + " [match] " + aa(29) + "…", 3},
		// With two blanks, 29 runes of it: the cut moves past the word.
		{"left cut 29 runes into a word: word dropped",
			"xyz " + w + "  match " + strings.Repeat("aa ", 60), []string{"match"}, 124,
			"…[match] " + aa(29) + "…", 3},
		// A window of 48 runes ends 36 runes after the match's start: 30
		// runes of the word after it are too many to drop, 29 are not.
		{"right cut 30 runes into a word: shown cut",
			strings.Repeat("aa ", 20) + "match " + w + " tail", []string{"match"}, 48,
			"…" + aa(4) + " [match] " + w[:30] + "…", 3},
		{"right cut 29 runes into a word: word dropped",
			strings.Repeat("aa ", 20) + "match  " + w + " tail", []string{"match"}, 48,
			"…" + aa(4) + " [match]…", 3},
		// Blanks that end the text are kept when the window reaches the end,
		// as leading blanks are kept when it starts at the beginning.
		{"trailing blanks of the text kept",
			"one two three four five six seven eight nine ten  ", []string{"ten"}, 12,
			"…nine [ten]  ", 3},
		// A Latin word glued to a CJK match is shown in part, up to the
		// match, rather than dropped: the cut stops at the match's edge.
		{"word glued before a CJK match at the text's end",
			"xyz abcdef同意", []string{"同意"}, 5, "…def[同意]", 2},
		{"word glued after a CJK match at the text's start",
			"伦理abcdef ghi jkl", []string{"伦理"}, 5, "[伦理]abc…", 2},
		// A window holding only a piece of a match longer than itself, after
		// its start moved past a word, still shows that piece: the end is
		// never snapped back onto the start, which would leave nothing. (A
		// combining mark after a blank, as in pasted decomposed text, is part
		// of a word for the cuts but not for the matcher.)
		{"window left with one cut word is not emptied",
			"see \u0301data \u0301protection rules", []string{"data protection"}, 10,
			"…[\u0301prot]…", 3},
		// A match a little shorter than the window (10 of 12 runes) ends
		// the window: the two runes of context go before it.
		{"match of nearly the window's size ends it",
			"we are consenting a bc", []string{"consenting"}, 12, "…[consenting]…", 3},
		// A match that starts exactly where the window ends is not shown,
		// not even as an empty marked piece.
		{"match starting at the cut",
			"甲乙丙丁同意戊己庚辛同意子丑寅卯辰巳午未", []string{"同意"}, 8, "…丙丁[同意]戊己庚辛…", 3},
		// A match at the very start of the window counts for it: the first
		// window shows both terms, as the later one does, and comes first.
		{"match at the window's start counts",
			"budget consent aa bb cc dd ee ff gg hh ii jj then budget and consent here kk ll mm nn oo pp",
			[]string{"budget", "consent"}, 30, "[budget] [consent] aa bb cc dd ee…", 4},
		// Two different terms beat three matches of one term.
		{"different terms before more matches",
			"budget budget budget aa bb cc dd ee ff gg hh ii jj kk budget consent ll mm nn oo pp qq",
			[]string{"budget", "consent"}, 24, "…jj kk [budget] [consent] ll…", 5},
	} {
		got := Snippet(c.text, c.terms, c.n)
		if r := render(got); r != c.want || len(got) != c.spans {
			t.Errorf("%s: Snippet(%q, %q, %d) =\n%q in %d pieces, want\n%q in %d", c.name, c.text, c.terms, c.n, r, len(got), c.want, c.spans)
		}
	}
}
