package store_test

import (
	"bytes"
	"context"
	"os"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
)

// The register lists the closed cases due for anonymisation by the day
// they were closed, and anonymising one removes the submitter's name and
// contact for good: from the case, and from the bytes of the register file
// and its journal. Anonymising it again changes nothing.
func TestRetentionRemovesTheSubmitterFromTheDisk(t *testing.T) {
	db, path := openTemp(t)
	ctx := context.Background()
	passwordcost.Cheap()
	svc := cases.NewService(db, time.Now)
	admin, err := svc.Bootstrap(ctx, "admin", "Administrator", "a long enough test password")
	if err != nil {
		t.Fatal(err)
	}
	sec, err := svc.CreateUser(ctx, admin, cases.NewAccount{Username: "sec", DisplayName: "Li Na", Role: cases.RoleSecretariat, Password: "a long enough test password"})
	if err != nil {
		t.Fatal(err)
	}
	d := draft()
	d.Submitter = cases.Submitter{Kind: cases.SubmitterPerson, Name: "Quillon Vantrepp", Contact: "quillon.vantrepp@example.org"}
	closed, err := svc.CreateCase(ctx, sec, d)
	if err != nil {
		t.Fatal(err)
	}
	open, err := svc.CreateCase(ctx, sec, draft())
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range []cases.Status{cases.Screening, cases.Inadmissible, cases.Closed} {
		reason := ""
		if to == cases.Inadmissible {
			reason = "Outside the committee's remit."
		}
		if closed, err = svc.Transition(ctx, sec, closed.ID, closed.Version, to, reason); err != nil {
			t.Fatal(err)
		}
	}
	today := cases.DateOf(time.Now())
	if due, err := db.RetentionDue(ctx, today.AddDays(-1)); err != nil || len(due) != 0 {
		t.Fatalf("due before the day it closed: %+v %v", due, err)
	}
	due, err := db.RetentionDue(ctx, today)
	if err != nil || len(due) != 1 || due[0].ID != closed.ID || due[0].Reference != closed.Reference || due[0].ClosedOn != today || due[0].Title != closed.Title {
		t.Fatalf("due on the day it closed: %+v %v", due, err)
	}
	onDisk := func(secret string) bool {
		for _, f := range []string{path, path + "-wal"} {
			b, err := os.ReadFile(f)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			if bytes.Contains(b, []byte(secret)) {
				return true
			}
		}
		return false
	}
	if !onDisk("Quillon Vantrepp") {
		t.Fatal("the submitter's name is not on the disk before anonymising: the test looks in the wrong place")
	}
	audit := cases.AuditEntry{Actor: admin, Action: "retention.anonymise", Entity: "case"}
	if n, err := db.AnonymiseSubmitters(ctx, []int64{closed.ID}, time.Now(), audit); err != nil || n != 1 {
		t.Fatalf("anonymised %d: %v", n, err)
	}
	got, err := svc.GetCase(ctx, sec, closed.ID)
	if err != nil || got.Submitter.Name != "" || got.Submitter.Contact != "" || got.Version != closed.Version+1 {
		t.Fatalf("after anonymising: %+v (version %d, was %d) %v", got.Submitter, got.Version, closed.Version, err)
	}
	if other, err := svc.GetCase(ctx, sec, open.ID); err != nil || other.Submitter.Name != "Zhang Wei" {
		t.Fatalf("another case lost its submitter: %+v %v", other.Submitter, err)
	}
	if due, err := db.RetentionDue(ctx, today); err != nil || len(due) != 0 {
		t.Fatalf("still due after anonymising: %+v %v", due, err)
	}
	if n, err := db.AnonymiseSubmitters(ctx, []int64{closed.ID}, time.Now(), audit); err != nil || n != 0 {
		t.Fatalf("anonymised again: %d %v", n, err)
	}
	for _, secret := range []string{"Quillon Vantrepp", "quillon.vantrepp@example.org", "Vantrepp"} {
		if onDisk(secret) {
			t.Errorf("the register or its journal still holds %q", secret)
		}
	}
}
