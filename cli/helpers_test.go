package cli

import (
	"context"
	"path/filepath"
	"testing"

	"ethicsdesk/cases"
	"ethicsdesk/demo"
	"ethicsdesk/internal/passwordcost"
	"ethicsdesk/store"
)

// seededRegister makes a demo register of opt's size (with the demo
// accounts, password demo.DemoPassword) in a temporary folder and returns
// it open, with its path. Password hashing is made cheap for the tests.
func seededRegister(t *testing.T, opt demo.SeedOptions) (*store.DB, string) {
	t.Helper()
	passwordcost.Cheap()
	path := filepath.Join(t.TempDir(), "register.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := demo.Seed(context.Background(), db, opt); err != nil {
		t.Fatal(err)
	}
	return db, path
}

// issuedCases lists the cases whose opinion was issued: those still at
// Opinion issued and those the opinion's recommendations moved on into
// Follow-up.
func issuedCases(ctx context.Context, svc *cases.Service, actor cases.User) ([]cases.Row, error) {
	var out []cases.Row
	for _, st := range []cases.Status{cases.OpinionIssued, cases.FollowUp} {
		rows, err := svc.ListCases(ctx, actor, cases.Query{Status: st, Sort: cases.SortReference, Desc: true}, 0, 1000)
		if err != nil {
			return nil, err
		}
		out = append(out, rows...)
	}
	return out, nil
}
