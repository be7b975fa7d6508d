package store_test

import (
	"context"
	"errors"
	"testing"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
)

// An administrator's password reset replaces the password, lifts the
// lock of a member who typed five wrong ones, and leaves one audit entry;
// a reset of an account that does not exist writes nothing.
func TestAPasswordResetLiftsTheLockWithOneAuditEntry(t *testing.T) {
	passwordcost.Cheap()
	ctx := context.Background()
	db, _ := openTemp(t)
	svc := newService(db)
	admin, err := svc.Bootstrap(ctx, "admin", "Chen Jie", "the first long password")
	if err != nil {
		t.Fatal(err)
	}
	m, err := svc.CreateUser(ctx, admin, cases.NewAccount{Username: "liwei", DisplayName: "Li Wei", Role: cases.RoleMember, Password: "the member's long password"})
	if err != nil {
		t.Fatal(err)
	}
	for range cases.MaxFailedLogins {
		svc.Login(ctx, "liwei", "a wrong password")
	}
	if _, err := svc.Login(ctx, "liwei", "the member's long password"); err == nil {
		t.Fatal("set-up: the member was not locked out")
	}
	seq, _, _ := db.AuditHead(ctx)
	if err := svc.ResetPassword(ctx, admin, m.ID, "a new long password here"); err != nil {
		t.Fatal(err)
	}
	recs, _, err := db.AuditQuery(ctx, cases.AuditFilter{Action: "user.reset_password", Limit: 10})
	if after, _, _ := db.AuditHead(ctx); err != nil || after != seq+1 || len(recs) != 1 || recs[0].Actor != "Chen Jie" || recs[0].EntityID != m.ID {
		t.Fatalf("the reset's audit: %d entries after %d, %+v %v", after-seq, seq, recs, err)
	}
	if _, err := svc.Login(ctx, "liwei", "a new long password here"); err != nil {
		t.Fatalf("the new password after the reset: %v", err)
	}
	if _, err := svc.Login(ctx, "liwei", "the member's long password"); err == nil {
		t.Fatal("the old password still signs in")
	}
	seq, _, _ = db.AuditHead(ctx)
	if err := svc.ResetPassword(ctx, admin, m.ID+40, "a new long password here"); !errors.Is(err, cases.ErrNotFound) {
		t.Fatalf("a reset of no account: %v", err)
	}
	if after, _, _ := db.AuditHead(ctx); after != seq {
		t.Fatalf("a refused reset wrote %d audit entries", after-seq)
	}
}

// Settings saved together are all saved, with one audit entry.
func TestSettingsSavedTogetherAreAllSavedWithOneAuditEntry(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	seq, _, _ := db.AuditHead(ctx)
	values := map[string]string{"committee_name": "AI Ethics Committee", "deputy_chair": "7", "retention_years": "12"}
	if err := db.SaveSettings(ctx, values, cases.AuditEntry{Actor: secretary, Action: "settings.update", Entity: "settings"}); err != nil {
		t.Fatal(err)
	}
	got, err := db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range values {
		if got[k] != v {
			t.Errorf("setting %s = %q, want %q", k, got[k], v)
		}
	}
	if after, _, _ := db.AuditHead(ctx); after != seq+1 {
		t.Fatalf("%d audit entries for one save of settings", after-seq)
	}
}
