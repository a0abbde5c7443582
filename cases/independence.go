package cases

import (
	"fmt"
	"strings"
	"time"
)

// involvementVerbs says, for each action that involves its actor in a case,
// how to tell them so.
var involvementVerbs = map[Action]string{
	ActionAssign:      "were assigned",
	ActionAcknowledge: "acknowledged",
	ActionAnswer:      "answered",
	ActionUpdate:      "updated the customer on",
	ActionNote:        "noted on",
	ActionExtend:      "extended a deadline of",
	ActionReview:      "reviewed",
	ActionClaim:       "claimed",
	ActionDecide:      "decided",
}

// involves reports whether taking action a puts its actor in the case's
// involvement record. Assignment involves the assignee, not the actor, and is
// recorded by the assign step itself.
func involves(a Action) bool {
	_, ok := involvementVerbs[a]
	return ok && a != ActionAssign
}

// checkIndependent returns EFORBIDDEN, saying why, when taker appears in c's
// involvement record, or, under a team policy, someone of taker's team does.
// actorKey is who asked, so the message can say "you". The store enforces the
// same rule in the write; this check explains it.
func checkIndependent(c *Case, pr procedure, taker Actor, actorKey string, now time.Time) error {
	name := taker.Name
	if taker.Key == actorKey {
		name = "you"
	}
	for _, in := range c.Involved {
		who := name
		switch {
		case in.Person.Key == taker.Key:
		case pr.Independence == IndependentTeam && taker.Team != "" && in.Person.Team == taker.Team:
			who = fmt.Sprintf("%s, of team %s,", in.Person.Name, taker.Team)
		default:
			continue
		}
		return Errorf(EFORBIDDEN,
			"%s cannot review %s: %s %s this case on %s. Policy %s requires a reviewer who was not involved before; ask another senior to take it.",
			capitalize(name), c.ID, who, involvementVerbs[in.How], shortDate(in.At, now, pr.cal.Location()), pr.Name)
	}
	return nil
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
