package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/datadir"
	"github.com/ombud/ombud/cases/policyfile"
)

// mustForecastCases opens, in the store of the running ombud d, a
// complaint received on Monday 23 November 2026 at 09:00 UTC, as ann; one
// on Tuesday, which sue claimed after it was answered and escalated; and
// one on Tuesday that was answered, so that the customer may escalate it
// until 22 December.
func mustForecastCases(t *testing.T, d *datadir.Served) {
	t.Helper()
	p, err := policyfile.Load("standard")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	svc, err := cases.NewService(cases.Config{Store: d.Store, Policy: p, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ann := cases.Actor{Person: cases.Person{Key: "console:ann", Name: "ann"}, Role: cases.RoleAgent}
	sue := cases.Actor{Person: cases.Person{Key: "console:sue", Name: "sue"}, Role: cases.RoleSenior}
	for _, received := range []time.Time{now.Add(-25 * time.Hour), now.Add(-time.Hour), now.Add(-time.Hour)} {
		if _, err := svc.Open(ctx, ann, cases.OpenInput{Description: "Charged twice", ReceivedAt: received}); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range []string{"C-2026-0002", "C-2026-0003"} {
		if _, err := svc.Answer(ctx, ann, id, "refunded"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := svc.Escalate(ctx, ann, "C-2026-0002", cases.EscalationInput{Reason: "not refunded"}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Claim(ctx, sue, "C-2026-0002"); err != nil {
		t.Fatal(err)
	}
}

// TestSLAForecast forecasts, beside a running ombud, what falls due by a
// moment: the team's deadlines at or before it (the second case's review
// at exactly then), soonest first, with the keys of policy deadlines, and
// not the customer's windows. A second earlier, the review is not due.
func TestSLAForecast(t *testing.T) {
	dir := t.TempDir()
	d := mustServeDir(t, dir) // holds C-2026-0042, which waits at the review tier
	mustForecastCases(t, d)
	status, out, errOut := runIn(t, dir, "sla", "forecast", "--at", "2026-12-08T17:00+01:00", "--json") // as received: takes it, without seconds
	want := `{
  "at": "2026-12-08T16:00:00Z",
  "due": [
    {
      "case": "C-2026-0042",
      "deadline": "review",
      "due": "2026-03-16T09:30:00Z",
      "assignee": "Ada Agent"
    },
    {
      "case": "C-2026-0001",
      "deadline": "acknowledge",
      "due": "2026-11-25T16:00:00Z",
      "assignee": "ann"
    },
    {
      "case": "C-2026-0001",
      "deadline": "first_update",
      "due": "2026-11-30T16:00:00Z",
      "assignee": "ann"
    },
    {
      "case": "C-2026-0002",
      "deadline": "update",
      "due": "2026-12-01T16:00:00Z",
      "assignee": "ann"
    },
    {
      "case": "C-2026-0001",
      "deadline": "answer",
      "due": "2026-12-07T16:00:00Z",
      "assignee": "ann"
    },
    {
      "case": "C-2026-0002",
      "deadline": "review",
      "due": "2026-12-08T16:00:00Z",
      "assignee": "ann"
    }
  ]
}
`
	if status != 0 || out != want {
		t.Errorf("status %d, stderr %s\nstdout:\n%s\nwant:\n%s", status, errOut, out, want)
	}
	status, out, _ = runIn(t, dir, "sla", "forecast", "--at", "2026-12-08T15:59:59Z")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if status != 0 || len(lines) != 7 || lines[0] != "Due by Tue 8 Dec 2026 15:59 UTC if nobody acts (5):" ||
		strings.Join(strings.Fields(lines[6]), " ") != "Mon 7 Dec 2026 16:00 UTC C-2026-0001 answer ann" {
		t.Errorf("status %d; want the five due a second before the review, the answer last:\n%s", status, out)
	}
	status, out, _ = runIn(t, dir, "sla", "forecast", "--at", "2026-12-08T16:00:00Z")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); status != 0 ||
		strings.Join(strings.Fields(lines[len(lines)-1]), " ") != "Tue 8 Dec 2026 16:00 UTC C-2026-0002 review ann" {
		t.Errorf("status %d; want the review last, with the case's assignee, as --json gives it:\n%s", status, out)
	}
	if _, out, _ := runIn(t, dir, "sla", "forecast", "--at", "2026-01-01T00:00:00Z"); out != "Nothing falls due by Thu 1 Jan 2026 00:00 UTC.\n" {
		t.Errorf("nothing due: %q", out)
	}
	if _, out, _ := runIn(t, dir, "sla", "forecast", "--at", "2027-01-31T00:00:00Z"); strings.Contains(out, "C-2026-0003") {
		t.Errorf("the customer's window is forecast as the team's deadline:\n%s", out)
	}
}

// TestSLAForecastMistakes: a missing or unreadable --at, and anything else
// on the line, are refused with what to write instead.
func TestSLAForecastMistakes(t *testing.T) {
	dir := t.TempDir()
	mustServeDir(t, dir)
	for _, tt := range []struct {
		args   []string
		status int
		stderr string
	}{
		{[]string{"sla"}, 2, "name a subcommand"},
		{[]string{"sla", "predict"}, 2, `unknown subcommand "predict"`},
		{[]string{"sla", "forecast"}, 2, "is not an RFC 3339 time"},
		{[]string{"sla", "forecast", "--at", "tomorrow"}, 2, "such as --at 2026-11-27T16:00:00+01:00"},
		{[]string{"sla", "forecast", "--at", "2026-11-30T16:00:00Z", "extra"}, 2, `takes no arguments but its flags, not "extra"`},
	} {
		if status, _, errOut := runIn(t, dir, tt.args...); status != tt.status || !strings.Contains(errOut, tt.stderr) {
			t.Errorf("ombud %s: status %d, %q; want %d and %q", strings.Join(tt.args, " "), status, errOut, tt.status, tt.stderr)
		}
	}
}
