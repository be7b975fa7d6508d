package cases_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

func TestOnlyTheAdministratorSetsTheLetterheadAndItIsAudited(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	var forbidden *cases.ForbiddenError
	if err := k.svc.SaveCommitteeLetterhead(ctx, k.sec, "Another committee", ""); !errors.As(err, &forbidden) {
		t.Fatalf("the secretariat set the letterhead: %v", err)
	}
	var fe cases.FieldErrors
	if err := k.svc.SaveCommitteeLetterhead(ctx, k.admin, "  ", "Addr"); !errors.As(err, &fe) || fe["committee_name"] == "" {
		t.Fatalf("an empty name: %v", err)
	}
	seq, _, _ := k.svc.AuditHead(ctx)
	if err := k.svc.SaveCommitteeLetterhead(ctx, k.admin, "Shenzhen AI Ethics Committee", "1 Civic Square\nShenzhen"); err != nil {
		t.Fatal(err)
	}
	name, address, err := k.svc.CommitteeLetterhead(ctx)
	if err != nil || name != "Shenzhen AI Ethics Committee" || address != "1 Civic Square\nShenzhen" {
		t.Fatalf("letterhead now %q %q (%v)", name, address, err)
	}
	recs, _, err := k.svc.AuditLog(ctx, k.admin, cases.AuditFilter{Action: "settings.letterhead"})
	if err != nil || len(recs) != 1 || recs[0].Seq != seq+1 || recs[0].ActorID != k.admin.ID {
		t.Fatalf("audit entries %+v (%v)", recs, err)
	}
}

func TestLockedAccountsListsAnAccountAfterFiveWrongPasswords(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	for i := 0; i < cases.MaxFailedLogins; i++ {
		k.svc.Login(ctx, "sec", "not the password")
	}
	locked, err := k.svc.LockedAccounts(ctx, k.admin)
	if err != nil || len(locked) != 1 || locked[k.sec.ID].IsZero() {
		t.Fatalf("locked accounts: %v (%v)", locked, err)
	}
	if _, err := k.svc.LockedAccounts(ctx, k.sec); err == nil {
		t.Fatal("the secretariat listed the locks")
	}
	if err := k.svc.ResetPassword(ctx, k.admin, k.sec.ID, "a new password 1"); err != nil {
		t.Fatal(err)
	}
	if locked, _ := k.svc.LockedAccounts(ctx, k.admin); len(locked) != 0 {
		t.Fatalf("a password reset did not lift the lock: %v", locked)
	}
}

func TestRuleInWords(t *testing.T) {
	two3 := cases.Fraction{Num: 2, Den: 3}
	got := cases.RuleInWords(cases.Decide(cases.Tally{Present: 5, Approve: 4, Reject: 1}, 5, two3), 5, two3)
	if want := "Carries with at least 2/3 of the 5 non-recused members present (4 needed): 4 in favour, 1 against, 0 abstaining — Approved."; got != want {
		t.Fatalf("%q", got)
	}
	got = cases.RuleInWords(cases.Decide(cases.Tally{Present: 4, Approve: 4}, 5, two3), 5, two3)
	if want := "No quorum: 4 members present, at least 5 needed — no decision."; got != want {
		t.Fatalf("%q", got)
	}
}

// The letterhead's name holds 200 characters and its address 500; one
// more is refused at the field.
func TestLetterheadLengthsAtTheirEdges(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	name, address := strings.Repeat("委", cases.MaxCommitteeName), strings.Repeat("址", cases.MaxCommitteeAddress)
	must(t, k.svc.SaveCommitteeLetterhead(ctx, k.admin, name, address))
	var fe cases.FieldErrors
	if err := k.svc.SaveCommitteeLetterhead(ctx, k.admin, name+"x", address+"x"); !errors.As(err, &fe) ||
		fe["committee_name"] != "Too long: at most 200 characters." || fe["committee_address"] != "Too long: at most 500 characters." {
		t.Fatalf("a name of 201 and an address of 501 characters: %v", err)
	}
	if got, gotAddress, err := k.svc.CommitteeLetterhead(ctx); err != nil || got != name || gotAddress != address {
		t.Fatalf("the refused letterhead replaced the saved one: %v", err)
	}
}
