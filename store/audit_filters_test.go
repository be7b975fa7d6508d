package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"ethicsdesk/cases"
)

// The audit view's filters: by who (only their entries), by a kind of
// action ("user." for every account action), by case (the case's own
// entries and its notes'); and the change feed reads the entries after
// a number, oldest first, a page at a time.
func TestAuditFiltersAndTheChangeFeed(t *testing.T) {
	db, svc, admin := registerWithAdmin(t)
	ctx := context.Background()
	sec, err := svc.CreateUser(ctx, admin, cases.NewAccount{Username: "sec", DisplayName: "Li Na", Role: cases.RoleSecretariat, Password: "the secretary's long password"})
	if err != nil {
		t.Fatal(err)
	}
	one, _ := svc.CreateCase(ctx, sec, draft())
	two, _ := svc.CreateCase(ctx, sec, draft())
	if _, err := svc.AddNote(ctx, sec, one.ID, "Called the submitter.", false); err != nil {
		t.Fatal(err)
	}
	actions := func(f cases.AuditFilter) string {
		t.Helper()
		f.Limit = 50
		recs, total, err := db.AuditQuery(ctx, f)
		if err != nil || total != len(recs) {
			t.Fatalf("%+v: %d of %d, %v", f, len(recs), total, err)
		}
		var out []string
		for _, r := range recs {
			out = append(out, fmt.Sprintf("%s/%d", r.Action, r.EntityID))
		}
		return fmt.Sprint(out)
	}
	if got, want := actions(cases.AuditFilter{UserID: sec.ID}), fmt.Sprintf("[note.add/1 case.create/%d case.create/%d]", two.ID, one.ID); got != want {
		t.Errorf("Li Na's entries: %s, want %s", got, want)
	}
	if got, want := actions(cases.AuditFilter{Action: "user."}), fmt.Sprintf("[user.create/%d user.bootstrap/%d]", sec.ID, admin.ID); got != want {
		t.Errorf("account entries: %s, want %s", got, want)
	}
	if got, want := actions(cases.AuditFilter{CaseID: one.ID}), fmt.Sprintf("[note.add/1 case.create/%d]", one.ID); got != want {
		t.Errorf("the first case's entries: %s, want %s", got, want)
	}
	if got := actions(cases.AuditFilter{UserID: admin.ID, CaseID: one.ID}); got != "[]" {
		t.Errorf("the administrator's entries about the first case: %s", got)
	}

	feed, err := db.AuditAfter(ctx, 1, 2)
	if err != nil || len(feed) != 2 || feed[0].Seq != 2 || feed[1].Seq != 3 || feed[0].Action != "user.create" {
		t.Fatalf("the feed after entry 1: %+v %v", feed, err)
	}
	head, _, _ := db.AuditHead(ctx)
	if feed, err := db.AuditAfter(ctx, head, 10); err != nil || len(feed) != 0 {
		t.Fatalf("the feed after the head: %+v %v", feed, err)
	}

	if _, err := db.UserByID(ctx, sec.ID+10); !errors.Is(err, cases.ErrNotFound) {
		t.Errorf("an account that does not exist, by number: %v", err)
	}
	if _, err := db.UserByName(ctx, "nobody"); !errors.Is(err, cases.ErrNotFound) {
		t.Errorf("an account that does not exist, by name: %v", err)
	}
	if u, err := db.UserByName(ctx, "sec"); err != nil || u.ID != sec.ID || u.DisplayName != "Li Na" {
		t.Errorf("Li Na by name: %+v %v", u, err)
	}
}
