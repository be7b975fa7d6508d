package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/store"
)

var member = cases.User{ID: 2, Username: "wang", DisplayName: "Wang Fang", Role: cases.RoleMember, Active: true}
var otherMember = cases.User{ID: 3, Username: "chen", DisplayName: "Chen Jie", Role: cases.RoleMember, Active: true}

// searchFixture is a small register with known texts.
type searchFixture struct {
	db   *store.DB
	path string
	svc  *cases.Service
	refs map[string]string // name → reference
	ids  map[string]int64
}

func newSearchFixture(t *testing.T) *searchFixture {
	t.Helper()
	db, path := openTemp(t)
	ctx := context.Background()
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local)
	f := &searchFixture{db: db, path: path, svc: cases.NewService(db, func() time.Time { return now }),
		refs: map[string]string{}, ids: map[string]int64{}}
	add := func(name, title, summary string, confidential bool) {
		d := draft()
		d.Title, d.Summary, d.Confidential = title, summary, confidential
		d.Respondent, d.AISystem = "Harbour Bank", "LoanScore"
		c, err := f.svc.CreateCase(ctx, secretary, d)
		if err != nil {
			t.Fatalf("create %s: %v", name, err)
		}
		f.refs[name], f.ids[name] = c.Reference, c.ID
	}
	add("facial", "Facial recognition at school gates", "Cameras identify pupils with an algorithmic model.", false)
	add("noted", "Loan refusals in Futian", "An applicant was refused credit.", false)
	add("chinese", "未经同意收集人脸信息", "材料显示相关个人信息被用于模型训练，涉嫌侵犯隐私。", false)
	add("mixed", "GateFace 人脸识别 pilot", "Metro pilot of 人脸识别 with consent forms.", false)
	add("secret", "Quokka tracking by drones", "Confidential report about quokka surveillance.", true)
	add("deleted", "Wombat scoring engine", "A case that will be deleted: wombatine details.", false)
	declaredMember(t, f.svc, member, f.ids["facial"], f.ids["noted"], f.ids["chinese"], f.ids["mixed"], f.ids["deleted"])
	note := func(actor cases.User, name, body string, private bool) {
		if _, err := f.svc.AddNote(ctx, actor, f.ids[name], body, private); err != nil {
			t.Fatalf("note on %s: %v", name, err)
		}
	}
	note(secretary, "noted", "The bank's facial check at the branch door was mentioned by the submitter.", false)
	note(member, "noted", "My own thought: zebracorn pricing looks suspicious.", true)
	note(secretary, "deleted", "wombatine follow-up call", false)
	return f
}

func (f *searchFixture) search(t *testing.T, actor cases.User, text string) []cases.SearchHit {
	t.Helper()
	hits, err := f.svc.Search(context.Background(), actor, text, cases.Query{}, 0, 50)
	if err != nil {
		t.Fatalf("search %q: %v", text, err)
	}
	return hits
}

func refsOf(hits []cases.SearchHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Reference)
	}
	return out
}

func (f *searchFixture) expect(t *testing.T, actor cases.User, text string, names ...string) []cases.SearchHit {
	t.Helper()
	hits := f.search(t, actor, text)
	want := map[string]bool{}
	for _, n := range names {
		want[f.refs[n]] = true
	}
	got := refsOf(hits)
	if len(got) != len(want) {
		t.Fatalf("search %q found %v, want %v", text, got, names)
	}
	for _, r := range got {
		if !want[r] {
			t.Fatalf("search %q found %v, want %v", text, got, names)
		}
	}
	return hits
}

