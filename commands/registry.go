package commands

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Registry holds the /case subcommands and finds them by name or alias.
type Registry struct {
	cmds   []*Command
	byName map[string]*Command
}

// newRegistry returns a registry of cmds. A later name or alias never
// replaces an earlier one; a test checks that none collide.
func newRegistry(cmds ...*Command) *Registry {
	r := &Registry{cmds: cmds, byName: map[string]*Command{}}
	for _, c := range cmds {
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			if _, taken := r.byName[n]; !taken {
				r.byName[n] = c
			}
		}
	}
	return r
}

// Commands returns the subcommands in help order.
func (r *Registry) Commands() []*Command { return slices.Clone(r.cmds) }

// Lookup returns the subcommand called name, or with name as an alias.
func (r *Registry) Lookup(name string) (*Command, bool) {
	c, ok := r.byName[strings.ToLower(name)]
	return c, ok
}

// Suggest returns the subcommand name closest to a mistyped name, or "" when
// none is close.
func (r *Registry) Suggest(name string) string {
	name = strings.ToLower(name)
	if utf8.RuneCountInString(name) > maxSuggested {
		return "" // nothing is two edits from a name this long, and the distance would cost
	}
	best, bestDist := "", 3 // at most two edits away
	for n, c := range r.byName {
		d := distance(name, n)
		if strings.HasPrefix(n, name) && len(name) >= 2 {
			d = 1
		}
		if d < bestDist || (d == bestDist && c.Name < best) {
			best, bestDist = c.Name, d
		}
	}
	return best
}

// names lists the subcommand names in help order.
func (r *Registry) names() string {
	names := make([]string, len(r.cmds))
	for i, c := range r.cmds {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}

// Usage returns cmd's usage line, such as
// "/case escalate <id> reason:\"…\" [expects:\"…\"]".
func Usage(cmd *Command) string {
	parts := []string{"/case", cmd.Name}
	var rest []string
	for _, a := range cmd.Args {
		if a.Rest {
			rest = append(rest, argUsage(a))
		} else {
			parts = append(parts, argUsage(a))
		}
	}
	for _, required := range []bool{true, false} {
		for _, o := range cmd.Options {
			if (o.Required || o.RequiredUnless != "") == required {
				parts = append(parts, optionUsage(o))
			}
		}
		parts = append(parts, rest...)
		rest = nil
	}
	return strings.Join(parts, " ")
}

// argUsage renders an argument for a usage line: <id>, [note], [a|b|c],
// or its hint.
func argUsage(a Arg) string {
	s := a.Name
	switch {
	case len(a.Values) > 0:
		s = strings.Join(a.Values, "|")
	case a.Hint != "":
		s = a.Hint
	case a.Required:
		s = "<" + s + ">"
	}
	if !a.Required {
		s = "[" + s + "]"
	}
	return s
}

// optionUsage renders an option for a usage line: outcome:a|b, [cause:"…"];
// only an option that may always be left out is in brackets.
func optionUsage(o Option) string {
	hint := o.Hint
	switch {
	case len(o.Values) > 0:
		hint = strings.Join(o.Values, "|")
	case hint == "":
		hint = "…"
	}
	s := o.Key + ":" + hint
	if !o.Required && o.RequiredUnless == "" {
		s = "[" + s + "]"
	}
	return s
}

// Help returns the overview: every subcommand's usage line and summary.
func (r *Registry) Help() string {
	var b strings.Builder
	for _, c := range r.cmds {
		fmt.Fprintf(&b, "%s\n    %s\n", Usage(c), c.Summary)
	}
	b.WriteString("Options are key:value, anywhere after the subcommand; quote values with spaces: reason:\"too slow\".\n")
	b.WriteString("<id> is a case ID, C-2026-0042, or shortened: 2026-42, or 42 for this year's.\n")
	b.WriteString("at: dates a step that happened earlier, such as at:2026-11-20T09:30+01:00.\n")
	b.WriteString("/case help <subcommand> tells more.")
	return b.String()
}

// HelpFor returns the help of one subcommand: its usage line, summary,
// aliases and what each option means.
func HelpFor(cmd *Command) string { return Usage(cmd) + "\n" + helpBody(cmd) }

// helpBody returns the help of one subcommand after its usage line.
func helpBody(cmd *Command) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", cmd.Summary)
	if len(cmd.Aliases) > 0 {
		fmt.Fprintf(&b, "Also: %s\n", strings.Join(cmd.Aliases, ", "))
	}
	for _, o := range cmd.Options {
		help := o.Help
		if o.RequiredUnless != "" {
			help += "; required unless " + o.RequiredUnless
		}
		fmt.Fprintf(&b, "  %s: %s\n", o.Key, help)
	}
	return strings.TrimRight(b.String(), "\n")
}

// maxSuggested is the longest name, in runes, Suggest looks for a
// subcommand close to.
const maxSuggested = 32

// distance returns the edit distance between a and b, in runes.
func distance(sa, sb string) int {
	a, b := []rune(sa), []rune(sb)
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// Subcommand returns the name of the subcommand text (everything after
// "/case") asks for: "help" for empty text, the subcommand's own name for an
// alias, and "unknown" when it names none. Metrics label requests with it.
func (r *Registry) Subcommand(text string) string {
	name, _ := split(text)
	if name == "" {
		return "help"
	}
	if c, ok := r.Lookup(name); ok {
		return c.Name
	}
	return "unknown"
}
