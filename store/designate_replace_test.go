package store_test

import (
	"context"
	"testing"

	"ethicsdesk/cases"
)

// Designating a case's members for the simplified procedure again
// replaces the list: a member left out has no view to give any more.
func TestDesignatingAgainReplacesTheDesignatedMembers(t *testing.T) {
	db, svc, admin := registerWithAdmin(t)
	ctx := context.Background()
	var members []cases.User
	for _, name := range []string{"Wang Fang", "Zhou Min"} {
		m, err := svc.CreateUser(ctx, admin, cases.NewAccount{Username: name[:4], DisplayName: name, Role: cases.RoleMember, Password: "a long member password"})
		if err != nil {
			t.Fatal(err)
		}
		members = append(members, m)
	}
	c, _ := svc.CreateCase(ctx, secretary, draft())
	audit := cases.AuditEntry{Actor: secretary, Action: "case.designate", Entity: "case", EntityID: c.ID}
	if err := db.Designate(ctx, c.ID, []int64{members[0].ID, members[1].ID}, audit); err != nil {
		t.Fatal(err)
	}
	if err := db.Designate(ctx, c.ID, []int64{members[1].ID}, audit); err != nil {
		t.Fatal(err)
	}
	views, err := db.SimplifiedViews(ctx, c.ID)
	if err != nil || len(views) != 1 || views[0].UserID != members[1].ID || views[0].Name != "Zhou Min" {
		t.Fatalf("the designated members after designating again: %+v %v", views, err)
	}
}