func TestSearchFindsWordsPrefixesPhrasesAndChinese(t *testing.T) {
	f := newSearchFixture(t)
	f.expect(t, secretary, "recognition", "facial")
	f.expect(t, secretary, "RECOGNITION gates", "facial")
	f.expect(t, secretary, "algorith*", "facial")
	f.expect(t, secretary, `"school gates"`, "facial")
	f.expect(t, secretary, `"gates school"`)
	f.expect(t, secretary, "同意", "chinese")                                                         // two characters
	f.expect(t, secretary, "隐私", "chinese")                                                         // two characters, in the summary
	f.expect(t, secretary, "个人信息", "chinese")                                                       // four characters
	f.expect(t, secretary, "人脸", "chinese", "mixed")                                                // two characters in two cases
	f.expect(t, secretary, "收集人", "chinese")                                                        // three characters
	f.expect(t, secretary, "人脸识别 consent", "mixed")                                                 // mixed scripts
	f.expect(t, secretary, "人脸 -consent", "chinese")                                                // exclusion
	f.expect(t, secretary, "LoanScore", "facial", "noted", "chinese", "mixed", "secret", "deleted") // AI system column
	f.expect(t, member, "LoanScore", "facial", "noted", "chinese", "mixed", "deleted")
	f.expect(t, secretary, "nothinglikethis")

	hits := f.expect(t, secretary, "隐私", "chinese")
	if got := cases.SpansText(hits[0].Snippet, "[", "]"); !strings.Contains(got, "[隐私]") {
		t.Fatalf("snippet does not highlight 隐私: %q", got)
	}
	hits = f.expect(t, secretary, "recognition", "facial")
	if got := cases.SpansText(hits[0].TitleSpans, "[", "]"); got != "Facial [recognition] at school gates" {
		t.Fatalf("title highlight %q", got)
	}
}

func TestSearchRanksTitleAboveNote(t *testing.T) {
	f := newSearchFixture(t)
	hits := f.expect(t, secretary, "facial", "facial", "noted")
	if hits[0].Reference != f.refs["facial"] || hits[0].Score <= hits[1].Score {
		t.Fatalf("title match should rank first: %v scores %v, %v", refsOf(hits), hits[0].Score, hits[1].Score)
	}
	if hits[1].Source != cases.SourceNote || !strings.Contains(cases.SpansText(hits[1].Snippet, "[", "]"), "[facial]") {
		t.Fatalf("note hit: source %s snippet %q", hits[1].Source, cases.SpansText(hits[1].Snippet, "[", "]"))
	}
}

func TestSearchRespectsPrivateNotesAndConfidentiality(t *testing.T) {
	f := newSearchFixture(t)
	f.expect(t, member, "zebracorn", "noted")
	f.expect(t, otherMember, "zebracorn")
	f.expect(t, secretary, "zebracorn")
	f.expect(t, secretary, "quokka", "secret")
	f.expect(t, member, "quokka")
	// Exclusions alone list everything else the viewer may see, and still
	// not the confidential case.
	for _, h := range f.search(t, member, "-wombat") {
		if h.Reference == f.refs["secret"] || h.Reference == f.refs["deleted"] {
			t.Fatalf("-wombat for a member returned %s", h.Reference)
		}
	}
}

func TestSearchCombinesWithRegisterFilters(t *testing.T) {
	f := newSearchFixture(t)
	hits, err := f.svc.Search(context.Background(), secretary, "LoanScore", cases.Query{Status: cases.Screening}, 0, 50)
	if err != nil || len(hits) != 0 {
		t.Fatalf("no case is in screening, got %v %v", refsOf(hits), err)
	}
	hits, err = f.svc.Search(context.Background(), secretary, "LoanScore", cases.Query{Status: cases.Received, Year: 2026}, 0, 2)
	if err != nil || len(hits) != 2 {
		t.Fatalf("page of 2: %v %v", refsOf(hits), err)
	}
}

