package pgstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/demo"
	"ethicsdesk/internal/passwordcost"
	"ethicsdesk/issuing"
	"ethicsdesk/pgstore"
	"ethicsdesk/store"
)

// A realistic register copied from SQLite answers every question the same
// on PostgreSQL, for each kind of user: the register's pages under every
// sort and filter, counts, statistics of each year (against the same
// figures computed by SQLite), issued opinions, timelines, panels,
// meetings, the audit view, and the cases search finds.
func TestCopiedRegisterAnswersAsTheFile(t *testing.T) {
	ctx := context.Background()
	end := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	now := func() time.Time { return end }
	var marked []int64 // cases whose duties were checked on the file
	lite, pg := copiedDemo(t, demo.SeedOptions{Cases: 400, Notes: 800, Seed: 5, End: end, Opinions: 2}, func(lite *store.DB) {
		marked = keepLettersAndDuties(t, lite, now)
	})
	onFile, onPG := cases.NewService(lite, now), cases.NewService(pg, now)
	same := func(what string, a, b any, errA, errB error) {
		t.Helper()
		if errA != nil || errB != nil {
			t.Fatalf("%s: %v / %v", what, errA, errB)
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s differs:\nfile       %.600v\npostgresql %.600v", what, fmt.Sprintf("%+v", a), fmt.Sprintf("%+v", b))
		}
	}
	found := map[string]int{} // hits per query over all users: each query must find something
	users, err := lite.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if !u.Active {
			continue
		}
		for _, q := range []cases.Query{{}, {Sort: cases.SortTitle}, {Sort: cases.SortDue, Desc: true}, {Sort: cases.SortRapporteur},
			{Sort: cases.SortStatus, Risk: cases.RiskHigh}, {Year: 2025, Sort: cases.SortReceived}, {Due: cases.DueOverdueOr7, Sort: cases.SortType},
			{Status: cases.Closed, Sort: cases.SortReference, Desc: true}} {
			for _, off := range []int{0, 50} {
				a, errA := onFile.ListCases(ctx, u, q, off, 50)
				b, errB := onPG.ListCases(ctx, u, q, off, 50)
				same(fmt.Sprintf("%s's page at %d of %+v", u.Username, off, q), a, b, errA, errB)
			}
			m1, t1, e1 := onFile.CountCases(ctx, u, q)
			m2, t2, e2 := onPG.CountCases(ctx, u, q)
			same(u.Username+"'s counts", [2]int{m1, t1}, [2]int{m2, t2}, e1, e2)
		}
		for _, words := range []string{"consent", "同意", "人工智能", "facial recog*", "隐私 OR privacy", "\"data protection\"", "model -bias",
			"okapi telemetry", "受理回执"} {
			a, errA := onFile.Search(ctx, u, words, cases.Query{}, 0, 1000)
			b, errB := onPG.Search(ctx, u, words, cases.Query{}, 0, 1000)
			same(fmt.Sprintf("%s's search for %q", u.Username, words), refs(a), refs(b), errA, errB)
			found[words] += len(a)
		}
		for year := 2022; year <= 2026; year++ {
			a, errA := onFile.Statistics(ctx, u, cases.YearPeriod(year))
			b, errB := onPG.Statistics(ctx, u, cases.YearPeriod(year))
			same(fmt.Sprintf("%s's statistics of %d", u.Username, year), a, b, errA, errB)
			x, errX := onFile.OpinionsIssuedIn(ctx, u, cases.YearPeriod(year))
			y, errY := onPG.OpinionsIssuedIn(ctx, u, cases.YearPeriod(year))
			same(fmt.Sprintf("%s's opinions issued in %d", u.Username, year), x, y, errX, errY)
		}
		a, errA := onFile.Meetings(ctx, u)
		b, errB := onPG.Meetings(ctx, u)
		same(u.Username+"'s meetings", a, b, errA, errB)
	}
	for words, n := range found {
		if n == 0 {
			t.Errorf("nobody found anything with %q: the comparison proves nothing for it", words)
		}
	}
	sec, err := lite.UserByName(ctx, "secretary")
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := onFile.ListCases(ctx, sec, cases.Query{}, 0, 400)
	for _, r := range rows[:60] {
		a, errA := onFile.Timeline(ctx, sec, r.ID)
		b, errB := onPG.Timeline(ctx, sec, r.ID)
		same("the timeline of "+r.Reference, a, b, errA, errB)
		p1, errA := onFile.Panel(ctx, sec, r.ID)
		p2, errB := onPG.Panel(ctx, sec, r.ID)
		same("the panel of "+r.Reference, p1, p2, errA, errB)
	}
	for _, id := range marked {
		a, errA := onFile.CaseDuties(ctx, sec, id)
		b, errB := onPG.CaseDuties(ctx, sec, id)
		same(fmt.Sprintf("the duties of case %d", id), a, b, errA, errB)
		if len(a) == 0 || !a[0].Marked() {
			t.Errorf("the duties of case %d were not marked on the file: %+v", id, a)
		}
		x, errX := onFile.Attachments(ctx, sec, id)
		y, errY := onPG.Attachments(ctx, sec, id)
		same(fmt.Sprintf("the documents of case %d", id), x, y, errX, errY)
	}
	admin, _ := lite.UserByName(ctx, "admin")
	filters := []cases.AuditFilter{{Limit: 100}, {Action: "case.", Offset: 100, Limit: 50}, {CaseID: rows[3].ID, Limit: 50}}
	for _, id := range marked {
		filters = append(filters, cases.AuditFilter{CaseID: id, Limit: 50})
	}
	for _, f := range filters {
		a, n1, errA := onFile.AuditLog(ctx, admin, f)
		b, n2, errB := onPG.AuditLog(ctx, admin, f)
		same(fmt.Sprintf("the audit view %+v", f), a, b, errA, errB)
		same(fmt.Sprintf("the audit view's count %+v", f), n1, n2, nil, nil)
	}
}

