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
	in, who, found := involvementOf(c, pr, taker)
	if !found {
		return nil
	}
	verb := involvementVerbs[in.How]
	if who == "" {
		who = name
	} else {
		verb = strings.Replace(verb, "were ", "was ", 1)
	}
	return Errorf(EFORBIDDEN,
		"%s cannot review %s: %s %s this case on %s. Policy %s requires a reviewer who was not involved before; ask another senior to take it.",
		capitalize(name), c.ID, who, verb, shortDate(in.At, now, pr.cal.Location()), pr.Name)
}

// involvementOf finds taker's own first involvement in c or, under a team
// policy, the first of a teammate, whom it then names in who.
func involvementOf(c *Case, pr procedure, taker Actor) (in Involvement, who string, found bool) {
	for _, in := range c.Involved {
		if in.Person.Key == taker.Key {
			return in, "", true
		}
	}
	if pr.Independence != IndependentTeam || taker.Team == "" {
		return Involvement{}, "", false
	}
	for _, in := range c.Involved {
		if in.Person.Team == taker.Team {
			return in, fmt.Sprintf("%s, of team %s,", in.Person.Name, taker.Team), true
		}
	}
	return Involvement{}, "", false
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
