package commands

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// Render returns the post that notice n of case c makes, worked out from c
// as it is now: the thread's header, a copy of a change, an escalation
// with its Claim button, a warning, a breach, a request to claim, a lapse
// or a reminder. It never shows the complainant's details.
func (h *Handler) Render(c *cases.Case, n cases.Notice) (bot.Post, error) {
	env := &Env{Service: h.svc, Directory: h.dir, Registry: h.reg}
	render, ok := renderers[n.Kind]
	if !ok {
		return bot.Post{}, fmt.Errorf("notice %s of %s is of a kind this ombud does not know: %q", n.ID, c.ID, n.Kind)
	}
	p, err := render(env, c, n)
	if err != nil {
		return bot.Post{}, fmt.Errorf("render notice %s of %s: %w", n.ID, c.ID, err)
	}
	if n.To == cases.ToThread {
		p.Topic, p.Origin = c.ID, c.Origin.ChannelID
	} else {
		p.Channel = bot.Channel(n.To)
	}
	p.Reply.Visibility, p.Reply.Topic = bot.Public, ""
	return p, nil
}

// renderers render each kind of notice about a case; Render fills in where
// the post goes.
var renderers = map[cases.NoticeKind]func(env *Env, c *cases.Case, n cases.Notice) (bot.Post, error){
	cases.NoticeHeader:     renderHeader,
	cases.NoticeChange:     renderChange,
	cases.NoticeEscalation: renderEscalation,
	cases.NoticeWarning:    renderWarning,
	cases.NoticeBreach:     renderBreach,
	cases.NoticeClaimPing:  renderClaimPing,
	cases.NoticeLapsed:     renderLapsed,
	cases.NoticeUpdate:     renderUpdate,
}

// renderHeader is the head of c's thread, as c stands now.
func renderHeader(env *Env, c *cases.Case, _ cases.Notice) (bot.Post, error) {
	r, err := header(env, c)
	return bot.Post{Header: true, Reply: r}, err
}

// doneWords says what each change did, after the case ID, for the copy of
// a change in the case's thread.
var doneWords = map[cases.Action]string{
	cases.ActionOpen: "opened", cases.ActionAcknowledge: "acknowledged", cases.ActionNote: "noted",
	cases.ActionUpdate: "customer updated", cases.ActionExtend: "answer deadline extended", cases.ActionPause: "paused",
	cases.ActionResume: "resumed", cases.ActionAnswer: "answered", cases.ActionResolve: "resolved",
	cases.ActionClaim: "claimed", cases.ActionReview: "reviewed", cases.ActionDecide: "decided",
	cases.ActionClose: "closed", cases.ActionReopen: "reopened", cases.ActionRefer: "referred",
	cases.ActionDraft: "answer drafted", cases.ActionSignoff: "signed off and answered",
}

// renderChange is the copy, for c's thread, of the reply to the change at
// n.Event of its timeline: what was done, by whom, and c's deadlines now.
func renderChange(env *Env, c *cases.Case, n cases.Notice) (bot.Post, error) {
	if n.Event < 0 || n.Event >= len(c.Timeline) {
		return bot.Post{}, fmt.Errorf("the case has no event %d", n.Event)
	}
	ev := c.Timeline[n.Event]
	done, text := doneWords[ev.Action], ev.Text
	switch ev.Action {
	case cases.ActionAssign:
		done, text = ev.Text, ""
	case cases.ActionEscalate, cases.ActionFinal:
		p, err := env.Service.PolicyOf(c)
		if err != nil {
			return bot.Post{}, err
		}
		done = "escalated to " + p.TierName(ev.Tier)
	}
	if done == "" {
		done = string(ev.Action)
	}
	var extra []bot.Field
	if !ev.Entered.IsZero() { // recorded after the fact
		cal, err := env.Service.Calendar(c)
		if err != nil {
			return bot.Post{}, err
		}
		extra = append(extra, bot.Field{Name: "Happened", Value: cases.When(ev.At, cal.Location())})
	}
	r, err := changeReply(env, c, ev.Status, done, text, ev.Actor.Name, extra...)
	return bot.Post{Echo: true, Reply: r}, err
}

// renderEscalation is the request to the escalations channel that a senior
// claim the tier n.Tier of c: the customer's reason and expectation, and a
// Claim button while it still waits for one.
func renderEscalation(env *Env, c *cases.Case, n cases.Notice) (bot.Post, error) {
	p, err := env.Service.PolicyOf(c)
	if err != nil {
		return bot.Post{}, err
	}
	var esc cases.Escalation
	for _, e := range c.Escalations {
		if e.Tier == n.Tier {
			esc = e
		}
	}
	var extra []bot.Field
	if esc.Expects != "" {
		extra = append(extra, bot.Field{Name: "Customer expects", Value: esc.Expects})
	}
	r, err := changeReply(env, c, c.Status, "needs a reviewer for "+p.TierName(n.Tier), esc.Reason, esc.By.Name, extra...)
	r.Buttons = claimButton(c, n.Tier)
	return bot.Post{Reply: r}, err
}

// claimButton offers to claim tier t of c while c waits at it for a
// reviewer, and nothing once someone has.
func claimButton(c *cases.Case, t cases.Tier) []bot.Button {
	if c.Tier != t || (c.Status != cases.StatusEscalated && c.Status != cases.StatusFinalRequested) {
		return nil
	}
	return []bot.Button{{Label: "Claim " + c.ID, Command: "claim " + c.ID}}
}

// mentions returns the IDs on platform of people, leaving out those of
// other platforms and teams, each once.
func mentions(platform string, people ...cases.Person) []string {
	var out []string
	for _, p := range people {
		id, ok := strings.CutPrefix(p.Key, platform+":")
		if ok && id != "" && !p.IsTeam() && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}