// keepLettersAndDuties issues letters on two open cases of the register
// file and has a panel member check the duties of their risk tier, through
// the Service as the window does; it returns the two cases.
func keepLettersAndDuties(t *testing.T, lite *store.DB, now func() time.Time) []int64 {
	ctx := context.Background()
	svc := cases.NewService(lite, now)
	svc.SetPorts(cases.Ports{Documents: issuing.Renderer{Letterhead: lite}})
	sec, err := lite.UserByName(ctx, "secretary")
	if err != nil {
		t.Fatal(err)
	}
	liu, err := lite.UserByName(ctx, "liu")
	if err != nil {
		t.Fatal(err)
	}
	var picked []cases.Case
	for _, risk := range []cases.Risk{cases.RiskHigh, cases.RiskLow} {
		rows, err := svc.ListCases(ctx, sec, cases.Query{Status: cases.Received, Risk: risk}, 0, 1)
		if err != nil || len(rows) == 0 {
			t.Fatalf("the demo register has no case of %s risk received: %v", risk, err)
		}
		c, err := svc.GetCase(ctx, sec, rows[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		picked = append(picked, c)
	}
	letters := []cases.LetterRequest{
		{Kind: cases.LetterRequestInfo, Case: picked[0], From: sec, Date: now(), DueBy: now().AddDate(0, 0, 14), Items: []string{"The okapi telemetry export"}},
		{Kind: cases.LetterAcknowledgement, Case: picked[1], From: sec, Date: now()},
	}
	var ids []int64
	for i, r := range letters {
		if _, err := svc.Letter(ctx, sec, r); err != nil {
			t.Fatalf("issuing a letter on %s: %v", r.Case.Reference, err)
		}
		c := picked[i]
		if err := svc.AddPanelMember(ctx, sec, c.ID, liu.ID); err != nil {
			t.Fatalf("liu on the panel of %s: %v", c.Reference, err)
		}
		if err := svc.DeclareInterest(ctx, liu, c.ID, false, ""); err != nil {
			t.Fatal(err)
		}
		duty := cases.DutiesFor(c.Risk)[0]
		if _, err := svc.MarkDuty(ctx, liu, c.ID, duty, true, "Assessment of 2026-10-01 影响评估"); err != nil {
			t.Fatalf("marking %s on %s: %v", duty, c.Reference, err)
		}
		ids = append(ids, c.ID)
	}
	return ids
}

// refs lists the references of hits in order of reference: ranking may
// order near-equal scores differently on the two engines.
func refs(hits []cases.SearchHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Reference)
	}
	sort.Strings(out)
	return out
}

