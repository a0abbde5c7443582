package console

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/ombud/ombud/bot"
)

// privateMark ends a reply that only the person who asked would see on a
// shared platform.
const privateMark = "(only you see this)"

// Render returns r as plain text for a terminal, one line each: the title
// (after "✗ " for an error), the text, the fields as aligned "Name: value"
// lines, the files as "file: Title: name" lines, the buttons as numbered
// choices "[n] Label" counting from first, and "(only you see this)" for a
// private reply. All user text goes through
// bot.Neutralize. The result ends in a newline; an empty reply renders as "".
func Render(r bot.Reply, first int) string {
	lines := replyLines(r, first)
	if r.Visibility == bot.Private && len(lines) > 0 {
		lines = append(lines, privateMark)
	}
	return joinLines(lines)
}

// RenderPost returns p as Render does, with its first line marked with its
// channel, e.g. "[#escalations] ", or for a post in a topic's thread with
// the topic, e.g. "[C-2026-0042] ", then the people it mentions, e.g.
// "@ann ", and the others indented under it. A post is for its channel, so
// it is never marked private. The console has no threads, so a topic's
// header, and the copy of a reply already shown, render as "".
func RenderPost(p bot.Post, first int) string {
	if p.Header || p.Echo {
		return ""
	}
	lines := replyLines(p.Reply, first)
	marker := "[#" + bot.Neutralize(string(p.Channel)) + "]"
	if p.Channel == "" {
		marker = "[" + bot.Neutralize(p.Topic) + "]"
	}
	for _, m := range p.Mention {
		marker += " @" + oneLine(m)
	}
	if len(lines) == 0 {
		return marker + "\n"
	}
	lines[0] = marker + " " + lines[0]
	for i := 1; i < len(lines); i++ {
		lines[i] = "  " + lines[i]
	}
	return joinLines(lines)
}

// replyLines returns the lines of r without its visibility mark.
func replyLines(r bot.Reply, first int) []string {
	var lines []string
	if r.Title != "" {
		lines = append(lines, splitLines(r.Title)...)
	}
	if r.Text != "" {
		lines = append(lines, splitLines(r.Text)...)
	}
	if r.Error {
		if len(lines) == 0 {
			lines = append(lines, "")
		}
		lines[0] = "✗ " + lines[0]
	}
	lines = append(lines, fieldLines(r.Fields)...)
	lines = append(lines, fileLines(r.Files)...)
	return append(lines, buttonLines(r.Buttons, first)...)
}

// fileLines returns files as "  file: Title: name" lines; the console
// names a file it saved by its path.
func fileLines(files []bot.File) []string {
	lines := make([]string, len(files))
	for i, f := range files {
		lines[i] = "  file: " + oneLine(f.Title) + ": " + oneLine(f.Name)
	}
	return lines
}

// fieldLines returns fields as "  Name:  value" lines, the values aligned in
// one column; a value's further lines are indented to that column.
func fieldLines(fields []bot.Field) []string {
	names := make([]string, len(fields))
	width := 0
	for i, f := range fields {
		names[i] = oneLine(f.Name) + ":"
		width = max(width, utf8.RuneCountInString(names[i]))
	}
	var lines []string
	for i, f := range fields {
		label := names[i] + strings.Repeat(" ", width-utf8.RuneCountInString(names[i]))
		for _, v := range splitLines(f.Value) {
			lines = append(lines, strings.TrimRight("  "+label+" "+v, " "))
			label = strings.Repeat(" ", width)
		}
	}
	return lines
}

// buttonLines returns buttons as "  [n] Label" lines, counting from first. A
// button without a label shows the command it runs.
func buttonLines(buttons []bot.Button, first int) []string {
	lines := make([]string, len(buttons))
	for i, b := range buttons {
		label := b.Label
		if label == "" {
			label = "/case " + b.Command
		}
		lines[i] = fmt.Sprintf("  [%d] %s", first+i, oneLine(label))
	}
	return lines
}

// oneLine returns s neutralized, its lines joined with spaces.
func oneLine(s string) string { return strings.Join(splitLines(s), " ") }

// splitLines returns s neutralized and split into lines, without a trailing
// empty one.
func splitLines(s string) []string {
	return strings.Split(strings.TrimRight(bot.Neutralize(s), "\n"), "\n")
}

// joinLines returns lines as text, each ending in a newline.
func joinLines(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}
