package ui

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"ethicsdesk/assets"
)

// sentencePackages are the packages whose sentences reach people, in the
// window or from the commands: errors, field messages, verdicts.
var sentencePackages = []string{"cases", "cli", "signing", "issuing", "store", "pgstore", "internal/auditchain", "internal/registercheck", "app", "internal/safefile", "report", "holidays"}

// goLibrarySentences are keys for what Go's own packages print in a
// command's output (the flag package, the operating system's errors).
var goLibrarySentences = map[string]bool{
	"Usage of {{.Command}}:": true, "{{.Usage}} (default {{.Value}})": true,
	"flag provided but not defined: {{.Flag}}": true, "flag needs an argument: {{.Flag}}": true,
	"invalid value {{.Value}} for flag {{.Flag}}: {{.Reason}}": true,
	"open {{.Path}}: no such file or directory":                true, "open {{.Path}}: permission denied": true,
	"open {{.Path}}: is a directory": true, "parse error": true, "no such file or directory": true, "permission denied": true,
	// a flag's usage as the flag package prints it, without the `quotes`
	// that name its value
	"a trusted root certificate (PEM), e.g. another committee's FILE.pem; may be repeated": true,
}

var formatVerb = regexp.MustCompile(`%[-+# 0*]*\d*(\.\d+)?[a-zA-Z]`)

// filled is a format string with sample values in place of its verbs, as
// the sentence it builds would read.
func filled(format string) string {
	i := 0
	return strings.TrimSpace(formatVerb.ReplaceAllStringFunc(format, func(v string) string {
		i++
		switch v[len(v)-1] {
		case 'd':
			return strconv.Itoa(i + 1)
		case 'q':
			return strconv.Quote(fmt.Sprintf("X%d", i))
		case 'v', 'w':
			return "permission denied"
		}
		return fmt.Sprintf("X%d", i)
	}))
}

// builtSentences are the format strings of sentencePackages that build a
// sentence with values: a capital first, a full stop last, a verb inside.
func builtSentences(t *testing.T) []string {
	var out []string
	for _, dir := range sentencePackages {
		for _, s := range literalsIn(t, filepath.Join("..", dir)) {
			r := []rune(strings.TrimSpace(s))
			if len(r) < 12 || !formatVerb.MatchString(s) || !strings.Contains(s, " ") {
				continue
			}
			if unicode.IsUpper(r[0]) && strings.ContainsRune(".?!", r[len(r)-1]) {
				out = append(out, s)
			}
		}
	}
	return out
}

// Every sentence the domain builds with values — a length, a name, a
// reference — reads in Chinese in a Chinese window: its template is in
// the translation files with the values as placeholders.
func TestEverySentenceBuiltWithValuesIsTranslated(t *testing.T) {
	t.Cleanup(func() { assets.UseLanguage("") })
	if err := assets.UseLanguage("zh-Hans"); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range builtSentences(t) {
		if !strings.HasPrefix(s, "%") && strings.Count(s, "%") > 0 && strings.HasSuffix(strings.TrimSpace(s), ".") {
			n++
		}
		sample := filled(s)
		got := assets.Sentence(sample)
		if got == sample || !strings.ContainsFunc(got, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			t.Errorf("%q is shown in English in a Chinese window: %q", s, got)
		}
	}
	if n < 40 {
		t.Fatalf("only %d sentences built with values were found: the test no longer reads the packages", n)
	}
}

// templateUsed says whether a key with placeholders stands for a sentence
// some package builds.
func templateUsed(t *testing.T, key string, built []string) bool {
	if goLibrarySentences[key] {
		return true
	}
	parts := regexp.MustCompile(`\{\{\s*\.\w+\s*\}\}`).Split(strings.TrimSpace(key), -1)
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	re := regexp.MustCompile(`^` + strings.Join(parts, `.+?`) + `$`)
	for _, s := range built {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// filledLiterals are all literals of sentencePackages with sample values.
func filledLiterals(t *testing.T) []string {
	var out []string
	for _, dir := range sentencePackages {
		for _, s := range literalsIn(t, filepath.Join("..", dir)) {
			out = append(out, filled(s))
		}
	}
	return out
}