// copiedDemo seeds a demo register file and copies it into a new
// PostgreSQL database, checked.
func copiedDemo(t *testing.T, opt demo.SeedOptions, prepare ...func(*store.DB)) (*store.DB, *pgstore.DB) {
	t.Helper()
	ctx := context.Background()
	passwordcost.Cheap()
	path := filepath.Join(t.TempDir(), "register.db")
	lite, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lite.Close() })
	if err := demo.Seed(ctx, lite, opt); err != nil {
		t.Fatal(err)
	}
	for _, p := range prepare {
		p(lite)
	}
	pg, _ := openPG(t)
	raw, err := sql.Open("sqlite3", (&url.URL{Scheme: "file", Opaque: path, RawQuery: "mode=ro"}).String())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	tx, err := raw.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := pg.CopyFromSQLite(ctx, tx)
	tx.Rollback()
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rows["cases"] != int64(opt.Cases) || rep.Searched < int64(opt.Cases+opt.Notes) {
		t.Fatalf("copied %v, indexed %d documents", rep.Rows, rep.Searched)
	}
	if problems, err := pg.Check(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("the copy does not check out: %q %v", problems, err)
	}
	return lite, pg
}

// The first try keeps only the best documents; the pages it returns must
// be those of the full ranking, scores included, at any offset and with
// filters. A common word is ranked pruned once a search has shown it is
// common (search_prune.go): the same pages again, with short notes planted
// that beat the cases' best (a private one the member may not read), and
// once more with pruning refused for too many short documents.
func TestSearchPagesEqualTheFullRanking(t *testing.T) {
	ctx := context.Background()
	end := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	lite, pg := copiedDemo(t, demo.SeedOptions{Cases: 2500, Notes: 2500, Seed: 1, End: end})
	member, err := lite.UserByName(ctx, "liu")
	if err != nil {
		t.Fatal(err)
	}
	all, err := pg.FullRanking(ctx, "submitter", cases.Query{Viewer: member}, 0, 100000)
	if err != nil || len(all) <= pgstore.SearchCutoff(0, 50) {
		t.Fatalf("only %d cases hold the word (%v); the cut of the first try is never reached", len(all), err)
	}
	svc := cases.NewService(pg, func() time.Time { return end })
	sec, err := lite.UserByName(ctx, "secretary")
	if err != nil {
		t.Fatal(err)
	}
	short := map[int64]bool{} // cases given a note of the word alone, which outranks any case's own text
	for i, text := range []string{"submitter", "同意", "Submitter!", "同意 submitter"} {
		id := all[len(all)-1-i].ID
		if _, err := svc.AddNote(ctx, sec, id, text, false); err != nil {
			t.Fatal(err)
		}
		short[id] = true
	}
	hidden := all[len(all)-10].ID
	if _, err := svc.AddNote(ctx, sec, hidden, "submitter", true); err != nil {
		t.Fatal(err)
	}

	_, name := submitterNames(t, pg, sec)
	before := pg.PrunedSearches()
	pagesEqualTheFullRanking(t, pg, member, end, name)
	learnt := pg.PrunedSearches()
	pagesEqualTheFullRanking(t, pg, member, end, name)
	if n := pg.PrunedSearches() - learnt; n < 3 {
		t.Errorf("only %d searches were ranked pruned once the words were known (%d while learning them)", n, learnt-before)
	}
	first, err := pg.SearchCases(ctx, "submitter", cases.Query{Today: cases.DateOf(end), Viewer: member}, 0, 50)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, m := range first {
		if short[m.ID] && m.Source == cases.SourceNote {
			found++
		}
		if m.ID == hidden && m.Source == cases.SourceNote {
			t.Errorf("the member found case %d by another's private note", hidden)
		}
	}
	if found < 2 {
		t.Errorf("the first page of a pruned search holds %d of the 2 cases whose note of the word alone outranks every case", found)
	}

	defer pgstore.SetShortDocsMax(0)()
	refused := pg.PrunedSearches()
	pagesEqualTheFullRanking(t, pg, member, end, name)
	if n := pg.PrunedSearches() - refused; n != 0 {
		t.Errorf("%d searches were ranked pruned with no short document allowed", n)
	}
}

