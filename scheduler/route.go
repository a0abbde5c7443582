package scheduler

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// Seniors says who the seniors are on each platform.
type Seniors interface {
	// Seniors returns the IDs listed as seniors on platform, people's and
	// groups' alike.
	Seniors(platform string) []string
	// Lookup returns who the person userID, called name, in groups, is on
	// platform: their role and team.
	Lookup(platform, userID, name string, groups []string) cases.Actor
}

// Router chooses the senior to ask to claim an escalation that waits for a
// reviewer: one who may claim it, as Claim's independence rule says; among
// them, one asked the fewest times since the case began to wait, then one
// with the fewest open reviews, then by key, so that round after round the
// request goes round them all. Seniors listed only through a group (a Slack
// user group, a Discord role) are found through their platform.
type Router struct {
	Service *cases.Service
	Store   cases.Store
	Seniors Seniors
	Groups  map[string]bot.Groups // by platform; a platform without groups lists people only
}

// Pick implements cases.Picker.
func (r Router) Pick(ctx context.Context, c *cases.Case, _ cases.Alarm) (cases.Person, bool, error) {
	candidates, err := r.seniors(ctx, c.Origin.Platform)
	if err != nil {
		return cases.Person{}, false, err
	}
	asked := map[string]int{}
	for _, k := range c.Asked() {
		asked[k]++
	}
	type choice struct {
		who         cases.Actor
		asked, open int
	}
	var eligible []choice
	for _, a := range candidates {
		if !r.Service.MayClaim(c, a) {
			continue
		}
		open, err := r.Store.Count(ctx, cases.Query{Person: a.Key, Statuses: []cases.Status{cases.StatusReviewing, cases.StatusFinalReviewing}})
		if err != nil {
			return cases.Person{}, false, err
		}
		eligible = append(eligible, choice{a, asked[a.Key], open})
	}
	if len(eligible) == 0 {
		return cases.Person{}, false, nil
	}
	best := slices.MinFunc(eligible, func(a, b choice) int {
		if a.asked != b.asked {
			return a.asked - b.asked
		}
		if a.open != b.open {
			return a.open - b.open
		}
		return strings.Compare(a.who.Key, b.who.Key)
	})
	return best.who.Person, true, nil
}

// seniors returns the seniors on platform, each once: those listed by ID,
// and the members of the groups listed.
func (r Router) seniors(ctx context.Context, platform string) ([]cases.Actor, error) {
	groups := r.Groups[platform]
	var out []cases.Actor
	add := func(a cases.Actor) {
		if !slices.ContainsFunc(out, func(b cases.Actor) bool { return b.Key == a.Key }) && a.Role.AtLeast(cases.RoleSenior) {
			out = append(out, a)
		}
	}
	for _, id := range r.Seniors.Seniors(platform) {
		var members []bot.Mention
		isGroup := false
		if groups != nil {
			var err error
			if members, isGroup, err = groups.Members(ctx, id); err != nil {
				return nil, fmt.Errorf("the members of %s group %s: %w", platform, id, err)
			}
		}
		if !isGroup {
			add(r.Seniors.Lookup(platform, id, id, nil))
			continue
		}
		for _, m := range members {
			add(r.Seniors.Lookup(platform, m.UserID, m.Name, append(slices.Clone(m.Groups), id)))
		}
	}
	return out, nil
}
