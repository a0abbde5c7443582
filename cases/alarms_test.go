package cases_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/ombud/ombud/cases"
)

// kinds lists the kind, target and deadline of each of notices.
func kinds(notices []cases.Notice) []string {
	var out []string
	for _, n := range notices {
		out = append(out, string(n.Kind)+"|"+n.To+"|"+string(n.Deadline))
	}
	return out
}

// noPicker fails the test if asked whom to ask to claim.
func noPicker(tb testing.TB) cases.Picker {
	return func(context.Context, *cases.Case, cases.Alarm) (cases.Person, bool, error) {
		tb.Helper()
		tb.Fatal("asked whom to ask to claim")
		return cases.Person{}, false, nil
	}
}

// sweep sweeps c at the clock's time and returns the case after and the
// notices the sweep added.
func sweep(tb testing.TB, svc *cases.Service, c *cases.Case, pick cases.Picker) (*cases.Case, []cases.Notice) {
	tb.Helper()
	out, err := svc.Sweep(context.Background(), c, pick)
	if err != nil {
		tb.Fatalf("sweep %s: %v", c.ID, err)
	}
	return out, out.Notices[len(c.Notices):]
}

// TestSweepWarnsThenBreaches: the acknowledgement of a complaint received
// on Monday 09:00 falls due on Wednesday 16:00; ombud warns a business day
// before, on Tuesday 16:00, and alerts once it has passed, each once; the
// timeline is left alone.
func TestSweepWarnsThenBreaches(t *testing.T) {
	svc, clk := MustService(t, "standard", "2026-11-23T09:00:00Z")
	c := MustOpen(t, svc, "2026-11-23T09:00:00Z")
	wantTime(t, "wake", c.Wake, "2026-11-24T16:00:00Z")
	if got := kinds(c.Notices); !slices.Equal(got, []string{"header||", "change||"}) {
		t.Errorf("open left notices %q, want the thread's header and the change", got)
	}
	steps := []struct {
		at   string
		want []string
	}{
		{"2026-11-24T15:59:59.999Z", nil},
		{"2026-11-24T16:00:00Z", []string{"warning||acknowledge"}},
		{"2026-11-24T16:30:00Z", nil},
		{"2026-11-25T16:00:00Z", nil},
		{"2026-11-25T16:00:00.001Z", []string{"breach||acknowledge", "breach|alerts|acknowledge"}},
		{"2026-11-26T09:00:00Z", nil},
	}
	for _, s := range steps {
		clk.Set(at(t, s.at))
		next, added := sweep(t, svc, c, noPicker(t))
		if got := kinds(added); !slices.Equal(got, s.want) {
			t.Errorf("at %s the sweep added %q, want %q", s.at, got, s.want)
		}
		if len(s.want) > 0 && (next.Version != c.Version+1 || len(next.Timeline) != len(c.Timeline)) {
			t.Errorf("at %s: version %d, %d events; want %d and the timeline alone", s.at, next.Version, len(next.Timeline), c.Version+1)
		}
		for _, n := range added {
			if n.Who.Key != ann.Key || n.Platform != c.Origin.Platform {
				t.Errorf("notice %+v does not name the assignee", n)
			}
		}
		c = next
	}
	wantTime(t, "wake after the breach", c.Wake, "2026-11-30T16:00:00.001Z") // the progress update passes
}

// TestSweepPastReceived: a complaint received long ago gets its breach
// alerts at the first sweep, without warnings of what has already passed.
func TestSweepPastReceived(t *testing.T) {
	svc, _ := MustService(t, "standard", "2026-12-21T09:00:00Z")
	c := MustOpen(t, svc, "2026-11-23T09:00:00Z")
	if !c.Wake.Before(at(t, "2026-12-21T09:00:00Z")) {
		t.Fatalf("wake %s, want it past", c.Wake)
	}
	c, added := sweep(t, svc, c, noPicker(t))
	want := []string{"breach||acknowledge", "breach|alerts|acknowledge", "update-reminder||update",
		"breach||answer", "breach|alerts|answer"}
	if got := kinds(added); !slices.Equal(got, want) {
		t.Errorf("first sweep added %q, want %q", got, want)
	}
	if _, again := sweep(t, svc, c, noPicker(t)); len(again) != 0 {
		t.Errorf("second sweep added %q", kinds(again))
	}
}

