// Package commands is the /case command language: the grammar of every
// subcommand, the parser, the help text generated from the same definitions,
// and the handler that turns a platform-neutral request into a reply. It
// knows nothing of any chat platform. Its replies hold text as typed; the
// platform that renders them makes it safe to show (see bot.Reply).
package commands

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// Command is one /case subcommand: its grammar, its help and what it does.
type Command struct {
	Name    string   // what follows "/case", in lower case, such as "escalate"
	Aliases []string // other names it answers to, such as "new" for open
	Summary string   // one line for help
	Args    []Arg    // the positional arguments, in order
	Options []Option // the key:value options, in the order help lists them
	// Private says that the subcommand's replies are for the person who
	// asked alone, as its refusals are.
	Private bool
	// Run carries out the command with an input the parser has checked
	// against Args and Options.
	Run func(ctx context.Context, env *Env, in Input) (bot.Response, error)
	// Form, when set, returns the form that asks for the command's values,
	// which a person typing the command without any text gets, and a line
	// saying what to type instead, for platforms that cannot show a form.
	// Its fields' keys are the command's argument names and option keys.
	Form func(env *Env) (form *bot.Form, typed string)
	// CaseForm, when set, returns the form that asks for the rest of the
	// command's values for case c, which a person who names a case alone
	// gets (a button's command, such as "answer C-2026-0042"). The form's
	// Command names the case after the subcommand, and its submission is
	// read with the case as the command's first argument.
	CaseForm func(env *Env, c *cases.Case) (form *bot.Form, typed string)
}

// Env is what a subcommand runs with: the service, the directory, the
// registry, and who asked.
type Env struct {
	Service   *cases.Service // the complaint procedure's use cases
	Directory *Directory     // who holds which role and is on which team
	Registry  *Registry      // every subcommand, for help
	Request   bot.Request    // the request, as its platform decoded it
	Actor     cases.Actor    // who sent it, with their role and team from Directory
	Log       *slog.Logger   // for what goes wrong after a change was made, never the case's contents
}

// Arg is a positional argument. Words that are not options fill the
// arguments in order.
type Arg struct {
	Name     string // its key in Input.Args, and <Name> in the usage line
	Required bool   // it must be given and not be blank
	// Rest takes every remaining word as free text; only the last argument
	// may have it. A word of the text that looks like an option the
	// subcommand does not declare, such as re:invoice, is text.
	Rest bool
	// Strict, on a Rest argument, refuses such a word instead, as a likely
	// mistyped option: where the options carry what must not silently end
	// up in the text, such as the complainant's details at intake.
	Strict bool
	// Values, when set, are the words the argument accepts, in any letter
	// case. An optional argument with Values that is followed by other
	// arguments takes a word only when it is one of them as written, in
	// lower case, and is left empty otherwise, so that "open Abuse of staff"
	// is a summary, not an abuse report.
	Values []string
	Hint   string // what the argument looks like in the usage line, when not <Name>
}

// Option is a key:value option, which may appear anywhere after the
// subcommand.
type Option struct {
	Key      string   // what comes before the colon: lower-case ASCII letters
	Values   []string // the allowed values, when the option is an enum
	Required bool     // it must be given and not be blank
	// RequiredUnless, when set, is the key:value of another option with
	// which this one may be left out, such as "outcome:withdrawn"; it is
	// required otherwise. The subcommand's service call enforces it; usage
	// lists the option with the required ones, and help says when it may
	// be left out.
	RequiredUnless string
	Help           string // what the option means, for help: a phrase without a full stop
	Hint           string // what the value looks like in the usage line; "…" when empty
}

// Input is a parsed command line: every required argument and option is
// present and not blank, and every enum holds one of its values.
type Input struct {
	Args    map[string]string // by Arg.Name; absent when not given
	Options map[string]string // by Option.Key; absent when not given
}

