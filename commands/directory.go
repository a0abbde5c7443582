package commands

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// Directory says who holds which role and who is on which team. Its entries
// are "platform:ID", where the ID is a user's or, on Slack and Discord, a
// user group's or role's: everyone in a listed group holds the entry's role
// or team. A nil or empty Directory makes everyone an agent with no team.
type Directory struct {
	seniors  map[string]bool
	managers map[string]bool
	teams    map[string]string // entry -> team name
}

// DirectoryConfig is the raw configuration a Directory is built from.
type DirectoryConfig struct {
	Seniors  string            // OMBUD_SENIORS: comma-separated entries, such as "slack:U024BE7LH, discord:80351110224678912"
	Managers string            // OMBUD_MANAGERS: the same form
	Teams    map[string]string // team name -> comma-separated entries of its members
}

// platforms are the platform names an entry may start with.
var platforms = []string{"slack", "discord", bot.PlatformConsole}

// NewDirectory parses cfg. Its errors name the setting and the entry that is
// wrong and say what to write instead.
func NewDirectory(cfg DirectoryConfig) (*Directory, error) {
	d := &Directory{teams: map[string]string{}}
	var err error
	if d.seniors, err = parseEntries("OMBUD_SENIORS", cfg.Seniors); err != nil {
		return nil, err
	}
	if d.managers, err = parseEntries("OMBUD_MANAGERS", cfg.Managers); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(cfg.Teams))
	for name := range cfg.Teams {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, team := range names {
		if strings.TrimSpace(team) == "" {
			return nil, fmt.Errorf("a team has no name; give every team a name")
		}
		members, err := parseEntries(fmt.Sprintf("team %s", team), cfg.Teams[team])
		if err != nil {
			return nil, err
		}
		for m := range members {
			if other, dup := d.teams[m]; dup {
				return nil, fmt.Errorf("%s is in team %s and team %s; put it in one team", m, other, team)
			}
			d.teams[m] = team
		}
	}
	return d, nil
}

// parseEntries parses a comma-separated list of platform:ID entries; what
// names the setting in errors. Blank entries are skipped.
func parseEntries(what, list string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, raw := range strings.Split(list, ",") {
		e := strings.TrimSpace(raw)
		if e == "" {
			continue
		}
		platform, id, ok := strings.Cut(e, ":")
		switch {
		case !ok:
			return nil, fmt.Errorf("%s entry %q has no platform; write %s:%s", what, e, guessPlatform(e), e)
		case !slices.Contains(platforms, platform):
			return nil, fmt.Errorf("%s entry %q names the platform %q, which ombud does not know; use %s",
				what, e, platform, strings.Join(platforms, ", "))
		case strings.TrimSpace(id) == "" || strings.ContainsAny(id, " \t"):
			return nil, fmt.Errorf("%s entry %q has no user or group ID after the colon; write it as %s:ID", what, e, platform)
		}
		if platform == bot.PlatformConsole {
			id = strings.ToLower(id) // console names ignore letter case
		}
		out[platform+":"+id] = true
	}
	return out, nil
}

// guessPlatform guesses which platform an ID without one comes from: Discord
// IDs are all digits, Slack IDs are not.
func guessPlatform(id string) string {
	if strings.Trim(id, "0123456789") == "" {
		return "discord"
	}
	return "slack"
}

