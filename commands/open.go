package commands

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// openCommand returns open [complaint|abuse|feedback] <summary> [options].
func openCommand() *Command {
	return &Command{
		Name:    "open",
		Aliases: []string{"new"},
		Summary: "Record a complaint, abuse report or piece of feedback that came in; the reply gives its ID and deadlines.",
		Args: []Arg{
			{Name: "kind", Values: names(cases.Kinds)},
			{Name: "summary", Required: true, Rest: true, Strict: true},
		},
		Options: []Option{
			{Key: "from", Hint: `"Name <contact>"`, Help: `who complained: "Name <e-mail or phone>", "Name e-mail-or-phone", just a name, or just an e-mail or phone number`},
			{Key: "subject", Help: "the domain name(s), service, product or order it is about"},
			{Key: "via", Values: names(cases.Channels), Help: "how it reached you"},
			{Key: "category", Help: "the policy's category, if it has categories"},
			{Key: "priority", Values: names(cases.Priorities), Help: "normal when left out"},
			{Key: "received", Hint: "2026-11-20T09:30+01:00", Help: "when it arrived, with its UTC offset, in the last two years; now when left out. Deadlines count from it"},
			{Key: "account", Help: "the customer's account or customer number"},
		},
		Run:  runOpen,
		Form: openForm,
	}
}

// runOpen opens a case, or asks for the intake fields the policy requires
// that are missing, writing nothing.
func runOpen(ctx context.Context, env *Env, in Input) (bot.Response, error) {
	oi, err := openInput(in)
	if err != nil {
		return bot.Response{}, err
	}
	p := env.Service.Policy()
	if _, given := in.Args["kind"]; !given && env.Request.Values == nil {
		if err := kindLike(p, oi.Description); err != nil {
			return bot.Response{}, err
		}
	}
	if missing := p.MissingIntake(oi); len(missing) > 0 {
		if env.Request.Values != nil {
			return bot.Response{}, missingFields(p, missing)
		}
		return refusal(fmt.Sprintf("Nothing was saved: policy %s requires at intake: %s. Send it again with them filled in:\n%s",
			p.Name, strings.Join(names(missing), ", "), openAgain(in, oi.Complainant, missing))), nil
	}
	oi.Origin = cases.Origin{Platform: env.Request.Platform, ChannelID: env.Request.ChannelID}
	c, err := env.Service.Open(ctx, env.Actor, oi)
	if err != nil {
		return bot.Response{}, err
	}
	extra := openFields(env.Service.PolicyFor(c.Kind), c, oi)
	if f, ok := duplicatesField(ctx, env, c); ok {
		extra = append(extra, f)
	}
	resp, err := changed(env, c, "opened", c.Description, extra...)
	if err != nil {
		return bot.Response{}, err
	}
	resp.Reply.Buttons = stepButtons(c)
	return resp, nil
}

// openFields are what the reply to open shows besides the status and the
// deadlines: the kind, subject and queue, what the policy asks the customer
// for that is missing, and what it expects next of a complaint that came
// the way this one did.
func openFields(p *cases.Policy, c *cases.Case, oi cases.OpenInput) []bot.Field {
	out := []bot.Field{{Name: "Kind", Value: string(c.Kind)}}
	for _, f := range []bot.Field{{Name: "Subject", Value: c.Subject}, {Name: "Queue", Value: c.Queue}} {
		if f.Value != "" {
			out = append(out, f)
		}
	}
	if asked := p.AskedIntake(oi); len(asked) > 0 {
		out = append(out, askFor(p, asked))
	}
	if slices.Contains(p.Receipt, c.Channel) {
		out = append(out, bot.Field{Name: "Receipt", Value: "give the customer a receipt for the complaint, then acknowledge: /case ack " + c.ID})
	}
	if slices.Contains(p.Spot, c.Channel) {
		out = append(out, bot.Field{Name: "Settled at once?", Value: "/case resolve " + c.ID + " spot:true outcome:… and the minutes of the result"})
	}
	return out
}

// openInput builds the Service's input from the parsed command line.
func openInput(in Input) (cases.OpenInput, error) {
	o := in.Options
	oi := cases.OpenInput{
		Kind: cases.Kind(in.Args["kind"]), Description: in.Args["summary"], Subject: o["subject"],
		Channel: cases.Channel(o["via"]), Category: o["category"], Priority: cases.Priority(o["priority"]),
	}
	var err error
	if oi.Complainant, err = parseFrom(o["from"]); err != nil {
		return oi, inField("from", err)
	}
	oi.Complainant.Account = o["account"]
	if s := o["received"]; s != "" {
		if oi.ReceivedAt, err = parseTime("received", s); err != nil {
			return oi, inField("received", err)
		}
	}
	return oi, nil
}