// UsageError says what is wrong with a command line. The handler replies
// with it and the usage line of Command.
type UsageError struct {
	Command *Command // the subcommand whose usage the reply shows
	Message string   // what was wrong, written for the person who typed it
}

// Error implements the error interface.
func (e *UsageError) Error() string { return e.Message }

// usagef returns a *UsageError for cmd.
func usagef(cmd *Command, format string, args ...any) error {
	return &UsageError{Command: cmd, Message: fmt.Sprintf(format, args...)}
}

// option returns cmd's option with the given key.
func (cmd *Command) option(key string) (Option, bool) {
	i := slices.IndexFunc(cmd.Options, func(o Option) bool { return o.Key == key })
	if i < 0 {
		return Option{}, false
	}
	return cmd.Options[i], true
}

// Parse parses text, everything after the subcommand's name, against cmd's
// grammar. It returns a complete Input or a *UsageError; it never returns a
// partly filled Input.
func Parse(cmd *Command, text string) (Input, error) {
	toks, err := tokenize(text)
	if err != nil {
		return Input{}, &UsageError{Command: cmd, Message: err.Error()}
	}
	in := Input{Args: map[string]string{}, Options: map[string]string{}}
	words, err := cmd.takeOptions(text, toks, in.Options)
	if err != nil {
		return Input{}, err
	}
	if err := cmd.takeArgs(text, words, in.Args); err != nil {
		return Input{}, err
	}
	for _, o := range cmd.Options {
		if _, ok := in.Options[o.Key]; o.Required && !ok {
			return Input{}, usagef(cmd, "%s is missing; add %s", o.Key, optionUsage(o))
		}
	}
	return in, nil
}

// takeOptions moves the option tokens among toks, read from src, into opts
// and returns the others, the words.
func (cmd *Command) takeOptions(src string, toks []token, opts map[string]string) ([]token, error) {
	words := make([]token, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		o, declared := cmd.option(t.key)
		switch {
		case t.key == "":
			if err := cmd.capitalisedKey(src, t); err != nil {
				return nil, err
			}
		case declared:
			valueStart := t.start + len(t.key) + 1
			if t.value == "" && !t.quotedValue && i+1 < len(toks) && toks[i+1].key == "" {
				i++ // "key: value", with a space after the colon
				t.value, valueStart = toks[i].text, toks[i].start
			}
			if err := cmd.setOption(o, t.value, opts); err != nil {
				return nil, err
			}
			if !t.quotedValue {
				markOverflow(src, toks, i, o.Key, valueStart)
			}
			continue
		case t.value == "" && !t.quotedValue, strings.HasPrefix(t.value, "//"):
			// "Note:" in prose, or a URL such as https://example.com
		case cmd.freeText():
			// re:invoice in a note
		default:
			return nil, cmd.unknownOption(t.key)
		}
		t.key = ""
		words = append(words, t)
	}
	return words, nil
}

// markOverflow marks the word after toks[i], the end of option key's
// unquoted value starting at src[valueStart], with the option as it would
// read quoted to take in the words that follow it, for the error that
// reports them as one too many.
func markOverflow(src string, toks []token, i int, key string, valueStart int) {
	last := i
	for last+1 < len(toks) && toks[last+1].key == "" {
		last++
	}
	if last > i {
		toks[i+1].overflow = fmt.Sprintf("%s:%q", key, src[valueStart:toks[last].end])
	}
}

// capitalisedKey returns an error when the word t of src is one of cmd's
// options with capitals in its key, such as Reason:"too slow", saying how
// to write it in lower case.
func (cmd *Command) capitalisedKey(src string, t token) error {
	key, value, ok := strings.Cut(src[t.start:t.end], ":")
	lower := strings.ToLower(key)
	if _, declared := cmd.option(lower); !ok || value == "" || key == lower || !declared {
		return nil
	}
	fixed := src[:t.start] + lower + src[t.start+len(key):]
	suggestion := lower + ":…"
	if ft, err := newScanner(fixed).readToken(t.start); err == nil && ft.key == lower {
		suggestion = ft.text
	}
	return usagef(cmd, "%s: is not an option; option keys are lower case: %s", key, suggestion)
}

