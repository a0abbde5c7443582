package slack

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/ombud/ombud/bot"
)

// Cache bounds: how long a name and a group's members are kept, and how
// many names at most.
const (
	nameTTL   = time.Hour
	groupTTL  = 5 * time.Minute
	maxPeople = 5000
)

// people resolves users to their names (users.info) and the user groups
// they are in, among the groups ombud's configuration names
// (usergroups.users.list); both are cached, names up to maxPeople.
type people struct {
	api    *slack.Client
	groups []string // the user group IDs whose members are looked up
	now    func() time.Time
	log    *slog.Logger

	names   *ttlCache[string]   // user ID -> display name
	members *ttlCache[[]string] // user group ID -> its members
}

// newPeople returns people looking users up through api, and the members
// of groups.
func newPeople(api *slack.Client, groups []string, now func() time.Time, log *slog.Logger) *people {
	return &people{api: api, groups: groups, now: now, log: log,
		names: newTTLCache[string](nameTTL, maxPeople), members: newTTLCache[[]string](groupTTL, len(groups))}
}

// name returns the display name of user id: their display name, else their
// real name, else their user name; the ID itself when users.info fails.
func (p *people) name(ctx context.Context, id string) string {
	now := p.now()
	cached, fresh, ok := p.names.get(id, now)
	if fresh {
		return cached
	}
	u, err := p.api.GetUserInfoContext(ctx, id)
	if err != nil {
		p.log.WarnContext(ctx, "slack: users.info failed; showing the user's ID", slog.String("user", id), slog.Any("error", err))
		if ok {
			return cached
		}
		return id
	}
	name := firstOf(u.Profile.DisplayName, u.RealName, u.Name, id)
	p.names.put(id, name, now)
	return name
}

// mention is user id as a mention: their name and user groups.
func (p *people) mention(ctx context.Context, id string) bot.Mention {
	return bot.Mention{UserID: id, Name: p.name(ctx, id), Groups: p.groupsOf(ctx, id)}
}

// groupsOf returns the configured user groups user id is in. A group whose
// members cannot be looked up counts with the members it had when last
// looked up, or none.
func (p *people) groupsOf(ctx context.Context, id string) []string {
	var in []string
	for _, g := range p.groups {
		if slices.Contains(p.membersOf(ctx, g), id) {
			in = append(in, g)
		}
	}
	return in
}

// membersOf returns the members of user group g, looked up again once
// those known are older than groupTTL.
func (p *people) membersOf(ctx context.Context, g string) []string {
	now := p.now()
	cached, fresh, _ := p.members.get(g, now)
	if fresh {
		return cached
	}
	members, err := p.api.GetUserGroupMembersContext(ctx, g)
	if err != nil {
		p.log.WarnContext(ctx, "slack: usergroups.users.list failed; the group's roles use its members as last known",
			slog.String("usergroup", g), slog.Any("error", err))
		return cached
	}
	p.members.put(g, members, now)
	return members
}

// ttlCache keeps up to max values by key, each fresh for ttl after it was
// put; when full, putting a new key forgets the one put longest ago.
type ttlCache[V any] struct {
	ttl time.Duration
	max int

	mu      sync.Mutex
	entries map[string]cached[V]
}

// cached is a value and when it was put.
type cached[V any] struct {
	v  V
	at time.Time
}

// newTTLCache returns an empty cache.
func newTTLCache[V any](ttl time.Duration, max int) *ttlCache[V] {
	return &ttlCache[V]{ttl: ttl, max: max, entries: map[string]cached[V]{}}
}

// get returns key's value, whether it is fresh at now, and whether there
// is one at all.
func (c *ttlCache[V]) get(key string, now time.Time) (v V, fresh, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	return e.v, ok && now.Sub(e.at) < c.ttl, ok
}

// put sets key's value, put at now.
func (c *ttlCache[V]) put(key string, v V, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[key]; !ok && len(c.entries) >= c.max {
		var oldest string
		var at time.Time
		for k, e := range c.entries {
			if oldest == "" || e.at.Before(at) {
				oldest, at = k, e.at
			}
		}
		delete(c.entries, oldest)
	}
	c.entries[key] = cached[V]{v: v, at: now}
}

// firstOf returns the first of ss that is not empty.
func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// Members returns the members of the user group group, with their names,
// and false when group is not a user group's ID (those start with S). A
// group whose members cannot be looked up has those last known, or none.
func (s *Slack) Members(ctx context.Context, group string) ([]bot.Mention, bool, error) {
	if !strings.HasPrefix(group, "S") {
		return nil, false, nil
	}
	var out []bot.Mention
	for _, id := range s.people.membersOf(ctx, group) {
		out = append(out, s.people.mention(ctx, id))
	}
	return out, true, nil
}