// parseFrom parses who complained: "Name <contact>", a name followed by a
// contact without brackets, a name, or a contact alone (an e-mail address or
// a phone number).
func parseFrom(s string) (cases.Complainant, error) {
	s = strings.TrimSpace(s)
	if i := strings.LastIndex(s, "<"); i >= 0 && strings.HasSuffix(s, ">") {
		name, contact := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:len(s)-1])
		if contact == "" || strings.ContainsAny(name+contact, "<>") {
			return cases.Complainant{}, cases.Errorf(cases.EINVALID, `from:%q is not "Name <contact>"; write it like from:"Kari Nordmann <kari@example.no>"`, s)
		}
		return cases.Complainant{Name: name, Contact: contact}, nil
	}
	switch {
	case strings.ContainsAny(s, "<>"):
		return cases.Complainant{}, cases.Errorf(cases.EINVALID, `from:%q is not "Name <contact>"; write it like from:"Kari Nordmann <kari@example.no>"`, s)
	case isContact(s):
		return cases.Complainant{Contact: s}, nil
	default:
		return splitContact(s), nil
	}
}

// splitContact returns s, a name perhaps followed by a contact, as a
// complainant: "Kari kari@example.no" and "Kari +47 912 34 567" end in
// one, "Kari Nordmann" does not. The contact is the longest run of last
// words that is one, so a phone number may have spaces in it.
func splitContact(s string) cases.Complainant {
	words := strings.Fields(s)
	for i := 1; i < len(words); i++ {
		if contact := strings.Join(words[i:], " "); isContact(contact) {
			return cases.Complainant{Name: strings.Join(words[:i], " "), Contact: contact}
		}
	}
	return cases.Complainant{Name: s}
}

// isContact reports whether s is an e-mail address or a phone number.
func isContact(s string) bool {
	if strings.Contains(s, "@") && !strings.ContainsAny(s, " \t") {
		return true
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case !strings.ContainsRune("+-() .", r):
			return false
		}
	}
	return digits >= 5
}

// timeLayouts are the forms a time is written in, for received: and at:
// alike: RFC 3339 with or without seconds.
var timeLayouts = []string{"2006-01-02T15:04Z07:00", time.RFC3339}

// ParseTime parses a moment as people write it for received: and at:, the
// date, the time with or without seconds, and the UTC offset, such as
// 2026-11-20T09:30+01:00 or 2026-11-20T08:30:15Z, and reports whether s is
// one.
func ParseTime(s string) (time.Time, bool) {
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// parseTime parses the value s of the time option key.
func parseTime(key, s string) (time.Time, error) {
	if t, ok := ParseTime(s); ok {
		return t, nil
	}
	return time.Time{}, cases.Errorf(cases.EINVALID,
		"%s:%s is not a time ombud can read; write the date, the time and the UTC offset, such as %s:2026-11-20T09:30+01:00 (or Z for UTC)", key, s, key)
}

// openAgain rebuilds an open command line from in, with placeholders for
// the missing intake fields, for the caller to fill in.
func openAgain(in Input, who cases.Complainant, missing []cases.Field) string {
	parts := []string{"/case open"}
	if k := in.Args["kind"]; k != "" {
		parts = append(parts, k)
	}
	parts = append(parts, in.Args["summary"])
	for _, key := range []string{"via", "category", "priority", "received"} {
		if v := in.Options[key]; v != "" {
			parts = append(parts, key+":"+quote(v))
		}
	}
	fill := func(v, placeholder string) string {
		if v == "" {
			return placeholder
		}
		return v
	}
	need := map[cases.Field]bool{}
	for _, f := range missing {
		need[f] = true
	}
	if need[cases.FieldName] || need[cases.FieldContact] || in.Options["from"] != "" {
		parts = append(parts, fmt.Sprintf(`from:"%s <%s>"`, fill(who.Name, "NAME"), fill(who.Contact, "E-MAIL OR PHONE")))
	}
	if need[cases.FieldSubject] || in.Options["subject"] != "" {
		parts = append(parts, "subject:"+quote(fill(in.Options["subject"], "DOMAIN, SERVICE OR ORDER")))
	}
	if need[cases.FieldAccount] || in.Options["account"] != "" {
		parts = append(parts, "account:"+quote(fill(in.Options["account"], "ACCOUNT")))
	}
	return strings.Join(parts, " ")
}

// quote returns v as an option value: in quotes when it has spaces.
func quote(v string) string {
	if strings.ContainsAny(v, " \t\n") {
		return `"` + v + `"`
	}
	return v
}

// names converts string-like values to strings.
func names[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}