// setOption checks value against o and records it in opts.
func (cmd *Command) setOption(o Option, value string, opts map[string]string) error {
	if _, dup := opts[o.Key]; dup {
		return usagef(cmd, "%s: is given twice; give it once", o.Key)
	}
	value = strings.TrimSpace(value)
	if value == "" {
		return usagef(cmd, "%s: has no value; write %s", o.Key, optionUsage(o))
	}
	if len(o.Values) > 0 {
		v, ok := oneOf(o.Values, value)
		if !ok {
			return usagef(cmd, "%s:%s is not allowed; use %s", o.Key, value, strings.Join(o.Values, ", "))
		}
		value = v
	}
	opts[o.Key] = value
	return nil
}

// freeText reports whether cmd's text takes words that look like options it
// does not declare as text.
func (cmd *Command) freeText() bool {
	return slices.ContainsFunc(cmd.Args, func(a Arg) bool { return a.Rest && !a.Strict })
}

// unknownOption returns the error for a key:value word whose key cmd does
// not declare.
func (cmd *Command) unknownOption(key string) error {
	quote := ""
	if slices.ContainsFunc(cmd.Args, func(a Arg) bool { return a.Rest }) {
		quote = "; to write it as text, put it in quotes"
	}
	if len(cmd.Options) == 0 {
		return usagef(cmd, "%s takes no options, so %s: means nothing here%s", cmd.Name, key, quote)
	}
	keys := make([]string, len(cmd.Options))
	for i, o := range cmd.Options {
		keys[i] = o.Key + ":"
	}
	return usagef(cmd, "%s: is not an option of %s; its options are %s%s", key, cmd.Name, strings.Join(keys, ", "), quote)
}

// takeArgs fills args from words in order; text is the source the words
// were read from.
func (cmd *Command) takeArgs(text string, words []token, args map[string]string) error {
	for i, a := range cmd.Args {
		if a.Rest {
			if rest := strings.TrimSpace(joinWords(text, words)); rest != "" {
				args[a.Name] = rest
			}
			words = nil
			break
		}
		if len(words) == 0 {
			break
		}
		w := strings.TrimSpace(words[0].text)
		if len(a.Values) > 0 {
			last := a.Required || i == len(cmd.Args)-1
			v, ok := oneOf(a.Values, w)
			if !ok && last {
				return usagef(cmd, "%q is not allowed here; use %s", w, strings.Join(a.Values, ", "))
			}
			if !ok || (!last && v != w) {
				continue // the word is the next argument's
			}
			w = v
		}
		if w != "" {
			args[a.Name] = w
		}
		words = words[1:]
	}
	if len(words) > 0 {
		if o := words[0].overflow; o != "" {
			key, _, _ := strings.Cut(o, ":")
			return usagef(cmd, "%s: takes one word; quote longer text: %s", key, o)
		}
		return usagef(cmd, "%q is one word too many; %s takes %s", words[0].text, cmd.Name, argList(cmd))
	}
	for _, a := range cmd.Args {
		if _, ok := args[a.Name]; a.Required && !ok {
			return usagef(cmd, "%s is missing", argUsage(a))
		}
	}
	return nil
}

// argList describes cmd's arguments for an error message.
func argList(cmd *Command) string {
	if len(cmd.Args) == 0 {
		return "nothing but options"
	}
	parts := make([]string, len(cmd.Args))
	for i, a := range cmd.Args {
		parts[i] = argUsage(a)
	}
	return strings.Join(parts, " ")
}

// oneOf returns the value among values that s names, ignoring case.
func oneOf(values []string, s string) (string, bool) {
	for _, v := range values {
		if strings.EqualFold(v, s) {
			return v, true
		}
	}
	return "", false
}
