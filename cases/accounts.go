package cases

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Lockout: after MaxFailedLogins wrong passwords in a row an account is
// locked for LockoutDuration, whatever password is then given.
const (
	MaxFailedLogins = 5
	LockoutDuration = 15 * time.Minute
)

// Credentials is what checking a password needs of an account.
type Credentials struct {
	User         User
	PasswordHash string
	FailedLogins int
	LockedUntil  time.Time // zero when not locked
}

// AccountRepository is the storage of accounts and settings. Each write
// records its audit entry in the same transaction.
type AccountRepository interface {
	Users(ctx context.Context) ([]User, error)
	UserByID(ctx context.Context, id int64) (User, error)
	Credentials(ctx context.Context, username string) (Credentials, error)
	// CreateUser adds an account; with onlyIfNoUsers it refuses (with
	// ErrAlreadySetUp) when any account exists, checked inside the
	// transaction so two first runs cannot both create an administrator.
	CreateAccount(ctx context.Context, u *User, passwordHash string, onlyIfNoUsers bool, audit AuditEntry) error
	UpdateAccount(ctx context.Context, u User, audit AuditEntry) error
	SetPasswordHash(ctx context.Context, userID int64, hash string, audit AuditEntry) error
	// UpdateLogin reads an account's login state and stores what decide
	// returns, with decide's audit entry (none when its Action is empty),
	// in one immediate transaction, so that parallel attempts each see the
	// count left by the one before. When decide returns an error nothing
	// is written and the error is returned.
	UpdateLogin(ctx context.Context, userID int64, decide func(LoginState) (LoginState, AuditEntry, error)) error
	Settings(ctx context.Context) (map[string]string, error)
	SaveSettings(ctx context.Context, values map[string]string, audit AuditEntry) error
}

// LoginState is an account's run of wrong passwords and its lock.
type LoginState struct {
	FailedLogins int
	LockedUntil  time.Time // zero when not locked
}

// Login errors. They never say whether a user name exists: an unknown name
// and a wrong password give the same message.
var (
	ErrWrongPassword   = errors.New("The user name or the password is not right.")
	ErrDeactivated     = errors.New("This account has been deactivated. Ask the administrator if you need it again.")
	ErrAlreadySetUp    = errors.New("This register already has accounts: sign in, or ask its administrator for one.")
	ErrLastAdmin       = errors.New("This is the last active administrator account; make another administrator first.")
	ErrNoAccountsStore = errors.New("This register cannot store accounts.")
)

// LockedError refuses a login while an account is locked.
type LockedError struct{ Until time.Time }

func (e *LockedError) Error() string {
	return fmt.Sprintf("Too many wrong passwords: this account is locked until %s. Try again then, or ask the administrator.",
		e.Until.Local().Format("15:04"))
}

func (s *Service) accounts() (AccountRepository, error) {
	return s.repo, nil
}

// HasUsers reports whether any account exists: the window asks for the
// first administrator when none does.
func (s *Service) HasUsers(ctx context.Context) (bool, error) {
	users, err := s.repo.Users(ctx)
	return len(users) > 0, err
}

// Login checks a user name and password and returns the account. Five
// wrong passwords in a row lock the account for 15 minutes.
func (s *Service) Login(ctx context.Context, username, password string) (User, error) {
	return s.checkCredentials(ctx, CleanLine(username), password, "user.login")
}

// VerifyPassword asks the acting user to prove it is them again, as when
// signing an opinion. Wrong passwords count toward the lockout.
func (s *Service) VerifyPassword(ctx context.Context, actor User, password string) error {
	u, err := s.checkCredentials(ctx, actor.Username, password, "user.reauthenticate")
	if err == nil && u.ID != actor.ID {
		return ErrWrongPassword
	}
	return err
}

