package commands_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/console"
	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/calendar"
	"github.com/ombud/ombud/cases/policyfile"
	"github.com/ombud/ombud/commands"
)

func TestUnknownSubcommand(t *testing.T) {
	hs := MustHarness(t, "standard")
	r := hs.refused("ann", "ackk C-2026-0001", `/case has no subcommand "ackk". Did you mean ack?`).Reply
	if !strings.Contains(r.Text, "Subcommands: help, open, show, list") {
		t.Errorf("the refusal does not list the subcommands: %s", r.Text)
	}
	hs.refused("ann", "frobnicate", "Subcommands: help, open")
}

func TestHelp(t *testing.T) {
	hs := MustHarness(t, "standard")
	for text, want := range map[string]string{
		"":              "/case escalate <id> reason:",
		"help":          "/case help <subcommand> tells more.",
		"help escalate": "expects: what the customer expects to be done",
		"help resolve":  "cause: the root cause; required where the policy's register needs it, unless outcome:withdrawn",
		"help refer":    "within: how soon the customer is to hear from you",
		"help signoff":  "Sign off the drafted first answer",
		"HELP NEW":      "/case open [complaint|abuse|feedback]",
	} {
		r := hs.ok("ann", text).Reply
		if r.Visibility != bot.Private || !strings.Contains(r.Title+"\n"+r.Text, want) {
			t.Errorf("/case %s = %+v, want a private reply containing %q", text, r, want)
		}
	}
	hs.refused("ann", "help nope", `there is no subcommand "nope"`)

	r := hs.ok("ann", "help escalate").Reply
	if all := r.Title + "\n" + r.Text; !strings.HasPrefix(r.Title, `/case escalate <id> reason:"…" [expects:"…"] [via:`) || strings.Count(all, "/case escalate") != 1 {
		t.Errorf("help escalate shows its usage other than once, as the title:\n%s", all)
	}
}

func TestBadInput(t *testing.T) {
	hs := MustHarness(t, "standard")
	hs.refused("ann", "show nope", "\"nope\" is not a case ID; write it as C-2026-0042, or shortened to 2026-42, or to 42 for this year's\nUsage: /case show <id>")
	hs.refused("ann", "ack C-2026-0099", "there is no case C-2026-0099")
	hs.refused("ann", "escalate C-2026-0001", "reason is missing; add reason:\"…\"\nUsage: /case escalate <id>")
	hs.refused("ann", "extend C-2026-0001 soon because", `"soon" is not a number of business days`)
	hs.refused("ann", `open x from:"Kari <"`, `is not "Name <contact>"`)
	hs.refused("ann", "open x received:yesterday", "such as received:2026-11-20T09:30+01:00")
	hs.refused("ann", "open x received:2026-11-24T09:30Z", "is in the future")
	id := hs.open()
	hs.refused("ann", "resolve "+id+" outcome:upheld Refunded", "the root cause is missing; the register needs it for every outcome but withdrawn\nUsage: /case resolve")
	hs.refused("ann", "assign "+id+" sue", `"sue" is not a mention`)
	if c := hs.get(id); c.Status != cases.StatusOpen || len(c.Timeline) != 1 {
		t.Errorf("refused commands changed the case: %s, %d entries", c.Status, len(c.Timeline))
	}
}

