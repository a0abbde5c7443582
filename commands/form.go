package commands

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// required is what a form shows by a required field left empty.
const required = "This is required."

// fieldError is a mistake in the value of one argument or option. A form
// shows it by that field; a typed command shows it as any other error.
type fieldError struct {
	key string // the Arg.Name or Option.Key whose value is wrong
	err error
}

// Error implements the error interface.
func (e *fieldError) Error() string { return e.err.Error() }

// Unwrap returns the error about the value.
func (e *fieldError) Unwrap() error { return e.err }

// inField marks err, unless nil, as a mistake in the value of key.
func inField(key string, err error) error {
	if err == nil {
		return nil
	}
	return &fieldError{key: key, err: err}
}

// formErrors says what is wrong with the values of a submitted form, by
// field key.
type formErrors map[string]string

// Error implements the error interface: each field's message on a line of
// its own, "key: message", in the order of the keys.
func (fe formErrors) Error() string {
	keys := make([]string, 0, len(fe))
	for k := range fe {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	lines := make([]string, len(keys))
	for i, k := range keys {
		lines[i] = k + ": " + fe[k]
	}
	return strings.Join(lines, "\n")
}

// formFailure returns the reply to a form's submission that err refuses,
// when err is about its values, by field; ok is false for any other error.
func formFailure(err error) (resp bot.Response, ok bool) {
	var fe formErrors
	var one *fieldError
	switch {
	case errors.As(err, &fe):
	case errors.As(err, &one) && cases.ErrorCode(one.err) == cases.EINVALID:
		fe = formErrors{one.key: cases.ErrorMessage(one.err)}
	default:
		return bot.Response{}, false
	}
	return bot.Response{Reply: bot.Reply{Text: fe.Error(), FieldErrors: fe, Visibility: bot.Private, Error: true}}, true
}

// fromValues builds cmd's Input from a submitted form's values, keyed by
// argument name or option key, taking each as entered, with no parsing: a
// value may hold quotes and colons. Blank values count as left out. It
// returns formErrors when a value is not allowed or a required one is
// missing.
func fromValues(cmd *Command, values map[string]string) (Input, error) {
	in := Input{Args: map[string]string{}, Options: map[string]string{}}
	fe := formErrors{}
	for key, raw := range values {
		v := strings.TrimSpace(raw)
		allowed, into := cmd.valueSlot(key, in)
		switch {
		case into == nil:
			fe[key] = fmt.Sprintf("%s takes no value %s.", cmd.Name, key)
		case v == "":
		case len(allowed) > 0:
			w, ok := oneOf(allowed, v)
			if !ok {
				fe[key] = fmt.Sprintf("%q is not allowed; use %s.", v, strings.Join(allowed, ", "))
			}
			into[key] = w
		default:
			into[key] = v
		}
	}
	for _, a := range cmd.Args {
		if _, ok := in.Args[a.Name]; a.Required && !ok {
			fe[a.Name] = required
		}
	}
	for _, o := range cmd.Options {
		if _, ok := in.Options[o.Key]; o.Required && !ok {
			fe[o.Key] = required
		}
	}
	if len(fe) > 0 {
		return Input{}, fe
	}
	return in, nil
}

// valueSlot returns the values the argument or option called key accepts
// (none for free text) and the map of in its value goes into, or a nil map
// when cmd has no argument or option called key.
func (cmd *Command) valueSlot(key string, in Input) ([]string, map[string]string) {
	if i := slices.IndexFunc(cmd.Args, func(a Arg) bool { return a.Name == key }); i >= 0 {
		return cmd.Args[i].Values, in.Args
	}
	if o, ok := cmd.option(key); ok {
		return o.Values, in.Options
	}
	return nil, nil
}

// formReply returns the reply that asks for cmd's values in form f, with
// text saying what to type instead where no form can be shown.
func formReply(f *bot.Form, text string) bot.Response {
	return bot.Response{Reply: bot.Reply{Title: f.Title, Text: text, Form: f, Visibility: bot.Private}}
}
