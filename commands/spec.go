package commands

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/ombud/ombud/bot"
)

// MaxDescription is the most characters a spec's description has: Discord's
// limit, the shortest among the platforms that show descriptions.
const MaxDescription = 100

// optionNames maps the grammar's argument names to the names people see
// where they pick options rather than type words (Discord): the command
// language's own words. An argument not listed keeps its name.
var optionNames = map[string]string{
	"id":       "case",
	"n":        "days",
	"note":     "text",
	"position": "text",
	"which":    "view",
}

// argHelp describes each argument, by name, for the platforms that show a
// description of every option; "command.arg" overrides the plain name for
// one subcommand. Every argument needs one: Specs panics without it, and a
// test runs Specs on every subcommand.
var argHelp = map[string]string{
	"id":              "the case ID, such as C-2026-0042",
	"kind":            "complaint when left out",
	"summary":         "what it is about, in a sentence",
	"resolve.summary": "how it was resolved, in a sentence",
	"note.text":       "the note, for the team",
	"update.text":     "what the customer was told about progress",
	"answer.text":     "the first answer, as given to the customer",
	"review.text":     "the review answer, as given to the customer",
	"note":            "how they were told, if worth noting",
	"position":        "the company's final position, as told to the customer",
	"person":          "who takes the case",
	"to":              "a @person, or a team's name",
	"n":               "how many business days later",
	"extend.reason":   "why more time is needed, as the customer is told",
	"pause.reason":    "what you are waiting for, such as the customer's documents",
	"reopen.reason":   "why it is reopened",
	"refer.reason":    "what you need from them",
	"which":           "which cases; open when left out",
	"period":          "today, week (the default), month, quarter, year, 2026-11, or 2026-11-01..2026-11-15",
	"subcommand":      "the subcommand to explain; all of them when left out",
}

// personHint is the hint of an argument that names a person.
const personHint = "@person"

// Specs describes every subcommand for a platform that registers typed
// options, in help order. Option names are the command language's words
// (case, days, view); each spec's Key is the argument's or option's name in
// the grammar, under which the platform returns the value in Values.
func (r *Registry) Specs() []bot.CommandSpec {
	out := make([]bot.CommandSpec, len(r.cmds))
	for i, c := range r.cmds {
		out[i] = spec(c)
	}
	return out
}

// spec describes cmd: its required options first, as Discord requires, each
// group in the grammar's order, arguments before options. A subcommand with
// a form requires nothing, since sending it with nothing opens the form.
func spec(cmd *Command) bot.CommandSpec {
	s := bot.CommandSpec{Name: cmd.Name, Description: shorten(cmd.Summary), Private: cmd.Private}
	var opts []bot.OptionSpec
	for _, a := range cmd.Args {
		opts = append(opts, argSpec(cmd, a))
	}
	for _, o := range cmd.Options {
		opts = append(opts, bot.OptionSpec{Name: o.Key, Key: o.Key, Description: shorten(o.Help), Required: o.Required, Choices: o.Values})
	}
	for _, required := range []bool{true, false} {
		for _, o := range opts {
			o.Required = o.Required && cmd.Form == nil
			if o.Required == required {
				s.Options = append(s.Options, o)
			}
		}
	}
	return s
}

// argSpec describes argument a of cmd.
func argSpec(cmd *Command, a Arg) bot.OptionSpec {
	help, ok := argHelp[cmd.Name+"."+a.Name]
	if !ok {
		help, ok = argHelp[a.Name]
	}
	if !ok {
		panic(fmt.Sprintf("commands: argument %s of %s has no description in argHelp", a.Name, cmd.Name))
	}
	o := bot.OptionSpec{Name: a.Name, Key: a.Name, Description: shorten(help), Required: a.Required, Choices: a.Values}
	if n, ok := optionNames[a.Name]; ok {
		o.Name = n
	}
	switch {
	case a.Hint == personHint:
		o.Type = bot.OptionPerson
	case o.Name == "days":
		o.Type = bot.OptionInteger
	}
	return o
}

// shorten returns s in at most MaxDescription characters: whole when it
// fits, else its first clause, else cut at a word with "…".
func shorten(s string) string {
	s = strings.TrimSuffix(strings.TrimSpace(s), ".")
	if utf8.RuneCountInString(s) <= MaxDescription {
		return s
	}
	if first, _, ok := strings.Cut(s, ";"); ok && utf8.RuneCountInString(first) <= MaxDescription {
		return first
	}
	r := []rune(s)[:MaxDescription-1]
	cut := string(r)
	if i := strings.LastIndex(cut, " "); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, ",;: ") + "…"
}
