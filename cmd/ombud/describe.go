package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/calendar"
)

// describe writes everything a policy sets, in words.
func describe(w io.Writer, p *cases.Policy) {
	fmt.Fprintf(w, "%s: %s\nSource: %s\n\n", p.Name, p.Title, p.Source)
	procedure(w, p, "")
	if hasLimits(p) {
		fmt.Fprintf(w, "  Warn %s before a deadline falls due (or, for a shorter limit, when %.0f%% of its time has passed).\n",
			p.WarnLead().Describe(), p.WarnFraction()*100)
		fmt.Fprintf(w, "  Ask the seniors in turn when an escalation waits %s for a reviewer.\n", p.ClaimTime().Describe())
	}
	fmt.Fprintf(w, "\nKinds: %s\n", list(p.Kinds, "complaint, abuse, feedback"))
	fmt.Fprintf(w, "Channels: %s\n", list(p.Channels, "none named"))
	if len(p.Categories) > 0 {
		fmt.Fprintf(w, "Categories: %s\n", list(p.Categories, ""))
	}
	if p.Queue != "" {
		fmt.Fprintf(w, "Queue: %s\n", p.Queue)
	}
	fmt.Fprintf(w, "Required at closing: %s\n", closing(p.Closing))
	for _, l := range []struct {
		label string
		chans []cases.Channel
		what  string
	}{
		{"Signed off by a senior", p.SignOff, "the first answer to complaints that came %s"},
		{"Receipt", p.Receipt, "given for complaints that come %s, recorded as the acknowledgement"},
		{"Resolved on the spot", p.Spot, "complaints that come %s may be; minutes go on file and no acknowledgement is due"},
	} {
		if len(l.chans) > 0 {
			fmt.Fprintf(w, "%s: %s\n", l.label, fmt.Sprintf(l.what, channelsPhrase(l.chans)))
		}
	}
	for _, k := range p.KindsWithRules() {
		kind(w, p, k)
	}

	c := p.Calendar
	fmt.Fprintf(w, "\nCalendar:\n  Zone: %s\n  Weekend: %s\n  Business hours: %s to %s\n",
		c.Zone, list(c.Weekend, "none"), c.Opens, c.Closes)
	fmt.Fprintf(w, "  Public holidays: %s\n  Closures: %s\n", list(c.Holidays, "none"), list(c.Closures, "none"))

	if len(p.External) == 0 {
		fmt.Fprintln(w, "\nExternal bodies: none named")
		return
	}
	fmt.Fprintln(w, "\nExternal bodies, once the internal procedure has ended:")
	for _, e := range p.External {
		name := e.Name
		if e.URL != "" {
			name += ", " + e.URL
		}
		fmt.Fprintf(w, "  %s\n%s", name, wrap(e.Handles, "    ", 78))
	}
}

// hasLimits reports whether policy p, for any of its kinds, sets a time
// limit, so that something can fall due and be warned of.
func hasLimits(p *cases.Policy) bool {
	for _, k := range append([]cases.Kind{""}, p.KindsWithRules()...) {
		d := p.Deadlines
		if k != "" {
			d = p.For(k).Deadlines
		}
		d.PauseMovesCap = false
		if d != (cases.Deadlines{}) {
			return true
		}
	}
	return false
}

// procedure writes the tiers, the fields and the time limits of the
// policy's own procedure.
func procedure(w io.Writer, p *cases.Policy, indent string) {
	tiers(w, p, indent)
	intake(w, p, indent)
	timeLimits(w, p, indent)
}

// kind writes what policy p's procedure for kind k has of its own.
func kind(w io.Writer, p *cases.Policy, k cases.Kind) {
	r, q := p.PerKind[k], p.For(k)
	fmt.Fprintf(w, "\nFor %s:", k)
	if r.Queue != "" {
		fmt.Fprintf(w, " queue %s;", r.Queue)
	}
	if r.Tiers == nil && r.Intake == nil && r.Escalation == nil && r.Deadlines == nil {
		fmt.Fprintln(w, " otherwise as above.")
		return
	}
	fmt.Fprintln(w, " otherwise as above, but")
	if r.Tiers != nil {
		tiers(w, q, "  ")
	}
	if r.Intake != nil || r.Escalation != nil {
		intake(w, q, "  ")
	}
	switch {
	case r.Deadlines != nil && *r.Deadlines == (cases.Deadlines{}):
		fmt.Fprintln(w, "  Time limits: none")
	case r.Deadlines != nil:
		timeLimits(w, q, "  ")
	}
}

// tiers writes q's tiers and who may review each above the first.
func tiers(w io.Writer, q *cases.Policy, indent string) {
	fmt.Fprintf(w, "%sTiers:\n", indent)
	for i, t := range q.Tiers {
		fmt.Fprintf(w, "%s  %d. %s: %s\n", indent, i+1, t.Name, t.Title)
		if i > 0 {
			fmt.Fprintf(w, "%s     %s\n", indent, independence(q.ReviewerRule(cases.Tier(i+1))))
		}
	}
}

// intake writes what q requires and asks for at intake and on escalation.
func intake(w io.Writer, q *cases.Policy, indent string) {
	fmt.Fprintf(w, "%sAt intake: %s\n", indent, fields(q.Intake, "complaints"))
	if q.HasTier(cases.TierReview) {
		fmt.Fprintf(w, "%sOn escalation: %s\n", indent, fields(q.Escalation, "escalated complaints"))
	}
}

