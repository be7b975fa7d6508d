package cases_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// The administrator's reference data on a real register: a new case type
// needs a plain code not used yet; a classification code is a capital
// letter and up to four digits, not used yet when added, with a name of
// 1 to 200 characters; renaming keeps the code. Each change is audited,
// a rename with the name it replaced; nobody else may change them.
func TestReferenceDataRules(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	research := cases.CaseType{Code: "research_review", Name: "Research review", DecisionDays: 45}
	name200 := strings.Repeat("业", 200)
	for _, tc := range []struct {
		name  string
		run   func() error
		field string // "" when saved
		want  string
	}{
		{"the secretariat adds a type", func() error { return k.svc.AddCaseType(ctx, k.sec, research) }, "forbidden", ""},
		{"a type code with capitals", func() error {
			return k.svc.AddCaseType(ctx, k.admin, cases.CaseType{Code: "Research", Name: "Research", DecisionDays: 30})
		}, cases.FieldTypeCode, "Write the code in small letters, digits and underscores, starting with a letter, for example research_review."},
		{"a new type", func() error { return k.svc.AddCaseType(ctx, k.admin, research) }, "", ""},
		{"the same type code again", func() error { return k.svc.AddCaseType(ctx, k.admin, research) }, cases.FieldTypeCode, "There is already a case type with this code."},
		{"the secretariat adds a classification", func() error {
			return k.svc.AddCatalogueEntry(ctx, k.sec, cases.CatalogueEntry{Code: "Z9876", Name: "Software"})
		}, "forbidden", ""},
		{"the secretariat renames a classification", func() error {
			return k.svc.SaveCatalogueEntry(ctx, k.sec, cases.CatalogueEntry{Code: "G54", Name: "Trains"})
		}, "forbidden", ""},
		{"a classification code of five digits", func() error {
			return k.svc.AddCatalogueEntry(ctx, k.admin, cases.CatalogueEntry{Code: "Z98765", Name: "Software"})
		}, cases.FieldCatalogueCode, "Write the code as the national classification does: a capital letter and up to four digits, for example I65."},
		{"a classification without a name", func() error {
			return k.svc.AddCatalogueEntry(ctx, k.admin, cases.CatalogueEntry{Code: "Z9876", Name: " "})
		}, cases.FieldCatalogueName, "Enter the name of the classification."},
		{"a classification name of 201 characters", func() error {
			return k.svc.AddCatalogueEntry(ctx, k.admin, cases.CatalogueEntry{Code: "Z9876", Name: name200 + "x"})
		}, cases.FieldCatalogueName, "Keep the name to 200 characters."},
		{"a classification name of 200 characters", func() error {
			return k.svc.AddCatalogueEntry(ctx, k.admin, cases.CatalogueEntry{Code: "Z9876", Name: name200})
		}, "", ""},
		{"the same classification code again", func() error {
			return k.svc.AddCatalogueEntry(ctx, k.admin, cases.CatalogueEntry{Code: "Z9876", Name: "Software"})
		}, cases.FieldCatalogueCode, "There is already a classification with this code."},
		{"a classification renamed", func() error {
			return k.svc.SaveCatalogueEntry(ctx, k.admin, cases.CatalogueEntry{Code: "Z9876", Name: "Software and IT services"})
		}, "", ""},
	} {
		head, _, err := k.svc.AuditHead(ctx)
		must(t, err)
		err = tc.run()
		var fe cases.FieldErrors
		switch {
		case tc.field == "forbidden":
			if !isForbidden(err) {
				t.Errorf("%s: %v", tc.name, err)
			}
		case tc.field == "":
			if err != nil {
				t.Errorf("%s: refused: %v", tc.name, err)
			}
		case !errors.As(err, &fe) || fe[tc.field] != tc.want:
			t.Errorf("%s: got %v, want %q at %s", tc.name, err, tc.want, tc.field)
		}
		if after, _, _ := k.svc.AuditHead(ctx); (after != head) != (tc.field == "") {
			t.Errorf("%s: the audit log went from %d to %d entries", tc.name, head, after)
		}
	}
	types, err := k.svc.CaseTypes(ctx)
	must(t, err)
	var found bool
	for _, ct := range types {
		if ct.Code == research.Code {
			found = ct.Name == research.Name && ct.DecisionDays == 45
		}
	}
	if !found {
		t.Errorf("the new case type is not listed as saved: %+v", types)
	}
	entries, err := k.svc.Catalogue(ctx)
	must(t, err)
	var names []string
	for _, e := range entries {
		if e.Code == "Z9876" {
			names = append(names, e.Name)
		}
	}
	if len(names) != 1 || names[0] != "Software and IT services" {
		t.Errorf("the classification Z9876 is listed as %v", names)
	}
	r := k.head()
	if r.Action != "catalogue.rename" || !strings.Contains(r.Before, name200) || !strings.Contains(r.After, "Software and IT services") {
		t.Errorf("the rename's audit entry: %s %s -> %s", r.Action, r.Before, r.After)
	}
	recs, _, err := k.svc.AuditLog(ctx, k.admin, cases.AuditFilter{Action: "catalogue.add"})
	if err != nil || len(recs) != 1 || !strings.Contains(recs[0].After, "Z9876") {
		t.Errorf("the addition's audit entry: %d entries (%v)", len(recs), err)
	}
}

// The register marks a running deadline overdue the day after it, and
// "due soon" from the day itself back to seven days before; a case
// awaiting information is neither, its clock being stopped.
func TestOverdueAndDueSoonAtTheirEdges(t *testing.T) {
	today := cases.MustDate("2026-03-10")
	row := func(due string, st cases.Status) cases.Row {
		r := cases.Row{Status: st}
		if due != "" {
			r.DueOn = cases.MustDate(due)
		}
		return r
	}
	for _, tc := range []struct {
		row              cases.Row
		overdue, dueSoon bool
	}{
		{row("2026-03-09", cases.UnderReview), true, false},
		{row("2026-03-10", cases.UnderReview), false, true},
		{row("2026-03-17", cases.UnderReview), false, true},
		{row("2026-03-18", cases.UnderReview), false, false},
		{row("2026-03-09", cases.AwaitingInfo), false, false},
		{row("2026-03-12", cases.AwaitingInfo), false, false},
		{row("", cases.Received), false, false},
	} {
		if got := tc.row.Overdue(today); got != tc.overdue {
			t.Errorf("due %s, %s: overdue %v, want %v", tc.row.DueOn, tc.row.Status, got, tc.overdue)
		}
		if got := tc.row.DueSoon(today); got != tc.dueSoon {
			t.Errorf("due %s, %s: due soon %v, want %v", tc.row.DueOn, tc.row.Status, got, tc.dueSoon)
		}
	}
}
