package commands_test

import (
	"strings"
	"testing"
	"time"
)

// TestDatedSteps: at: dates a step when it happened, in the forms received:
// takes; the reply and the timeline say so, and the deadlines count from it.
func TestDatedSteps(t *testing.T) {
	hs := MustHarness(t, "standard")
	id := hs.open() // Mon 23 Nov 2026 09:00 UTC
	hs.clock.Set(start.Add(26 * time.Hour))
	r := hs.ok("ann", "ack "+id+" by phone at:2026-11-23T10:30Z").Reply
	fields(t, r, map[string]string{"Happened": "Mon 23 Nov 2026 10:30 UTC"})
	r = hs.ok("ann", "answer "+id+" Renewed it, told them by phone at:2026-11-23T14:00:15+01:00").Reply
	fields(t, r, map[string]string{"Customer may escalate until": "Mon 21 Dec 2026 23:59 UTC (19 business days left)"})
	show := texts(hs.ok("ann", "show "+id))[0]
	if !strings.Contains(show, "Mon 23 Nov 2026 13:00 · ann · answer → answered: Renewed it, told them by phone (entered Tue 24 Nov 2026 11:00)") {
		t.Errorf("the timeline does not date the answer when it happened:\n%s", show)
	}
	hs.refused("ann", "update "+id+" told them at:yesterday", "at:yesterday is not a time ombud can read; write the date, the time and the UTC offset, such as at:2026-11-20T09:30+01:00")
	hs.refused("ann", "escalate "+id+" reason:unhappy at:2026-11-23T13:00+01:00", "cannot be dated Mon 23 Nov 2026 12:00 UTC: its previous step, answer, is dated Mon 23 Nov 2026 13:00 UTC")
}
