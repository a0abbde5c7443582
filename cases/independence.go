package cases

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// involvementVerbs says, for each way of taking part in a case, how to tell
// someone they did. Every action a person takes involves them, but for
// assign: handing a case over at the frontline involves neither the one who
// hands it over nor, until they act on it, the one who gets it. (Handing over
// a review involves the new reviewer at once, as a claim; a referral
// involves the one it names at once, as the refer step records.)
var involvementVerbs = map[Action]string{
	ActionOpen:        "opened",
	ActionAssign:      "were assigned", // the frontline assignments of cases opened before assignment stopped involving
	ActionAcknowledge: "acknowledged",
	ActionAnswer:      "answered",
	ActionUpdate:      "updated the customer on",
	ActionNote:        "noted on",
	ActionExtend:      "extended a deadline of",
	ActionPause:       "paused",
	ActionResume:      "resumed",
	ActionResolve:     "resolved",
	ActionEscalate:    "escalated",
	ActionRefer:       "referred",
	ActionReferredTo:  "were referred",
	ActionDraft:       "drafted the answer to",
	ActionSignoff:     "signed off the answer to",
	ActionClaim:       "claimed",
	ActionReview:      "reviewed",
	ActionFinal:       "asked for the final review of",
	ActionDecide:      "decided",
	ActionClose:       "closed",
	ActionReopen:      "reopened",
}

// involves reports whether taking action a puts its actor in the case's
// involvement record. Opening, assigning and being referred are recorded by
// their own steps.
func involves(a Action) bool {
	_, ok := involvementVerbs[a]
	return ok && a != ActionAssign && a != ActionOpen && a != ActionReferredTo
}

// maxTier is the highest tier a procedure has.
const maxTier = TierFinal

// independent applies the independence rule to taker, who is to take over
// the tier case c is at: it returns EFORBIDDEN, saying why, when taker (or,
// under a team policy, someone of taker's team) took part in an earlier
// tier of the cycle c is in, or in any tier of an earlier cycle; and
// otherwise the preconditions that make the store enforce the same rule in
// the write. actorKey is who asked, so the message can say "you".
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
	for _, k := range earlierStages(c) {
		notInvolved = append(notInvolved, InvolvementKey(k.cycle, k.tier, taker.Key))
		if team {
			notTeams = append(notTeams, InvolvementKey(k.cycle, k.tier, taker.Team))
		}
	}
	return notInvolved, notTeams, nil
}

// stage is one tier of one cycle of a case.
type stage struct {
	cycle int
	tier  Tier
}

// earlierStages returns the stages before the tier c is at: every tier of
// every earlier cycle, and the lower tiers of this one.
func earlierStages(c *Case) []stage {
	var out []stage
	cycle := c.Cycle()
	for k := 1; k < cycle; k++ {
		for t := TierFrontline; t <= maxTier; t++ {
			out = append(out, stage{k, t})
		}
	}
	for t := TierFrontline; t < c.Tier; t++ {
		out = append(out, stage{cycle, t})
	}
	return out
}

// involvedEntry is an entry of the involvement record with its cycle.
type involvedEntry struct {
	Involvement
	cycle int
}

// refusal says why taker may not take over c: in is their (or, when who is
// set, a teammate's) involvement at an earlier tier or cycle.
func refusal(c *Case, pr procedure, taker Actor, actorKey string, in involvedEntry, who string, now time.Time) error {
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
	when := shortDate(in.At, now, pr.cal.Location())
	if in.cycle < c.Cycle() {
		when += ", before it was reopened"
	}
	return Errorf(EFORBIDDEN,
		"%s cannot review %s: %s %s this case on %s. Policy %s requires a reviewer who was not involved before; ask another senior to take it.",
		capitalize(name), c.ID, who, verb, when, pr.Name)
}

// involvementOf finds taker's own first involvement in an earlier stage of c
// or, under a team policy, the first of a teammate, whom it then names in
// who.
func involvementOf(c *Case, pr procedure, taker Actor) (in involvedEntry, who string, found bool) {
	earlier := c.involvedBefore(c.Tier)
	for _, in := range earlier {
		if in.Person.Key == taker.Key {
			return in, "", true
		}
	}
	if pr.Independence != IndependentTeam {
		return involvedEntry{}, "", false
	}
	for _, in := range earlier {
		if in.Person.Team == taker.Team {
			return in, fmt.Sprintf("%s, of team %s,", in.Person.Name, taker.Team), true
		}
	}
	return involvedEntry{}, "", false
}

// involvedBefore returns the entries of c's involvement record that bar
// their person from reviewing tier t of c's current cycle: those of an
// earlier tier of the cycle and those of any earlier cycle.
func (c *Case) involvedBefore(t Tier) []involvedEntry {
	var out []involvedEntry
	cycle := c.Cycle()
	c.eachInvolvement(func(in Involvement, k int) {
		if k < cycle || in.Tier < t {
			out = append(out, involvedEntry{in, k})
		}
	})
	return out
}

// TeamsBarred returns, sorted, the teams none of whose members may review
// tier t of c's current cycle under a policy with independence team: the
// teams of everyone involved in an earlier tier of the cycle or in any
// earlier cycle.
func (c *Case) TeamsBarred(t Tier) []string {
	var teams []string
	for _, in := range c.involvedBefore(t) {
		if in.Person.Team != "" && !slices.Contains(teams, in.Person.Team) {
			teams = append(teams, in.Person.Team)
		}
	}
	slices.Sort(teams)
	return teams
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
