package scheduler

import (
	"context"
	"log/slog"
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
	Service *cases.Service        // says who may claim a case (cases.Service.MayClaim)
	Store   cases.Store           // counts each senior's open reviews
	Seniors Seniors               // who the seniors are, by ID or group
	Groups  map[string]bot.Groups // by platform; a platform without groups lists people only
	// Logger hears of a group whose members cannot be read (nil
	// discards); its seniors are left out of that round.
	Logger *slog.Logger
}

// Pick implements cases.Picker.
func (r Router) Pick(ctx context.Context, c *cases.Case, _ cases.Alarm) (cases.Person, bool, error) {
	candidates := r.seniors(ctx, c.Origin.Platform)
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
// and the members of the groups listed. A group whose members cannot be
// read now (a missing permission, a rate limit, an outage) is logged and
// left out, so that the seniors listed otherwise are still asked and the
// case's other alarms still go off.
func (r Router) seniors(ctx context.Context, platform string) []cases.Actor {
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
				r.logger().WarnContext(ctx, "route: could not read the members of a group of seniors; leaving it out this time",
					slog.String("platform", platform), slog.String("group", id), slog.Any("error", err))
				continue
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
	return out
}

// logger returns the router's logger, or one that discards.
func (r Router) logger() *slog.Logger {
	if r.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return r.Logger
}
