package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"ethicsdesk/cases"
	"ethicsdesk/store"
)

// The benchmark suite times the register's SQL in the sqlite3 shell as the
// reference for the app: these tests make sure the exported statements,
// with their parameters written in as literals, find what the app finds.

func idsOf(t *testing.T, raw *sql.DB, query string) []int64 {
	t.Helper()
	rows, err := raw.Query(query)
	if err != nil {
		t.Fatalf("%v\n%s", err, query)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var ids []int64
	for rows.Next() {
		dest := make([]any, len(cols))
		var id int64
		dest[0] = &id
		for i := 1; i < len(cols); i++ {
			dest[i] = new(any)
		}
		if err := rows.Scan(dest...); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

func TestListCasesSQLAsLiteralsFindsTheSamePage(t *testing.T) {
	db, svc, raw := seededRegister(t, 400)
	ctx := context.Background()
	today := svc.Today()
	for _, q := range []cases.Query{
		{Sort: cases.SortTitle, Desc: true},
		{Status: cases.Closed, Sort: cases.SortDue},
		{TypeCode: "privacy_complaint", Risk: cases.RiskHigh, Due: cases.DueOverdueOr7, Sort: cases.SortReceived},
	} {
		q.Today, q.Viewer = today, secretary
		page, err := db.ListCases(ctx, q, 20, 50)
		if err != nil {
			t.Fatal(err)
		}
		text, args, err := db.ListCasesSQL(ctx, q, 20, 50)
		if err != nil {
			t.Fatal(err)
		}
		lit, err := store.LiteralSQL(text, args)
		if err != nil {
			t.Fatal(err)
		}
		got := idsOf(t, raw, lit)
		if fmt.Sprint(got) != fmt.Sprint(rowIDs(page)) {
			t.Errorf("query %+v: the shell statement finds %v, the app %v", q, got, rowIDs(page))
		}
	}
}

func TestSearchCasesSQLMatchesSearchCases(t *testing.T) {
	db, svc, raw := seededRegister(t, 400)
	ctx := context.Background()
	for _, text := range []string{"algorithm", "consent data", "同意"} {
		q := cases.Query{Today: svc.Today(), Viewer: secretary}
		matches, err := db.SearchCases(ctx, text, q, 0, 50)
		if err != nil {
			t.Fatal(err)
		}
		if len(matches) == 0 {
			t.Fatalf("%q finds nothing in the seeded register; pick a word it holds", text)
		}
		var want []int64
		for _, m := range matches {
			want = append(want, m.ID)
		}
		stmt, args, ok := store.SearchCasesSQL(text, q, 0, 50)
		if !ok {
			t.Fatalf("%q: no statement", text)
		}
		lit, err := store.LiteralSQL(stmt, args)
		if err != nil {
			t.Fatal(err)
		}
		// A short page of one-document matches is completed with cases
		// that hold the words in different documents, which the statement
		// does not look for: it must find the page's beginning.
		if got := idsOf(t, raw, lit); len(got) > len(want) || fmt.Sprint(got) != fmt.Sprint(want[:len(got)]) {
			t.Errorf("%q: the shell statement finds %v, the app %v", text, got, want)
		}
	}
	if _, _, ok := store.SearchCasesSQL("!!! *", cases.Query{}, 0, 50); ok {
		t.Error("a query of nothing but noise has a statement")
	}
}

func TestLiteralSQLQuotesAndRefusesMissingValues(t *testing.T) {
	got, err := store.LiteralSQL("SELECT ?1, ?2, ?10", []any{"it's", 7, 1, 2, 3, 4, 5, 6, 7, int64(10)})
	if err != nil || got != "SELECT 'it''s', 7, 10" {
		t.Errorf("got %q, %v", got, err)
	}
	if _, err := store.LiteralSQL("SELECT ?2", []any{1}); err == nil {
		t.Error("a parameter without a value was written")
	}
}

func rowIDs(rows []cases.Row) []int64 {
	var ids []int64
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	return ids
}
