package storetest

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// pagedRegister is how many cases testRegisterPagesByKey writes: several
// pages, so that pages start after remembered keys.
const pagedRegister = 360

// testRegisterPagesByKey: both stores read a page of the register after
// the key of the row before it, not with an OFFSET (internal/registerpages).
// The window asks for pages by position, in any order (a dragged
// scrollbar jumps), so a page must hold exactly the rows at those positions
// of the whole ordered register: under every sort and filter, with many
// equal sort keys (the id decides), cases without a deadline or a
// rapporteur, a member who does not see every confidential case, right
// after a case is added, and empty past the end.
func testRegisterPagesByKey(t *testing.T, e Engine) {
	s := e.Store
	r1 := account(t, s, "rapp", cases.RoleMember)
	r2 := account(t, s, "Other", cases.RoleMember)
	today := cases.DateOf(Pinned)
	words := []string{"alpha", "Alpha", "beta", "BETA", "gamma", "delta", "Epsilon", "zeta", "eta", "theta", "iota"}
	types := []string{"ethics_complaint", "privacy_complaint", "guidance_request"}
	statuses := []cases.Status{cases.Received, cases.UnderReview, cases.AwaitingInfo, cases.Deliberation, cases.Closed}
	for i := 0; i < pagedRegister; i++ {
		// Titles repeat (also in other letter case), statuses and types
		// repeat often, deadlines now and then.
		c := newCase(fmt.Sprintf("%s %d", words[i%len(words)], i%7), Pinned.AddDate(0, 0, -(i%40)))
		c.TypeCode = types[i%len(types)]
		c.Status = statuses[(i/3)%len(statuses)]
		if i%5 != 0 {
			c.DueOn = today.AddDays(i%23 - 15)
		}
		switch i % 3 {
		case 1:
			c.RapporteurID, c.Rapporteur = r1.ID, r1.Name()
		case 2:
			c.RapporteurID, c.Rapporteur = r2.ID, r2.Name()
		}
		if i%4 == 0 {
			c.Risk = cases.RiskHigh
		}
		if i%6 == 1 {
			c.Breach = "privacy"
		}
		c.Confidential = i%11 == 0
		create(t, s, c)
	}
	var queries []cases.Query
	for _, k := range []cases.SortKey{cases.SortReference, cases.SortTitle, cases.SortType, cases.SortStatus,
		cases.SortReceived, cases.SortDue, cases.SortRapporteur} {
		queries = append(queries, cases.Query{Sort: k}, cases.Query{Sort: k, Desc: true})
	}
	for _, q := range []cases.Query{
		{TypeCode: "privacy_complaint"}, {Status: cases.UnderReview}, {Risk: cases.RiskMedium}, {Year: Pinned.Year()},
		{Due: cases.DueOverdue}, {Due: cases.DueWithin7}, {Due: cases.DueOverdueOr7}, {Breach: "privacy"},
		{Rapporteur: cases.NoRapporteur}, {Rapporteur: r1.ID}, {Sector: "I64"},
	} {
		q.Sort, q.Desc = cases.SortReference, true // the window's default order
		queries = append(queries, q)
	}
	queries = append(queries,
		cases.Query{Due: cases.DueOverdue, Sort: cases.SortTitle},
		cases.Query{Due: cases.DueOverdueOr7, Sort: cases.SortDue, Desc: true},
		cases.Query{Risk: cases.RiskMedium, Sort: cases.SortRapporteur, Desc: true},
		cases.Query{Status: cases.Closed, Sort: cases.SortStatus},
	)
	viewers := []cases.User{secretariat, r2} // r2 sees only the confidential cases it reports on
	check := func(when string) {
		t.Helper()
		for _, viewer := range viewers {
			for _, q := range queries {
				q.Today, q.Viewer = today, viewer
				checkPagesOf(t, s, when, q)
			}
		}
	}
	check("before a write")
	// A case added in the middle of every order: the keys remembered of
	// the register before it must not be used for the register after it.
	c := newCase("Middle of the alphabet", Pinned.AddDate(0, 0, -20))
	c.DueOn, c.RapporteurID, c.Rapporteur, c.Status = today.AddDays(-3), r1.ID, r1.Name(), cases.UnderReview
	create(t, s, c)
	check("after a case was added")
}

