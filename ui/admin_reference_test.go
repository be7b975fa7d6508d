package ui

import (
	"context"
	"errors"
	"testing"

	"fyne.io/fyne/v2/test"

	"ethicsdesk/cases"
)

// TestAdministratorKeepsReferenceDataInTheWindow adds a case type, renames
// one, adds and renames a classification and lowers the attachment size
// limit, all in Committee settings; bad input is refused at its field; each
// change is in the audit log; a new file over the limit is then refused,
// and only the administrator may change any of it.
func TestAdministratorKeepsReferenceDataInTheWindow(t *testing.T) {
	p := newPeople(t)
	ctx := context.Background()
	p.as(p.admin)
	p.d.openRegister()
	s := p.d.openSettings()
	p.settle()

	// A new case type.
	f := s.newType
	f.code.SetText("Research Review")
	f.name.SetText("Research review")
	f.days.SetText("45")
	test.Tap(f.add)
	p.settle()
	if !containsPart(f.form.messages(), "small letters, digits and underscores") {
		t.Fatalf("a code with capitals and a space: %v", f.form.messages())
	}
	f.code.SetText("privacy_complaint")
	test.Tap(f.add)
	p.settle()
	if !contains(f.form.messages(), "There is already a case type with this code.") {
		t.Fatalf("a code already used: %v", f.form.messages())
	}
	f.code.SetText("research_review")
	f.workingDays.SetChecked(true)
	test.Tap(f.add)
	p.settle()
	types, _ := p.svc.CaseTypes(ctx)
	var added *cases.CaseType
	for i := range types {
		if types[i].Code == "research_review" {
			added = &types[i]
		}
	}
	if added == nil || added.Name != "Research review" || added.DecisionDays != 45 || !added.WorkingDays {
		t.Fatalf("the added type: %+v (%v)", added, f.form.messages())
	}
	if len(s.types) != len(types) {
		t.Fatalf("the tab shows %d types after the addition, the register has %d", len(s.types), len(types))
	}
	if p.d.register == nil || !contains(p.d.register.filters.typ.Options, "Research review") {
		t.Fatal("the register's type filter does not offer the added type")
	}
	d := validDraft(1)
	d.TypeCode = "research_review"
	if _, err := p.svc.CreateCase(ctx, p.sec, d); err != nil {
		t.Fatalf("a case of the new type: %v", err)
	}

	// Renaming a type.
	for _, r := range s.types {
		if r.t.Code == "guidance_request" {
			r.name.SetText("Request for guidance")
			test.Tap(r.save)
			p.settle()
		}
	}
	if types, _ := p.svc.CaseTypes(ctx); !hasType(types, "guidance_request", "Request for guidance") {
		t.Fatalf("the renamed type: %+v", types)
	}

	// The classification catalogue.
	c := s.catalog
	c.code.SetText("i65")
	c.name.SetText("Software")
	test.Tap(c.add)
	p.settle()
	c = s.catalog
	if containsPart(labelTexts(c.box), "a capital letter and up to four digits") == false {
		t.Fatalf("a lower-case code: %v", labelTexts(c.box))
	}
	c.code.SetText("M73") // in the catalogue already
	c.name.SetText("Something else")
	test.Tap(c.add)
	p.settle()
	if c = s.catalog; !containsPart(labelTexts(c.box), "There is already a classification with this code.") {
		t.Fatalf("adding a code already there: %v", labelTexts(c.box))
	}
	c.code.SetText("I6599")
	c.name.SetText("Research and experimental development")
	test.Tap(c.add)
	p.settle()
	if c = s.catalog; c.names["I6599"] == nil || c.names["I6599"].Text != "Research and experimental development" {
		t.Fatalf("the added classification is not listed: %v", c.names)
	}
	c.names["I6599"].SetText("")
	s.saveCatalogue(cases.CatalogueEntry{Code: "I6599", Name: c.names["I6599"].Text})
	p.settle()
	if !contains(c.form.messages(), "Enter the name of the classification.") {
		t.Fatalf("an empty name: %v", c.form.messages())
	}
	c.names["I6599"].SetText("Scientific research")
	s.saveCatalogue(cases.CatalogueEntry{Code: "I6599", Name: c.names["I6599"].Text})
	p.settle()
	entries, _ := p.svc.Catalogue(ctx)
	found := false
	for _, e := range entries {
		found = found || (e.Code == "I6599" && e.Name == "Scientific research")
	}
	if !found || c.saved.Text != "Saved." {
		t.Fatalf("the renamed classification: %v %v", entries, c.form.messages())
	}

	// The attachment size limit.
	s.attachMB.SetText("0")
	test.Tap(s.saveRules)
	p.settle()
	if !containsPart(s.rules.messages(), "from 1 to 500") {
		t.Fatalf("a limit of 0 MB: %v", s.rules.messages())
	}
	s.attachMB.SetText("1")
	test.Tap(s.saveRules)
	p.settle()
	if st, _ := p.svc.Settings(ctx); st.AttachmentMaxBytes != 1<<20 {
		t.Fatalf("the limit saved: %d (%v)", st.AttachmentMaxBytes, s.rules.messages())
	}
	cs, err := p.svc.CreateCase(ctx, p.sec, validDraft(2))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.svc.AddAttachments(ctx, p.sec, cs.ID, []cases.NewAttachment{{FileName: "big.pdf", Data: make([]byte, 1<<20+1)}}); err == nil {
		t.Fatal("a file over the new 1 MB limit was attached")
	}

	// Each change is in the audit log.
	records, _, err := p.svc.AuditLog(ctx, p.admin, cases.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]int{}
	for _, r := range records {
		actions[r.Action]++
	}
	for _, a := range []string{"case_type.add", "case_type.save", "catalogue.add", "catalogue.rename", "settings.save"} {
		if actions[a] == 0 {
			t.Errorf("no %s entry in the audit log: %v", a, actions)
		}
	}

	// Only the administrator.
	var forbidden *cases.ForbiddenError
	if err := p.svc.AddCaseType(ctx, p.sec, cases.CaseType{Code: "x_type", Name: "X", DecisionDays: 5}); !errors.As(err, &forbidden) {
		t.Fatalf("the secretariat added a case type: %v", err)
	}
	if err := p.svc.SaveCatalogueEntry(ctx, p.sec, cases.CatalogueEntry{Code: "Z99", Name: "Z"}); !errors.As(err, &forbidden) {
		t.Fatalf("the secretariat changed the catalogue: %v", err)
	}
}

func hasType(types []cases.CaseType, code, name string) bool {
	for _, t := range types {
		if t.Code == code && t.Name == name {
			return true
		}
	}
	return false
}
