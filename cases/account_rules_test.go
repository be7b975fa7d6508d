package cases_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
	"ethicsdesk/store"
)

// The account form's limits, at their edges: a display name of 120
// characters is kept and one of 121 refused at its field, whether the
// account is created or renamed; a user name of 64 characters is kept, one
// of 65, one with a space or none at all refused; a role that is none of
// the four is refused at the role field.
func TestAccountFormLimitsAtTheirEdges(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	name120 := strings.Repeat("é", 120)
	name121 := name120 + "x"
	tests := []struct {
		name      string
		run       func() error
		field     string // "" when accepted
		sentences string
	}{
		{"created with a 120-character name", func() error {
			_, err := k.svc.CreateUser(ctx, k.admin, cases.NewAccount{Username: "long", DisplayName: name120, Role: cases.RoleMember, Password: pw})
			return err
		}, "", ""},
		{"created with a 121-character name", func() error {
			_, err := k.svc.CreateUser(ctx, k.admin, cases.NewAccount{Username: "longer", DisplayName: name121, Role: cases.RoleMember, Password: pw})
			return err
		}, "display_name", "At most 120 characters."},
		{"renamed to 120 characters", func() error { return k.svc.SetDisplayName(ctx, k.admin, k.members[0].ID, name120) }, "", ""},
		{"renamed to 121 characters", func() error { return k.svc.SetDisplayName(ctx, k.admin, k.members[1].ID, name121) }, "display_name", "At most 120 characters."},
		{"created with an unknown role", func() error {
			_, err := k.svc.CreateUser(ctx, k.admin, cases.NewAccount{Username: "boss", Role: cases.Role("overlord"), Password: pw})
			return err
		}, "role", "Choose a role."},
		{"given an unknown role", func() error { return k.svc.SetRole(ctx, k.admin, k.members[2].ID, cases.Role("overlord")) }, "role", "Choose a role."},
		{"created with a 64-character user name", func() error {
			_, err := k.svc.CreateUser(ctx, k.admin, cases.NewAccount{Username: strings.Repeat("ü", 64), Role: cases.RoleMember, Password: pw})
			return err
		}, "", ""},
		{"created with a 65-character user name", func() error {
			_, err := k.svc.CreateUser(ctx, k.admin, cases.NewAccount{Username: strings.Repeat("ü", 65), Role: cases.RoleMember, Password: pw})
			return err
		}, "username", "A user name has at most 64 characters and no spaces."},
		{"created with a space in the user name", func() error {
			_, err := k.svc.CreateUser(ctx, k.admin, cases.NewAccount{Username: "li na", Role: cases.RoleMember, Password: pw})
			return err
		}, "username", "A user name has at most 64 characters and no spaces."},
		{"created without a user name", func() error {
			_, err := k.svc.CreateUser(ctx, k.admin, cases.NewAccount{Username: "  ", Role: cases.RoleMember, Password: pw})
			return err
		}, "username", "Enter a user name."},
		{"given each real role", func() error {
			for _, r := range cases.AllRoles {
				if err := k.svc.SetRole(ctx, k.admin, k.members[3].ID, r); err != nil {
					return err
				}
			}
			return nil
		}, "", ""},
	}
	for _, tc := range tests {
		err := tc.run()
		var fe cases.FieldErrors
		switch {
		case tc.field == "" && err != nil:
			t.Errorf("%s: refused: %v", tc.name, err)
		case tc.field != "" && (!errors.As(err, &fe) || fe[tc.field] != tc.sentences):
			t.Errorf("%s: got %v, want %q at %s", tc.name, err, tc.sentences, tc.field)
		}
	}
	users, err := k.svc.Users(ctx, k.admin)
	must(t, err)
	for _, u := range users {
		switch u.Username {
		case "long":
			if u.DisplayName != name120 {
				t.Errorf("the 120-character name was stored as %q", u.DisplayName)
			}
		case "longer", "boss", "li", "li na", strings.Repeat("ü", 65):
			t.Errorf("a refused account %q was created", u.Username)
		case "liu":
			if u.DisplayName != "Dr. liu" {
				t.Errorf("a refused rename changed the name to %q", u.DisplayName)
			}
		case "huang":
			if u.Role != cases.RoleMember {
				t.Errorf("a refused role was stored: %s", u.Role)
			}
		}
	}
}

