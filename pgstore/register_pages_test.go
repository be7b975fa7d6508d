package pgstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/demo"
)

// planNode is the part of a node of EXPLAIN (ANALYZE, FORMAT JSON) the
// test reads.
type planNode struct {
	NodeType        string     `json:"Node Type"`
	Relation        string     `json:"Relation Name"`
	IndexName       string     `json:"Index Name"`
	IndexCond       string     `json:"Index Cond"`
	RecheckCond     string     `json:"Recheck Cond"`
	Filter          string     `json:"Filter"`
	ActualRows      float64    `json:"Actual Rows"`
	Loops           float64    `json:"Actual Loops"`
	RemovedByFilter float64    `json:"Rows Removed by Filter"`
	RemovedByCheck  float64    `json:"Rows Removed by Index Recheck"`
	Plans           []planNode `json:"Plans"`
}

// pageScan is what a page's plan does with the cases table: how many rows
// its scans read (those kept and those a filter dropped), whether one of
// its index scans starts at the page's key (an index condition comparing
// the row value of sort key and id, or bounding the sort key by the key's
// value when the index holds the sort key alone), whether it reads the
// whole table, and a line per scan for messages.
type pageScan struct {
	key     string // the key's sort value as EXPLAIN writes it
	rows    float64
	seeks   bool
	seqScan bool
	lines   []string
}

func (p *pageScan) walk(n planNode) {
	if n.Relation == "cases" || n.NodeType == "Bitmap Index Scan" {
		if n.Relation == "cases" {
			p.rows += (n.ActualRows + n.RemovedByFilter + n.RemovedByCheck) * n.Loops
		}
		if strings.Contains(n.IndexCond, "ROW(") && strings.Contains(n.IndexCond, "id)") || strings.Contains(n.IndexCond, p.key) {
			p.seeks = true
		}
		if n.NodeType == "Seq Scan" {
			p.seqScan = true
		}
		p.lines = append(p.lines, fmt.Sprintf("%s on %s %s: cond %s, filter %s: %.0f rows, %.0f removed, %.0f loops",
			n.NodeType, n.Relation, n.IndexName, n.IndexCond+n.RecheckCond, n.Filter, n.ActualRows, n.RemovedByFilter+n.RemovedByCheck, n.Loops))
	}
	for _, c := range n.Plans {
		p.walk(c)
	}
}

// filterLabel names q's sort and filters for messages.
func filterLabel(q cases.Query) string {
	out := fmt.Sprintf("sort %s desc=%v", q.Sort, q.Desc)
	for name, v := range map[string]any{"type": q.TypeCode, "status": q.Status, "risk": q.Risk, "sector": q.Sector,
		"year": q.Year, "due": q.Due, "breach": q.Breach, "rapporteur": q.Rapporteur} {
		if s := fmt.Sprint(v); s != "" && s != "0" {
			out += " " + name + "=" + s
		}
	}
	return out
}

// A page deep in the register must be found by seeking an index at its
// first row (the key of the row before it), not by stepping over the rows
// before it: the middle and last page of every filter in the window's
// default order and of every sort without a filter, on a realistic
// register copied from SQLite, each the same rows as SQLite's page.
//
// A register small enough for a test is one where reading every case a
// filter keeps and sorting them is as cheap as seeking, and PostgreSQL
// rightly does that for a filter the order's index does not serve (overdue
// cases by title). So the plan is asked for with the planner's ways of
// reading a whole filter (sequential and bitmap scans, sorting) priced out:
// what is tested is that the statement can be answered from its key. On
// the 100,000-case register of make bench the planner seeks by itself
// (EXPLAIN ANALYZE of the middle page of overdue cases by title: 1.1 ms,
// 118 ms with LIMIT/OFFSET).
func TestDeepRegisterPagesSeekAnIndex(t *testing.T) {
	ctx := context.Background()
	end := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	lite, pg := copiedDemo(t, demo.SeedOptions{Cases: 3000, Seed: 3, End: end})
	sec, err := lite.UserByName(ctx, "secretary")
	if err != nil {
		t.Fatal(err)
	}
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
	queries = append(queries, cases.Query{Due: cases.DueOverdue, Sort: cases.SortTitle})
	deep := 0
	for _, q := range queries {
		q.Today, q.Viewer = cases.DateOf(end), sec
		n, err := pg.CountCases(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, off := range []int{n / 2, n - 1} {
			if off < 2*cases.PageSize {
				continue
			}
			deep++
			label := fmt.Sprintf("%s, page at %d of %d", filterLabel(q), off, n)
			onPG, err := pg.ListCases(ctx, q, off, cases.PageSize)
			if err != nil {
				t.Fatal(err)
			}
			onFile, err := lite.ListCases(ctx, q, off, cases.PageSize)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(onPG) != fmt.Sprint(onFile) {
				t.Errorf("%s: PostgreSQL's page differs from SQLite's:\n%v\n%v", label, onPG, onFile)
			}
			stmt, args, err := pg.ListCasesSQL(ctx, q, off, cases.PageSize)
			if err != nil {
				t.Fatal(err)
			}
			out, err := pg.ExplainJSON(ctx, []string{"enable_seqscan = off", "enable_bitmapscan = off", "enable_sort = off"}, stmt, args...)
			if err != nil {
				t.Fatalf("%s: %v", label, err)
			}
			var plan []struct{ Plan planNode }
			if err := json.Unmarshal([]byte(out), &plan); err != nil || len(plan) != 1 {
				t.Fatalf("%s: EXPLAIN gave %q (%v)", label, out, err)
			}
			key, err := pg.PageKey(ctx, q, off)
			if err != nil || key == nil {
				t.Fatalf("%s: the page starts after no remembered key (%v)", label, err)
			}
			scan := pageScan{key: fmt.Sprint(key)}
			if s, ok := key.(string); ok {
				scan.key = "'" + strings.ReplaceAll(s, "'", "''") + "'"
			}
			scan.walk(plan[0].Plan)
			if !scan.seeks || scan.seqScan {
				t.Errorf("%s: the page is not found by seeking its key (%.0f rows read, %d before it):\n%s",
					label, scan.rows, off, strings.Join(scan.lines, "\n"))
			} else if testing.Verbose() {
				t.Logf("%s: %.0f rows read:\n%s", label, scan.rows, strings.Join(scan.lines, "\n"))
			}
		}
	}
	if deep < 20 {
		t.Fatalf("only %d deep pages in the register: the test proves little", deep)
	}
}
