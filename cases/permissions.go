package cases

// Action is an operation of the Service that permissions govern.
type Action string

const (
	ActCreateCase     Action = "create a case"
	ActEditCase       Action = "edit a case"
	ActMoveCase       Action = "change a case's status"
	ActAddNote        Action = "add a note"
	ActViewRegister   Action = "view the register"
	ActViewSubmitter  Action = "see submitters' personal data"
	ActManageSettings Action = "change the committee's settings"
	ActManageUsers    Action = "manage user accounts"
)

// allowed is the role matrix. The window hides what is not allowed, but this
// table is what actually refuses it.
var allowed = map[Action][]Role{
	ActCreateCase:     {RoleSecretariat},
	ActEditCase:       {RoleSecretariat},
	ActMoveCase:       {RoleSecretariat, RoleChair},
	ActAddNote:        {RoleSecretariat, RoleMember, RoleChair},
	ActViewRegister:   {RoleSecretariat, RoleMember, RoleChair, RoleAdministrator},
	ActViewSubmitter:  {RoleSecretariat, RoleChair},
	ActManageSettings: {RoleAdministrator},
	ActManageUsers:    {RoleAdministrator},
}

// Can reports whether u may perform a.
func (u User) Can(a Action) bool {
	if !u.Active {
		return false
	}
	for _, r := range allowed[a] {
		if r == u.Role {
			return true
		}
	}
	return false
}

func require(u User, a Action) error {
	if !u.Can(a) {
		return &ForbiddenError{Action: string(a)}
	}
	return nil
}