// Every role that works in the register sees the list of accounts (the
// secretariat forms panels from it); a deactivated account sees nothing.
// A register with accounts does not ask for a first administrator.
func TestEveryoneInTheRegisterSeesTheAccounts(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	if has, err := k.svc.HasUsers(ctx); !has || err != nil {
		t.Errorf("a register with nine accounts says it has none: %v", err)
	}
	for _, u := range []cases.User{k.admin, k.sec, k.chair, k.members[0]} {
		users, err := k.svc.Users(ctx, u)
		if err != nil || len(users) != 9 {
			t.Errorf("%s lists %d accounts (%v), want 9", u.Role, len(users), err)
		}
	}
	gone := k.members[5]
	must(t, k.svc.Deactivate(ctx, k.admin, gone.ID))
	gone.Active = false
	var forbidden *cases.ForbiddenError
	if users, err := k.svc.Users(ctx, gone); !errors.As(err, &forbidden) || users != nil {
		t.Errorf("a deactivated account lists %d accounts: %v", len(users), err)
	}
}

// With two administrators one may be demoted or deactivated; the last one
// may not.
func TestASecondAdministratorCanBeDemotedButNotTheLast(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	second := k.add("admin2", "Second admin", cases.RoleAdministrator)
	if err := k.svc.SetRole(ctx, k.admin, second.ID, cases.RoleMember); err != nil {
		t.Fatalf("demoting one of two administrators: %v", err)
	}
	third := k.add("admin3", "Third admin", cases.RoleAdministrator)
	if err := k.svc.Deactivate(ctx, k.admin, third.ID); err != nil {
		t.Fatalf("deactivating one of two administrators: %v", err)
	}
	if err := k.svc.SetRole(ctx, k.admin, k.admin.ID, cases.RoleMember); !errors.Is(err, cases.ErrLastAdmin) {
		t.Fatalf("demoting the last administrator: %v", err)
	}
}

// Each wrong password leaves an audit entry that counts the run of wrong
// passwords so far: 1, 2, 3, 4, then the lock at 5.
func TestWrongPasswordsAreCountedInTheAuditLog(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	for i := 1; i <= cases.MaxFailedLogins; i++ {
		_, err := k.svc.Login(ctx, "chen", "wrong password!")
		if err == nil {
			t.Fatal("a wrong password signed in")
		}
		r := k.head()
		want := `"failed_in_a_row":` + itoa(int64(i))
		outcome := `"result":"wrong password"`
		if i == cases.MaxFailedLogins {
			outcome = `"result":"locked"`
		}
		if r.Action != "user.login_failed" || r.EntityID != k.members[0].ID || !strings.Contains(r.After, want) || !strings.Contains(r.After, outcome) {
			t.Fatalf("wrong password %d recorded as %s %s", i, r.Action, r.After)
		}
	}
}

// An empty register asks for its first administrator; once one is made it
// no longer does.
func TestAnEmptyRegisterAsksForItsFirstAdministrator(t *testing.T) {
	passwordcost.Cheap()
	db, err := store.Open(filepath.Join(t.TempDir(), "register.db"), store.Options{})
	must(t, err)
	defer db.Close()
	svc := cases.NewService(db, time.Now)
	ctx := context.Background()
	if has, err := svc.HasUsers(ctx); has || err != nil {
		t.Fatalf("a new register says it has accounts: %v", err)
	}
	_, err = svc.Bootstrap(ctx, "admin", "Administrator", pw)
	must(t, err)
	if has, err := svc.HasUsers(ctx); !has || err != nil {
		t.Fatalf("after the first administrator the register says it has no accounts: %v", err)
	}
}
