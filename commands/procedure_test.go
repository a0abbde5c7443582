package commands_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/policyfile"
)

// TestProcedure works a complaint through every tier of every preset that
// has more than one, as the team would type it: open, ack, answer,
// escalate; a claim refused to a senior who noted on the case; a claim by
// an independent senior; review, final review where the policy has one,
// decide and close.
func TestProcedure(t *testing.T) {
	for _, preset := range policyfile.Presets() {
		t.Run(preset, func(t *testing.T) {
			hs := MustHarness(t, preset)
			if !hs.policy.HasTier(cases.TierReview) {
				t.Skipf("%s has one tier; its procedure is walked in TestPresetProcedures", preset)
			}
			id := hs.open()
			hs.ok("sam", "note "+id+" I know this customer; the invoice run failed last week")
			public(t, hs.ok("ann", "ack "+id+" called back"), id+" acknowledged")
			public(t, hs.ok("ann", "answer "+id+" The second charge is a pre-authorisation."), id+" answered")

			resp := hs.ok("ann", "escalate "+id+` reason:"still charged twice" expects:"a refund" via:email`)
			public(t, resp, id+" escalated to "+hs.policy.TierName(cases.TierReview))
			hs.claimPosted(t, resp, id)

			r := hs.refused("sam", "claim "+id, "noted on this case on 23 Nov")
			if !strings.Contains(r.Reply.Text, "You cannot review "+id) {
				t.Errorf("refusal does not say who cannot review: %s", r.Reply.Text)
			}
			public(t, hs.ok("sue", "claim "+id), id+" claimed")
			public(t, hs.ok("sue", "review "+id+" outcome:rejected The charge was correct."), id+" reviewed")

			decider := "sue"
			if hs.policy.HasTier(cases.TierFinal) {
				resp := hs.ok("ann", "final "+id+` reason:"wants a final review"`)
				public(t, resp, id+" escalated to "+hs.policy.TierName(cases.TierFinal))
				hs.claimPosted(t, resp, id)
				hs.refused("sue", "claim "+id, "claimed this case on 23 Nov")
				hs.ok("sid", "claim "+id)
				decider = "sid"
			}
			resp = hs.ok(decider, "decide "+id+" outcome:partly We refund the second charge.")
			public(t, resp, id+" decided")
			for _, b := range hs.policy.External {
				if v := field(t, resp.Reply, "External body: "+b.Name); !strings.Contains(v, b.URL) || !strings.Contains(v, b.Handles) {
					t.Errorf("decide shows %s as %q", b.Name, v)
				}
			}
			if len(hs.policy.External) == 0 {
				field(t, resp.Reply, "External bodies")
			}

			resp = hs.ok(decider, "close "+id+` cause:"invoice run charged twice" remedy:refund lessons:"check the run"`)
			public(t, resp, id+" closed")
			if got := field(t, resp.Reply, "Root cause"); got != "invoice run charged twice" {
				t.Errorf("root cause = %q", got)
			}
			if c := hs.get(id); c.Status != cases.StatusClosed || c.Resolution.Outcome != cases.OutcomePartly {
				t.Errorf("case ends %s with outcome %s", c.Status, c.Resolution.Outcome)
			}
		})
	}
}

// claimPosted checks that the change resp replies to posts the case to the
// escalations channel with a Claim button.
func (hs *harness) claimPosted(t *testing.T, resp bot.Response, id string) {
	t.Helper()
	var posts []bot.Post
	all := hs.posts(resp)
	for _, p := range all {
		if p.Channel != "" {
			posts = append(posts, p)
		}
	}
	if len(posts) != 1 || posts[0].Channel != bot.ChannelEscalations {
		t.Fatalf("posts = %+v, want one to the escalations channel", all)
	}
	want := bot.Button{Label: "Claim " + id, Command: "claim " + id}
	if b := posts[0].Reply.Buttons; len(b) != 1 || b[0] != want {
		t.Errorf("post buttons = %+v, want %+v", b, want)
	}
}

// TestWindowLapses lets the customer's escalation window pass: escalating
// is refused, the scheduler's lapse closes the case, and a senior can
// reopen it.
func TestWindowLapses(t *testing.T) {
	hs := MustHarness(t, "standard")
	id := hs.open()
	hs.ok("ann", "answer "+id+" Refunded.")
	hs.clock.Advance(40 * 24 * time.Hour)
	hs.refused("ann", "escalate "+id+` reason:"too late"`, "the customer's window to ask for this closed on Mon 21 Dec 2026 23:59 UTC")
	if _, err := hs.svc.Lapse(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	hs.refused("ann", "escalate "+id+` reason:"too late"`, id+" is closed, so you cannot escalate it now")
	hs.refused("ann", "reopen "+id+" customer found new facts", "only a senior can reopen a case")
	resp := hs.ok("sam", "reopen "+id+" customer found new facts")
	public(t, resp, id+" reopened")
	if got := field(t, resp.Reply, "First answer by"); !strings.Contains(got, "10 business days left") {
		t.Errorf("reopened answer deadline = %q", got)
	}
}

// TestExtend moves the first answer later, and refuses to move it past the
// policy's cap.
func TestExtend(t *testing.T) {
	tests := []struct {
		preset    string
		tooMany   string
		allowed   string
		tellUntil string
		thenToo   string // too many after the allowed extension
	}{
		{"registrar-vn", "10", "5", "Mon 7 Dec 2026 16:00 +07", "5"},
		{"standard", "11", "10", "Mon 21 Dec 2026 16:00 UTC", "1"},
	}
	for _, tt := range tests {
		t.Run(tt.preset, func(t *testing.T) {
			hs := MustHarness(t, tt.preset)
			id := hs.open()
			hs.refused("ann", "extend "+id+" "+tt.tooMany+" waiting for the registry", "past policy "+tt.preset+"'s limit")
			resp := hs.ok("ann", "extend "+id+" "+tt.allowed+" waiting for the registry")
			public(t, resp, id+" extended by "+tt.allowed+" business days")
			if got := field(t, resp.Reply, "Tell the customer"); got != "they will have our answer by "+tt.tellUntil {
				t.Errorf("tell the customer %q", got)
			}
			hs.refused("ann", "extend "+id+" "+tt.thenToo+" more", "past policy "+tt.preset+"'s limit")
		})
	}
}
