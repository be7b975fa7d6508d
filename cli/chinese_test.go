package cli

import (
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"ethicsdesk/app"
	"ethicsdesk/assets"
	"ethicsdesk/cases"
	"ethicsdesk/demo"
	"ethicsdesk/internal/attackpdf"
)

// inChinese runs the rest of the test as a user whose system speaks
// Simplified Chinese (LANG=zh_CN.UTF-8), and puts the language back after.
func inChinese(t *testing.T) {
	t.Helper()
	for _, name := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES"} {
		if old, had := os.LookupEnv(name); had {
			t.Cleanup(func() { os.Setenv(name, old) })
		}
		os.Unsetenv(name)
	}
	t.Setenv("LANG", "zh_CN.UTF-8")
	t.Cleanup(func() { assets.LoadTranslations() })
	assets.LoadTranslations()
}

// englishWords are words nearly every English sentence has and no name,
// reference, path or command synopsis does.
var englishWords = map[string]bool{"the": true, "a": true, "an": true, "of": true, "to": true, "is": true, "and": true,
	"in": true, "not": true, "was": true, "be": true, "with": true, "for": true, "this": true, "that": true, "are": true,
	"has": true, "have": true, "cannot": true, "from": true, "or": true, "on": true, "by": true, "its": true, "it": true,
	"no": true, "your": true, "you": true, "must": true, "could": true, "can": true, "there": true, "were": true}

var (
	wordRE      = regexp.MustCompile(`\b[A-Za-z]+\b`)
	notProseRE  = regexp.MustCompile(`[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2})+|\S*[/\\]\S*|\S+\.(pdf|db|pem|csv|ics|xlsx)\b|--?[a-z][\w-]*|EC-\d{4}-\d+|“[^”]*”|"[^"]*"|https?://\S+`)
	demoNamesRE = regexp.MustCompile(`Li Na|Zhao Min|Prof\. Wang Fang|Dr\. Chen Jie|Dr\. Liu Yang`)
)

// englishSentence is a line that still reads as English once names,
// references, paths, flags and quoted values are taken out: two of the
// small words every English sentence is made of.
func englishSentence(line string) bool {
	rest := notProseRE.ReplaceAllString(demoNamesRE.ReplaceAllString(line, ""), " ")
	n := 0
	for _, w := range wordRE.FindAllString(rest, -1) {
		if englishWords[strings.ToLower(w)] {
			n++
		}
	}
	return n >= 2
}

func TestTheEnglishDetectorTellsSentencesFromNames(t *testing.T) {
	for line, want := range map[string]bool{
		"There is no register at /tmp/x.db.":                              true,
		"verify: cannot read the trusted root a.pem: denied":              true,
		"/tmp/h15c/r.db 处没有登记簿。":                                          false,
		"用法：ethicsdesk verify [--db PATH] [--trust ROOT.pem]... FILE.pdf": false,
		"签署人：          Prof. Wang Fang":                                   false,
		"EC-2026-0001\tAlgorithmic pricing of car insurance\t0.532":       false,
	} {
		if got := englishSentence(line); got != want {
			t.Errorf("englishSentence(%q) = %v", line, got)
		}
	}
}