func TestOpen(t *testing.T) {
	hs := MustHarness(t, "standard")
	resp := hs.ok("ann", "open abuse Spam from our network from:kari@example.no via:email priority:high received:2026-11-20T09:30:15+01:00 category:spam")
	id := "C-2026-0001"
	public(t, resp, id+" opened")
	if want := []bot.Button{{Label: "Acknowledge " + id, Command: "ack " + id}, {Label: "Answer " + id, Command: "answer " + id}}; !slices.Equal(resp.Reply.Buttons, want) {
		t.Errorf("buttons = %+v, want %+v", resp.Reply.Buttons, want)
	}
	// Received on Friday 20 November: acknowledge by Tuesday, answer ten
	// business days on.
	if got := field(t, resp.Reply, "Acknowledge by"); got != "Tue 24 Nov 2026 16:00 UTC (1 business day left)" {
		t.Errorf("acknowledge by %q", got)
	}
	if got := field(t, resp.Reply, "First answer by"); got != "Fri 4 Dec 2026 16:00 UTC (9 business days left)" {
		t.Errorf("answer by %q", got)
	}
	c := hs.get(id)
	want := cases.Complainant{Contact: "kari@example.no"}
	received := time.Date(2026, 11, 20, 8, 30, 15, 0, time.UTC)
	if c.Kind != cases.KindAbuse || c.Complainant != want || c.Channel != cases.ChannelEmail || c.Priority != cases.PriorityHigh ||
		!c.ReceivedAt.Equal(received) || c.Description != "Spam from our network" || c.Category != "spam" {
		t.Errorf("opened %+v", c)
	}
}

// TestOpenFrom checks how from: is split into the complainant's name and
// contact, and that open shows no empty fields.
func TestOpenFrom(t *testing.T) {
	hs := MustHarness(t, "standard")
	for from, want := range map[string]cases.Complainant{
		"Kari Nordmann <kari@example.no>": {Name: "Kari Nordmann", Contact: "kari@example.no"},
		"Kari kari@example.no":            {Name: "Kari", Contact: "kari@example.no"},
		"Kari Nordmann +47 912 34 567":    {Name: "Kari Nordmann", Contact: "+47 912 34 567"},
		"kari@example.no":                 {Contact: "kari@example.no"},
		"Kari Nordmann":                   {Name: "Kari Nordmann"},
	} {
		resp := hs.ok("ann", `open Invoice charged twice from:"`+from+`"`)
		for _, f := range resp.Reply.Fields {
			if f.Value == "" {
				t.Errorf("open shows the empty field %s", f.Name)
			}
		}
		id := idPattern.FindString(resp.Reply.Title)
		if got := hs.get(id).Complainant; got != want {
			t.Errorf("from:%q gives %+v, want %+v", from, got, want)
		}
	}
}

// TestOpenAsksForMissingIntake: fields a policy asks for are prompted for
// after the case is opened; fields it requires are asked for before, and
// nothing is written without them.
func TestOpenAsksForMissingIntake(t *testing.T) {
	asks := MustHarness(t, "registrar-no")
	resp := asks.ok("ann", "open Site down from:Kari via:web")
	if got := field(t, resp.Reply, "Ask the customer for"); !strings.HasPrefix(got, "contact, subject (policy registrar-no asks for them") {
		t.Errorf("asks for %q", got)
	}

	p, err := policyfile.Load("registrar-no")
	if err != nil {
		t.Fatal(err)
	}
	p.Intake = cases.FieldRules{Require: p.Intake.Ask}
	hs := MustHarnessFor(t, p)
	hs.refused("ann", "open Site down from:Kari via:web",
		"policy registrar-no requires at intake: contact, subject. Send it again with them filled in:\n"+
			`/case open Site down via:web from:"Kari <E-MAIL OR PHONE>" subject:"DOMAIN, SERVICE OR ORDER"`)
	if found, err := hs.svc.Find(context.Background(), cases.Query{}); err != nil || len(found) != 0 {
		t.Errorf("found %d cases, %v; want nothing written", len(found), err)
	}
}

// fieldNames returns the names of r's fields, in order.
func fieldNames(r bot.Reply) []string {
	names := make([]string, len(r.Fields))
	for i, f := range r.Fields {
		names[i] = f.Name
	}
	return names
}

