package scheduler_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/discord"
	"github.com/ombud/ombud/bot/discord/fakediscord"
	ombudslack "github.com/ombud/ombud/bot/slack"
	"github.com/ombud/ombud/bot/slack/fakeslack"
	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/casetest"
	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
	"github.com/ombud/ombud/commands"
	"github.com/ombud/ombud/scheduler"
)

// rounds are the moments 4, 8, 12, 16 and 20 business hours after Monday
// 23 November 2026 09:00, when ombud asks for a claim again.
var rounds = []string{"2026-11-23T13:00:00Z", "2026-11-24T09:00:00Z", "2026-11-24T13:00:00Z", "2026-11-25T09:00:00Z", "2026-11-25T13:00:00Z"}

// sweepRounds sweeps at each of rounds, on clock.
func (w *world) sweepRounds(clock *casetest.Clock) {
	w.t.Helper()
	for _, r := range rounds {
		at, _ := time.Parse(time.RFC3339, r)
		clock.Set(at)
		w.mustSweep()
	}
}

// asked returns who the claim requests so far mention, in order.
func (w *world) asked() []string {
	var out []string
	for _, s := range w.log.all() {
		if s.Post.Channel == bot.ChannelEscalations && strings.Contains(s.Post.Reply.Title, "waits for a reviewer") {
			out = append(out, strings.Join(s.Post.Mention, "+"))
		}
	}
	return out
}

// escalatedCase opens a complaint as ann, has noter note on it at the
// frontline, answers and escalates it, and returns its ID.
func escalatedCase(w *world, noter string) string {
	w.t.Helper()
	id := w.open(w.now().Format(time.RFC3339))
	w.do(noter, "note "+id+" I know this customer")
	w.do("ann", "answer "+id+" refunded")
	w.do("ann", "escalate "+id+` reason:"not refunded"`)
	return id
}

