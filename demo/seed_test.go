package demo_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/demo"
	"ethicsdesk/issuing"
	"ethicsdesk/store"
)

func seeded(t *testing.T, n int, seed uint64) (*store.DB, *cases.Service) {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "demo.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	end := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	if err := demo.Seed(context.Background(), db, demo.SeedOptions{Cases: n, Notes: 3 * n, Seed: seed, End: end}); err != nil {
		t.Fatal(err)
	}
	return db, cases.NewService(db, func() time.Time { return end })
}

func TestSeedMakesASoundVariedDeterministicRegister(t *testing.T) {
	ctx := context.Background()
	db, svc := seeded(t, 3000, 7)
	sec := cases.User{ID: 1, Username: "secretary", Role: cases.RoleSecretariat, Active: true}
	if problems, err := db.Check(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("seeded register fails its check: %v %v", problems, err)
	}
	n, total, err := svc.CountCases(ctx, sec, cases.Query{})
	if err != nil || n != 3000 || total != 3000 {
		t.Fatalf("count %d of %d, %v", n, total, err)
	}
	for _, st := range cases.AllStatuses {
		if c, _ := db.CountCases(ctx, cases.Query{Status: st, Viewer: sec}); c == 0 {
			t.Errorf("no seeded case is %s", st)
		}
	}
	for _, ty := range []string{"ethics_complaint", "privacy_complaint", "guidance_request"} {
		if c, _ := db.CountCases(ctx, cases.Query{TypeCode: ty, Viewer: sec}); c < 500 {
			t.Errorf("only %d %s cases", c, ty)
		}
	}
	overdue, _ := db.CountCases(ctx, cases.Query{Due: cases.DueOverdue, Viewer: sec, Today: cases.MustDate("2026-11-24")})
	if overdue == 0 {
		t.Error("no overdue case to show in the demo")
	}

	// The same seed gives the same register.
	db2, _ := seeded(t, 3000, 7)
	a, _ := db.ListCases(ctx, cases.Query{Viewer: sec, Sort: cases.SortReference}, 1500, 20)
	b, _ := db2.ListCases(ctx, cases.Query{Viewer: sec, Sort: cases.SortReference}, 1500, 20)
	for i := range a {
		if a[i].Reference != b[i].Reference || a[i].Title != b[i].Title || a[i].Status != b[i].Status {
			t.Fatalf("seed is not deterministic at row %d: %+v vs %+v", i, a[i], b[i])
		}
	}
}

func TestSeedIssuesRealSignedOpinions(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(filepath.Join(t.TempDir(), "demo.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	end := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	if err := demo.Seed(ctx, db, demo.SeedOptions{Cases: 1500, Notes: 1500, Seed: 3, End: end, Opinions: 2}); err != nil {
		t.Fatal(err)
	}
	keys := issuing.Keyring{Keys: db}
	svc := cases.NewService(db, func() time.Time { return end })
	svc.SetPorts(cases.Ports{Documents: issuing.Renderer{Letterhead: db}, Keys: keys})
	sec, err := db.UserByName(ctx, "secretary")
	if err != nil {
		t.Fatal(err)
	}
	// An opinion with recommendations puts its case into follow-up by itself.
	rows, _ := svc.ListCases(ctx, sec, cases.Query{Status: cases.OpinionIssued, Sort: cases.SortReference, Desc: true}, 0, 1000)
	followUp, _ := svc.ListCases(ctx, sec, cases.Query{Status: cases.FollowUp, Sort: cases.SortReference, Desc: true}, 0, 1000)
	rows = append(rows, followUp...)
	signed := 0
	for _, r := range rows {
		pdf, _, err := svc.IssuedOpinionPDF(ctx, sec, r.ID)
		if err != nil {
			continue
		}
		rep, err := keys.Verify(ctx, pdf)
		if err != nil || !rep.OK() || len(rep.Signatures) != 2 || !rep.Signatures[1].ChainsToRoot {
			t.Fatalf("seeded opinion of %s does not verify: %v\n%s", r.Reference, err, rep)
		}
		// The issue date in the register (printed on the opinion) and the
		// signing time in the signature agree, to the second.
		_, issued, _ := svc.IssuedOpinionPDF(ctx, sec, r.ID)
		if got := rep.Signatures[1].SigningTime; !got.Equal(issued.IssuedAt.Truncate(time.Second)) || got.After(end) {
			t.Fatalf("seeded opinion of %s: issued %v, chair's signature dated %v", r.Reference, issued.IssuedAt, got)
		}
		signed++
	}
	if signed != 2 {
		t.Fatalf("%d seeded cases carry signed opinions, want 2", signed)
	}
	if problems, err := db.Check(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
}
