package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

var auditor = cases.User{ID: 7, Username: "admin", DisplayName: "Chen Jie", Role: cases.RoleAdministrator, Active: true}

// An export hands out every case the filter selects, once each, in the
// register's order, with the fields the spreadsheet writes; and it is on
// record in the audit log, which still verifies, before the first case.
func TestExportHandsOutEachSelectedCaseOnceInOrder(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	svc := newService(db)
	var made []cases.Case
	for _, x := range []struct {
		title string
		risk  cases.Risk
	}{{"Bravo cameras", cases.RiskHigh}, {"alpha scoring", cases.RiskHigh}, {"Delta chatbot", cases.RiskLow}, {"Charlie loans", cases.RiskHigh}} {
		d := draft()
		d.Title, d.Risk, d.Respondent = x.title, x.risk, "Respondent of "+x.title
		c, err := svc.CreateCase(ctx, secretary, d)
		if err != nil {
			t.Fatal(err)
		}
		made = append(made, c)
	}
	headBefore, _, _ := db.AuditHead(ctx)

	var got []cases.Case
	n, err := svc.ExportCases(ctx, secretary, cases.ExportRequest{Format: "xlsx",
		Filter: cases.Query{Risk: cases.RiskHigh, Sort: cases.SortTitle, Desc: true}}, func(c cases.Case) error {
		got = append(got, c)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Titles sort without regard to case, newest title first.
	want := []cases.Case{made[3], made[0], made[1]}
	if n != len(want) || len(got) != len(want) {
		t.Fatalf("exported %d (said %d), want %d high-risk cases", len(got), n, len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.ID != w.ID || g.Reference != w.Reference || g.Title != w.Title || g.Respondent != w.Respondent ||
			g.Summary != w.Summary || g.Status != w.Status || g.Risk != w.Risk || g.ReceivedOn != w.ReceivedOn ||
			g.TypeCode != w.TypeCode || g.AISystem != w.AISystem || g.CatalogueCode != w.CatalogueCode {
			t.Fatalf("row %d: got %s %q, want %s %q (%+v)", i, g.Reference, g.Title, w.Reference, w.Title, g)
		}
		if g.Submitter.Name != "" || g.Submitter.Contact != "" || g.Submitter.Kind != w.Submitter.Kind {
			t.Fatalf("row %d carries the submitter's personal data without asking: %+v", i, g.Submitter)
		}
	}

	// The default order is the reference, ascending.
	got = nil
	if _, err := svc.ExportCases(ctx, secretary, cases.ExportRequest{Format: "csv", IncludePersonal: true}, func(c cases.Case) error {
		got = append(got, c)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 || got[0].Reference != made[0].Reference || got[3].Reference != made[3].Reference || got[1].Submitter.Name != "Zhang Wei" {
		t.Fatalf("the whole register in reference order, with personal data: %v", references(got))
	}

	recs, _, err := svc.AuditLog(ctx, auditor, cases.AuditFilter{Action: "register.export"})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[1].Seq != headBefore+1 || recs[1].Actor != "Li Na" || recs[1].ActorID != secretary.ID ||
		!strings.Contains(recs[1].After, `"xlsx"`) || !strings.Contains(recs[1].After, `"personal_data":false`) ||
		!strings.Contains(recs[0].After, `"personal_data":true`) {
		t.Fatalf("the exports' audit entries: %+v", recs)
	}
	if bad, problem, err := db.VerifyAuditChain(ctx); err != nil || bad != 0 {
		t.Fatalf("the audit chain after exporting: entry %d, %s, %v", bad, problem, err)
	}
}

// An export stops at the first case the writer cannot take (a full disk)
// or when it is cancelled: no further case is handed out.
func TestExportStopsAtTheWritersErrorAndAtCancel(t *testing.T) {
	db, _ := openTemp(t)
	svc := newService(db)
	for range 3 {
		if _, err := svc.CreateCase(context.Background(), secretary, draft()); err != nil {
			t.Fatal(err)
		}
	}
	full := errors.New("the disk is full")
	calls := 0
	_, err := svc.ExportCases(context.Background(), secretary, cases.ExportRequest{Format: "csv"}, func(cases.Case) error {
		calls++
		return full
	})
	if !errors.Is(err, full) || calls != 1 {
		t.Fatalf("a failing writer: %v after %d cases", err, calls)
	}
	ctx, cancel := context.WithCancel(context.Background())
	calls = 0
	_, err = svc.ExportCases(ctx, secretary, cases.ExportRequest{Format: "csv"}, func(cases.Case) error {
		calls++
		cancel()
		return nil
	})
	if !errors.Is(err, context.Canceled) || calls != 1 {
		t.Fatalf("a cancelled export: %v after %d cases", err, calls)
	}
}

func references(cs []cases.Case) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Reference)
	}
	return out
}
