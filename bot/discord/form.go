package discord

import (
	"github.com/bwmarrin/discordgo"

	"github.com/ombud/ombud/bot"
)

// Discord's limits on a modal.
const (
	maxModalTitle   = 45   // the modal's title
	maxInputs       = 5    // text inputs in one modal
	maxInputLabel   = 45   // a text input's label
	maxPlaceholder  = 100  // a text input's placeholder
	maxInputLength  = 4000 // what a text input takes
	modalInputStyle = discordgo.TextInputShort
)

// modal returns f as the response that opens a Discord modal; submitting it
// sends a modal-submit interaction that decode reads back into a request
// for f.Command with the entered values. Fields past Discord's five are
// left out; bot.Form promises no more.
func modal(f *bot.Form) *discordgo.InteractionResponse {
	rows := make([]discordgo.MessageComponent, 0, min(len(f.Fields), maxInputs))
	for _, field := range f.Fields[:min(len(f.Fields), maxInputs)] {
		style := modalInputStyle
		if field.Multiline {
			style = discordgo.TextInputParagraph
		}
		limit := maxInputLength
		if field.MaxLength > 0 {
			limit = min(field.MaxLength, maxInputLength)
		}
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
			CustomID:    field.Key,
			Label:       cut(bot.Neutralize(field.Label), maxInputLabel),
			Style:       style,
			Placeholder: cut(bot.Neutralize(field.Placeholder), maxPlaceholder),
			Required:    field.Required,
			MaxLength:   limit,
		}}})
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseModal,
		Data: &discordgo.InteractionResponseData{
			CustomID:   formPrefix + f.Command,
			Title:      cut(bot.Neutralize(f.Title), maxModalTitle),
			Components: rows,
		},
	}
}
