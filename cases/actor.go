package cases

import (
	"strings"
	"time"
)

// Role is what a person may do in the complaint procedure.
type Role string

// Roles, from least to most trusted. A manager may do everything a senior may,
// and a senior everything an agent may. RoleSystem is ombud itself (the
// scheduler); configuration can never grant it.
const (
	RoleAgent   Role = "agent"
	RoleSenior  Role = "senior"
	RoleManager Role = "manager"
	RoleSystem  Role = "system"
)

var roleRank = map[Role]int{RoleAgent: 1, RoleSenior: 2, RoleManager: 3, RoleSystem: 4}

// AtLeast reports whether r carries at least the permissions of min.
func (r Role) AtLeast(min Role) bool { return roleRank[r] >= roleRank[min] }

// ParseRole parses a role name.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if r == RoleAgent || r == RoleSenior || r == RoleManager {
		return r, nil
	}
	return "", Errorf(EINVALID, "%q is not a role; use agent, senior or manager", s)
}

// Person identifies someone on a chat platform. Key is "platform:userID", for
// example "slack:U024BE7LH"; it is stable, while Name is for display.
type Person struct {
	Key  string
	Name string
	Team string
}

// IsZero reports whether p names nobody.
func (p Person) IsZero() bool { return p.Key == "" }

// Actor is the person performing an action, with the role they hold.
type Actor struct {
	Person
	Role Role
	// At, when set, is when the actor took the step, earlier than now: a
	// step recorded after the fact, such as an acknowledgement given by
	// phone. Only the steps that tell the customer something or take their
	// request accept it (acknowledge, update, answer, escalate, final
	// review, resolve); it may not lie before the case's previous step, nor
	// in the future. Zero means now.
	At time.Time
}

// System is the actor ombud uses for automatic changes, such as closing a case
// whose escalation window lapsed.
var System = Actor{Person: Person{Key: "ombud:system", Name: "ombud"}, Role: RoleSystem}
