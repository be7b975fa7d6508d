package cases_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// resealingPaper is paper whose keys are sealed under the password: a
// password change reseals the key of the member keyed under the new one
// (except when the new password is failingReseal); others have no key.
type resealingPaper struct {
	paper
	keyed int64
}

const failingReseal = "the reseal fails here"

func (r resealingPaper) ResealKey(_ context.Context, userID int64, current, password string) ([]byte, error) {
	if userID != r.keyed {
		return nil, nil
	}
	if password == failingReseal {
		return nil, errors.New("The signing key could not be resealed.")
	}
	return []byte("key sealed under " + password), nil
}

// A member with a signing key changes their password: the key is resealed
// under the new password in the same save (the audit entry says so), the
// new password signs in and the old one no longer does. A wrong current
// password, a short new one or the public demonstration password change
// nothing; nor does a key that cannot be resealed.
func TestChangingThePasswordResealsTheSigningKey(t *testing.T) {
	k := newCommittee(t)
	m := k.members[0]
	k.svc.SetPorts(cases.Ports{Documents: paper{}, Keys: resealingPaper{keyed: m.ID}})
	ctx := context.Background()
	must(t, k.db.SaveUserKey(ctx, m.ID, []byte("cert"), []byte{}, []byte("key sealed under "+pw), "issued",
		cases.AuditEntry{Actor: k.admin, Action: "test.key", Entity: "user", EntityID: m.ID}))

	var fe cases.FieldErrors
	for _, tc := range []struct {
		name, current, next string
		check               func(error) bool
	}{
		{"a wrong current password", "not my password", "a brand new password", func(err error) bool { return errors.Is(err, cases.ErrWrongPassword) }},
		{"a short new password", pw, "short", func(err error) bool { return errors.As(err, &fe) && strings.Contains(fe["password"], "at least 10") }},
		{"the demonstration password", pw, cases.DemoPassword, func(err error) bool {
			return errors.As(err, &fe) && fe["password"] == "This is the public password of the demonstration registers; choose another."
		}},
		{"a key that cannot be resealed", pw, failingReseal, func(err error) bool { return err != nil && strings.Contains(err.Error(), "could not be resealed") }},
	} {
		if err := k.svc.ChangePassword(ctx, m, tc.current, tc.next); !tc.check(err) {
			t.Errorf("%s: %v", tc.name, err)
		}
		if _, err := k.svc.Login(ctx, m.Username, pw); err != nil {
			t.Fatalf("after %s the old password no longer signs in: %v", tc.name, err)
		}
	}
	must(t, k.svc.ChangePassword(ctx, m, pw, "a brand new password"))
	if r := k.head(); r.Action != "user.change_password" || r.EntityID != m.ID || !strings.Contains(r.After, `"signing_key":"resealed"`) {
		t.Errorf("the change's audit entry: %s %s", r.Action, r.After)
	}
	if _, _, sealed, err := k.db.UserKey(ctx, m.ID); err != nil || string(sealed) != "key sealed under a brand new password" {
		t.Errorf("the key is now %q (%v)", sealed, err)
	}
	if _, err := k.svc.Login(ctx, m.Username, pw); !errors.Is(err, cases.ErrWrongPassword) {
		t.Errorf("the old password still signs in: %v", err)
	}
	if _, err := k.svc.Login(ctx, m.Username, "a brand new password"); err != nil {
		t.Errorf("the new password: %v", err)
	}
	// A member without a key changes their password the plain way.
	other := k.members[1]
	must(t, k.svc.ChangePassword(ctx, other, pw, "another new password"))
	if r := k.head(); r.Action != "user.change_password" || strings.Contains(r.After, "resealed") {
		t.Errorf("the keyless change's audit entry: %s %s", r.Action, r.After)
	}
}

// The demonstration password is public: a register that is not a
// demonstration refuses it for any account, and refuses it at sign-in
// even if an account has it; a demonstration register accepts it.
func TestTheDemonstrationPasswordOpensOnlyADemonstration(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	refusal := "This is the public password of the demonstration registers; choose another."
	if demo, err := k.svc.IsDemonstration(ctx); demo || err != nil {
		t.Fatalf("a new register is a demonstration: %v", err)
	}
	var fe cases.FieldErrors
	if _, err := k.svc.CreateUser(ctx, k.admin, cases.NewAccount{Username: "demo", Role: cases.RoleMember, Password: cases.DemoPassword}); !errors.As(err, &fe) || fe["password"] != refusal {
		t.Errorf("an account with the demonstration password: %v", err)
	}
	if err := k.svc.ResetPassword(ctx, k.admin, k.members[0].ID, cases.DemoPassword); !errors.As(err, &fe) || fe["password"] != refusal {
		t.Errorf("a reset to the demonstration password: %v", err)
	}
	if err := k.svc.ChangePassword(ctx, k.members[1], pw, cases.DemoPassword); !errors.As(err, &fe) || fe["password"] != refusal {
		t.Errorf("a change to the demonstration password: %v", err)
	}

	mark := func(v string) {
		must(t, k.db.SaveSettings(ctx, map[string]string{cases.DemonstrationSetting: v}, cases.AuditEntry{Actor: cases.System, Action: "test.demo", Entity: "settings"}))
	}
	mark("yes")
	if demo, err := k.svc.IsDemonstration(ctx); !demo || err != nil {
		t.Fatalf("a register marked as a demonstration is not one: %v", err)
	}
	demo := k.add("demo", "Demo member", cases.RoleMember)
	must(t, k.svc.ResetPassword(ctx, k.admin, demo.ID, cases.DemoPassword))
	if u, err := k.svc.Login(ctx, "demo", cases.DemoPassword); err != nil || u.ID != demo.ID {
		t.Fatalf("the demonstration password on a demonstration register: %v", err)
	}
	mark("no")
	if _, err := k.svc.Login(ctx, "demo", cases.DemoPassword); !errors.Is(err, cases.ErrWrongPassword) {
		t.Fatalf("the demonstration password opened a register that is no longer a demonstration: %v", err)
	}
}
