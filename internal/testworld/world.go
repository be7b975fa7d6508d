package testworld

import (
	"context"
	"path/filepath"
	"testing"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
	"ethicsdesk/issuing"
	"ethicsdesk/store"
)

// Options are the passwords each test file relies on, and what it needs
// beyond the usual three accounts.
type Options struct {
	AdminPassword, RapporteurPassword, ChairPassword string
	// MemberPassword, when set, adds Member: a committee member with a
	// signing key who is not the rapporteur (for "who may not" checks).
	MemberPassword string
	// NoLogins stores the accounts without password hashes, so nobody can
	// sign in, and leaves the cost of password hashing alone. Benchmarks
	// use it so that setting up does no hashing that would blur timings.
	NoLogins bool
}

// World is a temporary register ready for opinions. The users' signing
// keys are sealed with the passwords given in Options.
type World struct {
	Path     string // the register's file, for code that opens it itself
	DB       *store.DB
	Service  *cases.Service
	Renderer issuing.Renderer
	Keys     issuing.Keyring

	Admin, Rapporteur, Chair cases.User
	Member                   cases.User // zero unless Options.MemberPassword is set

	AdminPassword, RapporteurPassword, ChairPassword, MemberPassword string
}

// New builds the world; the register is closed when tb ends. The accounts
// are admin "Administrator", chen "Dr. Chen Jie 陈杰" (member, the
// rapporteur), wang "Prof. Wang Fang 王芳" (chair) and, if asked for, liu
// "Dr. Liu Yang" (member).
func New(tb testing.TB, opt Options) *World {
	tb.Helper()
	if !opt.NoLogins {
		passwordcost.Cheap()
	}
	ctx := context.Background()
	path := filepath.Join(tb.TempDir(), "register.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	w := &World{Path: path, DB: db, Service: cases.NewService(db, nil),
		Renderer: issuing.Renderer{Letterhead: db}, Keys: issuing.Keyring{Keys: db},
		AdminPassword: opt.AdminPassword, RapporteurPassword: opt.RapporteurPassword,
		ChairPassword: opt.ChairPassword, MemberPassword: opt.MemberPassword}
	w.Service.SetPorts(cases.Ports{Documents: w.Renderer, Keys: w.Keys})

	w.Admin = w.createUser(tb, "admin", "Administrator", cases.RoleAdministrator, opt.AdminPassword, opt.NoLogins)
	if err := w.Keys.CreateRoot(ctx, w.Admin, opt.AdminPassword); err != nil {
		tb.Fatal(err)
	}
	w.Rapporteur = w.addSigner(tb, "chen", "Dr. Chen Jie 陈杰", cases.RoleMember, opt.RapporteurPassword, opt.NoLogins)
	w.Chair = w.addSigner(tb, "wang", "Prof. Wang Fang 王芳", cases.RoleChair, opt.ChairPassword, opt.NoLogins)
	if opt.MemberPassword != "" {
		w.Member = w.addSigner(tb, "liu", "Dr. Liu Yang", cases.RoleMember, opt.MemberPassword, opt.NoLogins)
	}
	return w
}

// AddSigner creates an account that signs in with password and issues its
// signing key, sealed with the same password.
func (w *World) AddSigner(tb testing.TB, username, display string, role cases.Role, password string) cases.User {
	tb.Helper()
	return w.addSigner(tb, username, display, role, password, false)
}

// addSigner creates an account and issues its signing key, sealed with
// its password.
func (w *World) addSigner(tb testing.TB, username, display string, role cases.Role, password string, noLogin bool) cases.User {
	tb.Helper()
	u := w.createUser(tb, username, display, role, password, noLogin)
	if err := w.Keys.IssueMemberKey(context.Background(), w.Admin, w.AdminPassword, u, password); err != nil {
		tb.Fatal(err)
	}
	return u
}

// createUser writes the account straight into the register, as an import
// would: no administrator is needed yet and no password rules apply.
func (w *World) createUser(tb testing.TB, username, display string, role cases.Role, password string, noLogin bool) cases.User {
	tb.Helper()
	hash := ""
	if !noLogin {
		var err error
		if hash, err = cases.HashPassword(password); err != nil {
			tb.Fatal(err)
		}
	}
	u := cases.User{Username: username, DisplayName: display, Role: role, Active: true}
	if err := w.DB.CreateUser(context.Background(), &u, hash, cases.AuditEntry{Actor: cases.System, Action: "user.create", Entity: "user"}); err != nil {
		tb.Fatal(err)
	}
	return u
}
