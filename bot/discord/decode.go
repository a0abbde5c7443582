package discord

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/ombud/ombud/bot"
)

// formPrefix starts the custom_id of a modal ombud opens for a bot.Form; the
// subcommand follows it.
const formPrefix = "ombud:form:"

// decoded is an interaction as ombud reads it: the request, and what a
// platform must still look up before it runs (people named by ID only).
type decoded struct {
	req     bot.Request
	private bool     // the subcommand answers privately, so a deferral is ephemeral
	button  bool     // a button press, answered by updating its message
	fetch   []string // IDs of mentioned people whose membership the interaction did not carry
}

// decode reads i, using specs to map /case options to the grammar's keys.
// It returns an error, written for the person, when the interaction is not
// one of ombud's.
func decode(i *discordgo.Interaction, specs map[string]bot.CommandSpec) (decoded, error) {
	d := decoded{req: requester(i)}
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		return d, d.command(i.ApplicationCommandData(), specs)
	case discordgo.InteractionMessageComponent:
		id := i.MessageComponentData().CustomID
		text, ok := strings.CutPrefix(id, commandPrefix)
		if !ok {
			return d, fmt.Errorf("this button is not one of ombud's")
		}
		d.req.Text, d.button = text, true
		return d, nil
	case discordgo.InteractionModalSubmit:
		data := i.ModalSubmitData()
		name, ok := strings.CutPrefix(data.CustomID, formPrefix)
		if !ok {
			return d, fmt.Errorf("this form is not one of ombud's")
		}
		d.req.Text, d.req.Values = name, formValues(data.Components)
		d.private = specs[name].Private
		return d, nil
	}
	return d, fmt.Errorf("ombud does not handle interactions of type %s", i.Type)
}

// requester returns the request of the person behind i, with their name and
// roles, before its command is read.
func requester(i *discordgo.Interaction) bot.Request {
	req := bot.Request{Platform: Name, ChannelID: i.ChannelID}
	switch {
	case i.Member != nil && i.Member.User != nil:
		req.UserID, req.UserName, req.Groups = i.Member.User.ID, displayName(i.Member, i.Member.User), i.Member.Roles
	case i.User != nil:
		req.UserID, req.UserName = i.User.ID, displayName(nil, i.User)
	}
	return req
}

// displayName is what ombud calls a person: their nickname in the server,
// else their global display name, else their username.
func displayName(m *discordgo.Member, u *discordgo.User) string {
	switch {
	case m != nil && m.Nick != "":
		return m.Nick
	case u == nil:
		return ""
	case u.GlobalName != "":
		return u.GlobalName
	}
	return u.Username
}

// command reads /case's subcommand and its options into d.
func (d *decoded) command(data discordgo.ApplicationCommandInteractionData, specs map[string]bot.CommandSpec) error {
	if data.Name != CommandName || len(data.Options) != 1 || data.Options[0].Type != discordgo.ApplicationCommandOptionSubCommand {
		return fmt.Errorf("ombud answers /%s with a subcommand, such as /%s help", CommandName, CommandName)
	}
	sub := data.Options[0]
	spec, ok := specs[sub.Name]
	if !ok {
		return fmt.Errorf("/%s %s is not a subcommand this ombud knows; re-register the commands with ombud discord register", CommandName, sub.Name)
	}
	d.req.Text, d.private = sub.Name, spec.Private
	for _, opt := range sub.Options {
		o, ok := findOption(spec, opt.Name)
		if !ok {
			return fmt.Errorf("/%s %s has no option %s; re-register the commands with ombud discord register", CommandName, sub.Name, opt.Name)
		}
		if d.req.Values == nil {
			d.req.Values = map[string]string{}
		}
		d.req.Values[o.Key] = d.value(o, opt, data.Resolved)
	}
	return nil
}

// value returns opt's value as the grammar reads it: a person as their
// mention, whom it also adds to the request's mentions, as it does for a
// text option that holds one mention alone (refer's to).
func (d *decoded) value(o bot.OptionSpec, opt *discordgo.ApplicationCommandInteractionDataOption, res *discordgo.ApplicationCommandInteractionDataResolved) string {
	switch v := opt.Value.(type) {
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case string:
		id := v
		if o.Type != bot.OptionPerson {
			m := userMention.FindStringSubmatch(strings.TrimSpace(v))
			if m == nil {
				return v
			}
			id = m[1]
		}
		d.mention(id, res)
		return "<@" + id + ">"
	}
	return fmt.Sprint(opt.Value)
}

// mention adds the person with ID id to the request's mentions, from what
// the interaction resolved, or marks them to be fetched.
func (d *decoded) mention(id string, res *discordgo.ApplicationCommandInteractionDataResolved) {
	var m *discordgo.Member
	var u *discordgo.User
	if res != nil {
		m, u = res.Members[id], res.Users[id]
	}
	if m == nil {
		d.fetch = append(d.fetch, id)
		return
	}
	d.req.Mentions = append(d.req.Mentions, mentionOf(id, m, u))
}

// mentionOf is member m, user u with ID id, as a mention: their name and
// roles.
func mentionOf(id string, m *discordgo.Member, u *discordgo.User) bot.Mention {
	return bot.Mention{UserID: id, Name: displayName(m, u), Groups: m.Roles}
}

// userMention is a text option that is one person's mention, as Discord
// writes it when they are picked while typing @: "<@123>" or "<@!123>".
var userMention = regexp.MustCompile(`^<@!?([0-9]+)>$`)

// findOption returns spec's option called name.
func findOption(spec bot.CommandSpec, name string) (bot.OptionSpec, bool) {
	for _, o := range spec.Options {
		if o.Name == name {
			return o, true
		}
	}
	return bot.OptionSpec{}, false
}

// formValues returns what was entered in a modal's text inputs, by their
// custom_id, the form field's key.
func formValues(rows []discordgo.MessageComponent) map[string]string {
	values := map[string]string{}
	for _, r := range rows {
		row, ok := r.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, c := range row.Components {
			if in, ok := c.(*discordgo.TextInput); ok {
				values[in.CustomID] = in.Value
			}
		}
	}
	return values
}
