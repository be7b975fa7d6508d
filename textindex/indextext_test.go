package textindex

import (
	"strings"
	"testing"
)

func TestIndexTextBigramsCJKRuns(t *testing.T) {
	cases := []struct{ in, want string }{
		{"隐私保护", "隐私 私保 保护 护"},
		{"同意", "同意 意"},
		{"信", "信"},
		{"개인정보", "개인 인정 정보 보"},
		// The prolonged sound mark belongs to the Katakana word around it.
		{"プライバシー", "プラ ライ イバ バシ シー ー"},
	}
	for _, c := range cases {
		if got := IndexText(c.in); got != c.want {
			t.Errorf("IndexText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestIndexTextSeparatesRunsFromNeighbours(t *testing.T) {
	cases := []struct {
		in   string
		want []string // whitespace-separated fields
	}{
		{"AI伦理review", []string{"AI", "伦理", "理", "review"}},
		{"我同意。Privacy 政策", []string{"我同", "同意", "意", "。Privacy", "政策", "策"}},
		{"同意，隐私", []string{"同意", "意", "，", "隐私", "私"}},
		{"a信b", []string{"a", "信", "b"}},
		{"2023年个人信息", []string{"2023", "年个", "个人", "人信", "信息", "息"}},
	}
	for _, c := range cases {
		got := strings.Fields(IndexText(c.in))
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("IndexText(%q) fields = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestIndexTextKeepsOtherScriptsAsTyped(t *testing.T) {
	for _, s := range []string{
		"Facial recognition, café and naïve Bayes.",
		"Line one\nline two\ttabbed",
		"Ελληνικά и русский текст",
	} {
		if got := IndexText(s); got != s {
			t.Errorf("IndexText(%q) = %q, want it unchanged", s, got)
		}
	}
}

func TestIndexTextStripsControlsAndInvalidUTF8(t *testing.T) {
	cases := []struct{ in, want string }{
		{"a\x00b\x1bc\x7fd", "a b c d"},
		{"a\xffb", "a b"},
		// 0x80, the lowest byte that is not ASCII, after a letter and
		// inside a stretch of ASCII copied at once.
		{"a\x80b", "a b"},
		{"\x00ab\x80cd", " ab cd"},
		{"x\u0085y", "x y"}, // C1 control
		{"隐\x00私", "隐 私"},   // a NUL splits the run: no bigram across it
	}
	for _, c := range cases {
		if got := IndexText(c.in); got != c.want {
			t.Errorf("IndexText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
