package storetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
)

// The search tests go through the Service, the path the window and the
// server take, on a small register with known texts (the SQLite store's
// store/search_test.go, written once for every engine).

var (
	searchSecretary = cases.User{ID: 2, Username: "sec", DisplayName: "Li Na", Role: cases.RoleSecretariat, Active: true}
	searchMember    = cases.User{ID: 3, Username: "wang", DisplayName: "Wang Fang", Role: cases.RoleMember, Active: true}
	otherMember     = cases.User{ID: 4, Username: "chen", DisplayName: "Chen Jie", Role: cases.RoleMember, Active: true}
)

type searchFixture struct {
	s     Store
	svc   *cases.Service
	admin cases.User
	refs  map[string]string
	ids   map[string]int64
}

func searchDraft(title, summary string, confidential bool) cases.Draft {
	return cases.Draft{TypeCode: "privacy_complaint", Title: title, Summary: summary, ReceivedOn: cases.NewDate(2026, 3, 2),
		Channel: cases.ChannelEmail, Submitter: cases.Submitter{Kind: cases.SubmitterPerson, Name: "Zhang Wei", Contact: "zw@example.org"},
		Respondent: "Harbour Bank", AISystem: "LoanScore", Sector: "transport", CatalogueCode: "G54",
		Risk: cases.RiskHigh, Breach: "privacy", Priority: cases.PriorityNormal, Confidential: confidential}
}

func newSearchFixture(t *testing.T, e Engine) *searchFixture {
	t.Helper()
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local)
	f := &searchFixture{s: e.Store, svc: cases.NewService(e.Store, func() time.Time { return now }),
		refs: map[string]string{}, ids: map[string]int64{}}
	passwordcost.Cheap()
	admin, err := f.svc.Bootstrap(ctx, "admin", "Administrator", "a long enough test password")
	if err != nil {
		t.Fatal(err)
	}
	f.admin = admin
	for _, u := range []cases.User{searchSecretary, searchMember, otherMember} {
		got, err := f.svc.CreateUser(ctx, admin, cases.NewAccount{Username: u.Username, DisplayName: u.DisplayName, Role: u.Role,
			Password: "a long enough test password"})
		if err != nil || got.ID != u.ID {
			t.Fatalf("account %s is %d, want %d: %v", u.Username, got.ID, u.ID, err)
		}
	}
	add := func(name, title, summary string, confidential bool) {
		c, err := f.svc.CreateCase(ctx, searchSecretary, searchDraft(title, summary, confidential))
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
	for _, name := range []string{"facial", "noted", "chinese", "mixed"} {
		if err := f.svc.DeclareInterest(ctx, searchMember, f.ids[name], false, ""); err != nil {
			t.Fatal(err)
		}
	}
	f.note(t, searchSecretary, "noted", "The bank's facial check at the branch door was mentioned by the submitter.", false)
	f.note(t, searchMember, "noted", "My own thought: zebracorn pricing looks suspicious.", true)
	return f
}

func (f *searchFixture) note(t *testing.T, actor cases.User, name, body string, private bool) {
	t.Helper()
	if _, err := f.svc.AddNote(ctx, actor, f.ids[name], body, private); err != nil {
		t.Fatalf("note on %s: %v", name, err)
	}
}

func (f *searchFixture) search(t *testing.T, actor cases.User, text string, q cases.Query, limit int) []cases.SearchHit {
	t.Helper()
	hits, err := f.svc.Search(context.Background(), actor, text, q, 0, limit)
	if err != nil {
		t.Fatalf("search %q: %v", text, err)
	}
	return hits
}

