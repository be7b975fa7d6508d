//go:build sqlite_fts5

package textindex

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseQuery checks that no input makes SQLite reject the generated
// MATCH expression, and that Snippet and HighlightAll, fed the input as both
// text and query, never panic and only return pieces of the original text.
func FuzzParseQuery(f *testing.F) {
	for _, q := range hostileQueries {
		f.Add(q)
	}
	for _, q := range []string{"facial recognition", `"facial recognition"`, "algorith*", "个人信息 -同意", "a OR b", "人脸识别 facial"} {
		f.Add(q)
	}
	db := openDocs(f, "file::memory:", testDocs)
	f.Fuzz(func(t *testing.T, input string) {
		q := ParseQuery(input)
		if q.Match != "" && q.Exclude != "" {
			t.Fatalf("ParseQuery(%q) set both Match and Exclude", input)
		}
		if _, err := search(db, input); err != nil {
			t.Fatalf("ParseQuery(%q) = Match %s, Exclude %s: SQLite error %v", input, q.Match, q.Exclude, err)
		}

		if got := joinSpans(HighlightAll(input, q.Terms)); got != input {
			t.Fatalf("HighlightAll(%q) spans join to %q, want the text itself", input, got)
		}
		const window = 20
		joined := joinSpans(Snippet(input, q.Terms, window))
		inner := strings.TrimSuffix(strings.TrimPrefix(joined, Ellipsis), Ellipsis)
		if !strings.Contains(input, inner) {
			t.Fatalf("Snippet(%q) = %q: not a piece of the text between ellipses", input, joined)
		}
		if inner != input && utf8.RuneCountInString(inner) > window {
			t.Fatalf("Snippet(%q) = %q: longer than %d runes", input, joined, window)
		}
	})
}

func joinSpans(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		b.WriteString(s.Text)
	}
	return b.String()
}
