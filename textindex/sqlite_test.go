//go:build sqlite_fts5

package textindex

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

var testDocs = map[int][2]string{
	1:  {"Facial recognition in public spaces", "The committee reviewed the use of facial recognition cameras by the city."},
	2:  {"Algorithmic fairness review", "An algorithmic audit of the hiring model found bias."},
	3:  {"Recognition of prior learning", "Facial hair policies were discussed; recognition awards too."},
	4:  {"个人信息保护意见", "本委员会认为，处理个人信息前应当取得用户同意，并保护隐私。"},
	5:  {"人工智能伦理审查", "人脸识别技术的使用需要评估。The facial recognition 风险较高。"},
	6:  {"Draft opinion on consent", "Consent must be informed. 同意必须是知情的。"},
	7:  {"Weekly notes", "Coffee at the Café; privacy was mentioned once in passing."},
	8:  {"Privacy impact assessment", "Notes from the meeting."},
	9:  {"杂项", "关于个人的信息记录。"},
	10: {"Minutes of the March meeting", "The handling of 个人信息 and again 个人信息 was discussed."},
}

func TestSQLiteFindsWhatUsersSearchFor(t *testing.T) {
	db := openDocs(t, filepath.Join(t.TempDir(), "search.db"), testDocs)
	cases := []struct {
		query string
		want  []int
	}{
		{"facial", []int{1, 3, 5}},
		{"FACIAL Recognition", []int{1, 3, 5}},
		{"algorith*", []int{2}},
		{`"facial recognition"`, []int{1, 5}}, // not 3: the words are not adjacent there
		{"facial -cameras", []int{3, 5}},
		{"facial NOT cameras", []int{3, 5}},
		{"cafe", []int{7}}, // diacritics removed
		{"同意", []int{4, 6}},
		{"隐私", []int{4}},
		{"人工智能", []int{5}},
		{"个人信息", []int{4, 10}}, // not 9: 个人的信息 is not the word
		{"信", []int{4, 9, 10}},
		{"私", []int{4}},        // the last letter of 隐私: a search for one letter finds it anywhere
		{"息", []int{4, 9, 10}}, // 信息 ends a run in each
		{"意", []int{4, 6}},
		{"人脸识别 facial", []int{5}},
		{"人脸识别 fairness", nil},
		{"algorithmic OR 隐私", []int{2, 4}},
		{"consent 同意", []int{6}},
		{"-facial", []int{2, 4, 6, 7, 8, 9, 10}},
	}
	for _, c := range cases {
		got, err := search(db, c.query)
		if err != nil {
			t.Errorf("search %q: %v", c.query, err)
			continue
		}
		if fmt.Sprint(sortedIDs(got)) != fmt.Sprint(c.want) {
			t.Errorf("search %q (MATCH %s) = %v, want %v", c.query, ParseQuery(c.query).Match, sortedIDs(got), c.want)
		}
	}
}

func TestSQLiteTitleMatchRanksAboveBodyMatch(t *testing.T) {
	db := openDocs(t, filepath.Join(t.TempDir(), "rank.db"), testDocs)
	for _, c := range []struct {
		query           string
		titleID, bodyID int
	}{{"privacy", 8, 7}, {"个人信息", 4, 10}, {"recognition", 1, 5}, {"recognition", 3, 5}} {
		got, err := search(db, c.query)
		if err != nil {
			t.Fatalf("search %q: %v", c.query, err)
		}
		rank := map[int]int{}
		for i, id := range got {
			rank[id] = i + 1
		}
		if rank[c.titleID] == 0 || rank[c.bodyID] == 0 || rank[c.titleID] > rank[c.bodyID] {
			t.Errorf("search %q ranked %v: want %d (title match) above %d (body only)", c.query, got, c.titleID, c.bodyID)
		}
	}
}

// hostileQueries are things users type, paste or fat-finger that are FTS5
// syntax errors when passed to MATCH as they are.
var hostileQueries = []string{
	`"`, `""`, `"""`, `"abc`, `abc"`, `a"b"c"`, `*`, `**`, `a*b`, `*a`, `-`, `--`, `- -`, `-*`, `-"`,
	`(`, `)`, `((a)`, `a)`, `()`, `NEAR(`, `NEAR(a b`, `NEAR(a b, 2)`, `NEAR/2`, `a NEAR b`,
	`^`, `^a`, `a^`, `:`, `title:foo`, `body:`, `{title body}:x`, `-title:x`, `col:"a b"`,
	`AND`, `OR`, `NOT`, `AND OR NOT`, `a AND`, `OR a`, `a NOT`, `NOT a`, `a OR`, `a AND OR b`,
	`+`, `a + b`, `+a`, `"a" + "b"`, `'`, `'a'`, `\`, `\"`, `;`, `DROP TABLE docs; --`,
	"a\x00b", "\x00", "\x00\x00\"", "\xff", "\xff\xfe\xfd", "a\xc3", "\xed\xa0\x80", "\u202e\u200b",
	"隐私\"", "\"个人", "信*", "*信", "同意 OR", "NOT 同意", "-同意", "AI伦理*", "🙂", "a🙂b",
	strings.Repeat("a", 10000), strings.Repeat(`"`, 10000), strings.Repeat("(", 10000),
	strings.Repeat("隐私", 5000), strings.Repeat("a OR ", 2000), strings.Repeat("NOT a ", 2000),
	strings.Repeat("-a ", 3000), strings.Repeat("x* ", 3000),
}

func TestSQLiteNeverRejectsAQuery(t *testing.T) {
	db := openDocs(t, filepath.Join(t.TempDir(), "hostile.db"), testDocs)
	// The harness must be able to see an error: a raw quote is one.
	if _, err := db.Query(`SELECT rowid FROM docs WHERE docs MATCH ?`, `"`); err == nil {
		t.Fatal("raw MATCH '\"' succeeded; this test could not detect a syntax error")
	}
	for _, q := range hostileQueries {
		if _, err := search(db, q); err != nil {
			t.Errorf("query %.40q (MATCH %.80s) made SQLite fail: %v", q, ParseQuery(q).Match, err)
		}
	}
}