// TestSweepMovedDeadline: an extended answer deadline is a new deadline and
// is warned of again.
func TestSweepMovedDeadline(t *testing.T) {
	svc, clk := MustService(t, "standard", "2026-11-23T09:00:00Z")
	ok := okFor(t)
	c := MustOpen(t, svc, "2026-11-23T09:00:00Z")
	c = ok(svc.Acknowledge(context.Background(), ann, c.ID, "called"))
	clk.Set(at(t, "2026-12-04T16:00:00Z"))                             // a business day before the answer's due time
	c = ok(svc.Update(context.Background(), ann, c.ID, "still on it")) // the next update is due on 11 Dec
	c, added := sweep(t, svc, c, noPicker(t))
	if got := kinds(added); !slices.Contains(got, "warning||answer") {
		t.Fatalf("no warning of the answer: %q", got)
	}
	c = ok(svc.Extend(context.Background(), ann, c.ID, 3, "waiting for the registry"))
	wantTime(t, "wake after extending", c.Wake, "2026-12-09T16:00:00Z")
	clk.Set(at(t, "2026-12-09T16:00:00Z"))
	if _, added := sweep(t, svc, c, noPicker(t)); !slices.Equal(kinds(added), []string{"warning||answer"}) {
		t.Errorf("after the extension the sweep added %q, want a new warning", kinds(added))
	}
}

// TestSweepPaused: a pause stops the clocks, so nothing falls due during
// it; a deadline missed before the pause is still alerted.
func TestSweepPaused(t *testing.T) {
	svc, clk := MustService(t, "standard", "2026-11-23T09:00:00Z")
	ok := okFor(t)
	c := MustOpen(t, svc, "2026-11-23T09:00:00Z")
	clk.Set(at(t, "2026-11-23T10:00:00Z"))
	c = ok(svc.Pause(context.Background(), ann, c.ID, "waiting for the invoice"))
	if !c.Wake.IsZero() {
		t.Errorf("a paused case wakes at %s", c.Wake)
	}
	clk.Set(at(t, "2026-12-31T09:00:00Z"))
	if _, added := sweep(t, svc, c, noPicker(t)); len(added) != 0 {
		t.Errorf("a paused case got %q", kinds(added))
	}

	late := MustOpen(t, svc, "2026-12-21T09:00:00Z")
	clk.Set(at(t, "2026-12-24T09:00:00Z")) // the acknowledgement was due on the 23rd
	late = ok(svc.Pause(context.Background(), ann, late.ID, "waiting"))
	if _, added := sweep(t, svc, late, noPicker(t)); !slices.Equal(kinds(added), []string{"breach||acknowledge", "breach|alerts|acknowledge"}) {
		t.Errorf("a deadline missed before the pause: %q", kinds(added))
	}
}

// TestClaimRounds: every 4 business hours an escalation waits, ombud asks
// the senior the picker names; after an outage it asks once; once claimed,
// it stops.
func TestClaimRounds(t *testing.T) {
	svc, clk := MustService(t, "standard", "2026-11-23T09:00:00Z")
	c := escalated(t, svc)
	if got := kinds(c.Notices); !slices.Contains(got, "escalation|escalations|") {
		t.Errorf("escalating left %q, want an escalation notice", got)
	}
	wantTime(t, "wake", c.Wake, "2026-11-23T13:00:00Z")
	var asked []cases.Alarm
	pick := func(_ context.Context, _ *cases.Case, a cases.Alarm) (cases.Person, bool, error) {
		asked = append(asked, a)
		return []cases.Person{sam.Person, sue.Person}[len(asked)%2], true, nil
	}
	for _, s := range []struct {
		at    string
		round int
	}{{"2026-11-23T12:59:59Z", 0}, {"2026-11-23T13:00:00Z", 1}, {"2026-11-24T08:00:00Z", 0}, {"2026-11-24T13:00:00Z", 3}} {
		clk.Set(at(t, s.at))
		before := len(asked)
		var added []cases.Notice
		c, added = sweep(t, svc, c, pick)
		switch {
		case s.round == 0 && (len(asked) != before || len(added) != 0):
			t.Errorf("at %s asked again: %q", s.at, kinds(added))
		case s.round > 0 && (len(asked) != before+1 || asked[len(asked)-1].Round != s.round || !slices.Equal(kinds(added), []string{"claim-ping|escalations|"})):
			t.Errorf("at %s: asked %d times, round %v, notices %q; want round %d once", s.at, len(asked)-before, asked, kinds(added), s.round)
		}
	}
	if got := c.Asked(); !slices.Equal(got, []string{sue.Key, sam.Key}) {
		t.Errorf("asked %q, want sue then sam", got)
	}
	c = okFor(t)(svc.Claim(context.Background(), sid, c.ID))
	clk.Set(at(t, "2026-11-26T13:00:00Z"))
	if _, added := sweep(t, svc, c, noPicker(t)); slices.Contains(kinds(added), "claim-ping|escalations|") {
		t.Errorf("asked to claim a claimed case: %q", kinds(added))
	}
}

