// Package demo makes realistic, deterministic synthetic registers: the demo
// register a newcomer opens, and the large registers benchmarks need.
package demo

import "ethicsdesk/cases"

// Person is a demo account.
type Person struct {
	Username    string
	DisplayName string
	Role        cases.Role
}

// DemoPassword is the password of every demo account (stated in the README;
// a demo register holds only synthetic data).
const DemoPassword = cases.DemoPassword

// People are the demo accounts, one or more per role; each signs in with
// DemoPassword.
var People = []Person{
	{"secretary", "Li Na", cases.RoleSecretariat},
	{"clerk", "Zhao Min", cases.RoleSecretariat},
	{"chair", "Prof. Wang Fang", cases.RoleChair},
	{"member", "Dr. Chen Jie", cases.RoleMember},
	{"liu", "Dr. Liu Yang", cases.RoleMember},
	{"huang", "Huang Lei", cases.RoleMember},
	{"sun", "Prof. Sun Li", cases.RoleMember},
	{"okafor", "Dr. Amara Okafor", cases.RoleMember},
	{"mueller", "Dr. Jonas Müller", cases.RoleMember},
	{"admin", "System Administrator", cases.RoleAdministrator},
}
