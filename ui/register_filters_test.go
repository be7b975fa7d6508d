package ui

import (
	"context"
	"testing"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
)

// TestRegisterFiltersByBreachAndRapporteur chooses the two filters the
// secretariat asked for in the register window and reads the count line
// and the rows it then shows.
func TestRegisterFiltersByBreachAndRapporteur(t *testing.T) {
	h := newHarness(t, Options{})
	ctx := context.Background()
	passwordcost.Cheap()
	admin, err := h.svc.Bootstrap(ctx, "admin", "Administrator", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	wang, err := h.svc.CreateUser(ctx, admin, cases.NewAccount{Username: "wang", DisplayName: "Wang Fang", Role: cases.RoleMember, Password: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.CreateUser(ctx, admin, cases.NewAccount{Username: "zhao", DisplayName: "Zhao Min", Role: cases.RoleSecretariat, Password: testPassword}); err != nil {
		t.Fatal(err)
	}
	for i, breach := range []cases.Breach{"privacy", "discrimination", "discrimination", "health"} {
		d := validDraft(i)
		d.Breach = breach
		c, err := h.svc.CreateCase(ctx, secretary, d)
		if err != nil {
			t.Fatal(err)
		}
		if i == 2 || i == 3 {
			if _, err := h.svc.AssignRapporteur(ctx, secretary, c.ID, wang.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	r := h.d.openRegister()
	r.win.Show()
	h.settle()

	if contains(r.filters.rapporteur.Options, "Zhao Min") || !contains(r.filters.rapporteur.Options, "Wang Fang") {
		t.Fatalf("the rapporteur filter offers %v: members and the chair only", r.filters.rapporteur.Options)
	}
	r.filters.breach.SetSelected("Discrimination")
	h.settle()
	if r.count.Text != "2 of 4 cases" {
		t.Fatalf("alleging discrimination, the count reads %q", r.count.Text)
	}
	r.filters.rapporteur.SetSelected("Wang Fang")
	h.settle()
	texts := labelTexts(r.table)
	if r.count.Text != "1 of 4 cases" || !contains(texts, "EC-2026-0003") || contains(texts, "EC-2026-0002") {
		t.Fatalf("Wang Fang's discrimination complaints: count %q, rows %v", r.count.Text, texts)
	}
	r.filters.breach.SetSelected("All breaches")
	h.settle()
	r.filters.rapporteur.SetSelected("No rapporteur yet")
	h.settle()
	texts = labelTexts(r.table)
	if r.count.Text != "2 of 4 cases" || !contains(texts, "EC-2026-0001") || contains(texts, "EC-2026-0003") {
		t.Fatalf("cases without a rapporteur: count %q, rows %v", r.count.Text, texts)
	}
}
