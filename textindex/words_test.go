package textindex

import (
	"fmt"
	"testing"
)

// The words of an indexed text are FTS5's: bigrams of CJK runs (and the
// run's last letter), other words folded, punctuation dropped.
func TestWordsOfIndexText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"隐私保护", "[隐私 私保 保护 护]"},
		{"Café E-mail, 3.5!", "[cafe e mail 3 5]"},
		{"AI伦理 review", "[ai 伦理 理 review]"},
		{"\x00\xffnaïve\u0301 x", "[naive x]"},
		{"", "[]"},
	} {
		if got := fmt.Sprint(Words(IndexText(c.in))); got != c.want {
			t.Errorf("Words(IndexText(%q)) = %s, want %s", c.in, got, c.want)
		}
	}
}