// TestClaimNobody: when nobody may review, the alerts channel hears of it.
func TestClaimNobody(t *testing.T) {
	svc, clk := MustService(t, "standard", "2026-11-23T09:00:00Z")
	c := escalated(t, svc)
	clk.Set(at(t, "2026-11-23T13:00:00Z"))
	none := func(context.Context, *cases.Case, cases.Alarm) (cases.Person, bool, error) {
		return cases.Person{}, false, nil
	}
	if _, added := sweep(t, svc, c, none); !slices.Equal(kinds(added), []string{"claim-ping|alerts|"}) {
		t.Errorf("nobody to ask: %q, want a claim ping to the alerts channel", kinds(added))
	}
}

// TestMayClaim: a senior involved at the frontline may not claim, as Claim
// refuses; an agent may not; an uninvolved senior may.
func TestMayClaim(t *testing.T) {
	svc, _ := MustService(t, "standard", "2026-11-23T09:00:00Z")
	c := escalated(t, svc, sid)
	for _, tt := range []struct {
		who  cases.Actor
		want bool
	}{{ann, false}, {bob, false}, {sid, false}, {sue, true}, {sam, true}} {
		if got := svc.MayClaim(c, tt.who); got != tt.want {
			t.Errorf("MayClaim(%s) = %v, want %v", tt.who.Key, got, tt.want)
		}
	}
}

// TestSweepLapses: an answered case whose escalation window closed unused
// is closed at the next sweep, with a timeline entry and a thread notice.
func TestSweepLapses(t *testing.T) {
	svc, clk := MustService(t, "standard", "2026-11-23T09:00:00Z")
	c := MustOpen(t, svc, "2026-11-23T09:00:00Z")
	c = okFor(t)(svc.Answer(context.Background(), ann, c.ID, "renewed"))
	window := due(t, c, cases.DeadlineEscalationWindow)
	clk.Set(window)
	if c, _ = sweep(t, svc, c, noPicker(t)); c.Status != cases.StatusAnswered {
		t.Fatalf("lapsed at the window's last moment: %s", c.Status)
	}
	clk.Set(window.Add(time.Millisecond))
	c, added := sweep(t, svc, c, noPicker(t))
	last := c.Timeline[len(c.Timeline)-1]
	if c.Status != cases.StatusClosed || last.Action != cases.ActionLapse || !c.Wake.IsZero() {
		t.Errorf("after the window: %s, last event %s, wake %s", c.Status, last.Action, c.Wake)
	}
	if got := kinds(added); !slices.Equal(got, []string{"header||", "lapsed||escalation-window"}) {
		t.Errorf("lapse notices %q", got)
	}
}

// TestUpdateReminders: a progress update that passes unlogged reminds whoever
// handles the case, and again every update period.
func TestUpdateReminders(t *testing.T) {
	svc, clk := MustService(t, "standard", "2026-11-23T09:00:00Z")
	ok := okFor(t)
	c := MustOpen(t, svc, "2026-11-23T09:00:00Z")
	c = ok(svc.Acknowledge(context.Background(), ann, c.ID, ""))
	update := due(t, c, cases.DeadlineUpdate) // Mon 30 Nov 16:00
	for _, s := range []struct {
		at   time.Time
		want int
	}{{update, 0}, {update.Add(time.Millisecond), 1}, {update.Add(24 * time.Hour), 0}, {at(t, "2026-12-07T16:00:00.001Z"), 1}} {
		clk.Set(s.at)
		var added []cases.Notice
		c, added = sweep(t, svc, c, noPicker(t))
		n := 0
		for _, a := range added {
			if a.Kind == cases.NoticeUpdate {
				n++
			}
		}
		if n != s.want {
			t.Errorf("at %s: %d reminders, want %d", s.at.Format(time.RFC3339Nano), n, s.want)
		}
	}
}
