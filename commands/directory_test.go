package commands_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/commands"
)

func TestNewDirectoryErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  commands.DirectoryConfig
		want string
	}{
		{"slack ID without platform", commands.DirectoryConfig{Seniors: "slack:U1, U123"},
			`OMBUD_SENIORS entry "U123" has no platform; write slack:U123`},
		{"discord ID without platform", commands.DirectoryConfig{Managers: "80351110224678912"},
			`OMBUD_MANAGERS entry "80351110224678912" has no platform; write discord:80351110224678912`},
		{"unknown platform", commands.DirectoryConfig{Seniors: "slak:U1"},
			`OMBUD_SENIORS entry "slak:U1" names the platform "slak", which ombud does not know; use slack, discord, console`},
		{"no ID", commands.DirectoryConfig{Seniors: "slack:"}, `OMBUD_SENIORS entry "slack:" has no user or group ID`},
		{"team entry", commands.DirectoryConfig{Teams: map[string]string{"review": "U9"}}, `team review entry "U9" has no platform`},
		{"two teams", commands.DirectoryConfig{Teams: map[string]string{"a": "slack:U1", "b": "slack:U1"}},
			"slack:U1 is in team a and team b; put it in one team"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := commands.NewDirectory(tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("NewDirectory = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestActor(t *testing.T) {
	dir, err := commands.NewDirectory(commands.DirectoryConfig{
		Seniors:  "slack:U1, slack:S-SENIORS, discord:42,",
		Managers: "slack:U2, discord:777",
		Teams:    map[string]string{"ombudsman": "slack:S-SENIORS", "frontline": "slack:U3, discord:43"},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		req  bot.Request
		want cases.Actor
	}{
		{"listed user", bot.Request{Platform: "slack", UserID: "U1", UserName: "Sue"},
			actor("slack:U1", "Sue", "", cases.RoleSenior)},
		{"manager", bot.Request{Platform: "slack", UserID: "U2", UserName: "Max"}, actor("slack:U2", "Max", "", cases.RoleManager)},
		{"slack user group gives role and team", bot.Request{Platform: "slack", UserID: "U9", UserName: "Sid", Groups: []string{"S-SENIORS"}},
			actor("slack:U9", "Sid", "ombudsman", cases.RoleSenior)},
		{"discord role", bot.Request{Platform: "discord", UserID: "5", UserName: "Dee", Groups: []string{"777"}},
			actor("discord:5", "Dee", "", cases.RoleManager)},
		{"same ID on another platform", bot.Request{Platform: "discord", UserID: "U1", UserName: "Other"},
			actor("discord:U1", "Other", "", cases.RoleAgent)},
		{"agent with team, name from ID", bot.Request{Platform: "discord", UserID: "43"}, actor("discord:43", "43", "frontline", cases.RoleAgent)},
		{"console role honoured", bot.Request{Platform: "console", UserID: "ann", UserName: "ann", LocalRole: "manager"},
			actor("console:ann", "ann", "", cases.RoleManager)},
		{"network role ignored", bot.Request{Platform: "slack", UserID: "U3", UserName: "Ann", LocalRole: "manager"},
			actor("slack:U3", "Ann", "frontline", cases.RoleAgent)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dir.Actor(tt.req); got != tt.want {
				t.Errorf("Actor = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func actor(key, name, team string, role cases.Role) cases.Actor {
	return cases.Actor{Person: cases.Person{Key: key, Name: name, Team: team}, Role: role}
}

func TestMention(t *testing.T) {
	dir, err := commands.NewDirectory(commands.DirectoryConfig{Seniors: "slack:U1, discord:42, console:sue"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		platform, mention string
		want              cases.Actor
		err               string
	}{
		{"slack", "<@U1>", actor("slack:U1", "U1", "", cases.RoleSenior), ""},
		{"slack", "<@U1|sue>", actor("slack:U1", "sue", "", cases.RoleSenior), ""},
		{"discord", "<@!42>", actor("discord:42", "42", "", cases.RoleSenior), ""},
		{"discord", "<@43>", actor("discord:43", "43", "", cases.RoleAgent), ""},
		{"console", "@sue", actor("console:sue", "sue", "", cases.RoleSenior), ""},
		{"slack", "@sue", cases.Actor{}, "cannot tell who @sue is from the name alone"},
		{"console", "sue", cases.Actor{}, `"sue" is not a mention; name the person as @name`},
		{"console", "@", cases.Actor{}, "is not a mention"},
		{"console", "@<!channel>", cases.Actor{}, "@<!channel> does not name one person"},
		{"console", "@here", cases.Actor{}, "@here does not name one person"},
		{"console", "@Everyone", cases.Actor{}, "does not name one person"},
		{"console", "@sue@here", cases.Actor{}, "does not name one person"},
	}
	for _, tt := range tests {
		got, err := dir.Mention(bot.Request{Platform: tt.platform}, tt.mention)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Mention(%s, %q) = %v, want an error containing %q", tt.platform, tt.mention, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Mention(%s, %q) = %+v, %v, want %+v", tt.platform, tt.mention, got, err, tt.want)
		}
	}
}

// TestMentionResolved gives a mentioned person the role and team of the
// groups the platform resolved them to be in, and the name it resolved.
func TestMentionResolved(t *testing.T) {
	dir, err := commands.NewDirectory(commands.DirectoryConfig{Seniors: "slack:S-SENIORS", Managers: "discord:777",
		Teams: map[string]string{"review": "slack:S-SENIORS"}})
	if err != nil {
		t.Fatal(err)
	}
	req := bot.Request{Platform: "slack", Mentions: []bot.Mention{
		{UserID: "U7", Name: "Sid Senior", Groups: []string{"S-OTHER", "S-SENIORS"}},
		{UserID: "U8", Groups: []string{"S-OTHER"}},
	}}
	for mention, want := range map[string]cases.Actor{
		"<@U7>":         actor("slack:U7", "Sid Senior", "review", cases.RoleSenior),
		"<@U7|spoofed>": actor("slack:U7", "Sid Senior", "review", cases.RoleSenior),
		"<@U8|eight>":   actor("slack:U8", "eight", "", cases.RoleAgent),
		"<@U9>":         actor("slack:U9", "U9", "", cases.RoleAgent),
	} {
		if got, err := dir.Mention(req, mention); err != nil || got != want {
			t.Errorf("Mention(%q) = %+v, %v, want %+v", mention, got, err, want)
		}
	}
	// Groups count on the platform they were resolved on only.
	discord := bot.Request{Platform: "discord", Mentions: []bot.Mention{{UserID: "5", Name: "Dee", Groups: []string{"S-SENIORS"}}}}
	if got, _ := dir.Mention(discord, "<@5>"); got != actor("discord:5", "Dee", "", cases.RoleAgent) {
		t.Errorf("a Slack group's role reached a Discord user: %+v", got)
	}
}

func TestEntries(t *testing.T) {
	dir, err := commands.NewDirectory(commands.DirectoryConfig{Seniors: "slack:U1, slack:S-SENIORS, discord:42", Managers: "slack:U1",
		Teams: map[string]string{"review": "slack:S-SENIORS, slack:S-REVIEW"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := dir.Entries("slack"); !slices.Equal(got, []string{"S-REVIEW", "S-SENIORS", "U1"}) {
		t.Errorf("Entries(slack) = %v", got)
	}
	if got := dir.Entries("discord"); !slices.Equal(got, []string{"42"}) {
		t.Errorf("Entries(discord) = %v", got)
	}
	var none *commands.Directory
	if got := none.Entries("slack"); got != nil {
		t.Errorf("a nil directory has entries %v", got)
	}
}

func TestNilDirectory(t *testing.T) {
	var dir *commands.Directory
	if got := dir.Actor(bot.Request{Platform: "slack", UserID: "U1", UserName: "Ann"}); got != actor("slack:U1", "Ann", "", cases.RoleAgent) {
		t.Errorf("Actor = %+v", got)
	}
}

func TestSubcommandNamesForMetrics(t *testing.T) {
	reg := commands.Builtin()
	for text, want := range map[string]string{
		"":                      "help",
		"show C-2026-0001":      "show",
		"  SHOW C-2026-0001":    "show",
		"sho C-2026-0001":       "unknown",
		"<!channel> everything": "unknown",
	} {
		if got := reg.Subcommand(text); got != want {
			t.Errorf("Subcommand(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestConsoleNamesIgnoreCase: on the console, configured entries and
// mentions ignore letter case, and a role the console asserts for a
// person it mentions holds, as it does for the sender; elsewhere neither.
func TestConsoleNamesIgnoreCase(t *testing.T) {
	d, err := commands.NewDirectory(commands.DirectoryConfig{Seniors: "console:Sam, slack:UABC"})
	if err != nil {
		t.Fatal(err)
	}
	console := bot.Request{Platform: "console", UserID: "sam", UserName: "SAM"}
	if a := d.Actor(console); a.Role != cases.RoleSenior || a.Key != "console:sam" || a.Name != "SAM" {
		t.Errorf("console SAM = %+v, want the senior console:sam, named as typed", a)
	}
	if a := d.Actor(bot.Request{Platform: "slack", UserID: "uabc"}); a.Role != cases.RoleAgent {
		t.Errorf("slack uabc = %s, want an agent: Slack IDs keep their case", a.Role)
	}
	console.Mentions = []bot.Mention{{UserID: "bob", Name: "bob", LocalRole: "manager"}}
	for mention, want := range map[string]cases.Role{"@Sam": cases.RoleSenior, "@BOB": cases.RoleManager, "@carol": cases.RoleAgent} {
		if a, err := d.Mention(console, mention); err != nil || a.Role != want || a.Key != "console:"+strings.ToLower(mention[1:]) {
			t.Errorf("Mention(%s) = %+v, %v; want %s", mention, a, err, want)
		}
	}
	slack := bot.Request{Platform: "slack", UserID: "U1", Mentions: []bot.Mention{{UserID: "U2", LocalRole: "manager"}}}
	if a, err := d.Mention(slack, "<@U2>"); err != nil || a.Role != cases.RoleAgent {
		t.Errorf("a Slack mention took the role %s, %v; only the console asserts roles", a.Role, err)
	}
}
