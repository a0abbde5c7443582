package discord

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/ombud/ombud/bot"
)

// Discord's limits on a message, from its API reference.
const (
	maxTitle       = 256  // an embed's title
	maxDescription = 4096 // an embed's description
	maxFields      = 25   // fields in one embed
	maxFieldName   = 256  // a field's name
	maxFieldValue  = 1024 // a field's value
	maxEmbeds      = 10   // embeds in one message
	maxEmbedTotal  = 6000 // characters in all the embeds of one message
	maxButtons     = 5    // buttons in one action row
	maxRows        = 5    // action rows in one message
	maxLabel       = 80   // a button's label
	maxCustomID    = 100  // a component's custom_id
)

// Embed colours: Discord's blurple for news, red for refusals.
const (
	colourNormal = 0x5865F2
	colourError  = 0xED4245
)

// inlineUpTo is the longest one-line field value shown side by side with
// others.
const inlineUpTo = 40

// commandPrefix starts the custom_id of a button that runs a command.
const commandPrefix = "ombud:cmd:"

// message is one Discord message a reply renders to.
type message struct {
	Embeds     []*discordgo.MessageEmbed
	Components []discordgo.MessageComponent
	Ephemeral  bool     // only the person who asked sees it (flag 64)
	Mention    []string // the users it mentions, and allows to be, by ID
}

// snowflake matches a Discord ID, and nothing that could mention more.
var snowflake = regexp.MustCompile(`^[0-9]{17,20}$`)