// TestRoutingRotates: an escalation nobody claims asks an eligible senior
// every 4 business hours, round after round: the one with the fewest open
// reviews first, then the others in turn; never sam, who noted on it at the
// frontline; and nobody once it is claimed.
func TestRoutingRotates(t *testing.T) {
	clock := casetest.NewClock(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	w := MustWorld(t, sqlitetest.MustStore(t), "standard", clock.Now)
	busy := escalatedCase(w, "bob") // sid reviews it: he has an open review
	w.do("sid", "claim "+busy)
	id := escalatedCase(w, "sam")
	w.sweepRounds(clock)
	if got, want := w.asked(), []string{"sue", "sid", "sue", "sid", "sue"}; !slices.Equal(got, want) {
		t.Errorf("asked %q, want sue (no open review), then sid, in turn; never sam", got)
	}
	w.do("sue", "claim "+id)
	before := len(w.asked())
	clock.Advance(7 * 24 * time.Hour)
	w.mustSweep()
	if got := w.asked(); len(got) != before {
		t.Errorf("asked %q after the case was claimed", got[before:])
	}
}

// TestRoutingTeamIndependence: under a policy that bars a whole team, a
// senior of the frontline team is never asked, though only a teammate
// took part.
func TestRoutingTeamIndependence(t *testing.T) {
	clock := casetest.NewClock(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	w := MustWorld(t, sqlitetest.MustStore(t), "standard", clock.Now)
	p := *w.svc.Policy()
	p.Independence = cases.IndependentTeam
	p.Tiers = slices.Clone(p.Tiers)
	for i := range p.Tiers {
		p.Tiers[i].Reviewer = ""
	}
	var err error
	if w.svc, err = cases.NewService(cases.Config{Store: w.store, Policy: &p, Now: clock.Now}); err != nil {
		t.Fatal(err)
	}
	w.h = commands.New(w.svc, w.dir, nil)
	w.rec, w.disp, w.sweep = w.process("ombud-1")
	escalatedCase(w, "bob")
	w.sweepRounds(clock)
	got := w.asked()
	if len(got) != len(rounds) || slices.Contains(got, "sam") {
		t.Errorf("asked %q; want sue and sid in turn, never sam of the frontline team", got)
	}
}

// TestRoutingThroughUserGroup: seniors listed only as a Slack user group
// are found through Slack, and the one asked is a member.
func TestRoutingThroughUserGroup(t *testing.T) {
	fake := fakeslack.New(t)
	for _, u := range []fakeslack.User{{ID: "UANN", Name: "ann"}, {ID: "USUE", Name: "sue", DisplayName: "Sue"}, {ID: "USID", Name: "sid"}} {
		fake.AddUser(u)
	}
	fake.SetGroup("SREVIEW", "USUE", "USID")
	p, err := ombudslack.New(ombudslack.Config{BotToken: "xoxb-test", SigningSecret: "8f742231b10e8888abcd99yyyzzz85a5", APIURL: fake.APIURL(),
		Groups: []string{"SREVIEW"}, Pool: bot.NewPool(1, 1)})
	if err != nil {
		t.Fatal(err)
	}
	pickedFrom(t, p, "slack", "slack:SREVIEW", "slack:UANN", []string{"slack:USUE", "slack:USID"})
}

// TestRoutingThroughRole: seniors listed only as a Discord role are found
// through Discord's members of the server.
func TestRoutingThroughRole(t *testing.T) {
	fake := fakediscord.New(t)
	const role, ann, sue, sid = "600000000000000001", "700000000000000001", "700000000000000004", "700000000000000005"
	fake.AddMember(ann, "ann", "")
	fake.AddMember(sue, "sue", "Sue", role)
	fake.AddMember(sid, "sid", "", role)
	p, err := discord.New(discord.Config{Token: fakediscord.Token, GuildID: fakediscord.GuildID, APIURL: fake.URL(),
		Specs: commands.Builtin().Specs(), Pool: bot.NewPool(1, 1)})
	if err != nil {
		t.Fatal(err)
	}
	pickedFrom(t, p, "discord", "discord:"+role, "discord:"+ann, []string{"discord:" + sue, "discord:" + sid})
}

// pickedFrom checks that, with seniors listed as the group entry alone on
// platform g, the router asks one of members to claim a case agent
// escalated there.
func pickedFrom(t *testing.T, g bot.Groups, platform, entry, agent string, members []string) {
	t.Helper()
	clock := casetest.NewClock(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	w := MustWorld(t, sqlitetest.MustStore(t), "standard", clock.Now)
	dir, err := commands.NewDirectory(commands.DirectoryConfig{Seniors: entry})
	if err != nil {
		t.Fatal(err)
	}
	a := dir.Lookup(platform, strings.TrimPrefix(agent, platform+":"), "agent", nil)
	c, err := w.svc.Open(context.Background(), a, cases.OpenInput{Description: "Charged twice", Complainant: cases.Complainant{Name: "Kari"},
		Origin: cases.Origin{Platform: platform, ChannelID: "C1"}})
	if err != nil {
		t.Fatal(err)
	}
	if c, err = w.svc.Answer(context.Background(), a, c.ID, "refunded"); err == nil {
		c, err = w.svc.Escalate(context.Background(), a, c.ID, cases.EscalationInput{Reason: "not refunded"})
	}
	if err != nil {
		t.Fatal(err)
	}
	router := scheduler.Router{Service: w.svc, Store: w.store, Seniors: dir, Groups: map[string]bot.Groups{platform: g}}
	who, ok, err := router.Pick(context.Background(), c, cases.Alarm{})
	if err != nil || !ok || !slices.Contains(members, who.Key) || who.Name == "" {
		t.Errorf("picked %+v, %v, %v; want one of %v, named", who, ok, err, members)
	}
}

// brokenGroups is a platform's groups whose members cannot be read for
// the IDs in broken (a missing permission, an outage); it knows no other
// group.
type brokenGroups struct{ broken []string }

// Members implements bot.Groups.
func (g brokenGroups) Members(_ context.Context, id string) ([]bot.Mention, bool, error) {
	if slices.Contains(g.broken, id) {
		return nil, false, errors.New("missing_scope: usergroups:read")
	}
	return nil, false, nil
}

// TestRoutingSkipsUnreadableGroup: a listed group whose members cannot be
// read is logged and left out, and the other seniors are asked, rather than
// the pick failing, which would leave the case's every alarm unswept.
func TestRoutingSkipsUnreadableGroup(t *testing.T) {
	clock := casetest.NewClock(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	w := MustWorld(t, sqlitetest.MustStore(t), "standard", clock.Now)
	id := escalatedCase(w, "sam")
	c, err := w.store.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	router := scheduler.Router{Service: w.svc, Store: w.store, Seniors: w.dir,
		Groups: map[string]bot.Groups{bot.PlatformConsole: brokenGroups{broken: []string{"sid"}}},
		Logger: slog.New(slog.NewTextHandler(&log, nil))}
	who, ok, err := router.Pick(context.Background(), c, cases.Alarm{})
	if err != nil || !ok || who.Key != "console:sue" {
		t.Errorf("picked %+v, %v, %v; want sue, sid's entry left out", who, ok, err)
	}
	if s := log.String(); !strings.Contains(s, "level=WARN") || !strings.Contains(s, "group=sid") {
		t.Errorf("log:\n%s\nwant a warning naming the group", s)
	}
}