func TestShowAndHistory(t *testing.T) {
	hs := MustHarness(t, "standard")
	id := hs.open()
	for i := 1; i <= 6; i++ {
		hs.ok("ann", fmt.Sprintf("note %s note %d", id, i))
	}
	long := strings.Repeat("ø", 200)
	hs.ok("ann", "note "+id+" "+long)
	r := hs.ok("ann", "show "+id).Reply
	if r.Visibility != bot.Private || r.Title != id+": Invoice charged twice" {
		t.Errorf("show: %q, visibility %v", r.Title, r.Visibility)
	}
	fields(t, r, map[string]string{
		"Complainant": "Kari Nordmann <kari@example.no>", "Account": "K-17", "Subject": "example.no", "Status": "open",
		"Acknowledge by": "Wed 25 Nov 2026 16:00 UTC (2 business days left)",
	})
	if names := fieldNames(r); r.Text != "" || names[len(names)-1] != "Latest" {
		t.Errorf("show has text %q and fields %v; want the latest entries after every other field", r.Text, names)
	}
	latest := strings.Split(field(t, r, "Latest"), "\n")
	if len(latest) != 6 || !strings.HasSuffix(latest[3], "ann · note → open: note 6") ||
		!strings.HasSuffix(latest[4], ": "+long[:159*2]+"…") || latest[5] != "/case history "+id+" shows them all in full" {
		t.Errorf("show lists %d lines:\n%s", len(latest), strings.Join(latest, "\n"))
	}
	h := hs.ok("ann", "history "+id).Reply
	if lines := strings.Split(h.Text, "\n"); h.Visibility != bot.Private || len(lines) != 8 || lines[7] != "Mon 23 Nov 2026 09:00 · ann · note → open: "+long ||
		lines[0] != "Mon 23 Nov 2026 09:00 · ann · open → open: Invoice charged twice" {
		t.Errorf("history:\n%s", h.Text)
	}
	for when, want := range map[time.Duration]string{
		48 * time.Hour: "Wed 25 Nov 2026 16:00 UTC (due today)",
		56 * time.Hour: "Wed 25 Nov 2026 16:00 UTC (overdue since today 16:00)",
		72 * time.Hour: "Wed 25 Nov 2026 16:00 UTC (overdue by 1 business day)",
	} {
		hs.clock.Set(start.Add(when))
		if got := field(t, hs.ok("ann", "show "+id).Reply, "Acknowledge by"); got != want {
			t.Errorf("at %s: acknowledge by %q, want %q", hs.clock.Now(), got, want)
		}
	}
}

func TestPauseResume(t *testing.T) {
	hs := MustHarness(t, "standard")
	id := hs.open()
	public(t, hs.ok("ann", "pause "+id+" waiting for the customer's invoice copy"), id+" paused")
	hs.refused("ann", "answer "+id+" done", id+" is paused, so you cannot answer it now")
	hs.clock.Advance(3 * 24 * time.Hour) // Monday to Thursday: three business days
	resp := hs.ok("ann", "resume "+id)
	public(t, resp, id+" resumed")
	if got := field(t, resp.Reply, "First answer by"); got != "Thu 10 Dec 2026 16:00 UTC (10 business days left)" {
		t.Errorf("after the pause the answer is due %q, want three business days after Mon 7 Dec", got)
	}
}