// timeLimits writes q's time limits.
func timeLimits(w io.Writer, q *cases.Policy, indent string) {
	fmt.Fprintf(w, "%sTime limits:\n", indent)
	for _, l := range limits(q) {
		fmt.Fprintf(w, "%s  %s\n", indent, l)
	}
}

// fields describes what a request must carry and what it is asked for.
func fields(r cases.FieldRules, what string) string {
	parts := []string{"required: " + list(r.Require, "nothing"), "asked for: " + list(r.Ask, "nothing")}
	if r.Written {
		parts = append([]string{what + " in writing only (e-mail, post or the web form)"}, parts...)
	}
	return strings.Join(parts, "; ")
}

// closing names the register entries required when a case ends.
func closing(fs []cases.Field) string {
	names := map[cases.Field]string{cases.FieldCause: "root cause", cases.FieldRemedy: "remedy", cases.FieldLessons: "lessons learned"}
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = names[f]
	}
	return list(out, "nothing") + " (unless the customer withdrew)"
}

// channelsPhrase says how complaints came through chans: "in person or by phone".
func channelsPhrase(chans []cases.Channel) string {
	out := make([]string, len(chans))
	for i, c := range chans {
		switch c {
		case cases.ChannelInPerson:
			out[i] = "in person"
		case cases.ChannelWeb:
			out[i] = "through the web form"
		default:
			out[i] = "by " + string(c)
		}
	}
	return strings.Join(out, " or ")
}

// limits describes each time limit that applies to the policy's tiers, and
// says so where the policy sets none.
func limits(p *cases.Policy) []string {
	d := p.Deadlines
	rows := []struct {
		tier     cases.Tier
		label    string
		limit    calendar.Duration
		rule     string
		optional bool // not mentioned when not set
	}{
		{cases.TierFrontline, "Acknowledge", d.Acknowledge, "within %s of receipt", false},
		{cases.TierFrontline, "First answer", d.Answer, "within %s of receipt", false},
		{cases.TierFrontline, "Extended answer", d.AnswerCap, "no later than %s after receipt", true},
		{cases.TierFrontline, "Answer, or tell the customer when to expect it", d.Notice, "within %s of receipt", true},
		{cases.TierFrontline, "Progress update", d.Update, "every %s while the customer waits", false},
		{cases.TierFrontline, "Reply after a referral", d.Referral, "within %s of passing the case on", true},
		{cases.TierReview, "Escalation window", d.EscalationWindow, "the customer may escalate within %s of the answer", false},
		{cases.TierReview, "Acknowledge the escalation", d.ReviewAcknowledge, "within %s of the escalation", true},
		{cases.TierReview, "Review answer", d.Review, "within %s of the escalation", false},
		{cases.TierFinal, "Final-review window", d.FinalWindow, "the customer may ask for a final review within %s of the review answer", false},
		{cases.TierFinal, "Final answer", d.Final, "within %s of the final-review request", false},
	}
	var out []string
	for _, r := range rows {
		switch {
		case r.label == "Extended answer" && r.limit.IsZero() && !d.Answer.IsZero():
			out = append(out, r.label+": the first answer cannot be extended")
		case !p.HasTier(r.tier), r.limit.IsZero() && r.optional:
		case r.limit.IsZero():
			out = append(out, r.label+": no fixed limit")
		default:
			out = append(out, r.label+": "+fmt.Sprintf(r.rule, r.limit.Describe())+limitNote(r.label, r.limit, d))
		}
	}
	return out
}

// limitNote adds what people need to know about a limit beyond its length.
func limitNote(label string, limit calendar.Duration, d cases.Deadlines) string {
	switch {
	case strings.HasSuffix(label, "window") && (limit.Unit == calendar.UnitBusinessDays || limit.Unit == calendar.UnitCalendarDays):
		return ", to the end of the last day"
	case label == "Extended answer" && limit == d.Answer:
		return ", so the answer cannot be extended"
	case label == "Extended answer" && d.PauseMovesCap:
		return ", plus any time paused"
	case label == "Extended answer":
		return ", however long the case is paused"
	}
	return ""
}

func independence(i cases.Independence) string {
	if i == cases.IndependentTeam {
		return "nobody from a team that handled an earlier tier may review it"
	}
	return "nobody who handled an earlier tier may review it"
}

// list joins items with commas, or returns none when there are no items.
func list[T any](items []T, none string) string {
	if len(items) == 0 {
		return none
	}
	s := make([]string, len(items))
	for i, it := range items {
		s[i] = fmt.Sprint(it)
	}
	return strings.Join(s, ", ")
}

// wrap breaks text into lines of at most width characters, each starting
// with indent and ending in a newline.
func wrap(text, indent string, width int) string {
	var b, line strings.Builder
	for _, word := range strings.Fields(text) {
		if line.Len() > 0 && len(indent)+line.Len()+1+len(word) > width {
			b.WriteString(indent + line.String() + "\n")
			line.Reset()
		}
		if line.Len() > 0 {
			line.WriteByte(' ')
		}
		line.WriteString(word)
	}
	if line.Len() > 0 {
		b.WriteString(indent + line.String() + "\n")
	}
	return b.String()
}
