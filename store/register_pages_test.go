package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// The register window reads pages by position while the store reads them
// by key (register_pages.go). Whatever order the user jumps in, a page must
// hold exactly the rows at those positions of the whole ordered register,
// also right after a case is added, and be empty past the end.
func TestRegisterPagesByKeyMatchTheWholeOrder(t *testing.T) {
	db, svc, _ := seededRegister(t, 650)
	ctx := context.Background()
	today := svc.Today()
	queries := []cases.Query{
		{Sort: cases.SortReference, Desc: true},
		{Sort: cases.SortTitle},
		{Sort: cases.SortTitle, Desc: true},
		{Sort: cases.SortStatus}, // many ties: the id decides
		{Sort: cases.SortStatus, Desc: true},
		{Sort: cases.SortType},
		{Sort: cases.SortDue, Desc: true},
		{Sort: cases.SortReceived},
		{Sort: cases.SortRapporteur},
		{Due: cases.DueOverdueOr7, Sort: cases.SortReference, Desc: true},
		{TypeCode: "ethics_complaint", Sort: cases.SortReference, Desc: true},
	}
	whole := func(q cases.Query) []int64 {
		rows, err := db.ListCases(ctx, q, 0, 100000)
		if err != nil {
			t.Fatal(err)
		}
		return rowIDs(rows)
	}
	check := func(label string, q cases.Query, all []int64) {
		t.Helper()
		n := len(all)
		for _, off := range []int{n - 1, 0, 450, 37, 100, 99, 101, 250, n - cases.PageSize, 200, n, n + 40, 600} {
			if off < 0 {
				continue
			}
			page, err := db.ListCases(ctx, q, off, cases.PageSize)
			if err != nil {
				t.Fatalf("%s %+v at %d: %v", label, q, off, err)
			}
			want := []int64{}
			if off < n {
				want = all[off:min(n, off+cases.PageSize)]
			}
			if fmt.Sprint(rowIDs(page)) != fmt.Sprint(want) && !(len(page) == 0 && len(want) == 0) {
				t.Errorf("%s: sort %s desc=%v filter %+v, page at %d of %d:\n got %v\nwant %v",
					label, q.Sort, q.Desc, q.Due, off, n, rowIDs(page), want)
			}
		}
	}
	for _, q := range queries {
		q.Today, q.Viewer = today, secretary
		all := whole(q)
		if len(all) < 3*cases.PageSize && q.Due == "" && q.TypeCode == "" {
			t.Fatalf("only %d cases in the register for %+v", len(all), q)
		}
		check("before a write", q, all)
	}
	// A case added in the middle of every order: the remembered keys of the
	// older register must not be used for the new one.
	actor := secretary
	d := cases.Draft{TypeCode: "ethics_complaint", Title: "M middle of the alphabet", Summary: "Added while the register was open.",
		ReceivedOn: today, Channel: cases.ChannelEmail, Submitter: cases.Submitter{Kind: cases.SubmitterAnonymous},
		Respondent: "Someone", AISystem: "A system", Sector: "healthcare", Risk: cases.RiskHigh, Breach: "privacy",
		Priority: cases.PriorityNormal}
	if _, err := svc.CreateCase(ctx, actor, d); err != nil {
		t.Fatal(err)
	}
	for _, q := range queries {
		q.Today, q.Viewer = today, secretary
		check("after a case was added", q, whole(q))
	}
}

// A page deep in the register must be found by seeking an index at its
// first row, not by reading the rows before it: every filter in the
// window's default order and every sort without a filter.
func TestDeepRegisterPagesSeekAnIndex(t *testing.T) {
	db, svc, raw := seededRegister(t, 450)
	ctx := context.Background()
	var queries []cases.Query
	for _, q := range []cases.Query{
		{TypeCode: "ethics_complaint"}, {Status: cases.UnderReview}, {Risk: cases.RiskHigh},
		{Sector: cases.AllSectors[0]}, {Year: 2025}, {Due: cases.DueOverdue}, {Due: cases.DueOverdueOr7},
		{Breach: "privacy"}, {Rapporteur: cases.NoRapporteur},
	} {
		q.Sort, q.Desc = cases.SortReference, true
		queries = append(queries, q)
	}
	for _, k := range []cases.SortKey{cases.SortReference, cases.SortTitle, cases.SortType, cases.SortStatus,
		cases.SortReceived, cases.SortDue, cases.SortRapporteur} {
		queries = append(queries, cases.Query{Sort: k}, cases.Query{Sort: k, Desc: true})
	}
	for _, q := range queries {
		q.Today, q.Viewer = svc.Today(), secretary
		n, err := db.CountCases(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if n <= cases.PageSize {
			continue
		}
		stmt, args, err := db.ListCasesSQL(ctx, q, n-1, cases.PageSize)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := raw.Query("EXPLAIN QUERY PLAN "+stmt, args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		p := fmt.Sprint(plan)
		if !strings.Contains(p, "SEARCH c USING") || strings.Contains(p, "SCAN c") || strings.Contains(p, "TEMP B-TREE") {
			t.Errorf("sort %s desc=%v filter %+v: the last page is not found by a seek: %s", q.Sort, q.Desc, q, p)
		}
	}
}

// Every search by someone who may see submitters also looks the text up
// as a submitter's name or address: that must be a seek, not a scan of
// every case, whatever the order.
func TestSubmitterLookupSeeksAnIndex(t *testing.T) {
	db, svc, raw := seededRegister(t, 300)
	ctx := context.Background()
	for _, q := range []cases.Query{
		{Submitter: "王小明", Sort: cases.SortReference, Desc: true},
		{Submitter: "li@example.org", Sort: cases.SortTitle},
		{Submitter: "Wang", Status: cases.UnderReview, Sort: cases.SortReference, Desc: true},
	} {
		q.Today, q.Viewer = svc.Today(), secretary
		stmt, args, err := db.ListCasesSQL(ctx, q, 0, 50)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := raw.Query("EXPLAIN QUERY PLAN "+stmt, args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		p := fmt.Sprint(plan)
		if strings.Contains(p, "SCAN c") || !strings.Contains(p, "cases_submitter_") {
			t.Errorf("looking up submitter %q reads every case: %s", q.Submitter, p)
		}
	}
}