// TestPausedCase checks that a paused case's deadlines say how much time
// will be left when it resumes, counted from the pause rather than from now,
// and that the case is in no list of what falls due.
func TestPausedCase(t *testing.T) {
	hs := MustHarness(t, "standard")
	id := hs.open()                  // Monday: acknowledge by Wednesday
	hs.clock.Advance(24 * time.Hour) // Tuesday
	paused := "Wed 25 Nov 2026 16:00 UTC (paused; 1 business day left when resumed)"
	resp := hs.ok("ann", "pause "+id+" waiting for the invoice copy")
	fields(t, resp.Reply, map[string]string{"Acknowledge by": paused})
	if r := hs.ok("ann", "list due").Reply; r.Title != "Cases due by the end of the next business day (0)" {
		t.Errorf("list due shows the paused case:\n%s\n%s", r.Title, r.Text)
	}
	hs.clock.Advance(3 * 24 * time.Hour) // Friday: the acknowledgement would be two days late
	fields(t, hs.ok("ann", "show "+id).Reply, map[string]string{"Acknowledge by": paused})
	if r := hs.ok("ann", "list overdue").Reply; r.Title != "Overdue cases (0)" {
		t.Errorf("list overdue shows the paused case:\n%s\n%s", r.Title, r.Text)
	}
	if line := hs.ok("ann", "list").Reply.Text; !strings.Contains(line, "(paused; 1 business day left when resumed)") {
		t.Errorf("list line = %q", line)
	}
	resp = hs.ok("ann", "resume "+id)
	fields(t, resp.Reply, map[string]string{"Acknowledge by": "Mon 30 Nov 2026 16:00 UTC (1 business day left)"})

	// A deadline missed before the pause stays missed.
	late := hs.open()
	hs.clock.Advance(7 * 24 * time.Hour)
	resp = hs.ok("ann", "pause "+late+" waiting for the invoice copy")
	fields(t, resp.Reply, map[string]string{"Acknowledge by": "Tue 1 Dec 2026 16:00 UTC (overdue before the pause)"})
	if r := hs.ok("ann", "list overdue").Reply; r.Title != "Overdue cases (2)" || !strings.Contains(r.Text, late) {
		t.Errorf("list overdue does not show the case paused after its deadline:\n%s\n%s", r.Title, r.Text)
	}
}

func TestRoleRefusals(t *testing.T) {
	hs := MustHarness(t, "standard")
	id := hs.open()
	hs.ok("ann", "answer "+id+" Refunded.")
	hs.ok("ann", "escalate "+id+` reason:"not refunded"`)
	hs.refused("ann", "claim "+id, "only a senior can claim a case, and you are an agent")
	hs.refused("ann", "summary", "summaries are for managers, and you are an agent")
	hs.refused("sam", "summary month", "summaries are for managers, and you are a senior")
	hs.refused("max", "summary last-year", `"last-year" is not a period; use today, week, month, quarter, year, a month such as 2026-11, or dates such as 2026-11-17..2026-11-23`)
	hs.refused("ann", "export", "the register is for managers, and you are an agent")
	hs.refused("sam", "export month", "the register is for managers, and you are a senior")
}

func TestList(t *testing.T) {
	hs := MustHarness(t, "standard")
	mine, escalated, other := hs.open(), hs.open(), hs.open()
	hs.ok("ann", "answer "+escalated+" Refunded.")
	hs.ok("ann", "escalate "+escalated+` reason:"not refunded"`)
	hs.ok("ann", "assign "+other+" @sam")
	closed := hs.open()
	hs.ok("ann", "resolve "+closed+" outcome:withdrawn Customer withdrew")

	check := func(who, text, title string, want ...string) {
		t.Helper()
		r := hs.ok(who, text).Reply
		var got []string
		for _, line := range strings.Split(r.Text, "\n") {
			got = append(got, idPattern.FindString(line))
		}
		if r.Visibility != bot.Private || r.Title != title || strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("/case %s = %q:\n%s\nwant %v", text, r.Title, r.Text, want)
		}
	}
	check("ann", "list", "Open cases (3)", mine, other, escalated)
	// Mine is what waits on me: not the escalation ann answered, which waits
	// for any senior to claim it, and then on the senior who did.
	check("ann", "list mine", "Waiting on you (1)", mine)
	check("sam", "list mine", "Waiting on you (1)", other)
	check("ann", "list escalated", "Cases waiting for a reviewer (1)", escalated)
	owner := func(id string) string {
		t.Helper()
		for _, line := range strings.Split(hs.ok("ann", "list").Reply.Text, "\n") {
			if parts := strings.Split(line, " · "); parts[0] == id {
				return parts[2]
			}
		}
		t.Fatalf("list does not show %s", id)
		return ""
	}
	if got := owner(escalated); got != "any senior" {
		t.Errorf("an unclaimed escalation waits on %q, want any senior", got)
	}
	hs.ok("sue", "claim "+escalated)
	check("sue", "list mine", "Waiting on you (1)", escalated)
	check("ann", "list mine", "Waiting on you (1)", mine)
	if got := owner(escalated); got != "sue" {
		t.Errorf("a claimed escalation waits on %q, want its reviewer sue", got)
	}
	check("ann", "list all", "All cases (4)", mine, other, escalated, closed)
	check("ann", "list due", "Cases due by the end of the next business day (0)", "")
	hs.clock.Advance(24 * time.Hour) // Tuesday: the acknowledgements fall due on Wednesday
	check("ann", "list due", "Cases due by the end of the next business day (2)", mine, other)
	check("ann", "list overdue", "Overdue cases (0)", "")
	hs.clock.Advance(48 * time.Hour)
	check("ann", "list overdue", "Overdue cases (2)", mine, other)

	line := hs.ok("ann", "list overdue").Reply.Text
	if want := mine + " · open · ann · acknowledge by Wed 25 Nov 2026 16:00 UTC (overdue by 1 business day) · Invoice charged twice"; !strings.HasPrefix(line, want) {
		t.Errorf("line = %q, want %q", line, want)
	}
}

