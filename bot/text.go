package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// wordJoiner is U+2060 WORD JOINER: invisible, and enough to stop Slack and
// Discord from recognising the mention it is placed inside.
const wordJoiner = "\u2060"

// massMentions are the words that, after an "@", ping everyone in a channel
// on some platform.
var massMentions = []string{"channel", "here", "everyone"}

// Neutralize returns s made safe to echo into a chat channel: it can no
// longer ping a whole channel, group or role, nor move a terminal's cursor.
//
// It inserts a WORD JOINER (U+2060), which is invisible, right after the
// character that starts each of these forms, so they read the same but are
// no longer parsed:
//
//   - "@channel", "@here", "@everyone", in any letter case and wherever they
//     occur, even inside a word or an address (the platforms do not agree on
//     word boundaries, so none is assumed), become "@\u2060channel" and so
//     on;
//   - every Slack special mention "<!…>", which covers "<!channel>",
//     "<!here>", "<!everyone>", "<!group>" and "<!subteam^ID>", becomes
//     "<\u2060!…>";
//   - every Discord role mention "<@&ID>" becomes "<\u2060@&ID>".
//
// Before looking for the forms above, it replaces each run of invalid UTF-8
// with U+FFFD, as the platforms' JSON would, and drops control characters
// (C0, DEL and C1) other than newline and tab, so that neither "@\x00here"
// nor stray bytes around one can turn into a mention or an escape sequence
// afterwards. It drops the bidirectional embeddings, overrides and isolates
// (U+202A to U+202E, U+2066 to U+2069) too, so that echoed text cannot be
// made to read in another order than it was written; the left-to-right and
// right-to-left marks, which reorder nothing around them, stay.
//
// Everything else is returned unchanged, including addresses such as
// ann@example.no and single-person mentions such as "@alice" or "<@U123>". Look-alikes built with other Unicode characters (a
// full-width "＠", a space or a zero-width character after the "@") are not
// rewritten: the platforms do not parse them as mentions. Adapters still send
// with their platform's own mention controls where it has them (Slack's
// parse=none, Discord's allowed_mentions); Neutralize is the layer that holds
// when those are misconfigured.
func Neutralize(s string) string {
	s = stripControls(strings.ToValidUTF8(s, string(utf8.RuneError)))
	if !strings.ContainsAny(s, "@<") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		if opensMention(s[i:]) {
			b.WriteString(wordJoiner)
		}
	}
	return b.String()
}

// PlainName reports whether name can stand for one person on a platform
// where people choose their own names, such as the console: one word,
// without spaces, that does not start with "@", and that "@" before it
// leaves a single-person mention Neutralize would not touch. So neither a
// mass-mention word ("here", "Channel", "everyone…") nor a platform's
// mention syntax ("<!channel>", "<@&1>") is a name.
func PlainName(name string) bool {
	return name != "" && !strings.HasPrefix(name, "@") && !strings.ContainsFunc(name, unicode.IsSpace) &&
		Neutralize("@"+name) == "@"+name
}

// opensMention reports whether s starts with a form that Neutralize defuses.
func opensMention(s string) bool {
	switch s[0] {
	case '@':
		for _, w := range massMentions {
			if len(s) > len(w) && strings.EqualFold(s[1:1+len(w)], w) {
				return true
			}
		}
	case '<':
		return strings.HasPrefix(s[1:], "!") || strings.HasPrefix(s[1:], "@&")
	}
	return false
}

// stripControls returns s, valid UTF-8, without its control characters other
// than newline and tab and without its bidirectional formatting characters.
func stripControls(s string) string {
	return strings.Map(func(r rune) rune {
		if (unicode.IsControl(r) && r != '\n' && r != '\t') || isBidiFormat(r) {
			return -1
		}
		return r
	}, s)
}

// isBidiFormat reports whether r is a bidirectional embedding, override or
// isolate, or the character that ends one: U+202A to U+202E and U+2066 to
// U+2069.
func isBidiFormat(r rune) bool { return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) }
