package cases

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
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
	ActionPause:       "paused",
	ActionResume:      "resumed",
	ActionEscalate:    "escalated",
}

// involves reports whether taking action a puts its actor in the case's
// involvement record. Assignment involves the assignee, not the actor, and is
// recorded by the assign step itself.
func involves(a Action) bool {
	_, ok := involvementVerbs[a]
	return ok && a != ActionAssign
}

// independent applies the independence rule to taker, who is to take over
// the tier case c is at: it returns EFORBIDDEN, saying why, when taker (or,
// under a team policy, someone of taker's team) took part in an earlier
// tier, and otherwise the preconditions that make the store enforce the same
// rule in the write. actorKey is who asked, so the message can say "you".
func independent(c *Case, pr procedure, taker Actor, actorKey string, now time.Time) (notInvolved, notTeams []string, err error) {
	team := pr.Independence == IndependentTeam
	if team && taker.Team == "" {
		who := taker.Name + " is"
		if taker.Key == actorKey {
			who = "you are"
		}
		return nil, nil, Errorf(EFORBIDDEN, "policy %s requires a reviewer from a team not involved before, and %s in no team; a manager can add %s to one",
			pr.Name, who, taker.Name)
	}
	if in, who, found := involvementOf(c, pr, taker); found {
		return nil, nil, refusal(c, pr, taker, actorKey, in, who, now)
	}
	for t := TierFrontline; t < c.Tier; t++ {
		notInvolved = append(notInvolved, InvolvementKey(t, taker.Key))
		if team {
			notTeams = append(notTeams, InvolvementKey(t, taker.Team))
		}
	}
	return notInvolved, notTeams, nil
}

// refusal says why taker may not take over c: in is their (or, when who is
// set, a teammate's) involvement at an earlier tier.
func refusal(c *Case, pr procedure, taker Actor, actorKey string, in Involvement, who string, now time.Time) error {
	name := taker.Name
	if taker.Key == actorKey {
		name = "you"
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

// involvementOf finds taker's own first involvement in an earlier tier of c
// or, under a team policy, the first of a teammate, whom it then names in who.
func involvementOf(c *Case, pr procedure, taker Actor) (in Involvement, who string, found bool) {
	for _, in := range c.Involved {
		if in.Tier < c.Tier && in.Person.Key == taker.Key {
			return in, "", true
		}
	}
	if pr.Independence != IndependentTeam {
		return Involvement{}, "", false
	}
	for _, in := range c.Involved {
		if in.Tier < c.Tier && in.Person.Team == taker.Team {
			return in, fmt.Sprintf("%s, of team %s,", in.Person.Name, taker.Team), true
		}
	}
	return Involvement{}, "", false
}

// capitalize returns s with its first letter in title case, whatever the
// alphabet: "øyvind" becomes "Øyvind", "ǆemal" "ǅemal".
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	return string(unicode.ToTitle(r)) + s[n:]
}