// TestListIsCapped checks that list shows at most 50 cases, reading no
// more than it needs where the store can select them: then it can only say
// that there are more; where it filters them further it counts them.
func TestListIsCapped(t *testing.T) {
	hs := MustHarness(t, "standard")
	for range 50 {
		hs.open()
	}
	if r := hs.ok("ann", "list").Reply; r.Title != "Open cases (50)" || strings.Count(r.Text, "\n") != 49 {
		t.Errorf("list of 50: %q, %d lines", r.Title, strings.Count(r.Text, "\n")+1)
	}
	hs.open()
	hs.open()
	r := hs.ok("ann", "list").Reply
	lines := strings.Split(r.Text, "\n")
	if r.Title != "Open cases (more than 50)" || len(lines) != 51 || lines[50] != "and more; only the first 50 are shown" {
		t.Errorf("list: %q, %d lines, ending %q", r.Title, len(lines), lines[len(lines)-1])
	}
	hs.clock.Advance(24 * time.Hour) // Tuesday: every acknowledgement falls due on Wednesday
	r = hs.ok("ann", "list due").Reply
	lines = strings.Split(r.Text, "\n")
	if r.Title != "Cases due by the end of the next business day (52)" || len(lines) != 51 || lines[50] != "and 2 more" {
		t.Errorf("list due: %q, %d lines, ending %q", r.Title, len(lines), lines[len(lines)-1])
	}
}

