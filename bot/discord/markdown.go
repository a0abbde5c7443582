package discord

import "strings"

// inlineMarks are the characters that format text wherever they stand in
// Discord's markdown: emphasis, strike-through, code, spoilers, masked
// links, and the backslash that escapes them.
const inlineMarks = "\\*_~`|[]"

// lineMarks format a line when they start it: headings, quotes, lists and
// subtext.
const lineMarks = "#>-+"

// escapeMarkdown returns s with a backslash before every character that
// Discord's markdown would read as formatting, so that text shows as it was
// typed: "**x**" stays two stars, not bold, and "[a](b)" is no masked link.
func escapeMarkdown(s string) string {
	if !strings.ContainsAny(s, inlineMarks+lineMarks) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	lineStart := true
	for _, r := range s {
		switch {
		case strings.ContainsRune(inlineMarks, r):
			b.WriteByte('\\')
		case lineStart && strings.ContainsRune(lineMarks, r):
			b.WriteByte('\\')
		}
		b.WriteRune(r)
		lineStart = r == '\n' || (lineStart && (r == ' ' || r == '\t'))
	}
	return b.String()
}