// checkPagesOf reads q's pages at positions in no particular order (the
// first jump lands past the first remembered key, the second learns the
// rest from there) and compares each with the whole ordered register.
func checkPagesOf(t *testing.T, s Store, when string, q cases.Query) {
	t.Helper()
	filter := fmt.Sprintf("%+v", cases.Query{TypeCode: q.TypeCode, Status: q.Status, Risk: q.Risk, Sector: q.Sector,
		Year: q.Year, Due: q.Due, Breach: q.Breach, Rapporteur: q.Rapporteur})
	label := fmt.Sprintf("%s, %s: sort %s desc=%v filter %s", when, q.Viewer.Username, q.Sort, q.Desc, filter)
	whole, err := s.ListCases(ctx, q, 0, 100000)
	if err != nil {
		t.Fatalf("%s: %v", label, err)
	}
	if n, err := s.CountCases(ctx, q); err != nil || n != len(whole) {
		t.Errorf("%s: %d cases counted (%v), %d listed", label, n, err, len(whole))
	}
	if want := wholeOrder(whole, q); fmt.Sprint(rowIDs(whole)) != fmt.Sprint(want) {
		t.Errorf("%s: the register is not in its order:\n got %v\nwant %v", label, rowIDs(whole), want)
	}
	if filter == fmt.Sprintf("%+v", cases.Query{}) && len(whole) < 3*cases.PageSize {
		t.Fatalf("%s: only %d cases, too few pages to start after remembered keys", label, len(whole))
	}
	n := len(whole)
	all := rowIDs(whole)
	type read struct{ off, limit int }
	var reads []read
	for _, off := range []int{150, n - 1, 0, 250, 37, 100, 99, 101, 200, n - cases.PageSize, n, n + 40, 300, 199} {
		if off >= 0 {
			reads = append(reads, read{off, cases.PageSize})
		}
	}
	reads = append(reads, read{233, 7}, read{n - 3, 1})
	for _, r := range reads {
		page, err := s.ListCases(ctx, q, r.off, r.limit)
		if err != nil {
			t.Fatalf("%s, page at %d: %v", label, r.off, err)
		}
		var want []int64
		if r.off < n {
			want = all[r.off:min(n, r.off+r.limit)]
		}
		if fmt.Sprint(rowIDs(page)) != fmt.Sprint(want) {
			t.Errorf("%s, page of %d at %d of %d:\n got %v\nwant %v", label, r.limit, r.off, n, rowIDs(page), want)
		}
	}
}

func rowIDs(rows []cases.Row) []int64 {
	out := make([]int64, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.ID)
	}
	return out
}

// wholeOrder is the order the register promises, computed here from the
// rows themselves: byte order of the sort value (letter case ignored in
// titles, cases without a deadline last), then the id, all reversed for a
// descending sort.
func wholeOrder(rows []cases.Row, q cases.Query) []int64 {
	key := func(r cases.Row) string {
		switch q.Sort {
		case cases.SortTitle:
			return asciiLower(r.Title)
		case cases.SortType:
			return r.TypeCode
		case cases.SortStatus:
			return fmt.Sprintf("%09d", cases.StatusRank(r.Status))
		case cases.SortReceived:
			return r.ReceivedOn.String()
		case cases.SortDue:
			if r.DueOn.IsZero() {
				return "~"
			}
			return r.DueOn.String()
		case cases.SortRapporteur:
			return r.Rapporteur
		}
		return r.Reference
	}
	sorted := append([]cases.Row(nil), rows...)
	sort.Slice(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		if q.Desc {
			a, b = b, a
		}
		if ka, kb := key(a), key(b); ka != kb {
			return ka < kb
		}
		return a.ID < b.ID
	})
	return rowIDs(sorted)
}

// asciiLower folds ASCII letters only, as SQLite's NOCASE and lower() in
// PostgreSQL's "C" collation do.
func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}
