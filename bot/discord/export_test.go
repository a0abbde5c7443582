package discord

import (
	"encoding/json"

	"github.com/bwmarrin/discordgo"

	"github.com/ombud/ombud/bot"
)

// RenderJSON returns the payloads r renders to, as Discord receives them.
func RenderJSON(r bot.Reply) []json.RawMessage {
	var out []json.RawMessage
	for _, m := range render(r) {
		b, err := json.Marshal(payload(m))
		if err != nil {
			panic(err)
		}
		out = append(out, b)
	}
	return out
}

// PressedJSON returns the payload of orig, a message given as Discord sends
// it, after its button customID was pressed and answered with r.
func PressedJSON(orig json.RawMessage, customID string, r bot.Reply) json.RawMessage {
	var m discordgo.Message
	if err := json.Unmarshal(orig, &m); err != nil {
		panic(err)
	}
	b, err := json.Marshal(payload(pressed(&m, customID, r)))
	if err != nil {
		panic(err)
	}
	return b
}

// ModalJSON returns the modal f opens, as Discord receives it.
func ModalJSON(f *bot.Form) json.RawMessage {
	b, err := json.Marshal(modal(f))
	if err != nil {
		panic(err)
	}
	return b
}

// payload is m as a message payload.
func payload(m message) *discordgo.InteractionResponseData { return responseData(m) }

// EscapeMarkdown is escapeMarkdown, for its tests.
var EscapeMarkdown = escapeMarkdown

// Definition is definition, for its tests.
var Definition = definition
