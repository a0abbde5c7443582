package console

import (
	"io"

	"golang.org/x/term"
)

// MaxLine and MaxTyped are the longest lines the console reads from a
// script and from a terminal.
const MaxLine, MaxTyped = maxLine, maxTyped

// ReadTerminalLine returns the first line the console's terminal reader
// reads from in, keys as a terminal sends them.
func ReadTerminalLine(in io.Reader) (string, error) {
	t := term.NewTerminal(struct {
		io.Reader
		io.Writer
	}{in, io.Discard}, "")
	return newTerminalReader(t).ReadLine("> ")
}
