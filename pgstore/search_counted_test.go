package pgstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/pgstore"
)

// The count of the cases a search names as their submitter rides in the
// search's own statements (search_counted.go). On each path a search
// takes — a rare word, words found nowhere, a name, exclusions alone,
// words across documents, filters that leave nothing — SearchCasesCounting
// gives the cases SearchCases gives and the count CountCases gives, for the
// secretariat and for a member (who may not see confidential cases), first
// while the store learns which words are rare and again once it knows.
func TestSearchCountsSubmittersAsCountCasesDoes(t *testing.T) {
	ctx := context.Background()
	pg, member, _ := rareWordRegister(t)
	sec := userNamed(t, pg, "secretary")
	person, organisation := submitterNames(t, pg, sec)
	texts := []string{"quokkatronic", "盾牌", "quokkatronic 盾牌", person, organisation, "-quokkatronic", "nothingatall", "quokkatronic nothingatall"}
	named := 0
	for round := 0; round < 2; round++ {
		for _, viewer := range []cases.User{sec, member} {
			for _, text := range texts {
				for _, q := range []cases.Query{{}, {Status: cases.Closed}, {Risk: cases.RiskHigh, Year: rareEnd.Year()}} {
					q.Today, q.Viewer = cases.DateOf(rareEnd), viewer
					counted := q
					counted.Submitter = text
					got, n, err := pg.SearchCasesCounting(ctx, text, q, 0, 50, counted)
					if err != nil {
						t.Fatalf("%s's search for %q %+v: %v", viewer.Username, text, q.Status, err)
					}
					want, err := pg.SearchCases(ctx, text, q, 0, 50)
					if err != nil {
						t.Fatal(err)
					}
					wantN, err := pg.CountCases(ctx, counted)
					if err != nil {
						t.Fatal(err)
					}
					if n != wantN || fmt.Sprint(ids(got)) != fmt.Sprint(ids(want)) {
						t.Errorf("%s's search for %q (status %q, risk %q): %v and %d named, SearchCases and CountCases %v and %d",
							viewer.Username, text, q.Status, q.Risk, ids(got), n, ids(want), wantN)
					}
					named += n
				}
			}
		}
	}
	if named == 0 {
		t.Fatal("no search named a submitter: the counts compared were all nought")
	}
}

// A search for a rare word by the secretariat, who may see submitters, is
// one statement: the count of the cases it names as submitter is in it
// (before, two statements at once on two connections: 0.25 ms where the
// database worked 0.025).
func TestARareWordIsSearchedInOneStatement(t *testing.T) {
	ctx := context.Background()
	sent, restore := pgstore.CountStatements()
	defer restore()
	pg, _, _ := rareWordRegister(t)
	sec := userNamed(t, pg, "secretary")
	svc := cases.NewService(pg, func() time.Time { return rareEnd })
	for i := 0; i < 3; i++ { // the first search learns that the word is rare
		before := sent()
		hits, err := svc.Search(ctx, sec, "quokkatronic", cases.Query{}, 0, 50)
		if err != nil || len(hits) != 3 {
			t.Fatalf("the secretariat's search finds %d cases (%v), want the 3 whose notes say the word", len(hits), err)
		}
		if n := sent() - before; i > 0 && n != 1 {
			t.Errorf("search %d of a rare word sent %d statements, want 1", i+1, n)
		}
	}
}

// submitterNames are a person's name and an organisation's that submitted
// cases of the register (an organisation is often also a respondent,
// whose name the search index holds).
func submitterNames(t *testing.T, pg *pgstore.DB, sec cases.User) (person, organisation string) {
	t.Helper()
	ctx := context.Background()
	rows, err := pg.ListCases(ctx, cases.Query{Today: cases.DateOf(rareEnd), Viewer: sec}, 0, 200)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		c, err := pg.GetCase(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		switch c.Submitter.Kind {
		case cases.SubmitterPerson:
			person = c.Submitter.Name
		case cases.SubmitterOrganisation:
			organisation = c.Submitter.Name
		}
	}
	if person == "" || organisation == "" {
		t.Fatalf("the register has no person (%q) or no organisation (%q) as submitter", person, organisation)
	}
	return person, organisation
}

func userNamed(t *testing.T, pg *pgstore.DB, name string) cases.User {
	t.Helper()
	users, err := pg.Users(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if u.Username == name {
			return u
		}
	}
	t.Fatalf("no account %q", name)
	return cases.User{}
}
