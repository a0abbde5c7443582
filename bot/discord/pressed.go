package discord

import (
	"github.com/bwmarrin/discordgo"

	"github.com/ombud/ombud/bot"
)

// pressed returns orig, the message whose button with customID was pressed
// to good effect, as it reads afterwards: its embeds followed by r's, which
// say what was done and by whom, and that button disabled, so that a Claim
// shows its reviewer and cannot be pressed again. When the embeds no longer
// fit, the oldest added ones after orig's first are dropped.
func pressed(orig *discordgo.Message, customID string, r bot.Reply) message {
	r.Buttons = nil
	embeds := append(append([]*discordgo.MessageEmbed{}, orig.Embeds...), render(r)[0].Embeds...)
	for len(embeds) > 1 && (len(embeds) > maxEmbeds || totalSize(embeds) > maxEmbedTotal) {
		embeds = append(embeds[:1], embeds[2:]...)
	}
	return message{Embeds: embeds, Components: disable(orig.Components, customID)}
}

// totalSize counts the characters of embeds that count against a message's
// 6,000.
func totalSize(embeds []*discordgo.MessageEmbed) int {
	n := 0
	for _, e := range embeds {
		n += embedSize(e)
	}
	return n
}

// disable returns rows with the button whose custom_id is id disabled.
func disable(rows []discordgo.MessageComponent, id string) []discordgo.MessageComponent {
	out := make([]discordgo.MessageComponent, 0, len(rows))
	for _, c := range rows {
		row, ok := c.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		copied := discordgo.ActionsRow{}
		for _, inner := range row.Components {
			if b, ok := inner.(*discordgo.Button); ok {
				btn := *b
				btn.Disabled = btn.Disabled || btn.CustomID == id
				copied.Components = append(copied.Components, btn)
			}
		}
		out = append(out, copied)
	}
	return out
}
