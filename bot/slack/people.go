package slack

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/slack-go/slack"
)

// Cache bounds: how long a name and a group's members are kept, and how
// many names at most.
const (
	nameTTL   = time.Hour
	groupTTL  = 5 * time.Minute
	maxPeople = 5000
)

// person is a user's display name, as users.info gave it, and when.
type person struct {
	name string
	at   time.Time
}

// group is a user group's members, as usergroups.users.list gave them,
// and when.
type group struct {
	members []string
	at      time.Time
}

// people resolves users to their names (users.info) and the user groups
// they are in, among the groups ombud's configuration names
// (usergroups.users.list); both are cached, names up to maxPeople.
type people struct {
	api    *slack.Client
	groups []string // the user group IDs whose members are looked up
	now    func() time.Time
	log    *slog.Logger

	mu      sync.Mutex
	names   map[string]person
	members map[string]group
}

// newPeople returns people looking users up through api, and the members
// of groups.
func newPeople(api *slack.Client, groups []string, now func() time.Time, log *slog.Logger) *people {
	return &people{api: api, groups: groups, now: now, log: log, names: map[string]person{}, members: map[string]group{}}
}

// name returns the display name of user id: their display name, else their
// real name, else their user name; the ID itself when users.info fails.
func (p *people) name(ctx context.Context, id string) string {
	now := p.now()
	p.mu.Lock()
	cached, ok := p.names[id]
	p.mu.Unlock()
	if ok && now.Sub(cached.at) < nameTTL {
		return cached.name
	}
	u, err := p.api.GetUserInfoContext(ctx, id)
	if err != nil {
		p.log.WarnContext(ctx, "slack: users.info failed; showing the user's ID", slog.String("user", id), slog.Any("error", err))
		if ok {
			return cached.name
		}
		return id
	}
	name := firstOf(u.Profile.DisplayName, u.RealName, u.Name, id)
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.names) >= maxPeople {
		p.evictOldest()
	}
	p.names[id] = person{name: name, at: now}
	return name
}

// evictOldest forgets the name looked up longest ago; p.mu must be held.
func (p *people) evictOldest() {
	var oldest string
	var at time.Time
	for id, n := range p.names {
		if oldest == "" || n.at.Before(at) {
			oldest, at = id, n.at
		}
	}
	delete(p.names, oldest)
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
	p.mu.Lock()
	cached, ok := p.members[g]
	p.mu.Unlock()
	if ok && now.Sub(cached.at) < groupTTL {
		return cached.members
	}
	members, err := p.api.GetUserGroupMembersContext(ctx, g)
	if err != nil {
		p.log.WarnContext(ctx, "slack: usergroups.users.list failed; the group's roles use its members as last known",
			slog.String("usergroup", g), slog.Any("error", err))
		return cached.members
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.members[g] = group{members: members, at: now}
	return members
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