func (s *Service) checkCredentials(ctx context.Context, username, password, action string) (User, error) {
	repo, err := s.accounts()
	if err != nil {
		return User{}, err
	}
	cred, err := repo.Credentials(ctx, username)
	if errors.Is(err, ErrNotFound) {
		CheckPassword(dummyHash(), password)
		return User{}, ErrWrongPassword
	}
	if err != nil {
		return User{}, err
	}
	now := s.now().UTC()
	u := cred.User
	if !cred.LockedUntil.IsZero() && now.Before(cred.LockedUntil) {
		return User{}, &LockedError{Until: cred.LockedUntil}
	}
	ok, _ := CheckPassword(cred.PasswordHash, password)
	if ok && password == DemoPassword {
		// The demonstration password is public: it opens only a register
		// marked as a demonstration, whatever the accounts say.
		demo, err := s.IsDemonstration(ctx)
		if err != nil {
			return User{}, err
		}
		ok = demo
	}
	// The lock and the count are read again and written in one
	// transaction: a guess checked while another locked the account does
	// not get through, and parallel wrong guesses all count.
	var result error
	err = repo.UpdateLogin(ctx, u.ID, func(st LoginState) (LoginState, AuditEntry, error) {
		if !st.LockedUntil.IsZero() && now.Before(st.LockedUntil) {
			return st, AuditEntry{}, &LockedError{Until: st.LockedUntil}
		}
		if !ok {
			next, outcome := LoginState{FailedLogins: st.FailedLogins + 1}, "wrong password"
			result = ErrWrongPassword
			if next.FailedLogins >= MaxFailedLogins {
				next = LoginState{LockedUntil: now.Add(LockoutDuration)}
				outcome, result = "locked", &LockedError{Until: next.LockedUntil}
			}
			return next, AuditEntry{Actor: u, Action: action + "_failed", Entity: "user", EntityID: u.ID,
				After: map[string]any{"result": outcome, "failed_in_a_row": st.FailedLogins + 1}}, nil
		}
		if !u.Active {
			return st, AuditEntry{}, ErrDeactivated
		}
		return LoginState{}, AuditEntry{Actor: u, Action: action, Entity: "user", EntityID: u.ID}, nil
	})
	if err != nil {
		return User{}, err
	}
	if result != nil {
		return User{}, result
	}
	return u, nil
}

// NewAccount is what the administrator fills in to create an account.
type NewAccount struct {
	Username    string
	DisplayName string
	Role        Role
	Password    string
}

func (n NewAccount) validate() (NewAccount, FieldErrors) {
	n.Username = strings.TrimSpace(CleanLine(n.Username))
	n.DisplayName = CleanLine(n.DisplayName)
	fe := FieldErrors{}
	switch {
	case n.Username == "":
		fe["username"] = "Enter a user name."
	case len([]rune(n.Username)) > 64 || strings.ContainsAny(n.Username, " \t"):
		fe["username"] = "A user name has at most 64 characters and no spaces."
	}
	if len([]rune(n.DisplayName)) > 120 {
		fe["display_name"] = "At most 120 characters."
	}
	if !n.Role.Valid() {
		fe["role"] = "Choose a role."
	}
	if msg := ValidatePassword(n.Password); msg != "" {
		fe["password"] = msg
	}
	if len(fe) == 0 {
		return n, nil
	}
	return n, fe
}

// Valid reports whether r is one of the four roles.
func (r Role) Valid() bool {
	for _, x := range AllRoles {
		if x == r {
			return true
		}
	}
	return false
}

// Bootstrap creates the first administrator of an empty register; it is
// refused once any account exists.
func (s *Service) Bootstrap(ctx context.Context, username, displayName, password string) (User, error) {
	n, fe := NewAccount{Username: username, DisplayName: displayName, Role: RoleAdministrator, Password: password}.validate()
	if fe != nil {
		return User{}, fe
	}
	return s.createAccount(ctx, System, n, true)
}

// CreateUser adds an account (administrator only).
func (s *Service) CreateUser(ctx context.Context, actor User, n NewAccount) (User, error) {
	if err := require(actor, ActManageUsers); err != nil {
		return User{}, err
	}
	n, fe := n.validate()
	if fe != nil {
		return User{}, fe
	}
	return s.createAccount(ctx, actor, n, false)
}

func (s *Service) createAccount(ctx context.Context, actor User, n NewAccount, first bool) (User, error) {
	repo, err := s.accounts()
	if err != nil {
		return User{}, err
	}
	if _, err := repo.Credentials(ctx, n.Username); err == nil {
		return User{}, FieldErrors{"username": "This user name is taken (perhaps by a deactivated account)."}
	}
	if err := s.refuseDemoPassword(ctx, n.Password); err != nil {
		return User{}, err
	}
	hash, err := HashPassword(n.Password)
	if err != nil {
		return User{}, err
	}
	u := User{Username: n.Username, DisplayName: n.DisplayName, Role: n.Role, Active: true, CreatedAt: s.now().UTC()}
	action := "user.create"
	if first {
		action = "user.bootstrap"
	}
	audit := AuditEntry{Actor: actor, Action: action, Entity: "user",
		After: map[string]any{"username": u.Username, "display_name": u.DisplayName, "role": u.Role}}
	if err := repo.CreateAccount(ctx, &u, hash, first, audit); err != nil {
		return User{}, err
	}
	return u, nil
}

// Users lists every account, active or not. Names and roles are not
// secret inside the committee: the secretariat needs them to form panels.
func (s *Service) Users(ctx context.Context, actor User) ([]User, error) {
	if err := require(actor, ActViewRegister); err != nil {
		return nil, err
	}
	return s.repo.Users(ctx)
}

