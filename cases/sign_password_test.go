package cases_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
)

// Wrong passwords at signing count toward the same lockout as sign-in:
// the fifth in a row locks the account, with sign-in's message, and then
// neither signing nor signing in works, even with the right password.
func TestWrongSigningPasswordsLockTheAccount(t *testing.T) {
	k := newCommittee(t).withPaperSigning()
	ctx := context.Background()
	rapp := k.members[0]
	id := k.caseInOpinionDrafting(rapp)
	if _, err := k.svc.SaveOpinionDraft(ctx, rapp, id, 0, opinionText()); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < cases.MaxFailedLogins; i++ {
		if _, err := k.svc.SignOpinion(ctx, rapp, id, "not my password"); !errors.Is(err, cases.ErrSignPassword) {
			t.Fatalf("wrong signing password %d: %v", i, err)
		}
	}
	_, err := k.svc.SignOpinion(ctx, rapp, id, "not my password")
	var locked *cases.LockedError
	if !errors.As(err, &locked) || !strings.HasPrefix(err.Error(), "Too many wrong passwords: this account is locked until") {
		t.Fatalf("fifth wrong signing password: %v", err)
	}
	if _, err := k.svc.SignOpinion(ctx, rapp, id, pw); !errors.As(err, &locked) {
		t.Fatalf("a locked account signed: %v", err)
	}
	if _, err := k.svc.Login(ctx, rapp.Username, pw); !errors.As(err, &locked) {
		t.Fatalf("a locked account signed in: %v", err)
	}
	if st := k.opinionState(id); st != cases.OpinionDraft {
		t.Fatalf("the opinion is %s after refused signatures", st)
	}
	if recs, _, _ := k.svc.AuditLog(ctx, k.admin, cases.AuditFilter{Limit: 1}); len(recs) == 0 || !strings.HasSuffix(recs[0].Action, "_failed") {
		t.Fatalf("the last wrong password left no audit entry: %+v", recs)
	}
	k.clock.advance(cases.LockoutDuration + time.Minute)
	if op, err := k.svc.SignOpinion(ctx, rapp, id, pw); err != nil || op.State != cases.OpinionSignedRapporteur {
		t.Fatalf("signing after the lock ended: %v", err)
	}
}

// Wrong passwords at countersigning count too, and mixed with wrong
// sign-in passwords: it is one count per account.
func TestSigningAndSignInFailuresShareOneCount(t *testing.T) {
	k := newCommittee(t).withPaperSigning()
	ctx := context.Background()
	id := k.caseInOpinionDrafting(k.members[0])
	k.draftAndSign(k.members[0], id)
	for i := 0; i < 2; i++ {
		if _, err := k.svc.Login(ctx, k.chair.Username, "wrong"); !errors.Is(err, cases.ErrWrongPassword) {
			t.Fatal(err)
		}
	}
	for i := 0; i < 2; i++ {
		if _, err := k.svc.SignOpinion(ctx, k.chair, id, "wrong"); !errors.Is(err, cases.ErrSignPassword) {
			t.Fatalf("wrong countersigning password: %v", err)
		}
	}
	var locked *cases.LockedError
	if _, err := k.svc.SignOpinion(ctx, k.chair, id, "wrong"); !errors.As(err, &locked) {
		t.Fatalf("the fifth wrong password in a row did not lock the account: %v", err)
	}
	if st := k.opinionState(id); st != cases.OpinionSignedRapporteur {
		t.Fatalf("state %s after refused countersignatures", st)
	}
}

// A right signing password clears the count of earlier wrong ones, as a
// successful sign-in does.
func TestRightSigningPasswordResetsTheCount(t *testing.T) {
	k := newCommittee(t).withPaperSigning()
	ctx := context.Background()
	rapp := k.members[0]
	id := k.caseInOpinionDrafting(rapp)
	for i := 1; i < cases.MaxFailedLogins; i++ {
		if _, err := k.svc.Login(ctx, rapp.Username, "wrong"); !errors.Is(err, cases.ErrWrongPassword) {
			t.Fatal(err)
		}
	}
	k.draftAndSign(rapp, id)
	if _, err := k.svc.Login(ctx, rapp.Username, "wrong"); !errors.Is(err, cases.ErrWrongPassword) {
		t.Fatalf("one wrong password after a signature: %v", err)
	}
}
