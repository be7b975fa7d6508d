// Package bench is the performance suite of issue 7: the workloads that the
// Go benchmarks in this folder and the table program (bench/cmd/benchtable)
// share, so that the app and its references do the very same work.
//
// Run it with `make bench`; the Go benchmarks alone need a seeded register:
//
//	ED_BENCH_DB=FILE go test -tags "sqlite_fts5 migrated_fynedo" -run '^$' -bench . ./bench/
package bench

import (
	"context"
	"strconv"

	"ethicsdesk/cases"
)

// Size of the benchmark register.
const (
	Cases = 100000
	Notes = 500000
)

// DemoUser and DemoPassword are the secretariat account `seed` makes; the
// register window is timed as this user.
const (
	DemoUser     = "secretary"
	DemoPassword = "ethicsdesk-demo"
)

// SearchTerm is one full-text query of the benchmark.
type SearchTerm struct {
	Name, Text string
}

// SearchTerms are common and rare terms in English and Chinese. The seeded
// vocabulary is small, so the rare ones are planted by PlantRareTerms.
var SearchTerms = []SearchTerm{
	{"common-en", "submitter"}, // in most cases' summaries and notes
	{"rare-en", "quokkatronic"},
	{"common-zh", "同意"}, // tens of thousands of notes
	{"rare-zh", "盾牌"},
}

// SearchLimit is the number of ranked results a search asks for.
const SearchLimit = 50

// RegisterPage is one page of 100 rows the register window may ask for.
type RegisterPage struct {
	Name   string
	Query  cases.Query
	Offset int
}

// RegisterPages are the pages of every filter and every sort the register
// window offers: each filter value under the window's default order
// (newest reference first) and each sort, both ways, without a filter;
// each at the first page, the middle and the last page, because scrolling
// the register end to end asks for all of them.
func RegisterPages(ctx context.Context, api cases.API, actor cases.User) ([]RegisterPage, error) {
	var filters []RegisterPage
	add := func(name string, q cases.Query) {
		q.Sort, q.Desc = cases.SortReference, true
		filters = append(filters, RegisterPage{Name: name, Query: q})
	}
	for _, t := range []string{"ethics_complaint", "privacy_complaint", "guidance_request"} {
		add("type="+t, cases.Query{TypeCode: t})
	}
	for _, s := range cases.AllStatuses {
		add("status="+string(s), cases.Query{Status: s})
	}
	for _, r := range cases.AllRisks {
		add("risk="+string(r), cases.Query{Risk: r})
	}
	for _, s := range cases.AllSectors {
		add("sector="+string(s), cases.Query{Sector: s})
	}
	this := api.Today().Year()
	for y := this - 6; y <= this; y++ {
		add("year="+strconv.Itoa(y), cases.Query{Year: y})
	}
	for _, d := range []cases.DueFilter{cases.DueOverdue, cases.DueWithin7, cases.DueOverdueOr7} {
		add("due="+string(d), cases.Query{Due: d})
	}
	add("due=overdue_or_within7+status=under_review", cases.Query{Due: cases.DueOverdueOr7, Status: cases.UnderReview})
	for _, k := range []cases.SortKey{cases.SortReference, cases.SortTitle, cases.SortType, cases.SortStatus,
		cases.SortReceived, cases.SortDue, cases.SortRapporteur} {
		for _, desc := range []bool{false, true} {
			dir := "asc"
			if desc {
				dir = "desc"
			}
			filters = append(filters, RegisterPage{Name: "sort=" + string(k) + "-" + dir, Query: cases.Query{Sort: k, Desc: desc}})
		}
	}
	var pages []RegisterPage
	for _, f := range filters {
		n, _, err := api.CountCases(ctx, actor, f.Query)
		if err != nil {
			return nil, err
		}
		if n == 0 {
			continue // a year before the register began
		}
		last := max(0, n-cases.PageSize)
		for _, at := range []struct {
			name   string
			offset int
		}{{"first", 0}, {"middle", last / 2 / cases.PageSize * cases.PageSize}, {"last", last}} {
			p := f
			p.Name += "@" + at.name
			p.Offset = at.offset
			pages = append(pages, p)
		}
	}
	return pages, nil
}
