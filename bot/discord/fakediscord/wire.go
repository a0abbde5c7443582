package fakediscord

import (
	"encoding/json"
	"fmt"
	"slices"
	"unicode/utf8"
)

// Wire is a message payload as Discord reads it: what the tests inspect.
type Wire struct {
	Content         string      `json:"content"`
	Flags           int         `json:"flags"`
	Embeds          []WireEmbed `json:"embeds"`
	Components      []WireRow   `json:"components"`
	AllowedMentions *struct {
		Parse []string `json:"parse"`
		Roles []string `json:"roles"`
		Users []string `json:"users"`
	} `json:"allowed_mentions"`
	Reference *struct {
		MessageID string `json:"message_id"`
	} `json:"message_reference"`
}

// WireEmbed is an embed of a Wire.
type WireEmbed struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Fields      []struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	} `json:"fields"`
}

// WireRow is an action row of a Wire.
type WireRow struct {
	Components []struct {
		Type     int    `json:"type"`
		Label    string `json:"label"`
		CustomID string `json:"custom_id"`
		Disabled bool   `json:"disabled"`
	} `json:"components"`
}

// Decode reads a message payload; it fails the test if it is not one.
func (s *Server) Decode(body json.RawMessage) Wire {
	s.t.Helper()
	var w Wire
	if err := json.Unmarshal(body, &w); err != nil {
		s.t.Fatalf("fake Discord: not a message: %v: %s", err, body)
	}
	return w
}

// Ephemeral reports whether w carries flag 64.
func (w Wire) Ephemeral() bool { return w.Flags&64 != 0 }

// Titles returns the titles of w's embeds.
func (w Wire) Titles() []string {
	var out []string
	for _, e := range w.Embeds {
		if e.Title != "" {
			out = append(out, e.Title)
		}
	}
	return out
}

// Field returns the value of the first field called name, or "".
func (w Wire) Field(name string) string {
	for _, e := range w.Embeds {
		for _, f := range e.Fields {
			if f.Name == name {
				return f.Value
			}
		}
	}
	return ""
}

// Discord's limits on a message.
var limits = struct{ content, embeds, title, description, fields, name, value, total, rows, buttons, label, customID int }{
	2000, 10, 256, 4096, 25, 256, 1024, 6000, 5, 5, 80, 100,
}

// Check returns what Discord would refuse in a message payload, or
// what breaks ombud's rule that nothing pings everyone, here or a role.
func Check(body []byte) []string {
	var w Wire
	if err := json.Unmarshal(body, &w); err != nil {
		return []string{fmt.Sprintf("not a message: %v", err)}
	}
	var bad []string
	add := func(format string, args ...any) { bad = append(bad, fmt.Sprintf(format, args...)) }
	switch am := w.AllowedMentions; {
	case am == nil:
		add("no allowed_mentions: Discord would let text ping everyone")
	case slices.Contains(am.Parse, "everyone") || slices.Contains(am.Parse, "roles") || len(am.Roles) > 0:
		add("allowed_mentions %v lets the message ping everyone, here or roles", am.Parse)
	}
	if n := utf8.RuneCountInString(w.Content); n > limits.content {
		add("content has %d characters; Discord takes %d", n, limits.content)
	}
	bad = append(bad, checkEmbeds(w.Embeds)...)
	if len(w.Components) > limits.rows {
		add("%d action rows; Discord takes %d", len(w.Components), limits.rows)
	}
	for _, row := range w.Components {
		if len(row.Components) > limits.buttons {
			add("%d buttons in a row; Discord takes %d", len(row.Components), limits.buttons)
		}
		for _, b := range row.Components {
			if n := utf8.RuneCountInString(b.Label); n == 0 || n > limits.label || len(b.CustomID) > limits.customID {
				add("button %q (%s) breaks the label or custom_id limits", b.Label, b.CustomID)
			}
		}
	}
	return bad
}

// checkEmbeds returns what Discord would refuse in embeds.
func checkEmbeds(embeds []WireEmbed) []string {
	var bad []string
	add := func(format string, args ...any) { bad = append(bad, fmt.Sprintf(format, args...)) }
	if len(embeds) > limits.embeds {
		add("%d embeds; Discord takes %d", len(embeds), limits.embeds)
	}
	total := 0
	for _, e := range embeds {
		t, d := utf8.RuneCountInString(e.Title), utf8.RuneCountInString(e.Description)
		total += t + d
		if t > limits.title || d > limits.description || len(e.Fields) > limits.fields {
			add("an embed has a %d-character title, a %d-character description and %d fields", t, d, len(e.Fields))
		}
		if t == 0 && d == 0 && len(e.Fields) == 0 {
			add("an embed is empty")
		}
		for _, f := range e.Fields {
			n, v := utf8.RuneCountInString(f.Name), utf8.RuneCountInString(f.Value)
			total += n + v
			if n == 0 || v == 0 || n > limits.name || v > limits.value {
				add("field %q has a %d-character name and a %d-character value", f.Name, n, v)
			}
		}
	}
	if total > limits.total {
		add("embeds have %d characters; Discord takes %d", total, limits.total)
	}
	return bad
}
