package cases

import "time"

// Role is what a user account may do.
type Role string

const (
	RoleSecretariat   Role = "secretariat"
	RoleMember        Role = "member"
	RoleChair         Role = "chair"
	RoleAdministrator Role = "administrator"
)

var AllRoles = []Role{RoleSecretariat, RoleMember, RoleChair, RoleAdministrator}

// User is a local account. The acting user is passed explicitly to every
// Service call so that permissions hold for the window and the CLI alike.
type User struct {
	ID          int64
	Username    string
	DisplayName string
	Role        Role
	Active      bool
	CreatedAt   time.Time
}

// System is the actor for work the program does on its own behalf (seeding,
// migrations, recomputing deadlines after a settings change by an admin).
var System = User{ID: 0, Username: "system", DisplayName: "System", Role: RoleAdministrator, Active: true}

// Name is how the user appears in the timeline and the register.
func (u User) Name() string {
	if u.DisplayName != "" {
		return u.DisplayName
	}
	return u.Username
}
