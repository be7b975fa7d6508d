package ui

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2/test"

	"ethicsdesk/assets"
	"ethicsdesk/cases"
	"ethicsdesk/report"
)

// domainSentences lists the fixed sentences the domain package writes for
// people to read: string literals in cases/*.go that start with a capital,
// end with . ? or ! and hold no formatting verb. A sentence built with
// values cannot be a key and is shown as it is.
func domainSentences(t *testing.T) []string {
	t.Helper()
	literals := literalsIn(t, filepath.Join("..", "cases"))
	if len(literals) == 0 {
		t.Fatal("the cases package's files were not found")
	}
	var out []string
	seen := map[string]bool{}
	for _, s := range literals {
		if len(s) < 8 || strings.Contains(s, "%") || !strings.Contains(s, " ") || seen[s] {
			continue
		}
		r := []rune(s)
		if unicode.IsUpper(r[0]) && strings.ContainsRune(".?!", r[len(r)-1]) {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// Every fixed sentence of the domain — its field messages and errors — is
// in en.json, so that zh-Hans.json, which must have every key of en.json,
// has it in Chinese and the window shows it so.
func TestEveryDomainSentenceIsTranslatable(t *testing.T) {
	raw, err := assets.TranslationFile("en.json")
	if err != nil {
		t.Fatal(err)
	}
	var en map[string]any
	if err := json.Unmarshal(raw, &en); err != nil {
		t.Fatal(err)
	}
	sentences := domainSentences(t)
	if len(sentences) < 30 {
		t.Fatalf("only %d sentences found in cases: the test no longer reads the domain's messages", len(sentences))
	}
	for _, s := range sentences {
		if _, ok := en[s]; !ok {
			t.Errorf("%q (from package cases) is not in en.json", s)
		}
	}
}

// A secretary working in Chinese who forgets the title is told so in
// Chinese, under the title; the form keeps what was typed.
func TestTheDomainsMessagesReachTheFormInChinese(t *testing.T) {
	h := newHarness(t, Options{})
	t.Cleanup(func() { assets.UseLanguage("") })
	if err := assets.UseLanguage("zh-Hans"); err != nil {
		t.Fatal(err)
	}
	f := h.d.openIntake(nil)
	f.typ.set("ethics_complaint")
	test.Type(f.summary, "保险公司的定价模型对老年驾驶人收取更高费用。")
	test.Tap(f.save)
	h.settle()
	if got := f.errs[cases.FieldTitle].Text; got != "请填写标题。" {
		t.Errorf("the title's message in Chinese: %q", got)
	}
	if f.summary.Text == "" {
		t.Error("the form lost the summary")
	}
}

// A sentence the domain builds with values — here the length of a title
// typed too long — reaches the form in Chinese with its numbers.
func TestTheDomainsSentencesWithValuesReachTheFormInChinese(t *testing.T) {
	h := newHarness(t, Options{})
	t.Cleanup(func() { assets.UseLanguage("") })
	if err := assets.UseLanguage("zh-Hans"); err != nil {
		t.Fatal(err)
	}
	f := h.d.openIntake(nil)
	f.typ.set("ethics_complaint")
	test.Type(f.title, strings.Repeat("长", cases.MaxTitle+1))
	test.Type(f.summary, "保险公司的定价模型对老年驾驶人收取更高费用。")
	test.Tap(f.save)
	h.settle()
	want := fmt.Sprintf("过长：%d 个字符，最多 %d 个。", cases.MaxTitle+1, cases.MaxTitle)
	if got := f.errs[cases.FieldTitle].Text; got != want {
		t.Errorf("the title's message in Chinese: %q, want %q", got, want)
	}
}

// keyedFamilies are the keys the window looks up by prefix (lang.X with a
// value's code): "status.received", "code.web_form", "month.jan", …
var keyedFamilies = []string{"status.", "code.", "type.", "role.", "decision.", "heading.", "column.", "month.", "date.", "number.", "stat."}

// No key of en.json is left over: each is a literal the window passes to
// lang.L or lang.N, a keyed family, or a sentence of the domain. A left-over
// key is text a translator would translate for nothing.
func TestNoTranslationIsLeftOver(t *testing.T) {
	raw, err := assets.TranslationFile("en.json")
	if err != nil {
		t.Fatal(err)
	}
	var en map[string]any
	if err := json.Unmarshal(raw, &en); err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, s := range domainSentences(t) {
		used[s] = true
	}
	for _, s := range windowLiterals(t) {
		used[s] = true
	}
	for _, c := range registerColumns { // translated by title when drawn
		used[c.title] = true
	}
	for _, s := range literalsIn(t, filepath.Join("..", "cli")) { // the command line's help
		used[s] = true
	}
	used[report.Definitions] = true // the statistics screen's note
	built := filledLiterals(t)
	for _, dir := range sentencePackages { // fixed sentences of the other layers
		for _, s := range literalsIn(t, filepath.Join("..", dir)) {
			used[strings.TrimSpace(s)] = true
			// the second part of "NAME: PROBLEM" and the first
			used[strings.TrimSpace(strings.TrimPrefix(s, ": "))] = true
			used[strings.TrimSuffix(s, ": ")] = true
		}
	}
	for k := range en {
		if used[k] {
			continue
		}
		if goLibrarySentences[k] || strings.Contains(k, "{{") && templateUsed(t, k, built) {
			continue
		}
		family := false
		for _, p := range keyedFamilies {
			family = family || strings.HasPrefix(k, p)
		}
		if !family {
			t.Errorf("en.json has %q, which nothing shows", k)
		}
	}
}

// windowLiterals are the strings the window's code passes to lang.L or
// lang.N.
func windowLiterals(t *testing.T) []string {
	var out []string
	inspectPackage(t, ".", func(n ast.Node) {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) == 0 {
			return
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || (sel.Sel.Name != "L" && sel.Sel.Name != "N") {
			return
		}
		if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "lang" {
			return
		}
		if s, ok := stringLiteral(call.Args[0]); ok {
			out = append(out, s)
		}
	})
	return out
}

// literalsIn lists every string literal of the Go files in dir.
func literalsIn(t *testing.T, dir string) []string {
	var out []string
	inspectPackage(t, dir, func(n ast.Node) {
		if s, ok := stringLiteral(n); ok {
			out = append(out, s)
		}
	})
	return out
}

// inspectPackage calls visit on every node of the non-test Go files in dir.
func inspectPackage(t *testing.T, dir string, visit func(ast.Node)) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(af, func(n ast.Node) bool {
			visit(n)
			return true
		})
	}
}

// stringLiteral is the value of a string literal node.
func stringLiteral(n ast.Node) (string, bool) {
	bl, ok := n.(*ast.BasicLit)
	if !ok || bl.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(bl.Value)
	return s, err == nil
}
