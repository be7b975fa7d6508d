package store_test

import (
	"context"
	"fmt"
	"testing"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
)

// "No rapporteur yet" and a rapporteur's own cases are different lists,
// whatever the rapporteur's account number (the first account made is 1).
func TestCasesWithoutARapporteurAreNotThoseOfAccountOne(t *testing.T) {
	ctx := context.Background()
	passwordcost.Cheap()
	db, path := registerWithCases(t, 3)
	svc := newService(db)
	admin, err := svc.Bootstrap(ctx, "admin", "Chen Jie", "a long enough test password")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateUser(ctx, admin, cases.NewAccount{Username: "liwei", DisplayName: "Li Wei", Role: cases.RoleMember, Password: "a long enough test password"}); err != nil {
		t.Fatal(err)
	}
	raw := rawWriter(t, path)
	for id, rapporteur := range map[int]string{1: "1", 2: "2"} {
		if _, err := raw.Exec("UPDATE cases SET rapporteur_id = ?1, rapporteur_name = 'Member ' || ?1 WHERE id = ?2", rapporteur, id); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		rapporteur int64
		want       string
	}{{cases.NoRapporteur, "[3]"}, {1, "[1]"}, {2, "[2]"}} {
		rows, err := db.ListCases(ctx, cases.Query{Rapporteur: c.rapporteur, Sort: cases.SortReference}, 0, 10)
		var ids []int64
		for _, r := range rows {
			ids = append(ids, r.ID)
		}
		if err != nil || fmt.Sprint(ids) != c.want {
			t.Errorf("rapporteur filter %d: cases %v, want %s (%v)", c.rapporteur, ids, c.want, err)
		}
	}
}
