package commands_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/commands"
)

// optionWords are the option names issue 11 fixes for Discord, the
// command language's own words, followed by those of the subcommands added
// since (refer's to and within, resolve's spot, update's due, summary's
// by, the at: of the steps that may be dated when they happened).
var optionWords = []string{"case", "kind", "summary", "text", "person", "days", "reason", "expects", "outcome",
	"cause", "lessons", "remedy", "from", "subject", "via", "category", "priority", "received", "account",
	"view", "period", "subcommand",
	"to", "within", "spot", "due", "by", "at"}

// TestSpecsFollowTheGrammar checks that every subcommand's spec takes
// exactly the grammar's arguments and options, required exactly where the
// grammar requires them (nowhere for a subcommand with a form, which opens
// when nothing is given), with the grammar's enums as choices.
func TestSpecsFollowTheGrammar(t *testing.T) {
	reg := commands.Builtin()
	specs := reg.Specs()
	cmds := reg.Commands()
	if len(specs) != len(cmds) {
		t.Fatalf("%d specs for %d subcommands", len(specs), len(cmds))
	}
	for i, cmd := range cmds {
		s := specs[i]
		if s.Name != cmd.Name || s.Private != cmd.Private {
			t.Errorf("spec %d is %s (private %v), want %s (private %v)", i, s.Name, s.Private, cmd.Name, cmd.Private)
		}
		want := map[string]bool{} // grammar key -> required
		choices := map[string][]string{}
		for _, a := range cmd.Args {
			want[a.Name], choices[a.Name] = a.Required, a.Values
		}
		for _, o := range cmd.Options {
			want[o.Key], choices[o.Key] = o.Required, o.Values
		}
		for _, o := range s.Options {
			required, ok := want[o.Key]
			switch {
			case !ok:
				t.Errorf("%s: option %s (key %s) is not in the grammar, or is there twice", cmd.Name, o.Name, o.Key)
			case o.Required != (required && cmd.Form == nil):
				t.Errorf("%s: option %s required %v, grammar says %v (form: %v)", cmd.Name, o.Name, o.Required, required, cmd.Form != nil)
			case !slices.Equal(o.Choices, choices[o.Key]):
				t.Errorf("%s: option %s choices %v, grammar says %v", cmd.Name, o.Name, o.Choices, choices[o.Key])
			}
			delete(want, o.Key)
		}
		for key := range want {
			t.Errorf("%s: the grammar's %s has no option", cmd.Name, key)
		}
	}
}

// TestSpecsUseTheCommandWords checks option names against the list,
// required options before optional ones, descriptions within Discord's 100
// characters, choices where the issue asks for them, and the typed options.
func TestSpecsUseTheCommandWords(t *testing.T) {
	withChoices := map[string]bool{"kind": true, "via": true, "priority": true, "outcome": true, "view": true, "spot": true, "by": true}
	used := map[string]bool{}
	for _, s := range commands.Builtin().Specs() {
		if s.Description == "" || utf8.RuneCountInString(s.Description) > commands.MaxDescription {
			t.Errorf("%s: description %q is empty or longer than %d", s.Name, s.Description, commands.MaxDescription)
		}
		optional := false
		for _, o := range s.Options {
			used[o.Name] = true
			if !slices.Contains(optionWords, o.Name) {
				t.Errorf("%s: option %q is not one of the command words %v", s.Name, o.Name, optionWords)
			}
			if o.Required && optional {
				t.Errorf("%s: required option %s comes after an optional one", s.Name, o.Name)
			}
			optional = optional || !o.Required
			if withChoices[o.Name] != (len(o.Choices) > 0) {
				t.Errorf("%s: option %s has choices %v", s.Name, o.Name, o.Choices)
			}
			if d := o.Description; d == "" || utf8.RuneCountInString(d) > commands.MaxDescription || strings.Contains(d, "\n") {
				t.Errorf("%s: option %s description %q is empty, multi-line or too long", s.Name, o.Name, d)
			}
		}
	}
	for _, w := range optionWords {
		if !used[w] {
			t.Errorf("no subcommand has the option %s", w)
		}
	}
	types := map[string]bot.OptionType{}
	for _, s := range commands.Builtin().Specs() {
		for _, o := range s.Options {
			types[s.Name+" "+o.Name] = o.Type
		}
	}
	if open, _ := commands.Builtin().Lookup("open"); open.Form == nil {
		t.Error("open has no form; /case open alone should open it")
	}
	if types["assign person"] != bot.OptionPerson || types["extend days"] != bot.OptionInteger || types["note case"] != bot.OptionText {
		t.Errorf("option types: assign person %v, extend days %v, note case %v", types["assign person"], types["extend days"], types["note case"])
	}
}

// TestPrivateSubcommandsReplyPrivately checks the Private flag against what
// the subcommands answer.
func TestPrivateSubcommandsReplyPrivately(t *testing.T) {
	hs := MustHarness(t, "standard")
	id := hs.open()
	for _, text := range []string{"help", "list", "show " + id, "history " + id} {
		if resp := hs.ok("ann", text); resp.Reply.Visibility != bot.Private {
			t.Errorf("%s: visibility %v, want private", text, resp.Reply.Visibility)
		}
		name, _, _ := strings.Cut(text, " ")
		if cmd, _ := commands.Builtin().Lookup(name); !cmd.Private {
			t.Errorf("%s is not marked Private", name)
		}
	}
	if resp := hs.ok("ann", "ack "+id); resp.Reply.Visibility != bot.Public {
		t.Errorf("ack: visibility %v, want public", resp.Reply.Visibility)
	}
	if cmd, _ := commands.Builtin().Lookup("ack"); cmd.Private {
		t.Error("ack is marked Private")
	}
}
