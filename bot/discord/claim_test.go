package discord_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/ombud/ombud/bot/discord/fakediscord"
)

// escalated opens a case as ann, answers and escalates it, and returns its
// ID once its Claim post is in the escalations channel.
func (hs *harness) escalated(send transport) string {
	hs.t.Helper()
	id := "C-2026-0001"
	hs.ok(send, ann, id+" opened", "open", str("summary", "Invoice charged twice"), str("from", "Kari <kari@example.no>"))
	hs.ok(send, ann, id+" answered", "answer", str("case", id), str("text", "It was a pre-authorisation."))
	hs.ok(send, ann, id+" escalated to senior-review", "escalate", str("case", id), str("reason", "still charged"))
	return id
}

// TestConcurrentClaims presses one Claim button as 20 seniors at once, half
// through the gateway and half over HTTP: exactly one becomes the reviewer,
// the message shows them, and the 19 others are told privately why not.
func TestConcurrentClaims(t *testing.T) {
	t.Parallel()
	hs := MustHarness(t, options{})
	id := hs.escalated(transports["gateway"])
	customID := "ombud:cmd:claim " + id
	orig := hs.withButton(escalations, customID)
	var wg sync.WaitGroup
	replies := make([]fakediscord.Wire, 20)
	for i := range replies {
		senior := fakediscord.Person{ID: fmt.Sprint(710000000000000000 + i), Username: fmt.Sprintf("senior%d", i), Roles: []string{seniorRole}}
		token, payload := hs.fake.Press(senior, orig, customID)
		send := transports[[]string{"gateway", "http"}[i%2]]
		wg.Go(func() { replies[i] = send(hs, token, payload) })
	}
	wg.Wait()
	won, refused := 0, 0
	for _, w := range replies {
		switch {
		case w.Ephemeral() && strings.Contains(w.Embeds[0].Description, "cannot claim"):
			refused++
		case !w.Ephemeral() && len(w.Titles()) == 2 && w.Titles()[1] == id+" claimed":
			won++
		default:
			t.Errorf("unexpected reply to a claim: %+v", w)
		}
	}
	if won != 1 || refused != 19 {
		t.Errorf("%d claims won and %d refused; want 1 and 19", won, refused)
	}
}

// TestSeniorByRole checks that a senior known by a Discord role alone may
// claim, and that an agent's Claim is refused privately with the reason.
func TestSeniorByRole(t *testing.T) {
	t.Parallel()
	hs := MustHarness(t, options{})
	id := hs.escalated(transports["http"])
	w := hs.press(transports["http"], bob, escalations, "ombud:cmd:claim "+id)
	if !w.Ephemeral() || !strings.Contains(w.Embeds[0].Description, "senior") {
		t.Errorf("an agent's claim: %+v; want an ephemeral refusal naming the role", w)
	}
	w = hs.press(transports["http"], sid, escalations, "ombud:cmd:claim "+id)
	if w.Ephemeral() || w.Field("By") != "Ann A." || !claimedBy(hs, escalations, id, "sid") {
		t.Errorf("sid's claim by role: %+v", w)
	}
}