// Entries returns the IDs the directory names on platform, people's and
// groups' alike, each once, in order, so that a platform can tell which of
// its groups to look people up in.
func (d *Directory) Entries(platform string) []string {
	if d == nil {
		return nil
	}
	var out []string
	for _, set := range []map[string]bool{d.seniors, d.managers} {
		for e := range set {
			out = append(out, e)
		}
	}
	for e := range d.teams {
		out = append(out, e)
	}
	var ids []string
	for _, e := range out {
		if id, ok := strings.CutPrefix(e, platform+":"); ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// Actor returns who sent req: their key, name, role and team. The role is the
// highest one configured for the user or any of their groups, manager above
// senior above agent. On the local console, where whoever runs ombud chooses
// who they are, a role the console asserts takes its place.
func (d *Directory) Actor(req bot.Request) cases.Actor {
	name := req.UserName
	if name == "" {
		name = req.UserID
	}
	a := d.lookup(req.Platform, req.UserID, req.Groups, name)
	return asserted(req, a, req.LocalRole)
}

// asserted returns a with the role the local console asserts for them, if
// req came from the console and it asserts one.
func asserted(req bot.Request, a cases.Actor, role string) cases.Actor {
	if req.Platform == bot.PlatformConsole && role != "" {
		if r, err := cases.ParseRole(role); err == nil {
			a.Role = r
		}
	}
	return a
}

// lookup returns the actor with the given platform, user ID, groups and name.
func (d *Directory) lookup(platform, userID string, groups []string, name string) cases.Actor {
	a := cases.Actor{Person: cases.Person{Key: platform + ":" + userID, Name: name}, Role: cases.RoleAgent}
	if d == nil {
		return a
	}
	keys := []string{a.Key}
	for _, g := range groups {
		keys = append(keys, platform+":"+g)
	}
	for _, k := range keys {
		switch {
		case d.managers[k]:
			a.Role = cases.RoleManager
		case d.seniors[k] && a.Role != cases.RoleManager:
			a.Role = cases.RoleSenior
		}
		if team, ok := d.teams[k]; ok && a.Team == "" {
			a.Team = team
		}
	}
	return a
}

// mentionPattern matches a platform mention: <@U123>, <@U123|name>, <@!123>.
var mentionPattern = regexp.MustCompile(`^<@!?([A-Za-z0-9]+)(?:\|([^>]*))?>$`)

// Mention returns the person a mention names, on the platform req came from.
// It accepts the escaped forms Slack and Discord send, <@U123>,
// <@U123|name> and <@!123>, and, on the console, where a user's ID is their
// name, @name, where name is a bot.PlainName as the console's /as requires.
// Their role and team come from the directory, for the person and for the
// groups the platform resolved them to be in (req.Mentions), so that a role
// given to a Slack user group or a Discord role reaches them; their name is
// the one the platform resolved, or else the one in the mention.
func (d *Directory) Mention(req bot.Request, mention string) (cases.Actor, error) {
	mention = strings.TrimSpace(mention)
	if m := mentionPattern.FindStringSubmatch(mention); m != nil {
		name, groups := m[2], []string(nil)
		if i := slices.IndexFunc(req.Mentions, func(p bot.Mention) bool { return p.UserID == m[1] }); i >= 0 {
			groups = req.Mentions[i].Groups
			if req.Mentions[i].Name != "" {
				name = req.Mentions[i].Name
			}
		}
		if name == "" {
			name = m[1]
		}
		return d.lookup(req.Platform, m[1], groups, name), nil
	}
	name, ok := strings.CutPrefix(mention, "@")
	switch {
	case ok && name != "" && req.Platform == bot.PlatformConsole && bot.PlainName(name):
		id, role := strings.ToLower(name), ""
		if i := slices.IndexFunc(req.Mentions, func(m bot.Mention) bool { return m.UserID == id }); i >= 0 {
			role = req.Mentions[i].LocalRole
		}
		return asserted(req, d.lookup(req.Platform, id, nil, name), role), nil
	case ok && name != "" && req.Platform == bot.PlatformConsole:
		return cases.Actor{}, cases.Errorf(cases.EINVALID,
			"%s does not name one person; write @ and their console name, one plain word such as @sue", mention)
	case ok && name != "":
		return cases.Actor{}, cases.Errorf(cases.EINVALID,
			"ombud cannot tell who %s is from the name alone; pick them from %s's list of people as you type @, so the mention carries their ID", mention, req.Platform)
	default:
		return cases.Actor{}, cases.Errorf(cases.EINVALID, "%q is not a mention; name the person as @name", mention)
	}
}

// TeamNames returns the names of the configured teams, sorted.
func (d *Directory) TeamNames() []string {
	var names []string
	if d == nil {
		return names
	}
	for _, t := range d.teams {
		if !slices.Contains(names, t) {
			names = append(names, t)
		}
	}
	slices.Sort(names)
	return names
}

// Seniors returns the IDs the directory lists as seniors on platform,
// people's and groups' alike, sorted: those ombud may ask to claim an
// escalation.
func (d *Directory) Seniors(platform string) []string {
	if d == nil {
		return nil
	}
	var ids []string
	for e := range d.seniors {
		if id, ok := strings.CutPrefix(e, platform+":"); ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// Lookup returns who the person userID, called name and in groups, is on
// platform: their key, name, role and team.
func (d *Directory) Lookup(platform, userID, name string, groups []string) cases.Actor {
	return d.lookup(platform, userID, groups, name)
}
