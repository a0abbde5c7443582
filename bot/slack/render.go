package slack

import (
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/ombud/ombud/bot"
)

// Slack's limits on the parts of a message and a modal, in characters.
const (
	maxHeader      = 150  // a header block's text
	maxSection     = 3000 // a section's text
	maxField       = 2000 // one of a section's fields
	maxFields      = 10   // fields in one section
	maxButtonLabel = 75   // a button's text
	maxButtonValue = 2000 // a button's value
	maxButtons     = 25   // elements in one actions block
	maxFallback    = 3000 // a message's top-level text
	maxModalTitle  = 24   // a modal's title
	maxModalButton = 24   // a modal's submit and close buttons
	maxLabel       = 2000 // an input's label
	maxPlaceholder = 150  // an input's placeholder
)

// Block and action IDs ombud gives the parts of its messages and modals.
const (
	actionsBlock = "ombud_actions" // the actions block holding a reply's buttons
	buttonAction = "ombud_button"  // every button's action ID starts with it
	inputAction  = "value"         // the action ID of every input of a form
	formCallback = "ombud_form"    // a form's modal's callback ID
)

// escapes are what Slack's mrkdwn reads as markup, & < >, escaped. Escaped,
// no text can become a link, a mention or a channel reference.
var escapes = map[rune]string{'&': "&amp;", '<': "&lt;", '>': "&gt;"}

// escape returns s neutralized and escaped for mrkdwn, cut to at most
// limit bytes, ending in "…" when cut, and never inside an escape.
func escape(s string, limit int) string {
	s = bot.Neutralize(s)
	var b strings.Builder
	for i, r := range s {
		piece, ok := escapes[r]
		if !ok {
			piece = string(r)
		}
		room := limit
		if i+utf8.RuneLen(r) < len(s) {
			room -= len("…") // more follows: keep room to say it was cut
		}
		if b.Len()+len(piece) > room {
			b.WriteString("…")
			break
		}
		b.WriteString(piece)
	}
	return b.String()
}

// mrkdwn returns s, neutralized and escaped, as a verbatim mrkdwn text
// object of at most limit bytes, which Slack neither links nor parses for
// mentions.
func mrkdwn(s string, limit int) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, escape(s, limit), false, true)
}

// plain returns s, neutralized, as a plain-text object of at most limit
// characters.
func plain(s string, limit int) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, cut(bot.Neutralize(s), limit), false, false)
}

// cut returns s cut to at most limit characters, ending in "…" when cut.
func cut(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	return string([]rune(s)[:limit-1]) + "…"
}

// oneLine returns s with its lines joined by spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Blocks renders r as Block Kit: its title as a header, its text as a
// section, its fields as sections of labelled fields, and its buttons as
// one actions block whose buttons carry their commands. Every text is
// neutralized, and escaped or plain, so that none can ping or link. An
// error's title (or, without one, its text) starts with "✗".
func Blocks(r bot.Reply) []slack.Block {
	var blocks []slack.Block
	title, text := oneLine(r.Title), r.Text
	if r.Error && title != "" {
		title = "✗ " + title
	} else if r.Error {
		text = "✗ " + text
	}
	if title != "" {
		blocks = append(blocks, slack.NewHeaderBlock(plain(title, maxHeader)))
	}
	if strings.TrimSpace(text) != "" {
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(text, maxSection), nil, nil))
	}
	for fields := r.Fields; len(fields) > 0; {
		n := min(len(fields), maxFields)
		objs := make([]*slack.TextBlockObject, n)
		for i, f := range fields[:n] {
			objs[i] = mrkdwnField(f)
		}
		blocks = append(blocks, slack.NewSectionBlock(nil, objs, nil))
		fields = fields[n:]
	}
	if len(r.Buttons) > 0 {
		blocks = append(blocks, actions(r.Buttons))
	}
	return blocks
}

// mrkdwnField renders f as "*Name*" over its value.
func mrkdwnField(f bot.Field) *slack.TextBlockObject {
	name := "*" + escape(oneLine(f.Name), maxField/2) + "*\n"
	return slack.NewTextBlockObject(slack.MarkdownType, name+escape(f.Value, maxField-len(name)), false, true)
}

// actions renders buttons as one actions block; each button's value is
// the command it runs.
func actions(buttons []bot.Button) *slack.ActionBlock {
	var elems []slack.BlockElement
	for i, b := range buttons[:min(len(buttons), maxButtons)] {
		label := b.Label
		if label == "" {
			label = "/case " + b.Command
		}
		elems = append(elems, slack.NewButtonBlockElement(buttonID(i), cut(b.Command, maxButtonValue), plain(oneLine(label), maxButtonLabel)))
	}
	return slack.NewActionBlock(actionsBlock, elems...)
}

// buttonID returns the action ID of a reply's i-th button.
func buttonID(i int) string { return buttonAction + "_" + string(rune('a'+i)) }

// Fallback returns the plain text Slack shows for r where blocks cannot be
// shown, such as in notifications: its title, or else its text's first
// line, neutralized and escaped.
func Fallback(r bot.Reply) string {
	s := r.Title
	if s == "" {
		s, _, _ = strings.Cut(strings.TrimSpace(r.Text), "\n")
	}
	return escape(oneLine(s), maxFallback)
}

// Modal renders f as a modal whose inputs' block IDs are the fields' keys;
// meta is carried, unchanged, to its submission.
func Modal(f bot.Form, meta string) slack.ModalViewRequest {
	blocks := make([]slack.Block, len(f.Fields))
	for i, ff := range f.Fields {
		var placeholder *slack.TextBlockObject
		if ff.Placeholder != "" {
			placeholder = plain(ff.Placeholder, maxPlaceholder)
		}
		input := slack.NewPlainTextInputBlockElement(placeholder, inputAction)
		input.Multiline = ff.Multiline
		input.MaxLength = ff.MaxLength
		block := slack.NewInputBlock(ff.Key, plain(ff.Label, maxLabel), nil, input)
		block.Optional = !ff.Required
		blocks[i] = block
	}
	submit := f.Submit
	if submit == "" {
		submit = "Send"
	}
	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		Title:           plain(f.Title, maxModalTitle),
		Submit:          plain(submit, maxModalButton),
		Close:           plain("Cancel", maxModalButton),
		CallbackID:      formCallback,
		PrivateMetadata: meta,
		Blocks:          slack.Blocks{BlockSet: blocks},
	}
}

// Pressed returns the blocks of a message after one of its buttons, the
// one with actionID, carried out title as done by who: without that
// button (and without its actions block once empty), and with a line
// saying so, such as "✓ C-2026-0042 claimed · Sam Senior".
func Pressed(blocks []slack.Block, actionID, title, who string) []slack.Block {
	var out []slack.Block
	for _, b := range blocks {
		if ab, ok := b.(*slack.ActionBlock); ok {
			var keep []slack.BlockElement
			for _, e := range ab.Elements.ElementSet {
				if btn, ok := e.(*slack.ButtonBlockElement); !ok || btn.ActionID != actionID {
					keep = append(keep, e)
				}
			}
			if len(keep) == 0 {
				continue
			}
			b = slack.NewActionBlock(ab.BlockID, keep...)
		}
		out = append(out, b)
	}
	done := mrkdwn("✓ "+oneLine(title)+" · "+oneLine(who), maxSection)
	return append(out, slack.NewContextBlock("", done))
}
