package discord

import (
	"errors"
	"fmt"
	"regexp"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/ombud/ombud/bot"
)

// CommandName is the application command ombud registers: /case.
const CommandName = "case"

// commandDescription describes /case in Discord's command picker.
const commandDescription = "Complaint cases: open, acknowledge, answer, escalate, review, close"

// Discord's limits on application commands.
const (
	maxOptions         = 25  // options or subcommands of one command
	maxChoices         = 25  // choices of one option
	maxNameDescription = 100 // a description
)

// namePattern is what Discord accepts as a command or option name, in lower
// case as chat-input commands require.
var namePattern = regexp.MustCompile(`^[-_\p{Ll}\p{N}]{1,32}$`)

// optionTypes maps the neutral option types to Discord's.
var optionTypes = map[bot.OptionType]discordgo.ApplicationCommandOptionType{
	bot.OptionText:    discordgo.ApplicationCommandOptionString,
	bot.OptionInteger: discordgo.ApplicationCommandOptionInteger,
	bot.OptionPerson:  discordgo.ApplicationCommandOptionUser,
}

// definition returns the /case command as Discord registers it: a
// chat-input command with a subcommand for each spec. It returns an error,
// naming what is wrong, when the specs break Discord's limits.
func definition(specs []bot.CommandSpec) (*discordgo.ApplicationCommand, error) {
	cmd := &discordgo.ApplicationCommand{
		Name: CommandName, Description: commandDescription, Type: discordgo.ChatApplicationCommand,
	}
	for _, s := range specs {
		sub := &discordgo.ApplicationCommandOption{
			Type: discordgo.ApplicationCommandOptionSubCommand, Name: s.Name, Description: s.Description,
		}
		for _, o := range s.Options {
			sub.Options = append(sub.Options, option(o))
		}
		cmd.Options = append(cmd.Options, sub)
	}
	return cmd, validate(cmd)
}

// option returns o as a Discord option.
func option(o bot.OptionSpec) *discordgo.ApplicationCommandOption {
	opt := &discordgo.ApplicationCommandOption{
		Type: optionTypes[o.Type], Name: o.Name, Description: o.Description, Required: o.Required,
	}
	if o.Type == bot.OptionInteger {
		one := 1.0
		opt.MinValue = &one
	}
	for _, c := range o.Choices {
		opt.Choices = append(opt.Choices, &discordgo.ApplicationCommandOptionChoice{Name: c, Value: c})
	}
	return opt
}

// validate checks cmd against Discord's limits: names, descriptions, how
// many options and choices, and required options before optional ones.
func validate(cmd *discordgo.ApplicationCommand) error {
	var errs []error
	check := func(where, name, description string) {
		if !namePattern.MatchString(name) {
			errs = append(errs, fmt.Errorf("%s: name %q is not 1 to 32 lower-case letters, digits, - or _", where, name))
		}
		if n := utf8.RuneCountInString(description); n < 1 || n > maxNameDescription {
			errs = append(errs, fmt.Errorf("%s: description has %d characters; Discord takes 1 to %d", where, n, maxNameDescription))
		}
	}
	check("/"+cmd.Name, cmd.Name, cmd.Description)
	if len(cmd.Options) > maxOptions {
		errs = append(errs, fmt.Errorf("/%s has %d subcommands; Discord takes %d", cmd.Name, len(cmd.Options), maxOptions))
	}
	for _, sub := range cmd.Options {
		where := "/" + cmd.Name + " " + sub.Name
		check(where, sub.Name, sub.Description)
		if len(sub.Options) > maxOptions {
			errs = append(errs, fmt.Errorf("%s has %d options; Discord takes %d", where, len(sub.Options), maxOptions))
		}
		optional, seen := false, map[string]bool{}
		for _, o := range sub.Options {
			check(where+" "+o.Name, o.Name, o.Description)
			if seen[o.Name] {
				errs = append(errs, fmt.Errorf("%s has two options called %s", where, o.Name))
			}
			seen[o.Name] = true
			if len(o.Choices) > maxChoices {
				errs = append(errs, fmt.Errorf("%s %s has %d choices; Discord takes %d", where, o.Name, len(o.Choices), maxChoices))
			}
			if o.Required && optional {
				errs = append(errs, fmt.Errorf("%s: required option %s follows an optional one", where, o.Name))
			}
			optional = optional || !o.Required
		}
	}
	return errors.Join(errs...)
}