// A secretary whose system speaks Chinese runs the commands a committee
// runs — seeding, checking, verifying an opinion (valid, without a root,
// tampered), searching, backing up and restoring, listing users, writing
// the root certificate, the opinion, an export and the annual report,
// asking for help and making mistakes — and reads no English sentence on
// stdout or stderr, only names, references, paths and data.
func TestTheCommandsSpeakTheSystemsChinese(t *testing.T) {
	ctx := context.Background()
	db, path := seededRegister(t, demo.SeedOptions{Cases: 300, Notes: 50, Seed: 5, End: time.Now(), Opinions: 1})
	sec, err := db.UserByName(ctx, "secretary")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := issuedCases(ctx, cases.NewService(db, nil), sec)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	inChinese(t)
	t.Setenv(app.PasswordEnv, demo.DemoPassword)
	dir := t.TempDir()
	pdf := filepath.Join(dir, "opinion.pdf")

	var said []string // every line printed, for the check at the end
	runIt := func(args ...string) (string, string, int) {
		var out, errOut bytes.Buffer
		code := run(args, &out, &errOut)
		said = append(said, strings.Split(out.String(), "\n")...)
		said = append(said, strings.Split(errOut.String(), "\n")...)
		return out.String(), errOut.String(), code
	}
	for _, r := range rows {
		if _, _, code := runIt("opinion", "--db", path, "--case", r.Reference, "--out", pdf, "--user", "secretary", "--force"); code == 0 {
			break
		}
	}
	if _, err := os.Stat(pdf); err != nil {
		t.Fatalf("no seeded opinion could be written: %v", err)
	}
	raw, _ := os.ReadFile(pdf)
	tampered := filepath.Join(dir, "tampered.pdf")
	os.WriteFile(tampered, append(raw, []byte("\n% added\n")...), 0o644)

	out, _, code := runIt("verify", "--db", path, pdf)
	if code != verifyOK || !strings.Contains(out, "核验通过") || !strings.Contains(out, "签署人") {
		t.Errorf("verify in Chinese (exit %d):\n%s", code, out)
	}
	if out, _, _ := runIt("verify", pdf); !strings.Contains(out, "签名完好但签署人未核实") {
		t.Errorf("verify without a root:\n%s", out)
	}
	if out, _, code := runIt("verify", "--db", path, tampered); code != verifyNotValid || !strings.Contains(out, "核验未通过") {
		t.Errorf("verify of a changed file (exit %d):\n%s", code, out)
	}
	// Files changed as an attacker would: each reason is told in Chinese.
	overlaid, err := attackpdf.AppendOverlay(raw, "Complaint NOT upheld")
	if err != nil {
		t.Fatal(err)
	}
	cut := attackpdf.CutBack(raw)
	cutOverlaid, err := attackpdf.AppendOverlay(cut, "Complaint NOT upheld")
	if err != nil {
		t.Fatal(err)
	}
	for i, attack := range [][]byte{overlaid, cut, cutOverlaid, attackpdf.Unsigned(raw)} {
		f := filepath.Join(dir, fmt.Sprintf("attack%d.pdf", i))
		os.WriteFile(f, attack, 0o644)
		if out, _, code := runIt("verify", "--db", path, f); code != verifyNotValid || !strings.Contains(out, "核验未通过") {
			t.Errorf("verify of attack %d (exit %d):\n%s", i, code, out)
		}
	}
	out, _, code = runIt("check", "--db", path)
	if code != 0 || !strings.Contains(out, "完好") {
		t.Errorf("check in Chinese (exit %d):\n%s", code, out)
	}
	backup := filepath.Join(dir, "backup.db")
	if out, _, code := runIt("backup", "--db", path, "--out", backup); code != 0 || !strings.Contains(out, "已通过检查") {
		t.Errorf("backup (exit %d): %s", code, out)
	}
	if out, _, code := runIt("restore", "--db", filepath.Join(dir, "restored.db"), "--from", backup); code != 0 || !strings.Contains(out, "恢复") {
		t.Errorf("restore (exit %d): %s", code, out)
	}
	if out, _, code := runIt("users", "--db", path, "--user", "admin", "list"); code != 0 || !strings.Contains(out, "用户名") || !strings.Contains(out, "secretary") {
		t.Errorf("users list (exit %d):\n%s", code, out)
	}
	if _, msg, code := runIt("search", "--db", path, "--user", "secretary", "数据"); code != 0 || !strings.Contains(msg, "条结果") {
		t.Errorf("search (exit %d): %s", code, msg)
	}
	runIt("root", "--db", path, "--out", filepath.Join(dir, "root.pem"))
	runIt("export", "--db", path, "--user", "secretary", "--format", "ics", "--out", filepath.Join(dir, "deadlines.ics"))
	runIt("retention", "--db", path, "--user", "admin")
	runIt("report", "--db", path, "--user", "secretary", "--year", "2025", "--out", filepath.Join(dir, "report.pdf"))
	runIt("seed", "--db", filepath.Join(dir, "new.db"), "--cases", "3", "--opinions", "0")

	// Mistakes: every one is explained in Chinese.
	for _, args := range [][]string{
		{"check"}, {"check", "--db", filepath.Join(dir, "missing.db")}, {"verify", filepath.Join(dir, "missing.pdf")},
		{"verify", "--trust", filepath.Join(dir, "missing.pem"), pdf}, {"report", "--bogus"}, {"search", "--db", path},
		{"users", "--db", path, "--user", "admin", "promote", "x"}, {"users", "--db", path, "--user", "admin", "add", "x"},
		{"backup", "--db", path, "--out", backup}, {"restore", "--db", path}, {"opinion", "--db", path},
		{"root", "--db", path}, {"serve"}, {"verify", "--help"}, {"nonsense"}, {"--help"},
	} {
		if _, msg, code := runIt(args...); code == 0 && args[0] != "--help" {
			t.Errorf("%v succeeded: %s", args, msg)
		}
	}
	t.Setenv(app.PasswordEnv, "wrong password")
	runIt("search", "--db", path, "--user", "secretary", "数据")

	// Held against a backup of another register, check names each problem
	// in Chinese.
	alien := filepath.Join(dir, "alien-backup.db")
	runIt("backup", "--db", filepath.Join(dir, "new.db"), "--out", alien)
	if _, msg, code := runIt("check", "--db", path, "--against", alien, "--against", tampered); code != 1 || !strings.Contains(msg, "个问题") {
		t.Errorf("check of a changed register (exit %d):\n%s", code, msg)
	}

	for _, l := range said {
		if englishSentence(l) {
			t.Errorf("English under LANG=zh_CN.UTF-8: %q", l)
		}
	}
}

