package commands_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/casetest"
	"github.com/ombud/ombud/cases/policyfile"
	"github.com/ombud/ombud/cases/sqlitestore"
	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
	"github.com/ombud/ombud/commands"
)

// start is when every test begins: Monday 23 November 2026, 09:00 UTC.
var start = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// team is who works the cases in the tests, all on the console: ann is an
// agent and sam a senior of the frontline team; sue and sid are seniors of
// the review team, and max is a manager.
var team = commands.DirectoryConfig{
	Seniors:  "console:sam, console:sue, console:sid",
	Managers: "console:max",
	Teams:    map[string]string{"frontline": "console:ann,console:sam", "review": "console:sue,console:sid"},
}

// harness drives a Handler on a real store with a settable clock.
type harness struct {
	t      *testing.T
	store  *sqlitestore.Store
	svc    *cases.Service
	policy *cases.Policy
	h      *commands.Handler
	dir    *commands.Directory
	clock  *casetest.Clock
	log    *bytes.Buffer
}

// MustHarness returns a harness for the policy preset, on a store of its own.
func MustHarness(t *testing.T, preset string) *harness {
	t.Helper()
	p, err := policyfile.Load(preset)
	if err != nil {
		t.Fatal(err)
	}
	return MustHarnessFor(t, p)
}

// MustHarnessFor returns a harness for policy p, on a store of its own.
func MustHarnessFor(t *testing.T, p *cases.Policy) *harness {
	t.Helper()
	clk := casetest.NewClock(start)
	store := sqlitetest.MustStore(t)
	svc, err := cases.NewService(cases.Config{Store: store, Policy: p, Lookup: policyfile.Load, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	dir, err := commands.NewDirectory(team)
	if err != nil {
		t.Fatal(err)
	}
	log := &bytes.Buffer{}
	h := commands.New(svc, dir, slog.New(slog.NewTextHandler(log, nil)))
	return &harness{t: t, store: store, svc: svc, policy: p, h: h, dir: dir, clock: clk, log: log}
}

// do sends text as the console user who.
func (hs *harness) do(who, text string) bot.Response {
	hs.t.Helper()
	return hs.h.Handle(context.Background(), bot.Request{Platform: "console", UserID: who, UserName: who, Text: text})
}

// ok sends text as who and fails the test unless the reply is a success.
func (hs *harness) ok(who, text string) bot.Response {
	hs.t.Helper()
	resp := hs.do(who, text)
	if resp.Reply.Error {
		hs.t.Fatalf("%s: /case %s: %s", who, text, resp.Reply.Text)
	}
	return resp
}

// refused sends text as who and fails the test unless the reply is a
// private error containing want.
func (hs *harness) refused(who, text, want string) bot.Response {
	hs.t.Helper()
	resp := hs.do(who, text)
	r := resp.Reply
	if !r.Error || r.Visibility != bot.Private || !strings.Contains(r.Text, want) {
		hs.t.Fatalf("%s: /case %s = %+v, want a private refusal containing %q", who, text, r, want)
	}
	if resp.Reply.Topic != "" {
		hs.t.Errorf("a refusal is about %s, whose thread would hear of it", resp.Reply.Topic)
	}
	return resp
}

// posts returns the posts the change resp replies to wrote, as notices of
// its case, rendered as the dispatcher would deliver them now; none for a
// reply about no case.
func (hs *harness) posts(resp bot.Response) []bot.Post {
	hs.t.Helper()
	if resp.Reply.Topic == "" {
		return nil
	}
	c := hs.get(resp.Reply.Topic)
	var out []bot.Post
	for _, n := range c.Notices {
		if !strings.HasPrefix(n.ID, fmt.Sprintf("v%d-", c.Version)) {
			continue
		}
		p, err := hs.h.Render(c, n)
		if err != nil {
			hs.t.Fatalf("render %s: %v", n.ID, err)
		}
		out = append(out, p)
	}
	return out
}

// get returns the stored case.
func (hs *harness) get(id string) *cases.Case {
	hs.t.Helper()
	c, err := hs.svc.Get(context.Background(), id)
	if err != nil {
		hs.t.Fatal(err)
	}
	return c
}

// complainant is who complains in the tests.
const complainant = `from:"Kari Nordmann <kari@example.no>" subject:example.no account:K-17`

var idPattern = regexp.MustCompile(`^C-\d{4}-\d{4}`)

// open opens a case as ann with everything any policy requires, and
// returns its ID.
func (hs *harness) open() string {
	hs.t.Helper()
	resp := hs.ok("ann", "open Invoice charged twice "+complainant)
	id := idPattern.FindString(resp.Reply.Title)
	if id == "" {
		hs.t.Fatalf("open: no case ID in %q", resp.Reply.Title)
	}
	return id
}

// field returns the value of the reply's field called name.
func field(t *testing.T, r bot.Reply, name string) string {
	t.Helper()
	for _, f := range r.Fields {
		if f.Name == name {
			return f.Value
		}
	}
	t.Fatalf("reply %q has no field %q; it has %+v", r.Title, name, r.Fields)
	return ""
}

// public checks that r is a public success titled title and shows no
// contact details.
func public(t *testing.T, resp bot.Response, title string) {
	t.Helper()
	r := resp.Reply
	if r.Error || r.Visibility != bot.Public || r.Title != title {
		t.Errorf("reply = %q (error %v, visibility %v), want public %q", r.Title, r.Error, r.Visibility, title)
	}
	noContact(t, resp)
}

// noContact fails when anything in resp's reply or in posts shows the
// complainant's contact details.
func noContact(t *testing.T, resp bot.Response, posts ...bot.Post) {
	t.Helper()
	for _, all := range texts(resp, posts...) {
		if strings.Contains(all, "kari@example.no") || strings.Contains(all, "Kari Nordmann") {
			t.Errorf("public reply shows the complainant: %s", all)
		}
	}
}

// texts returns everything resp's reply and each of posts shows, one
// string each.
func texts(resp bot.Response, posts ...bot.Post) []string {
	replies := []bot.Reply{resp.Reply}
	for _, p := range posts {
		replies = append(replies, p.Reply)
	}
	out := make([]string, len(replies))
	for i, r := range replies {
		out[i] = r.Title + "\n" + r.Text
		for _, f := range r.Fields {
			out[i] += "\n" + f.Name + ": " + f.Value
		}
	}
	return out
}

// fields checks the values of the reply's fields named in want.
func fields(t *testing.T, r bot.Reply, want map[string]string) {
	t.Helper()
	for name, v := range want {
		if got := field(t, r, name); got != v {
			t.Errorf("%s = %q, want %q", name, got, v)
		}
	}
}
