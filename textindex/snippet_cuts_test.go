package textindex

import (
	"strings"
	"testing"
)

// What a search result shows, exactly: the window around the best match,
// cut between words (a word longer than the window is cut), blank edges
// dropped, an ellipsis on each side that was cut and none on a side that
// was not, and no empty piece between the marked words.
func TestSnippetCutsExactly(t *testing.T) {
	for _, c := range []struct {
		text  string
		terms []string
		n     int
		want  string
		spans int
	}{
		// Cut on the right only, inside "gamma": back to the end of "beta".
		{"alpha beta gamma delta epsilon zeta eta theta", []string{"alpha"}, 14, "[alpha] beta…", 2},
		// The match ends the text: no ellipsis after it.
		{"one two three four five six seven eight nine ten", []string{"ten"}, 12, "…nine [ten]", 2},
		{"the word is at the very end: budget", []string{"budget"}, 16, "…very end: [budget]", 2},
		{"ab cd", []string{"cd"}, 4, "…[cd]", 2},
		// Cut on both sides, a quarter of the window before the match.
		{"one two three four five six seven eight nine ten", []string{"five"}, 12, "…[five] six…", 3},
		{"consent then budget and more words to fill out the budget", []string{"budget"}, 20, "…then [budget] and more…", 3},
		// The whole text fits: nothing cut, even at exactly the window's size.
		{"ab cd", []string{"cd"}, 5, "ab [cd]", 2},
		{"  leading blanks then the word budget appears after a while", []string{"leading"}, 20, "  [leading] blanks…", 3},
		// Long words on either side are cut off, the match kept whole.
		{"x " + strings.Repeat("w", 40) + " match " + strings.Repeat("v", 40) + " y", []string{"match"}, 20, "…[match]…", 3},
		{"averyveryverylongwordthatgoesonandonandonforeverandever match", []string{"match"}, 10, "…[match]", 2},
		{"match averyveryverylongwordthatgoesonandonandonforeverandever", []string{"match"}, 10, "[match]…", 2},
		// A match longer than the window shows its start.
		{"an extraordinarilylongmatchingword here", []string{"extraordinarilylongmatchingword"}, 10, "…[extraordin]…", 3},
		{"short", []string{"short"}, 3, "[sho]…", 2},
		{"some text before facial recognition systems and text after it ends", []string{"facial recognition systems"}, 12, "…[facial]…", 3},
		// More different terms win, then more matches, then the earliest.
		{"start budget end filler filler filler budget consent", []string{"budget", "consent"}, 15, "…[budget] [consent]", 4},
		{"filler words here and there, consent. more filler words and then budget with consent together.", []string{"budget", "consent"}, 30, "…then [budget] with [consent]…", 5},
		{"budget one. filler filler filler filler. budget budget two.", []string{"budget"}, 20, "…. [budget] [budget]…", 5},
		{"aaa bbb ccc ddd eee fff ggg hhh iii jjj kkk lll", []string{"ggg", "iii"}, 12, "…[ggg] hhh…", 3},
		// Runs of blanks at the cuts are dropped.
		{"word   spaced     out  match   and   more   words   here", []string{"match"}, 14, "…[match]   and…", 3},
	} {
		got := Snippet(c.text, c.terms, c.n)
		if r := render(got); r != c.want || len(got) != c.spans {
			t.Errorf("Snippet(%q, %q, %d) = %q in %d pieces, want %q in %d", c.text, c.terms, c.n, r, len(got), c.want, c.spans)
		}
	}
}

// A window of 0 (or less) runes means the default of 160.
func TestSnippetDefaultWindow(t *testing.T) {
	text := strings.Repeat("word ", 60) // 300 runes
	for _, n := range []int{0, -5} {
		got := render(Snippet(text, []string{"absent"}, n))
		inner := strings.TrimSuffix(got, Ellipsis)
		if !strings.HasSuffix(got, Ellipsis) || len(inner) < 150 || len(inner) > 160 || !strings.HasPrefix(text, inner) {
			t.Errorf("Snippet with a window of %d: %d bytes %q", n, len(inner), got)
		}
	}
}