// Every message the commands' code writes — a fixed sentence, a flag's
// text or a sentence built with values — is in the translation files, and
// reads in Chinese: each literal is filled with sample values and put
// through what the commands print with.
func TestEveryCommandMessageIsTranslated(t *testing.T) {
	inChinese(t)
	n := 0
	for _, s := range commandMessages(t) {
		n++
		sample := fillVerbs(s)
		if got := speak(sample); englishSentence(got) || got == sample {
			t.Errorf("%q is printed in English under LANG=zh_CN: %q", s, got)
		}
	}
	if n < 80 {
		t.Fatalf("only %d messages found in cli: the test no longer reads the commands' code", n)
	}
}

// commandMessages are the string literals of cli/*.go that are prose: at
// least three words, two of them the small words of English sentences.
func commandMessages(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob("*.go")
	var out []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(af, func(n ast.Node) bool {
			bl, ok := n.(*ast.BasicLit)
			if !ok || bl.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(bl.Value)
			if err == nil && englishSentence(strings.ReplaceAll(s, "%", " ")) && !notAMessage[s] {
				out = append(out, s)
			}
			return true
		})
	}
	return out
}

// notAMessage are literals of cli that read as prose but are not printed
// for a user: comments-like examples in the code.
var notAMessage = map[string]bool{
	"verify: cannot read …": true, // a comment's example in language.go
}

var verbRE = regexp.MustCompile(`%[-+# 0*]*\d*(\.\d+)?[a-zA-Z]`)

// fillVerbs puts sample values into a format string.
func fillVerbs(s string) string {
	i := 0
	return verbRE.ReplaceAllStringFunc(s, func(v string) string {
		i++
		switch v[len(v)-1] {
		case 'd':
			return strconv.Itoa(i)
		case 'q':
			return strconv.Quote(fmt.Sprintf("X%d", i))
		case 'w', 'v':
			return "permission denied"
		}
		return fmt.Sprintf("X%d", i)
	})
}