// pagesEqualTheFullRanking compares pages of SearchCases with the same
// pages of the statement that ranks every matching document, and with
// SearchCasesCounting's, whose count of the cases submitted by name must
// be CountCases'.
func pagesEqualTheFullRanking(t *testing.T, pg *pgstore.DB, member cases.User, end time.Time, name string) {
	t.Helper()
	ctx := context.Background()
	for _, tc := range []struct {
		text   string
		q      cases.Query
		offset int
	}{
		{"同意", cases.Query{}, 0}, {"同意", cases.Query{}, 300}, {"consent", cases.Query{}, 200},
		{"submitter", cases.Query{}, 0}, {"submitter", cases.Query{Status: cases.Closed}, 0},
		{"submitter", cases.Query{Risk: cases.RiskHigh}, 100}, {"submitter", cases.Query{Year: 2023}, 950},
	} {
		tc.q.Today, tc.q.Viewer = cases.DateOf(end), member
		got, err := pg.SearchCases(ctx, tc.text, tc.q, tc.offset, 50)
		if err != nil {
			t.Fatal(err)
		}
		want, err := pg.FullRanking(ctx, tc.text, tc.q, tc.offset, 50)
		if err != nil {
			t.Fatal(err)
		}
		counted := tc.q
		counted.Submitter = name
		withCount, n, err := pg.SearchCasesCounting(ctx, tc.text, tc.q, tc.offset, 50, counted)
		if err != nil {
			t.Fatal(err)
		}
		if wantN, err := pg.CountCases(ctx, counted); err != nil || n != wantN || fmt.Sprint(ids(withCount)) != fmt.Sprint(ids(got)) {
			t.Errorf("%q %+v at %d counting %q: %v… and %d, SearchCases and CountCases %v… and %d (%v)", tc.text, tc.q.Status, tc.offset, name,
				head(ids(withCount)), n, head(ids(got)), wantN, err)
		}
		if fmt.Sprint(ids(got)) != fmt.Sprint(ids(want)) {
			t.Errorf("%q %+v at %d: %d results %v…, the full ranking %d %v…", tc.text, tc.q.Status, tc.offset, len(got), head(ids(got)), len(want), head(ids(want)))
		} else if fmt.Sprint(scores(got)) != fmt.Sprint(scores(want)) {
			t.Errorf("%q at %d: scores %v, the full ranking's %v", tc.text, tc.offset, scores(got), scores(want))
		}
	}
}

func scores(ms []cases.SearchMatch) []float64 {
	var out []float64
	for _, m := range ms {
		out = append(out, m.Score)
	}
	return out
}

func ids(ms []cases.SearchMatch) []int64 {
	var out []int64
	for _, m := range ms {
		out = append(out, m.ID)
	}
	return out
}

func head(ids []int64) []int64 { return ids[:min(5, len(ids))] }
