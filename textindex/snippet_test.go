package textindex

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// render shows spans as text with [marked] words, for readable assertions.
func render(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		if s.Match {
			b.WriteString("[" + s.Text + "]")
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

func TestHighlightAllMarksWhatTheIndexMatched(t *testing.T) {
	cases := []struct {
		text  string
		terms []string
		want  string
	}{
		{"Café Policy", []string{"cafe", "POLICY"}, "[Café] [Policy]"},
		{"Algorithmic audits", []string{"algorith*"}, "[Algorithmic] audits"},
		{"Algorithmic audits", []string{"algorith"}, "Algorithmic audits"}, // no "*": whole words only
		{"facial hair, facial recognition", []string{"facial recognition"}, "facial hair, [facial recognition]"},
		{"我们同意保护隐私。", []string{"同意", "隐私"}, "我们[同意]保护[隐私]。"},
		{"个人的信息与个人信息", []string{"个人信息"}, "个人的信息与[个人信息]"},
		{"通信与信任", []string{"信"}, "通[信]与[信]任"},
		{"AI 伦理审查", []string{"AI伦理"}, "[AI 伦理]审查"},
		{"e-mail address", []string{"e-mail"}, "[e-mail] address"},
		{"no match here", []string{"absent"}, "no match here"},
		{"", []string{"x"}, ""},
	}
	for _, c := range cases {
		if got := render(HighlightAll(c.text, c.terms)); got != c.want {
			t.Errorf("HighlightAll(%q, %q) = %q, want %q", c.text, c.terms, got, c.want)
		}
	}
}

const longNote = "The committee met on Tuesday to go through the outstanding items of the agenda, " +
	"starting with the budget and the schedule of the next meetings. " +
	"After a long discussion the members turned to the city's use of facial recognition cameras " +
	"in public spaces and asked for an impact assessment before any further deployment. " +
	"The remaining items were postponed to the following session because of lack of time."

func TestSnippetShowsTheMatchWithEllipses(t *testing.T) {
	spans := Snippet(longNote, []string{"facial recognition"}, 80)
	got := render(spans)
	if !strings.Contains(got, "[facial recognition]") {
		t.Fatalf("snippet %q does not mark the phrase", got)
	}
	if !strings.HasPrefix(got, Ellipsis) || !strings.HasSuffix(got, Ellipsis) {
		t.Errorf("snippet %q cut on both sides should start and end with %s", got, Ellipsis)
	}
	inner := strings.TrimSuffix(strings.TrimPrefix(strings.ReplaceAll(strings.ReplaceAll(got, "[", ""), "]", ""), Ellipsis), Ellipsis)
	if n := utf8.RuneCountInString(inner); n > 80 {
		t.Errorf("snippet shows %d runes, want at most 80", n)
	}
	if !strings.Contains(longNote, inner) {
		t.Errorf("snippet %q is not a piece of the original text", inner)
	}
	// The cuts never split a word: the original has a space before the
	// snippet and a space or full stop after it.
	at := strings.Index(longNote, inner)
	if at > 0 && longNote[at-1] != ' ' {
		t.Errorf("snippet %q starts inside a word", inner)
	}
	if end := at + len(inner); end < len(longNote) && !strings.ContainsRune(" .", rune(longNote[end])) {
		t.Errorf("snippet %q ends inside a word", inner)
	}
}

func TestSnippetPrefersWindowWithMoreTerms(t *testing.T) {
	text := "Budget was discussed. " + strings.Repeat("Filler sentence about nothing much. ", 6) +
		"Budget and consent appear together here. " + strings.Repeat("More filler words follow. ", 6)
	got := render(Snippet(text, []string{"budget", "consent"}, 60))
	if !strings.Contains(got, "[Budget] and [consent]") {
		t.Errorf("snippet %q should show the place where both terms occur", got)
	}
}

func TestSnippetWithoutMatchShowsTheStart(t *testing.T) {
	got := render(Snippet(longNote, []string{"absent"}, 40))
	if !strings.HasPrefix(got, "The committee met") || !strings.HasSuffix(got, Ellipsis) {
		t.Errorf("snippet without match = %q, want the start of the text and an ellipsis", got)
	}
	if got := render(Snippet("short text", nil, 40)); got != "short text" {
		t.Errorf("short text snippet = %q, want it whole without ellipsis", got)
	}
}

func TestSnippetCJKText(t *testing.T) {
	text := strings.Repeat("委员会讨论了预算和会议安排。", 5) + "处理个人信息前应当取得用户同意。" + strings.Repeat("其他事项推迟到下次会议。", 5)
	got := render(Snippet(text, ParseQuery("个人信息 同意").Terms, 30))
	if !strings.Contains(got, "[个人信息]") || !strings.Contains(got, "[同意]") {
		t.Errorf("CJK snippet %q should mark 个人信息 and 同意", got)
	}
}

func TestSnippetSurvivesMalformedInput(t *testing.T) {
	texts := []string{"\xff\xfe broken \xc3", "a\x00b", strings.Repeat("x", 5000), "…", "隐"}
	for _, text := range texts {
		for _, n := range []int{-1, 0, 1, 3, 1000} {
			spans := Snippet(text, []string{"x*", "\xff", "隐", "*", ""}, n)
			joined := strings.TrimSuffix(strings.TrimPrefix(render(stripMarks(spans)), Ellipsis), Ellipsis)
			if !strings.Contains(text, joined) {
				t.Errorf("Snippet(%q, %d) = %q: not a piece of the text", text, n, joined)
			}
		}
	}
}

func stripMarks(spans []Span) []Span {
	out := make([]Span, len(spans))
	for i, s := range spans {
		out[i] = Span{Text: s.Text}
	}
	return out
}
