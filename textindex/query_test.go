package textindex

import (
	"fmt"
	"strings"
	"testing"
)

func TestParseQueryMatchExpressions(t *testing.T) {
	cases := []struct{ in, want string }{
		{"consent", `"consent"`},
		{"facial recognition", `"facial" AND "recognition"`},
		{`"facial recognition"`, `"facial recognition"`},
		{"algorith*", `"algorith"*`},
		{`"facial recog"*`, `"facial recog"*`},
		{"同意", `"同意"`},
		{"个人信息", `"个人 人信 信息"`},
		{"信", `"信"*`},
		{"人脸识别 facial", `"人脸 脸识 识别" AND "facial"`},
		{"AI伦理", `"AI 伦理"`},
		{"a OR b c", `("a" OR "b") AND "c"`},
		{"privacy -draft", `("privacy") NOT ("draft")`},
		{"privacy NOT draft", `("privacy") NOT ("draft")`},
		{`privacy -"first draft"`, `("privacy") NOT ("first draft")`},
		{"e-mail", `"e mail"`},
		{"or and not", `"or" AND "and" AND "not"`}, // lower case: plain words
		{"a AND b", `"a" AND "b"`},
		{`"我 爱"`, `"我"* + "爱"*`},
	}
	for _, c := range cases {
		if got := ParseQuery(c.in).Match; got != c.want {
			t.Errorf("ParseQuery(%q).Match = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestParseQueryNeutralisesFTS5Syntax(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"*", ""},
		{`"`, ""},
		{`"""`, ""},
		{"!!! ??? ...", ""},
		{"AND OR NOT", ""},
		{"OR privacy OR", `"privacy"`},
		{"a OR OR b", `("a" OR "b")`},
		{"(privacy", `"privacy"`},
		{"NEAR(a b)", `"NEAR a" AND "b"`},
		{"title:foo", `"title foo"`},
		{"^consent", `"consent"`},
		{`say "hello`, `"say" AND "hello"`},
		{"a\x00b", `"a" AND "b"`},
		{"a\xffb", `"a" AND "b"`},
		{`x"y`, `"x" AND "y"`},
	}
	for _, c := range cases {
		if got := ParseQuery(c.in).Match; got != c.want {
			t.Errorf("ParseQuery(%q).Match = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestParseQueryOnlyExclusions(t *testing.T) {
	q := ParseQuery(`-draft NOT "old version"`)
	if q.Match != "" {
		t.Errorf("Match = %s, want empty: FTS5 cannot search for nothing but exclusions", q.Match)
	}
	if want := `"draft" OR "old version"`; q.Exclude != want {
		t.Errorf("Exclude = %s, want %s", q.Exclude, want)
	}
	if len(q.Terms) != 0 {
		t.Errorf("Terms = %q, want none: excluded words are not highlighted", q.Terms)
	}
	if q := ParseQuery("privacy -draft"); q.Exclude != "" {
		t.Errorf("Exclude = %s with a positive term, want it folded into Match", q.Exclude)
	}
}

func TestParseQueryTermsForHighlighting(t *testing.T) {
	q := ParseQuery(`Algorith* "Facial Recognition" 人脸识别 -draft facial OR 隐私 Algorith*`)
	want := []string{"Algorith*", "Facial Recognition", "人脸识别", "facial", "隐私"}
	if strings.Join(q.Terms, "|") != strings.Join(want, "|") {
		t.Errorf("Terms = %q, want %q", q.Terms, want)
	}
}

func TestParseQueryCapsHugeInput(t *testing.T) {
	q := ParseQuery(strings.Repeat("word ", 10000))
	if n := strings.Count(q.Match, `"word"`); n != maxQueryTerms {
		t.Errorf("huge query kept %d terms, want %d", n, maxQueryTerms)
	}
	long := ParseQuery(strings.Repeat("隐", 10000))
	if n := strings.Count(long.Match, "隐隐"); n != maxQueryRunes-1 {
		t.Errorf("huge CJK query has %d bigrams, want %d", n, maxQueryRunes-1)
	}
}

func TestParseQueryGroupsCarryTheExclusions(t *testing.T) {
	q := ParseQuery(`acme "lift camera" OR lobby -draft`)
	want := []string{`("acme") NOT ("draft")`, `(("lift camera" OR "lobby")) NOT ("draft")`}
	if fmt.Sprint(q.Groups) != fmt.Sprint(want) {
		t.Errorf("Groups = %q, want %q", q.Groups, want)
	}
	if g := ParseQuery("acme").Groups; g != nil {
		t.Errorf("one word has groups %q", g)
	}
}