// TestUnknownDeadlineKind checks that a deadline of a kind this ombud does
// not know, as a newer one may store, is shown by its kind.
func TestUnknownDeadlineKind(t *testing.T) {
	hs := MustHarness(t, "standard")
	c := hs.get(hs.open())
	c.ID = "C-2026-0999"
	c.Deadlines = []cases.Deadline{{Kind: "reply", Unit: calendar.UnitBusinessDays, Start: start, Due: start.Add(7 * time.Hour)}}
	if err := hs.store.Create(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	if line := hs.ok("ann", "list").Reply.Text; !strings.HasPrefix(line, c.ID+" · open · ann · reply by Mon 23 Nov 2026 16:00 UTC (due today)") {
		t.Errorf("list:\n%s", line)
	}
	fields(t, hs.ok("ann", "show "+c.ID).Reply, map[string]string{"reply by": "Mon 23 Nov 2026 16:00 UTC (due today)"})
}

// TestListCaseWithoutPolicy lists a case whose policy can no longer be
// found: that case says why it cannot be shown, and the others list as
// usual.
func TestListCaseWithoutPolicy(t *testing.T) {
	hs := MustHarness(t, "standard")
	id := hs.open()
	c := hs.get(id)
	c.ID, c.Policy, c.PolicyRef, c.Tier, c.Status = "C-2026-0999", "gone", "", cases.TierReview, cases.StatusEscalated
	if err := hs.store.Create(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	r := hs.ok("ann", "list").Reply
	lines := strings.Split(r.Text, "\n")
	if r.Title != "Open cases (2)" || len(lines) != 2 {
		t.Fatalf("list: %q\n%s", r.Title, r.Text)
	}
	if !strings.HasPrefix(lines[0], id+" · open · ann · ") {
		t.Errorf("the other case is listed as %q", lines[0])
	}
	if want := c.ID + ` · cannot be shown: there is no policy preset called "gone"`; !strings.HasPrefix(lines[1], want) {
		t.Errorf("the case without a policy is listed as %q, want it to start %q", lines[1], want)
	}
}

func TestAssignAndUpdate(t *testing.T) {
	hs := MustHarness(t, "standard")
	id := hs.open()
	public(t, hs.ok("ann", "assign "+id+" @sue"), id+" assigned to sue")
	if c := hs.get(id); c.Assignee.Key != "console:sue" {
		t.Errorf("assignee = %+v", c.Assignee)
	}
	public(t, hs.ok("ann", "update "+id+" told them we are checking"), id+" customer updated")
	resp := hs.ok("ann", "resolve "+id+` outcome:upheld cause:"double run" remedy:refund Refunded the second charge`)
	public(t, resp, id+" resolved")
	if got := field(t, resp.Reply, "Outcome"); got != "upheld" {
		t.Errorf("outcome = %q", got)
	}
}

// TestInternalError checks that a failure that is nobody's mistake is
// reported as such, and logged with the subcommand and case ID but not the
// complainant's details.
func TestInternalError(t *testing.T) {
	hs := MustHarness(t, "standard")
	id := hs.open()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := hs.h.Handle(ctx, bot.Request{Platform: "console", UserID: "ann", Text: "show " + id}).Reply
	if !r.Error || r.Visibility != bot.Private || r.Text != "Internal error; the details are in ombud's log." {
		t.Errorf("reply = %+v", r)
	}
	log := hs.log.String()
	if !strings.Contains(log, "subcommand=show") || !strings.Contains(log, "case="+id) || strings.Contains(log, "kari") {
		t.Errorf("log = %s", log)
	}
}

// panicStore is a store whose every method panics.
type panicStore struct{ cases.Store }

// TestPanicIsLogged checks that a panic in a subcommand is reported as an
// internal error and logged with its stack.
func TestPanicIsLogged(t *testing.T) {
	p, err := policyfile.Load("standard")
	if err != nil {
		t.Fatal(err)
	}
	svc, err := cases.NewService(cases.Config{Store: panicStore{}, Policy: p, Lookup: policyfile.Load})
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	h := commands.New(svc, nil, slog.New(slog.NewTextHandler(&log, nil)))
	r := h.Handle(context.Background(), bot.Request{Platform: "console", UserID: "ann", Text: "show C-2026-0001"}).Reply
	if !r.Error || r.Visibility != bot.Private || r.Text != "Internal error; the details are in ombud's log." {
		t.Errorf("reply = %+v", r)
	}
	for _, want := range []string{"case command panicked", "subcommand=show", "case=C-2026-0001",
		"invalid memory address or nil pointer dereference", "stack=", "runtime/debug.Stack", "commands/show.go:"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, log.String())
		}
	}
}