// expect searches and checks the cases found, in any order.
func (f *searchFixture) expect(t *testing.T, actor cases.User, text string, names ...string) []cases.SearchHit {
	t.Helper()
	hits := f.search(t, actor, text, cases.Query{}, 50)
	want := map[string]bool{}
	for _, n := range names {
		want[f.refs[n]] = true
	}
	ok := len(hits) == len(want)
	for _, h := range hits {
		ok = ok && want[h.Reference]
	}
	if !ok {
		t.Fatalf("search %q by %s found %v, want %v", text, actor.Username, refsOf(hits), names)
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

func testSearchWords(t *testing.T, e Engine) {
	f := newSearchFixture(t, e)
	sec := searchSecretary
	f.expect(t, sec, "recognition", "facial")
	f.expect(t, sec, "RECOGNITION gates", "facial")
	f.expect(t, sec, "algorith*", "facial")
	f.expect(t, sec, `"school gates"`, "facial")
	f.expect(t, sec, `"gates school"`)
	f.expect(t, sec, "同意", "chinese")                                              // two characters
	f.expect(t, sec, "隐私", "chinese")                                              // two characters, at the end of the summary
	f.expect(t, sec, "个人信息", "chinese")                                            // four characters
	f.expect(t, sec, "人脸", "chinese", "mixed")                                     // two characters in two cases
	f.expect(t, sec, "收集人", "chinese")                                             // three characters
	f.expect(t, sec, "私", "chinese")                                               // one character, the last of a run
	f.expect(t, sec, "人脸识别 consent", "mixed")                                      // mixed scripts
	f.expect(t, sec, "人脸 -consent", "chinese")                                     // exclusion
	f.expect(t, sec, "LoanScore", "facial", "noted", "chinese", "mixed", "secret") // the AI system
	f.expect(t, searchMember, "LoanScore", "facial", "noted", "chinese", "mixed")  // not the confidential case
	f.expect(t, sec, "facial OR quokka", "facial", "noted", "secret")              // either word
	f.expect(t, sec, "nothinglikethis")
	hits := f.expect(t, sec, "隐私", "chinese")
	if got := cases.SpansText(hits[0].Snippet, "[", "]"); !strings.Contains(got, "[隐私]") {
		t.Errorf("the snippet does not highlight 隐私: %q", got)
	}
	hits = f.expect(t, sec, "recognition", "facial")
	if got := cases.SpansText(hits[0].TitleSpans, "[", "]"); got != "Facial [recognition] at school gates" {
		t.Errorf("title highlight %q", got)
	}
}

func testSearchRanking(t *testing.T, e Engine) {
	f := newSearchFixture(t, e)
	hits := f.expect(t, searchSecretary, "facial", "facial", "noted")
	if hits[0].Reference != f.refs["facial"] || hits[0].Score <= hits[1].Score {
		t.Fatalf("the title match should rank first: %v, scores %v and %v", refsOf(hits), hits[0].Score, hits[1].Score)
	}
	if hits[1].Source != cases.SourceNote || !strings.Contains(cases.SpansText(hits[1].Snippet, "[", "]"), "[facial]") {
		t.Errorf("the note's hit: source %s, snippet %q", hits[1].Source, cases.SpansText(hits[1].Snippet, "[", "]"))
	}
}

func testSearchVisibility(t *testing.T, e Engine) {
	f := newSearchFixture(t, e)
	f.expect(t, searchMember, "zebracorn", "noted")
	f.expect(t, otherMember, "zebracorn")
	f.expect(t, searchSecretary, "zebracorn")
	f.expect(t, searchSecretary, "quokka", "secret")
	f.expect(t, searchMember, "quokka")
	f.expect(t, searchMember, "quokk*")
	// Exclusions alone list everything else the viewer may see, newest
	// first, and still not the confidential case.
	hits := f.search(t, searchMember, "-pilot", cases.Query{}, 50)
	if got := strings.Join(refsOf(hits), " "); got != f.refs["chinese"]+" "+f.refs["noted"]+" "+f.refs["facial"] {
		t.Errorf("-pilot for a member found %s", got)
	}
}

// The secretariat finds cases by their submitter's name or contact,
// which the search index never holds, on every store (PostgreSQL counts
// them within the search's own statement); a member, who may not see
// submitters, does not; the register's filters apply. A name also in
// other cases' text (a respondent, submitting a case of its own) finds
// that case first, by its submitter, and the others by their text.
func testSearchSubmitters(t *testing.T, e Engine) {
	f := newSearchFixture(t, e)
	all := []string{"facial", "noted", "chinese", "mixed", "secret"}
	for _, text := range []string{"Zhang Wei", "zw@example.org"} {
		for _, h := range f.expect(t, searchSecretary, text, all...) {
			if h.Source != cases.SourceSubmitter {
				t.Errorf("%s found for %q by its %s, not its submitter", h.Reference, text, h.Source)
			}
		}
		f.expect(t, searchMember, text)
	}
	if hits := f.search(t, searchSecretary, "Zhang Wei", cases.Query{Status: cases.Screening}, 50); len(hits) != 0 {
		t.Errorf("no case is in screening, yet Zhang Wei's search finds %v", refsOf(hits))
	}

	c, err := f.svc.GetCase(ctx, searchSecretary, f.ids["mixed"])
	if err != nil {
		t.Fatal(err)
	}
	d := c.Draft
	d.Submitter = cases.Submitter{Kind: cases.SubmitterOrganisation, Name: "Harbour Bank", Contact: "legal@harbour.example"}
	d.Respondent = "GateFace Ltd"
	if _, err := f.svc.UpdateCase(ctx, searchSecretary, c.ID, c.Version, d); err != nil {
		t.Fatal(err)
	}
	for range 2 { // PostgreSQL asks a word again another way once it knows it is rare
		hits := f.expect(t, searchSecretary, "Harbour Bank", all...)
		if hits[0].Reference != f.refs["mixed"] || hits[0].Source != cases.SourceSubmitter {
			t.Errorf("the bank's own case is not first, by its submitter: %v, %s", refsOf(hits), hits[0].Source)
		}
		for _, h := range hits[1:] {
			if h.Source != cases.SourceCase {
				t.Errorf("%s found for Harbour Bank by its %s, not its text", h.Reference, h.Source)
			}
		}
		f.expect(t, searchMember, "Harbour Bank", "facial", "noted", "chinese")
		if hits := f.search(t, searchSecretary, "Harbour Bank", cases.Query{Status: cases.Screening}, 50); len(hits) != 0 {
			t.Errorf("no case is in screening, yet the bank's search finds %v", refsOf(hits))
		}
	}
}

func testSearchFilters(t *testing.T, e Engine) {
	f := newSearchFixture(t, e)
	if hits := f.search(t, searchSecretary, "LoanScore", cases.Query{Status: cases.Screening}, 50); len(hits) != 0 {
		t.Errorf("no case is in screening, yet %v", refsOf(hits))
	}
	if hits := f.search(t, searchSecretary, "LoanScore", cases.Query{Status: cases.Received, Year: 2026}, 2); len(hits) != 2 {
		t.Errorf("a page of 2 holds %v", refsOf(hits))
	}
	page2, err := f.svc.Search(ctx, searchSecretary, "LoanScore", cases.Query{Sort: cases.SortReference}, 2, 2)
	if err != nil || len(page2) != 2 {
		t.Fatalf("page 2: %v, %v", refsOf(page2), err)
	}
	all := f.search(t, searchSecretary, "LoanScore", cases.Query{Sort: cases.SortReference}, 50)
	if strings.Join(refsOf(all[2:4]), " ") != strings.Join(refsOf(page2), " ") {
		t.Errorf("page 2 %v is not the 3rd and 4th of %v", refsOf(page2), refsOf(all))
	}
}

// Words in different documents of one case still find it, after the
// cases that hold them all in one document; notes and cases the viewer
// may not read never complete a match.
func testSearchAcrossDocuments(t *testing.T, e Engine) {
	f := newSearchFixture(t, e)
	sec := searchSecretary
	f.expect(t, sec, "refused facial", "noted") // summary + public note
	hits := f.expect(t, sec, "LoanScore facial", "facial", "noted")
	if hits[0].Reference != f.refs["facial"] {
		t.Errorf("the case with both words in one document should come first: %v", refsOf(hits))
	}
	f.expect(t, sec, "refused facial -branch") // the note holding "facial" also holds "branch"
	f.expect(t, sec, "Futian zebracorn")       // only in the member's private note
	f.expect(t, searchMember, "Futian zebracorn", "noted")
	f.expect(t, otherMember, "Futian zebracorn")
	f.note(t, sec, "secret", "A zebrafish farm is involved.", false)
	f.expect(t, sec, "quokka zebrafish", "secret")
	f.expect(t, searchMember, "quokka zebrafish")
}

func testSearchFollowsEdits(t *testing.T, e Engine) {
	f := newSearchFixture(t, e)
	sec := searchSecretary
	c, err := f.svc.GetCase(ctx, sec, f.ids["facial"])
	if err != nil {
		t.Fatal(err)
	}
	d := c.Draft
	d.Title = "Iris scanning at school gates"
	if _, err := f.svc.UpdateCase(ctx, sec, c.ID, c.Version, d); err != nil {
		t.Fatal(err)
	}
	f.expect(t, sec, "recognition")
	f.expect(t, sec, "iris", "facial")
	op := cases.Opinion{CaseID: f.ids["noted"], UpdatedAt: time.Now(), UpdatedBy: "Li Na",
		Text: cases.OpinionText{Decision: cases.DecisionUpheld, Paragraphs: []cases.Paragraph{
			{Heading: cases.HeadFindings, Text: "The scoring of 信用评估 relied on a proxy for postcode."}}}}
	if err := f.s.SaveOpinionVersion(ctx, &op, 0, cases.AuditEntry{Actor: sec, Action: "opinion.save", Entity: "opinion"}); err != nil {
		t.Fatal(err)
	}
	hits := f.expect(t, sec, "postcode", "noted")
	if hits[0].Source != cases.SourceOpinion || !strings.Contains(cases.SpansText(hits[0].Snippet, "[", "]"), "[postcode]") {
		t.Errorf("opinion hit: %s %q", hits[0].Source, cases.SpansText(hits[0].Snippet, "[", "]"))
	}
	f.expect(t, sec, "信用评估", "noted")
	op.Text.Paragraphs[0].Text = "The scoring relied on a proxy for age."
	if err := f.s.SaveOpinionVersion(ctx, &op, op.Version, cases.AuditEntry{Actor: sec, Action: "opinion.save", Entity: "opinion"}); err != nil {
		t.Fatal(err)
	}
	f.expect(t, sec, "postcode")
	f.expect(t, sec, "proxy age", "noted")
}

// HostileQueries are texts a user might paste that are FTS5 (or tsquery)
// syntax, or worse; none may be an error.
var HostileQueries = []string{`"`, `"""`, `*`, `-`, `--`, `NOT`, `AND OR NOT`, `NEAR(a b, 2)`, `title:foo`, `{title summary}: x`,
	`^start`, `a + b`, `(((`, `)`, `'; DROP TABLE cases; --`, "\x00", "foo\x00bar", `\`, `"unterminated phrase`, `-"`,
	`col:"x" OR`, strings.Repeat("a ", 5000), strings.Repeat("同", 3000), "\xff\xfe", `* * *`, `-a -b -c`, `"" ""`, `隐"私`,
	`a:* & !b`, `'a' <-> 'b'`, `x | y`, `!`, `a\'b`, `O'Brien`, `1:*A`}

func testSearchHostile(t *testing.T, e Engine) {
	f := newSearchFixture(t, e)
	for _, q := range HostileQueries {
		if _, err := f.svc.Search(ctx, searchMember, q, cases.Query{}, 0, 10); err != nil {
			t.Errorf("query %q: %v", q, err)
		}
	}
	f.note(t, searchSecretary, "facial", "Mr O'Brien's complaint, ref a\\b.", false)
	f.expect(t, searchSecretary, "O'Brien", "facial")
}
