package textindex

import (
	"strings"
	"testing"
)

// Words that start or end with the first and last letters and digits of
// ASCII are words; CJK letters of a term must be adjacent in the text;
// matches that touch are marked as one.
func TestHighlightAtTheEdges(t *testing.T) {
	for _, c := range []struct {
		text  string
		terms []string
		want  string
		spans int
	}{
		{"apple zebra Apple Zebra 0day 9lives", []string{"apple", "zebra", "0day", "9lives"}, "[apple] [zebra] [Apple] [Zebra] [0day] [9lives]", 11},
		{"a z A Z 0 9", []string{"a", "z", "0", "9"}, "[a] [z] [A] [Z] [0] [9]", 11},
		{"个人 信息与个人信息", []string{"个人信息"}, "个人 信息与[个人信息]", 2},
		{"个人信息", []string{"个人", "信息"}, "[个人信息]", 1},
		{"data protection", []string{"data", "protection"}, "[data] [protection]", 3},
		// Accents are ignored in words with no ASCII letter at all.
		{"Ωμέγα résumé", []string{"ωμεγα", "resume"}, "[Ωμέγα] [résumé]", 3},
	} {
		got := HighlightAll(c.text, c.terms)
		if r := render(got); r != c.want || len(got) != c.spans {
			t.Errorf("HighlightAll(%q, %q) = %q in %d pieces, want %q in %d", c.text, c.terms, r, len(got), c.want, c.spans)
		}
	}
}

// An empty phrase is nothing to search for, and a "*" after a closed
// phrase makes its last word a prefix.
func TestParseQueryPhraseEdges(t *testing.T) {
	for _, c := range []struct{ in, match, terms string }{
		{`"" budget`, `"budget"`, "budget"},
		{`"data protec"* budget`, `"data protec"* AND "budget"`, "data protec*|budget"},
		{`"data protec"** budget`, `"data protec"* AND "budget"`, "data protec*|budget"},
	} {
		q := ParseQuery(c.in)
		if q.Match != c.match || strings.Join(q.Terms, "|") != c.terms {
			t.Errorf("ParseQuery(%q) = %s %q, want %s %q", c.in, q.Match, q.Terms, c.match, c.terms)
		}
	}
}
