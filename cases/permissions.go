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

	ActAssignPanel     Action = "assign a rapporteur or a panel"
	ActDeclareInterest Action = "declare interests for a case"
	ActManageMeetings  Action = "arrange meetings and record attendance"
	ActVote            Action = "vote on a case"
	ActRecordVotes     Action = "record the votes cast at a meeting"
	ActSimplified      Action = "designate members for the simplified procedure"
	ActViewAudit       Action = "view the audit log"

	ActIssueKeys Action = "create the root certificate and issue or import signing keys"
	ActBackup    Action = "back up the register"
	ActRestore   Action = "restore the register from a backup"
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

	ActAssignPanel:     {RoleSecretariat},
	ActDeclareInterest: {RoleMember, RoleChair},
	ActManageMeetings:  {RoleSecretariat, RoleChair},
	ActVote:            {RoleMember, RoleChair},
	ActRecordVotes:     {RoleSecretariat, RoleChair},
	ActSimplified:      {RoleSecretariat},
	ActViewAudit:       {RoleAdministrator},

	// Keys certify who signs for the committee: the administrator, who
	// also manages the accounts they belong to.
	ActIssueKeys: {RoleAdministrator},
	// A backup holds the whole register, confidential cases and
	// submitters included, and a restore replaces everyone's work: the
	// roles that keep the register (the secretariat, day to day) and the
	// program (the administrator). Members and the chair see only part of
	// the register and get neither.
	ActBackup:  {RoleSecretariat, RoleAdministrator},
	ActRestore: {RoleSecretariat, RoleAdministrator},
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
