package cases_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/calendar"
	"github.com/ombud/ombud/cases/casetest"
	"github.com/ombud/ombud/cases/policyfile"
	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
)

// at parses an RFC 3339 time or fails the test.
func at(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// MustService returns a service on a fresh store, following the named preset,
// with its clock set to now.
func MustService(tb testing.TB, policy, now string) (*cases.Service, *casetest.Clock) {
	tb.Helper()
	return MustServiceFor(tb, MustPolicy(tb, policy), now)
}

// MustPolicy loads the named preset.
func MustPolicy(tb testing.TB, name string) *cases.Policy {
	tb.Helper()
	p, err := policyfile.Load(name)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// MustServiceFor returns a service on a fresh store, following policy p, with
// its clock set to now.
func MustServiceFor(tb testing.TB, p *cases.Policy, now string) (*cases.Service, *casetest.Clock) {
	tb.Helper()
	return MustServiceOn(tb, sqlitetest.MustStore(tb), p, now)
}

// MustServiceOn returns a service on store following policy p, with its
// clock set to now.
func MustServiceOn(tb testing.TB, store cases.Store, p *cases.Policy, now string) (*cases.Service, *casetest.Clock) {
	tb.Helper()
	clk := casetest.NewClock(at(tb, now))
	svc, err := cases.NewService(cases.Config{Store: store, Policy: p, Now: clk.Now})
	if err != nil {
		tb.Fatal(err)
	}
	return svc, clk
}

func person(key, role, team string) cases.Actor {
	name := strings.ToUpper(key[len("console:"):len("console:")+1]) + key[len("console:")+1:]
	return cases.Actor{Person: cases.Person{Key: key, Name: name, Team: team}, Role: cases.Role(role)}
}

var (
	ann   = person("console:ann", "agent", "service")
	bob   = person("console:bob", "agent", "service")
	sam   = person("console:sam", "senior", "review")
	sue   = person("console:sue", "senior", "review")
	sid   = person("console:sid", "senior", "service")
	maria = person("console:maria", "manager", "")
)

// MustOpen opens a complaint received at received, as ann, through the web
// form, or without saying how where the policy takes none that way.
func MustOpen(tb testing.TB, svc *cases.Service, received string) *cases.Case {
	tb.Helper()
	via := cases.ChannelWeb
	if chs := svc.Policy().Channels; len(chs) > 0 && !slices.Contains(chs, via) {
		via = ""
	}
	c, err := svc.Open(context.Background(), ann, cases.OpenInput{
		Description: "Domain example.no was not renewed",
		Complainant: cases.Complainant{Name: "Kari Nordmann", Contact: "kari@example.no"},
		Subject:     "example.no", Channel: via, ReceivedAt: at(tb, received),
	})
	if err != nil {
		tb.Fatalf("open: %v", err)
	}
	return c
}

// okFor returns a function that fails tb if a service call returned an
// error, and otherwise returns its case: c = ok(svc.Acknowledge(…)).
func okFor(tb testing.TB) func(*cases.Case, error) *cases.Case {
	return func(c *cases.Case, err error) *cases.Case {
		tb.Helper()
		if err != nil {
			tb.Fatalf("unexpected error: %v", err)
		}
		return c
	}
}

// wantRefused checks that err carries code and a message containing each of
// parts.
func wantRefused(tb testing.TB, err error, code string, parts ...string) {
	tb.Helper()
	if got := cases.ErrorCode(err); got != code {
		tb.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
	msg := cases.ErrorMessage(err)
	for _, p := range parts {
		if !strings.Contains(msg, p) {
			tb.Errorf("message %q does not say %q", msg, p)
		}
	}
}

// due returns the due time of c's deadline of kind, failing if it has none.
func due(tb testing.TB, c *cases.Case, kind cases.DeadlineKind) time.Time {
	tb.Helper()
	d, ok := c.Deadline(kind)
	if !ok {
		tb.Fatalf("%s has no %s deadline", c.ID, kind)
	}
	return d.Due
}

// wantTime checks a time against an RFC 3339 expectation.
func wantTime(tb testing.TB, what string, got time.Time, want string) {
	tb.Helper()
	if w := at(tb, want); !got.Equal(w) {
		tb.Errorf("%s = %s, want %s", what, got.Format(time.RFC3339), w.Format(time.RFC3339))
	}
}

// ownPolicy returns a three-tier policy of the tests' own, so that tests of
// the rules do not depend on how a preset reads: in UTC, open 08:00 to
// 16:00 on weekdays, no holidays; acknowledge in 2 business days, answer in
// 10, which may be extended to 20 from receipt; an update every 5; every
// window 20 and every later answer 10. mod, if given, changes it.
func ownPolicy(mod func(*cases.Policy)) *cases.Policy {
	bd := func(n int) calendar.Duration { return calendar.Duration{N: n, Unit: calendar.UnitBusinessDays} }
	p := &cases.Policy{
		Name: "own", Title: "The tests' own policy", Source: "the tests",
		Tiers:        []cases.TierSpec{{Name: "frontline"}, {Name: "review"}, {Name: "final"}},
		Independence: cases.IndependentPerson,
		Deadlines: cases.Deadlines{
			Acknowledge: bd(2), Answer: bd(10), AnswerCap: bd(20), Update: bd(5),
			EscalationWindow: bd(20), Review: bd(10), FinalWindow: bd(20), Final: bd(10),
		},
		Calendar: calendar.Spec{Zone: "UTC"}.WithDefaults(),
	}
	if mod != nil {
		mod(p)
	}
	return p
}

// MustOwnService returns a service on a fresh store following
// ownPolicy(mod), with its clock set to now.
func MustOwnService(tb testing.TB, now string, mod func(*cases.Policy)) (*cases.Service, *casetest.Clock) {
	tb.Helper()
	return MustServiceFor(tb, ownPolicy(mod), now)
}
