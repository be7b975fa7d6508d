package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"ethicsdesk/cases"
)

// The search across a case's documents starts from the rarest part of the
// query: "pangolin zebu" finds the case whose title says pangolin and
// whose note says zebu. When every part is in 2,000 documents or more, it
// is not run (it would scan much of the register): only a document that
// holds every part is found.
func TestCommonWordsAreNotSearchedAcrossDocuments(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	now := time.Now().UTC()
	note := func(body string) []cases.Note {
		return []cases.Note{{At: now, Author: "Li Na", AuthorID: secretary.ID, Body: body}}
	}
	var batch []cases.ImportedCase
	for i := range 2000 {
		d := draft()
		d.Title, d.Summary = fmt.Sprintf("Pangolin survey %d", i), "Drones counted animals."
		batch = append(batch, cases.ImportedCase{Case: cases.Case{Draft: d, Status: cases.Received, CreatedAt: now, CreatedBy: "test", UpdatedAt: now, UpdatedBy: "test"},
			Notes: note("The ocelot was seen near the camera.")})
	}
	d := draft()
	d.Title, d.Summary = "Pangolin and ocelot tracking", "One document holds both animals."
	batch = append(batch, cases.ImportedCase{Case: cases.Case{Draft: d, Status: cases.Received, CreatedAt: now, CreatedBy: "test", UpdatedAt: now, UpdatedBy: "test"}})
	d.Title, d.Summary = "Pangolin census", "Drones counted animals."
	batch = append(batch, cases.ImportedCase{Case: cases.Case{Draft: d, Status: cases.Received, CreatedAt: now, CreatedBy: "test", UpdatedAt: now, UpdatedBy: "test"},
		Notes: note("A zebu crossed the field.")})
	if err := db.ImportCases(ctx, batch, cases.AuditEntry{Actor: cases.System, Action: "test.import", Entity: "register"}); err != nil {
		t.Fatal(err)
	}
	svc := newService(db)
	for _, tc := range []struct{ text, want string }{
		{"pangolin zebu", "[Pangolin census]"},
		{"pangolin ocelot", "[Pangolin and ocelot tracking]"},
	} {
		hits, err := svc.Search(ctx, secretary, tc.text, cases.Query{}, 0, 50)
		if err != nil {
			t.Fatal(err)
		}
		var titles []string
		for _, h := range hits {
			titles = append(titles, h.Title)
		}
		if got := fmt.Sprint(titles); got != tc.want {
			t.Errorf("%q found %d cases %.80s, want %s", tc.text, len(titles), got, tc.want)
		}
	}
}