// mentioned returns the IDs m mentions that are users' IDs.
func (m message) mentioned() []string {
	var ids []string
	for _, id := range m.Mention {
		if snowflake.MatchString(id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// content returns m's content: a mention of each user it mentions.
func (m message) content() string {
	var out []string
	for _, id := range m.mentioned() {
		out = append(out, "<@"+id+">")
	}
	return strings.Join(out, " ")
}

// allowed returns m's allowed mentions: the users it mentions, nobody else.
func (m message) allowed() *discordgo.MessageAllowedMentions {
	a := noMentions()
	a.Users = m.mentioned()
	return a
}

// flags returns the message's flags.
func (m message) flags() discordgo.MessageFlags {
	if m.Ephemeral {
		return discordgo.MessageFlagsEphemeral
	}
	return 0
}

// noMentions lets a message ping nobody: not @everyone, @here, roles, nor
// any user. ombud's replies and posts name people without pinging them.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// render turns r into as many messages as Discord's limits need, in order,
// its buttons on the last one. All text is neutralized and escaped.
func render(r bot.Reply) []message {
	if safe(r.Title) == "" && safe(r.Text) == "" && len(r.Fields) == 0 {
		r.Text = "—" // Discord refuses an empty embed, also one whose text was all control characters
	}
	colour := colourNormal
	if r.Error {
		colour = colourError
	}
	embeds := textEmbeds(r, colour)
	embeds = addFields(embeds, r.Fields, colour)
	msgs := pack(embeds)
	for i := range msgs {
		msgs[i].Ephemeral = r.Visibility == bot.Private
	}
	msgs[len(msgs)-1].Components = buttons(r.Buttons)
	return msgs
}

// textEmbeds returns the embeds of r's title and text: the text's chunks,
// the first under the title.
func textEmbeds(r bot.Reply, colour int) []*discordgo.MessageEmbed {
	chunks := split(safe(r.Text), maxDescription)
	embeds := make([]*discordgo.MessageEmbed, 0, len(chunks)+1)
	for _, c := range chunks {
		embeds = append(embeds, &discordgo.MessageEmbed{Description: c, Color: colour})
	}
	if len(embeds) == 0 {
		embeds = append(embeds, &discordgo.MessageEmbed{Color: colour})
	}
	embeds[0].Title = cut(safe(r.Title), maxTitle)
	return embeds
}

// addFields adds fields to the last of embeds, and to new embeds once it
// has Discord's 25; a value too long for one field continues in the next.
func addFields(embeds []*discordgo.MessageEmbed, fields []bot.Field, colour int) []*discordgo.MessageEmbed {
	for _, f := range fields {
		name := cut(safe(f.Name), maxFieldName)
		if name == "" {
			name = "\u200b" // Discord refuses an empty name
		}
		values := split(safe(f.Value), maxFieldValue)
		if len(values) == 0 {
			values = []string{"—"} // and an empty value
		}
		for i, v := range values {
			last := embeds[len(embeds)-1]
			if len(last.Fields) == maxFields {
				last = &discordgo.MessageEmbed{Color: colour}
				embeds = append(embeds, last)
			}
			n := name
			if i > 0 {
				n = cut(name+" (continued)", maxFieldName)
			}
			inline := len(values) == 1 && !strings.Contains(v, "\n") && utf8.RuneCountInString(v) <= inlineUpTo
			last.Fields = append(last.Fields, &discordgo.MessageEmbedField{Name: n, Value: v, Inline: inline})
		}
	}
	return embeds
}

// pack puts embeds into messages of at most 10 embeds and 6,000
// characters each. An embed has at most 4,096 + 256 characters of text and
// 25 fields of at most 1,280, so one that is too big alone is split by
// fields first.
func pack(embeds []*discordgo.MessageEmbed) []message {
	var msgs []message
	var cur message
	total := 0
	for _, e := range embeds {
		for _, part := range fitEmbed(e) {
			n := embedSize(part)
			if len(cur.Embeds) == maxEmbeds || (len(cur.Embeds) > 0 && total+n > maxEmbedTotal) {
				msgs = append(msgs, cur)
				cur, total = message{}, 0
			}
			cur.Embeds = append(cur.Embeds, part)
			total += n
		}
	}
	return append(msgs, cur)
}

// fitEmbed splits e into embeds of at most 6,000 characters each, moving
// fields that do not fit into embeds of their own.
func fitEmbed(e *discordgo.MessageEmbed) []*discordgo.MessageEmbed {
	if embedSize(e) <= maxEmbedTotal {
		return []*discordgo.MessageEmbed{e}
	}
	head := &discordgo.MessageEmbed{Title: e.Title, Description: e.Description, Color: e.Color}
	out := []*discordgo.MessageEmbed{head}
	for _, f := range e.Fields {
		last := out[len(out)-1]
		if embedSize(last)+fieldSize(f) > maxEmbedTotal {
			last = &discordgo.MessageEmbed{Color: e.Color}
			out = append(out, last)
		}
		last.Fields = append(last.Fields, f)
	}
	return out
}

// embedSize counts the characters of e that count against the 6,000.
func embedSize(e *discordgo.MessageEmbed) int {
	n := utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
	for _, f := range e.Fields {
		n += fieldSize(f)
	}
	return n
}

// fieldSize counts the characters of f.
func fieldSize(f *discordgo.MessageEmbedField) int {
	return utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
}

// buttons renders bs as action rows of at most 5 buttons, the first one
// primary. A button whose command does not fit in a custom_id is left out,
// since it could not run; none of ombud's does.
func buttons(bs []bot.Button) []discordgo.MessageComponent {
	var rows []discordgo.MessageComponent
	var row discordgo.ActionsRow
	for i, b := range bs {
		id := commandPrefix + b.Command
		if len(id) > maxCustomID || len(rows) == maxRows {
			continue
		}
		label := cut(bot.Neutralize(b.Label), maxLabel)
		if label == "" {
			label = cut(bot.Neutralize(b.Command), maxLabel)
		}
		style := discordgo.SecondaryButton
		if i == 0 {
			style = discordgo.PrimaryButton
		}
		row.Components = append(row.Components, discordgo.Button{Label: label, Style: style, CustomID: id})
		if len(row.Components) == maxButtons {
			rows, row = append(rows, row), discordgo.ActionsRow{}
		}
	}
	if len(row.Components) > 0 && len(rows) < maxRows {
		rows = append(rows, row)
	}
	return rows
}

// safe returns s neutralized and with Discord's markdown escaped.
func safe(s string) string { return escapeMarkdown(bot.Neutralize(s)) }

// cut returns s in at most n characters, ending in "…" when cut, without
// leaving half of an escape.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	return trimEscape(string(r)) + "…"
}

// trimEscape drops a trailing backslash that would otherwise escape what
// follows s.
func trimEscape(s string) string {
	trailing := len(s) - len(strings.TrimRight(s, `\`))
	if trailing%2 == 1 {
		return s[:len(s)-1]
	}
	return s
}

// split returns s in chunks of at most n characters, broken after a
// newline, else after a space, else anywhere but inside an escape. It
// returns nothing for empty s.
func split(s string, n int) []string {
	var out []string
	for s != "" {
		if utf8.RuneCountInString(s) <= n {
			return append(out, s)
		}
		head := string([]rune(s)[:n])
		at := strings.LastIndex(head, "\n") + 1
		if at <= len(head)/2 {
			at = strings.LastIndex(head, " ") + 1
		}
		if at <= len(head)/2 {
			at = len(trimEscape(head))
		}
		out = append(out, strings.TrimRight(s[:at], "\n"))
		s = s[at:]
	}
	return out
}
