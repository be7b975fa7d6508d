package cases_test

import (
	"context"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// A submitter's request for their data: the secretariat exports every case
// of that submitter, by name or e-mail in any letter case, with the
// personal data; the audit log records the export without the name; roles
// that may not see submitters (members, administrators) may not look cases
// up by submitter at all.
func TestSubmitterDataExport(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	a := k.newCase(false, cases.RiskLow) // submitted by Zhang Wei
	b := k.newCase(false, cases.RiskHigh)
	d := b.Draft
	d.Submitter = cases.Submitter{Kind: cases.SubmitterPerson, Name: "Li Ming", Contact: "li.ming@example.org"}
	if _, err := k.svc.UpdateCase(ctx, k.sec, b.ID, b.Version, d); err != nil {
		t.Fatal(err)
	}
	c := k.newCase(true, cases.RiskLow) // confidential, Zhang Wei again
	for _, who := range []string{"zhang wei", " Zhang Wei "} {
		var got []cases.Case
		n, err := k.svc.ExportCases(ctx, k.sec, cases.ExportRequest{Filter: cases.Query{Submitter: who}, Format: "csv", IncludePersonal: true},
			func(c cases.Case) error { got = append(got, c); return nil })
		if err != nil || n != 2 || got[0].Submitter.Name != "Zhang Wei" {
			t.Fatalf("%q: %d cases %+v (%v)", who, n, got, err)
		}
		for _, g := range got {
			if g.ID != a.ID && g.ID != c.ID {
				t.Fatalf("%q exported %s, another submitter's case", who, g.Reference)
			}
		}
	}
	h := k.head()
	if h.Action != "register.export" || strings.Contains(h.After, "Zhang") || !strings.Contains(h.After, "one submitter") {
		t.Fatalf("audit entry of the export: %s %s", h.Action, h.After)
	}
	if n, _, err := k.svc.CountCases(ctx, k.sec, cases.Query{Submitter: "li.ming@EXAMPLE.org"}); err != nil || n != 1 {
		t.Fatalf("by e-mail: %d (%v)", n, err)
	}
	for _, u := range []cases.User{k.members[0], k.admin} {
		if _, err := k.svc.ListCases(ctx, u, cases.Query{Submitter: "Zhang Wei"}, 0, 10); err == nil {
			t.Fatalf("%s looked cases up by submitter", u.Role)
		}
		if _, err := k.svc.Search(ctx, u, "metro", cases.Query{Submitter: "Zhang Wei"}, 0, 10); err == nil {
			t.Fatalf("%s searched by submitter", u.Role)
		}
	}
}
