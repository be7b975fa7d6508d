package cases_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
)

func TestPasswordHashIsArgon2idAndMalformedHashesNeverMatch(t *testing.T) {
	h, err := cases.HashPassword("a long enough password")
	if err != nil || !strings.HasPrefix(h, "$argon2id$v=19$m=") {
		t.Fatalf("hash %q %v", h, err)
	}
	if ok, _ := cases.CheckPassword(h, "a long enough password"); !ok {
		t.Fatal("the right password does not match its hash")
	}
	if ok, _ := cases.CheckPassword(h, "a long enough passworD"); ok {
		t.Fatal("a wrong password matched")
	}
	for _, bad := range []string{"", "$argon2id$", "$argon2id$v=19$m=0,t=1,p=1$AAAA$AAAA", "$argon2id$v=19$m=99999999,t=1,p=1$AAAA$AAAA", "$bcrypt$x$y$z$w"} {
		if ok, err := cases.CheckPassword(bad, "x"); ok || err == nil {
			t.Fatalf("malformed hash %q: ok=%v err=%v", bad, ok, err)
		}
	}
}

func TestBootstrapOnlyOnAnEmptyRegister(t *testing.T) {
	k := newCommittee(t)
	_, err := k.svc.Bootstrap(context.Background(), "intruder", "", pw)
	if !errors.Is(err, cases.ErrAlreadySetUp) {
		t.Fatalf("second bootstrap: %v", err)
	}
	if k.admin.Role != cases.RoleAdministrator {
		t.Fatalf("first account has role %s", k.admin.Role)
	}
	_, err = k.svc.CreateUser(context.Background(), k.admin, cases.NewAccount{Username: "short", Role: cases.RoleMember, Password: "123456789"})
	var fe cases.FieldErrors
	if !errors.As(err, &fe) || !strings.Contains(fe["password"], "at least 10") {
		t.Fatalf("9-character password: %v", err)
	}
}

func TestLoginWrongPasswordLockoutAndDeactivation(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	u, err := k.svc.Login(ctx, "Chen", pw) // user names ignore case
	if err != nil || u.ID != k.members[0].ID {
		t.Fatalf("login: %+v %v", u, err)
	}
	_, errUnknown := k.svc.Login(ctx, "nobody", pw)
	_, errWrong := k.svc.Login(ctx, "chen", "wrong password!")
	if errUnknown == nil || errWrong == nil || errUnknown.Error() != errWrong.Error() {
		t.Fatalf("an unknown name and a wrong password must read the same: %v / %v", errUnknown, errWrong)
	}
	for i := 2; i <= 4; i++ {
		if _, err := k.svc.Login(ctx, "chen", "wrong password!"); !errors.Is(err, cases.ErrWrongPassword) {
			t.Fatalf("failure %d: %v", i, err)
		}
	}
	_, err = k.svc.Login(ctx, "chen", "wrong password!")
	var le *cases.LockedError
	if !errors.As(err, &le) {
		t.Fatalf("fifth failure did not lock: %v", err)
	}
	want := k.clock.now().Add(15 * time.Minute).Format("15:04")
	if !strings.Contains(err.Error(), "locked until "+want) {
		t.Fatalf("lock message %q does not say until %s", err, want)
	}
	if _, err := k.svc.Login(ctx, "chen", pw); !errors.As(err, &le) {
		t.Fatalf("the right password opened a locked account: %v", err)
	}
	k.clock.advance(15*time.Minute + time.Second)
	if _, err := k.svc.Login(ctx, "chen", pw); err != nil {
		t.Fatalf("after the lock: %v", err)
	}

	must(t, k.svc.Deactivate(ctx, k.admin, k.members[0].ID))
	if _, err := k.svc.Login(ctx, "chen", pw); !errors.Is(err, cases.ErrDeactivated) {
		t.Fatalf("deactivated login: %v", err)
	}
	if _, err := k.svc.Login(ctx, "chen", "wrong password!"); !errors.Is(err, cases.ErrWrongPassword) {
		t.Fatalf("a deactivated account with a wrong password must not say it is deactivated: %v", err)
	}
	must(t, k.svc.Reactivate(ctx, k.admin, k.members[0].ID))
	if _, err := k.svc.Login(ctx, "chen", pw); err != nil {
		t.Fatal(err)
	}

	// Signing re-enters the password.
	if err := k.svc.VerifyPassword(ctx, k.chair, "not the chair's"); !errors.Is(err, cases.ErrWrongPassword) {
		t.Fatalf("verify wrong: %v", err)
	}
	must(t, k.svc.VerifyPassword(ctx, k.chair, pw))

	// The administrator resets a password, which also lifts a lock.
	must(t, k.svc.ResetPassword(ctx, k.admin, k.chair.ID, "a brand new password"))
	if _, err := k.svc.Login(ctx, "chair", "a brand new password"); err != nil {
		t.Fatal(err)
	}
	if err := k.svc.SetRole(ctx, k.admin, k.admin.ID, cases.RoleMember); !errors.Is(err, cases.ErrLastAdmin) {
		t.Fatalf("demoting the last administrator: %v", err)
	}
}

func TestSettingsDefaultsAndValidation(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	st, err := k.svc.Settings(ctx)
	if err != nil || st != cases.DefaultSettings || st.Quorum != 5 || st.Majority != (cases.Fraction{Num: 2, Den: 3}) || st.LockMinutes != 10 || st.RetentionYears != 5 {
		t.Fatalf("defaults: %+v %v", st, err)
	}
	bad := cases.Settings{Quorum: 0, Majority: cases.Fraction{Num: 4, Den: 3}, LockMinutes: 0, RetentionYears: 0}
	var fe cases.FieldErrors
	if err := k.svc.SaveSettings(ctx, k.admin, bad); !errors.As(err, &fe) || len(fe) != 4 {
		t.Fatalf("invalid settings: %v", err)
	}
	must(t, k.svc.SaveSettings(ctx, k.admin, cases.Settings{Quorum: 3, Majority: cases.Fraction{Num: 1, Den: 2}, LockMinutes: 5, RetentionYears: 7}))
	st, _ = k.svc.Settings(ctx)
	if st.Quorum != 3 || st.Majority.String() != "1/2" || st.LockMinutes != 5 || st.RetentionYears != 7 {
		t.Fatalf("saved settings read back as %+v", st)
	}
	if f, err := cases.ParseFraction("3/2"); err == nil {
		t.Fatalf("3/2 accepted as a majority: %v", f)
	}
}
