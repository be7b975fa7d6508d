package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"ethicsdesk/cases"
	"ethicsdesk/store"
)

// A new register is not a demonstration; marking it once makes it one,
// with one audit entry, and marking it again adds nothing. A register
// holding a case of its own is refused with a sentence naming the file
// and stays unmarked; a setting that says anything but "yes" is no mark.
func TestTheDemonstrationMark(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	if demo, err := db.IsDemonstration(ctx); demo || err != nil {
		t.Fatalf("a new register is a demonstration: %v %v", demo, err)
	}
	for range 2 {
		if err := db.MarkDemonstration(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if demo, err := db.IsDemonstration(ctx); !demo || err != nil {
		t.Fatalf("a marked register: %v %v", demo, err)
	}
	recs, _, err := db.AuditQuery(ctx, cases.AuditFilter{Action: "register.mark_demonstration", Limit: 5})
	if err != nil || len(recs) != 1 || recs[0].Actor != cases.System.DisplayName {
		t.Fatalf("the mark's audit entries: %+v %v", recs, err)
	}

	inUse, path := registerWithCases(t, 1)
	err = inUse.MarkDemonstration(ctx)
	var nd *store.NotDemonstrationError
	if !errors.As(err, &nd) || !strings.Contains(err.Error(), path+" is a register in use") || !strings.Contains(err.Error(), "Nothing was added") {
		t.Fatalf("marking a register with a case: %v", err)
	}
	if demo, err := inUse.IsDemonstration(ctx); demo || err != nil {
		t.Fatalf("the refused register is marked: %v %v", demo, err)
	}
	if _, err := rawDB(t, path).Exec("INSERT INTO settings (key, value) VALUES (?1, 'no')", cases.DemonstrationSetting); err != nil {
		t.Fatal(err)
	}
	if demo, err := inUse.IsDemonstration(ctx); demo || err != nil {
		t.Fatalf("a setting of \"no\" marks the register: %v %v", demo, err)
	}
}