// rawWriter opens the register as another program would, with the
// register's driver (the triggers need its function).
func rawWriter(t *testing.T, path string) *sql.DB {
	t.Helper()
	raw, err := sql.Open("sqlite3_ethicsdesk", "file:"+(&url.URL{Path: path}).EscapedPath()+"?_foreign_keys=on&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

func TestDeletedCaseLeavesNoTraceInTheIndex(t *testing.T) {
	f := newSearchFixture(t)
	f.expect(t, secretary, "wombatine", "deleted")
	raw := rawWriter(t, f.path)
	id := f.ids["deleted"]
	for _, q := range []string{"DELETE FROM notes WHERE case_id = ?", "DELETE FROM case_panel WHERE case_id = ?", "DELETE FROM status_changes WHERE case_id = ?", "DELETE FROM cases WHERE id = ?"} {
		if _, err := raw.Exec(q, id); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	f.expect(t, secretary, "wombatine")
	f.expect(t, secretary, "wombat*")
	if problems, err := f.db.CheckSearchIndex(context.Background()); err != nil || len(problems) > 0 {
		t.Fatalf("index check after a delete: %v %v", problems, err)
	}
	// A row removed from the index behind the program's back is reported.
	if _, err := raw.Exec("INSERT INTO search_fts (search_fts, rowid, title, summary, parties) SELECT 'delete', id * 4, ed_index_text(title), ed_index_text(summary), ed_index_text(respondent || ' ' || ai_system) FROM cases WHERE id = ?", f.ids["chinese"]); err != nil {
		t.Fatal(err)
	}
	if problems, _ := f.db.CheckSearchIndex(context.Background()); len(problems) != 1 || !strings.Contains(problems[0], "1 cases are missing") {
		t.Fatalf("index check: %v", problems)
	}
	// secure-delete: the word is gone from the index's pages, not just marked deleted.
	var n int
	if err := raw.QueryRow("SELECT count(*) FROM search_fts_data WHERE instr(block, CAST('wombatine' AS BLOB)) > 0").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatalf("'wombatine' still in %d index blocks", n)
	}
	// Editing a case's title re-indexes it: the old word is no longer found.
	c, err := f.svc.GetCase(context.Background(), secretary, f.ids["facial"])
	if err != nil {
		t.Fatal(err)
	}
	d := c.Draft
	d.Title = "Iris scanning at school gates"
	if _, err := f.svc.UpdateCase(context.Background(), secretary, c.ID, c.Version, d); err != nil {
		t.Fatal(err)
	}
	f.expect(t, secretary, "recognition")
	f.expect(t, secretary, "iris", "facial")
}

func TestSearchSurvivesHostileQueries(t *testing.T) {
	f := newSearchFixture(t)
	for _, q := range hostileQueries {
		if _, err := f.svc.Search(context.Background(), member, q, cases.Query{}, 0, 10); err != nil {
			t.Errorf("query %q: %v", q, err)
		}
	}
}

var hostileQueries = []string{`"`, `"""`, `*`, `-`, `--`, `NOT`, `AND OR NOT`, `NEAR(a b, 2)`, `title:foo`, `{title summary}: x`,
	`^start`, `a + b`, `(((`, `)`, `'; DROP TABLE cases; --`, "\x00", "foo\x00bar", `\`, `"unterminated phrase`, `-"`,
	`col:"x" OR`, strings.Repeat("a ", 5000), strings.Repeat("同", 3000), "\xff\xfe", `* * *`, `-a -b -c`, `"" ""`, `隐"私`}

func FuzzServiceSearch(f *testing.F) {
	for _, q := range hostileQueries {
		f.Add(q)
	}
	f.Add("facial recognition")
	f.Add("人脸 -consent")
	db, err := store.Open(f.TempDir()+"/fuzz.db", store.Options{})
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	svc := cases.NewService(db, nil)
	if _, err := svc.CreateCase(context.Background(), secretary, draft()); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if _, err := svc.Search(context.Background(), member, q, cases.Query{}, 0, 10); err != nil {
			t.Fatalf("query %q: %v", q, err)
		}
	})
}

func TestImportedCasesAreIndexedAndLaterWritesToo(t *testing.T) {
	db, svc, raw := seededRegister(t, 2500)
	ctx := context.Background()
	// Every imported case and note is in the index exactly once.
	var docs, want int
	raw.QueryRow("SELECT count(*) FROM search_fts_docsize").Scan(&docs)
	raw.QueryRow("SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM notes)").Scan(&want)
	if docs != want || want == 0 {
		t.Fatalf("%d documents indexed, the register has %d cases and notes", docs, want)
	}
	if _, err := raw.Exec("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)"); err == nil {
		t.Log("integrity-check ran on a read-only connection") // it only reads; either way is fine
	}
	if problems, err := db.Check(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("seeded register fails its check: %v %v", problems, err)
	}
	hits, err := svc.Search(ctx, secretary, "同意", cases.Query{}, 0, 5)
	if err != nil || len(hits) == 0 {
		t.Fatalf("seeded register: %v hits, %v", len(hits), err)
	}
	// The import turned its triggers back on: a note added afterwards is found.
	id, err := db.CaseIDByReference(ctx, hits[0].Reference)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddNote(ctx, secretary, id, "Platypusgate follow-up", false); err != nil {
		t.Fatal(err)
	}
	if hits, _ := svc.Search(ctx, secretary, "platypusgate", cases.Query{}, 0, 5); len(hits) != 1 || hits[0].ID != id {
		t.Fatalf("a note added after an import is not found: %v", refsOf(hits))
	}
}

func TestOpinionTextIsSearchedAndReindexedOnEachVersion(t *testing.T) {
	f := newSearchFixture(t)
	ctx := context.Background()
	op := cases.Opinion{CaseID: f.ids["noted"], UpdatedAt: time.Now(), UpdatedBy: "Li Na",
		Text: cases.OpinionText{Decision: cases.DecisionUpheld, Paragraphs: []cases.Paragraph{
			{Heading: cases.HeadFindings, Text: "The scoring of 信用评估 relied on a proxy for postcode."}}}}
	if err := f.db.SaveOpinionVersion(ctx, &op, 0, cases.AuditEntry{Actor: secretary, Action: "opinion.save", Entity: "opinion"}); err != nil {
		t.Fatal(err)
	}
	hits := f.expect(t, secretary, "postcode", "noted")
	if hits[0].Source != cases.SourceOpinion || !strings.Contains(cases.SpansText(hits[0].Snippet, "[", "]"), "[postcode]") {
		t.Fatalf("opinion hit: %s %q", hits[0].Source, cases.SpansText(hits[0].Snippet, "[", "]"))
	}
	f.expect(t, secretary, "信用评估", "noted")
	op.Text.Paragraphs[0].Text = "The scoring relied on a proxy for age."
	if err := f.db.SaveOpinionVersion(ctx, &op, op.Version, cases.AuditEntry{Actor: secretary, Action: "opinion.save", Entity: "opinion"}); err != nil {
		t.Fatal(err)
	}
	f.expect(t, secretary, "postcode")
	f.expect(t, secretary, "proxy age", "noted")
}

// The first try keeps only the best documents; the pages it returns must be
// those of the full ranking, at any offset and with filters.
func TestSearchPagesEqualTheFullRanking(t *testing.T) {
	db, svc, raw := rankingRegister(t)
	if n := searchPagesAgainstFullRanking(t, db, svc, raw); n != 0 {
		t.Errorf("%d searches were split in two although no query reaches the threshold", n)
	}
}

// A word in much of the register is scored in two halves at once, each on
// a connection of its own; the pages are still exactly the full ranking's,
// ties included, with every filter and deep into the results.
func TestSplitSearchPagesEqualTheFullRanking(t *testing.T) {
	defer store.SetSplitSearchMin(100)()
	db, svc, raw := rankingRegister(t)
	ctx := context.Background()
	for _, word := range []string{"同意", "consent", "submitter"} {
		// The first search of a word learns that it is common.
		if _, err := db.SearchCases(ctx, word, cases.Query{Today: svc.Today(), Viewer: member}, 0, 50); err != nil {
			t.Fatal(err)
		}
	}
	if n := searchPagesAgainstFullRanking(t, db, svc, raw); n < 5 {
		t.Errorf("only %d of the searches were split in two", n)
	}
}

// rankingRegister is a seeded register whose common words match more
// documents than the first try of a search ranks, with one old case whose
// only mention of "submitter" ranks far below that cut.
func rankingRegister(t *testing.T) (*store.DB, *cases.Service, *sql.DB) {
	db, svc, raw := seededRegister(t, 2500)
	ctx := context.Background()
	if n := sqlCount(t, raw, `SELECT count(*) FROM search_fts WHERE search_fts MATCH '"submitter"'`); n <= store.SearchCutoff(0, 50) {
		t.Fatalf("only %d documents hold the word; the cut of the first try is never reached", n)
	}
	old := cases.Draft{TypeCode: "privacy_complaint", Title: "Lift cameras", Summary: "Cameras in the lift.",
		ReceivedOn: cases.NewDate(2012, 3, 1), Channel: cases.ChannelPost, Submitter: cases.Submitter{Kind: cases.SubmitterAnonymous},
		Respondent: "Lift Co", Breach: "privacy", Sector: "transport", Risk: cases.RiskLow, Priority: cases.PriorityNormal}
	c, err := svc.CreateCase(ctx, secretary, old)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddNote(ctx, secretary, c.ID, strings.Repeat("The lift was inspected again. ", 60)+"The submitter called.", false); err != nil {
		t.Fatal(err)
	}
	return db, svc, raw
}

// searchPagesAgainstFullRanking compares pages of the store's search with
// the statement that ranks every matching document, and returns how many
// of the searches the store split in two.
func searchPagesAgainstFullRanking(t *testing.T, db *store.DB, svc *cases.Service, raw *sql.DB) int64 {
	t.Helper()
	ctx := context.Background()
	before := db.SplitSearches()
	for _, tc := range []struct {
		text   string
		q      cases.Query
		offset int
	}{
		{"同意", cases.Query{}, 0}, {"同意", cases.Query{}, 300}, {"consent", cases.Query{}, 200},
		{"submitter", cases.Query{Status: cases.Closed}, 0}, {"submitter", cases.Query{Risk: cases.RiskHigh}, 100},
		{"submitter", cases.Query{}, 0}, {"submitter", cases.Query{}, 950},
		// The only case of 2012 mentions the word once, in a long note:
		// far below the cut of the first try, which then finds nothing.
		{"submitter", cases.Query{Year: 2012}, 0},
	} {
		tc.q.Today, tc.q.Viewer = svc.Today(), member
		got, err := db.SearchCases(ctx, tc.text, tc.q, tc.offset, 50)
		if err != nil {
			t.Fatal(err)
		}
		lit, err := store.LiteralSQL(store.FullRankingSQL(tc.text, tc.q, tc.offset, 50))
		if err != nil {
			t.Fatal(err)
		}
		want, wantScores := rankedIDs(t, raw, lit)
		var ids []int64
		var scores []float64
		for _, m := range got {
			ids, scores = append(ids, m.ID), append(scores, m.Score)
		}
		if len(want) == 0 || fmt.Sprint(ids) != fmt.Sprint(want) {
			t.Errorf("%q %+v offset %d: %d results %v…, full ranking %d %v…", tc.text, tc.q.Status, tc.offset, len(ids), head(ids), len(want), head(want))
		} else if fmt.Sprint(scores) != fmt.Sprint(wantScores) {
			t.Errorf("%q offset %d: scores %v…, full ranking's %v…", tc.text, tc.offset, scores[:min(3, len(scores))], wantScores[:min(3, len(wantScores))])
		}
	}
	return db.SplitSearches() - before
}

// rankedIDs runs a search statement and returns its cases and their
// scores as SearchCases gives them (higher is better).
func rankedIDs(t *testing.T, raw *sql.DB, query string) ([]int64, []float64) {
	t.Helper()
	rows, err := raw.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var ids []int64
	var scores []float64
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		id, _ := vals[0].(int64)
		if id == 0 {
			continue // the row of an empty page
		}
		best, _ := vals[10].(float64)
		ids, scores = append(ids, id), append(scores, -best)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return ids, scores
}

func head(ids []int64) []int64 { return ids[:min(5, len(ids))] }

// Words in different documents of one case still find it, after the cases
// that hold them all in one document; notes and cases the viewer may not
// read never complete a match.
func TestSearchMatchesWordsAcrossACasesDocuments(t *testing.T) {
	f := newSearchFixture(t)
	f.expect(t, secretary, "refused facial", "noted") // summary + public note
	hits := f.expect(t, secretary, "LoanScore facial", "facial", "noted")
	if hits[0].Reference != f.refs["facial"] {
		t.Fatalf("the case with both words in one document should come first: %v", refsOf(hits))
	}
	if got := cases.SpansText(hits[1].TitleSpans, "[", "]"); got != "Loan refusals in Futian" {
		t.Fatalf("second hit's title %q", got)
	}
	f.expect(t, secretary, "refused facial -branch") // the note holding "facial" also holds "branch"
	f.expect(t, secretary, "Futian zebracorn")       // only in the member's private note
	f.expect(t, member, "Futian zebracorn", "noted")
	f.expect(t, otherMember, "Futian zebracorn")
	if _, err := f.svc.AddNote(context.Background(), secretary, f.ids["secret"], "A zebrafish farm is involved.", false); err != nil {
		t.Fatal(err)
	}
	f.expect(t, secretary, "quokka zebrafish", "secret")
	f.expect(t, member, "quokka zebrafish") // a confidential case
}
