package commands

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// Handler answers /case requests on any platform. It is safe for concurrent
// use.
type Handler struct {
	svc *cases.Service
	dir *Directory
	reg *Registry
	log *slog.Logger
}

var _ bot.Handler = (*Handler)(nil)

// internalError is the reply to anything that is not the user's mistake or
// a refusal; the details go to the log.
const internalError = "Internal error; the details are in ombud's log."

// New returns a Handler that runs the built-in subcommands against svc,
// which must not be nil. A nil dir makes everyone an agent with no team; a
// nil logger discards the log.
func New(svc *cases.Service, dir *Directory, logger *slog.Logger) *Handler {
	if dir == nil {
		dir = &Directory{}
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Handler{svc: svc, dir: dir, reg: Builtin(), log: logger}
}

// MaxCommand is the most bytes a command may have, everything after "/case":
// 8 KB, room for a text of cases.MaxText and every option beside it.
const MaxCommand = 8192

// Handle parses req.Text, everything after "/case", runs the subcommand it
// names as the person who sent it, and returns the reply. Empty text asks
// for help. Every mistake and refusal is a private reply.
func (h *Handler) Handle(ctx context.Context, req bot.Request) (resp bot.Response) {
	if n := len(req.Text); n > MaxCommand {
		return refusal(fmt.Sprintf("This command is %d bytes long; ombud takes at most %d bytes (%d KB). "+
			"Shorten it: a note, an answer or a reason holds at most %d bytes, and a longer text can go in several notes.",
			n, MaxCommand, MaxCommand/1024, cases.MaxText))
	}
	name, rest := split(req.Text)
	if name == "" {
		name = "help"
	}
	cmd, ok := h.reg.Lookup(name)
	if !ok {
		return h.unknown(name)
	}
	env := &Env{Service: h.svc, Directory: h.dir, Registry: h.reg, Request: req, Actor: h.dir.Actor(req), Log: h.log}
	if cmd.Form != nil && req.Values == nil && strings.TrimSpace(rest) == "" {
		return formReply(cmd.Form(env))
	}
	if id, ok := caseAlone(cmd, rest); ok && req.Values == nil {
		c, err := h.svc.Get(ctx, id)
		if err != nil {
			return h.failure(cmd, Input{Args: map[string]string{"id": id}}, err, false)
		}
		return formReply(cmd.CaseForm(env, c))
	}
	in, err := parseRequest(cmd, rest, req.Values)
	if err != nil {
		return h.failure(cmd, in, err, req.Values != nil)
	}
	defer func() {
		if p := recover(); p != nil {
			h.log.Error("case command panicked", "subcommand", cmd.Name, "case", in.Args["id"],
				"panic", panicText(p), "stack", string(debug.Stack()))
			resp = refusal(internalError)
		}
	}()
	resp, err = cmd.Run(ctx, env, in)
	if err != nil {
		return h.failure(cmd, in, err, req.Values != nil)
	}
	return resp
}

// parseRequest returns the input of cmd: parsed from rest, the text after
// its name, or, for a form's submission, taken from values, when rest must
// be blank, or name the case alone for a CaseForm.
func parseRequest(cmd *Command, rest string, values map[string]string) (Input, error) {
	id, forCase := caseAlone(cmd, rest)
	switch {
	case values == nil:
		return Parse(cmd, rest)
	case forCase:
		values = maps.Clone(values)
		values[cmd.Args[0].Name] = id
		return fromValues(cmd, values)
	case strings.TrimSpace(rest) != "":
		return Input{}, usagef(cmd, "a form's submission names its subcommand alone, not %q", strings.TrimSpace(rest))
	default:
		return fromValues(cmd, values)
	}
}

// caseAlone returns the case ID rest holds when it holds that word alone
// and cmd asks for the rest of its values with a CaseForm.
func caseAlone(cmd *Command, rest string) (string, bool) {
	words := strings.Fields(rest)
	if cmd.CaseForm == nil || len(words) != 1 || strings.Contains(words[0], ":") {
		return "", false
	}
	return words[0], true
}

// Registry returns the subcommands the handler runs, so that a platform can
// describe them (Discord's command definitions) and metrics can name them.
func (h *Handler) Registry() *Registry { return h.reg }

// panicText describes a recovered panic value for the log: a runtime
// error's message, which holds no case data, and otherwise only the value's
// type, since a value passed to panic may carry a case's contents.
func panicText(p any) string {
	if err, ok := p.(runtime.Error); ok {
		return err.Error()
	}
	return fmt.Sprintf("a value of type %T", p)
}

// unknown replies to a subcommand name that does not exist.
func (h *Handler) unknown(name string) bot.Response {
	text := fmt.Sprintf("/case has no subcommand %q.", name)
	if s := h.reg.Suggest(name); s != "" {
		text += fmt.Sprintf(" Did you mean %s?", s)
	}
	text += "\nSubcommands: " + h.reg.names() + ".\n/case help shows how to use them."
	return refusal(text)
}

// failure turns err from parsing or running cmd into a private reply. Input
// mistakes carry the usage line, or, in reply to a form, say what is wrong
// by field; internal errors are logged, with the case ID and subcommand but
// never the case's contents.
func (h *Handler) failure(cmd *Command, in Input, err error, form bool) bot.Response {
	if resp, ok := formFailure(err); ok && form {
		return resp
	}
	var ue *UsageError
	if errors.As(err, &ue) {
		return refusal(ue.Message + "\nUsage: " + Usage(ue.Command))
	}
	switch cases.ErrorCode(err) {
	case cases.EINTERNAL:
		h.log.Error("case command failed", "subcommand", cmd.Name, "case", in.Args["id"], "err", err)
		return refusal(internalError)
	case cases.EINVALID:
		return refusal(cases.ErrorMessage(err) + "\nUsage: " + Usage(cmd))
	default:
		return refusal(cases.ErrorMessage(err))
	}
}

// refusal returns a private error reply with text.
func refusal(text string) bot.Response {
	return bot.Response{Reply: bot.Reply{Text: text, Visibility: bot.Private, Error: true}}
}