// TestMassMentionsDefused checks that user text echoed back, in public
// replies, posts and errors alike, cannot ping a whole channel once a
// platform renders it, and that replies hold it as typed: rendering is the
// one place it is made safe (see bot.Reply).
func TestMassMentionsDefused(t *testing.T) {
	hs := MustHarness(t, "standard")
	id := hs.open()
	replies := []bot.Response{
		hs.ok("ann", "note "+id+" @channel <!here> look"),
		hs.ok("ann", "answer "+id+" @everyone fixed"),
		hs.ok("ann", "escalate "+id+` reason:"<!everyone> please" expects:"@here"`),
		hs.ok("ann", "show "+id),
		hs.do("ann", "@here"),
		hs.do("ann", "show <!channel>"),
	}
	if got := replies[0].Reply.Text; got != "@channel <!here> look" {
		t.Errorf("the note's reply holds %q, want the text as typed", got)
	}
	for _, resp := range replies {
		out := console.Render(resp.Reply, 1)
		for _, p := range hs.posts(resp) {
			p.Echo = false // the console leaves out copies of replies; other platforms show them
			out += console.RenderPost(p, 1)
		}
		for _, m := range []string{"@channel", "@here", "@everyone", "<!here>", "<!channel>", "<!everyone>"} {
			if strings.Contains(out, m) {
				t.Errorf("rendered reply echoes %s:\n%s", m, out)
			}
		}
	}
}

// TestCommandLimit checks that a command longer than 8 KB is refused,
// privately and before it is parsed, and that one of exactly 8 KB is taken;
// and that a note over 4 KB is refused with nothing written.
func TestCommandLimit(t *testing.T) {
	hs := MustHarness(t, "standard")
	id := hs.open()
	note := "note " + id + " x"
	padded := note + strings.Repeat(" ", 8192-len(note))
	hs.refused("ann", padded+" ", "This command is 8193 bytes long; ombud takes at most 8192 bytes (8 KB)")
	hs.refused("ann", "nonsense"+strings.Repeat("x", 1<<20), "This command is 1048584 bytes long")
	hs.refused("ann", "note "+id+" "+strings.Repeat("ü", 2049), "the note's text is 4098 bytes long; ombud keeps at most 4096 bytes (4 KB)")
	if c := hs.get(id); len(c.Timeline) != 1 {
		t.Fatalf("refused commands wrote to the case: %d entries", len(c.Timeline))
	}
	hs.ok("ann", padded)
}

// TestAssignWarnsWhenNoTeamWouldBeLeft: under a policy whose reviewer must
// come from a team not involved, handing a frontline case to someone of the
// last independent team says that, once they act on it, no one could review
// it; handing it within a team already involved says nothing.
func TestAssignWarnsWhenNoTeamWouldBeLeft(t *testing.T) {
	hs := MustHarness(t, "retail-no")
	id := hs.open() // by ann, of team frontline
	r := hs.ok("ann", "assign "+id+" @sam").Reply
	if w := fieldOrEmpty(r, "Independence"); w != "" {
		t.Errorf("assigning within the frontline team warns: %q", w)
	}
	r = hs.ok("ann", "assign "+id+" @sue").Reply
	want := "Once sue acts on " + id + ", every team (frontline, review) will have taken part in it, so under policy retail-no no one could review it if the customer escalates"
	if w := fieldOrEmpty(r, "Independence"); !strings.Contains(w, want) {
		t.Errorf("assigning to the last independent team: independence field %q, want %q", w, want)
	}
	hs.ok("sue", "note "+id+" looked into it")
	r = hs.ok("ann", "assign "+id+" @ann").Reply
	if w := fieldOrEmpty(r, "Independence"); !strings.Contains(w, "Every team (frontline, review) has taken part in "+id) {
		t.Errorf("assigning a case every team took part in: independence field %q", w)
	}
}

// fieldOrEmpty returns the value of the reply's field called name, or "".
func fieldOrEmpty(r bot.Reply, name string) string {
	for _, f := range r.Fields {
		if f.Name == name {
			return f.Value
		}
	}
	return ""
}