// SetRole changes an account's role (administrator only).
func (s *Service) SetRole(ctx context.Context, actor User, userID int64, role Role) error {
	if !role.Valid() {
		return FieldErrors{"role": "Choose a role."}
	}
	return s.changeAccount(ctx, actor, userID, "user.set_role", func(u *User) { u.Role = role })
}

// Deactivate closes an account; it is never deleted, so its history stays.
func (s *Service) Deactivate(ctx context.Context, actor User, userID int64) error {
	if userID == actor.ID {
		return errors.New("You cannot deactivate your own account.")
	}
	return s.changeAccount(ctx, actor, userID, "user.deactivate", func(u *User) { u.Active = false })
}

// Reactivate opens a deactivated account again.
func (s *Service) Reactivate(ctx context.Context, actor User, userID int64) error {
	return s.changeAccount(ctx, actor, userID, "user.reactivate", func(u *User) { u.Active = true })
}

// SetDisplayName changes how an account appears in the register.
func (s *Service) SetDisplayName(ctx context.Context, actor User, userID int64, name string) error {
	name = CleanLine(name)
	if len([]rune(name)) > 120 {
		return FieldErrors{"display_name": "At most 120 characters."}
	}
	return s.changeAccount(ctx, actor, userID, "user.rename", func(u *User) { u.DisplayName = name })
}

func (s *Service) changeAccount(ctx context.Context, actor User, userID int64, action string, change func(*User)) error {
	if err := require(actor, ActManageUsers); err != nil {
		return err
	}
	repo, err := s.accounts()
	if err != nil {
		return err
	}
	old, err := repo.UserByID(ctx, userID)
	if err != nil {
		return err
	}
	u := old
	change(&u)
	if old.Role == RoleAdministrator && old.Active && !(u.Role == RoleAdministrator && u.Active) {
		if n, err := s.activeAdmins(ctx); err != nil {
			return err
		} else if n <= 1 {
			return ErrLastAdmin
		}
	}
	audit := AuditEntry{Actor: actor, Action: action, Entity: "user", EntityID: userID,
		Before: map[string]any{"display_name": old.DisplayName, "role": old.Role, "active": old.Active},
		After:  map[string]any{"display_name": u.DisplayName, "role": u.Role, "active": u.Active}}
	return repo.UpdateAccount(ctx, u, audit)
}

func (s *Service) activeAdmins(ctx context.Context) (int, error) {
	users, err := s.repo.Users(ctx)
	n := 0
	for _, u := range users {
		if u.Active && u.Role == RoleAdministrator {
			n++
		}
	}
	return n, err
}

// ResetPassword sets a new password for an account and lifts its lock
// (administrator only).
func (s *Service) ResetPassword(ctx context.Context, actor User, userID int64, password string) error {
	if err := require(actor, ActManageUsers); err != nil {
		return err
	}
	return s.setPassword(ctx, actor, userID, password, "user.reset_password")
}

// ChangePassword lets a signed-in user replace their own password.
func (s *Service) ChangePassword(ctx context.Context, actor User, current, password string) error {
	if err := s.VerifyPassword(ctx, actor, current); err != nil {
		return err
	}
	if s.ports.Keys == nil {
		return s.setPassword(ctx, actor, actor.ID, password, "user.change_password")
	}
	// The signing key is sealed under the password: reseal it with the new
	// one in the same transaction, or the member could no longer sign.
	if msg := ValidatePassword(password); msg != "" {
		return FieldErrors{"password": msg}
	}
	if err := s.refuseDemoPassword(ctx, password); err != nil {
		return err
	}
	sealed, err := s.ports.Keys.ResealKey(ctx, actor.ID, current, password)
	if err != nil {
		return err
	}
	if sealed == nil {
		return s.setPassword(ctx, actor, actor.ID, password, "user.change_password")
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	return s.repo.SetPasswordAndKey(ctx, actor.ID, hash, sealed, AuditEntry{Actor: actor, Action: "user.change_password",
		Entity: "user", EntityID: actor.ID, After: map[string]any{"signing_key": "resealed"}})
}

func (s *Service) setPassword(ctx context.Context, actor User, userID int64, password, action string) error {
	if msg := ValidatePassword(password); msg != "" {
		return FieldErrors{"password": msg}
	}
	if err := s.refuseDemoPassword(ctx, password); err != nil {
		return err
	}
	repo, err := s.accounts()
	if err != nil {
		return err
	}
	if _, err := repo.UserByID(ctx, userID); err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	// The audit entry says that the password changed, never what it is.
	return repo.SetPasswordHash(ctx, userID, hash, AuditEntry{Actor: actor, Action: action, Entity: "user", EntityID: userID})
}
