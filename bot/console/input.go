package console

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"
)

// maxLine is the longest line the console reads from a script, far more
// than the longest command ombud takes, which ombud refuses saying so.
const maxLine = 1 << 20

// maxTyped is the longest line the terminal's line editor holds, in
// characters (x/term's limit); a pasted line may be longer where the
// terminal marks pastes.
const maxTyped = 4096

// cutError reports a line too long for the console to read whole, which it
// therefore does not run.
type cutError struct {
	size  int    // the line's length, in units
	limit int    // the most the console reads, in units
	units string // "bytes" or "characters"
	how   string // what to do instead
}

// Error implements the error interface.
func (e *cutError) Error() string {
	return fmt.Sprintf("that line was cut: it is %d %s long, and the console reads at most %d; nothing was run. %s",
		e.size, e.units, e.limit, e.how)
}

// lineReader reads one typed line at a time.
type lineReader interface {
	// ReadLine shows prompt where it can and returns the next line, or
	// io.EOF when there are no more.
	ReadLine(prompt string) (string, error)
}

// openInput returns the reader for c's input, and a function that undoes
// what opening it did.
func (c *Console) openInput() (lineReader, func(), error) {
	if !c.interactive {
		return scriptReader{bufio.NewReader(c.in)}, func() {}, nil
	}
	f, ok := c.in.(interface{ Fd() uintptr })
	if !ok {
		return nil, nil, errors.New("console: interactive input must be a terminal")
	}
	fd := int(f.Fd())
	state, err := term.MakeRaw(fd)
	if err != nil {
		return nil, nil, fmt.Errorf("console: put the terminal in raw mode: %w", err)
	}
	c.mu.Lock()
	out := c.out
	t := term.NewTerminal(struct {
		io.Reader
		io.Writer
	}{c.in, out}, "")
	c.out = t
	c.mu.Unlock()
	if width, height, err := term.GetSize(fd); err == nil && width > 0 && height > 0 {
		_ = t.SetSize(width, height) // only fails to redraw, which it will on the next line
	}
	r := newTerminalReader(t)
	restore := func() {
		t.SetBracketedPasteMode(false)
		c.mu.Lock()
		c.out = out
		c.mu.Unlock()
		if err := term.Restore(fd, state); err != nil {
			c.log.Warn("console: restore the terminal", "err", err)
		}
		c.print("\n")
	}
	return r, restore, nil
}

// readLine returns the next line from r, or ctx's error as soon as ctx is
// cancelled. A read still blocked then is left to finish on its own.
func readLine(ctx context.Context, r lineReader, prompt string) (string, error) {
	type result struct {
		line string
		err  error
	}
	done := make(chan result, 1)
	go func() {
		line, err := r.ReadLine(prompt)
		done <- result{line, err}
	}()
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case res := <-done:
		return res.line, res.err
	}
}

// scriptReader reads lines from a script or a pipe, without a prompt, of
// any length: a line longer than maxLine is read to its end and reported
// as cut.
type scriptReader struct{ r *bufio.Reader }

// ReadLine returns the next line of the script, without its line ending.
func (r scriptReader) ReadLine(string) (string, error) {
	var line []byte
	size := 0        // the line's bytes, its ending included
	var last [2]byte // the line's last two bytes
	for {
		chunk, err := r.r.ReadSlice('\n')
		size += len(chunk)
		for _, b := range chunk[max(0, len(chunk)-2):] {
			last = [2]byte{last[1], b}
		}
		if room := maxLine - len(line); room > 0 {
			line = append(line, chunk[:min(len(chunk), room)]...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil && (!errors.Is(err, io.EOF) || size == 0) {
			return "", err
		}
		break
	}
	switch {
	case last == [2]byte{'\r', '\n'}:
		size -= 2
	case last[1] == '\n':
		size--
	}
	if size > maxLine {
		return "", &cutError{size: size, limit: maxLine, units: "bytes", how: "Split it into several commands."}
	}
	return strings.TrimSuffix(string(line[:size]), "\r"), nil
}

// terminalReader reads lines from a raw terminal with line editing and
// history; Ctrl-C and Ctrl-D on an empty line end the input. It notices
// when a typed line reaches the editor's limit, where further keys are
// dropped, and then reports the line as cut.
type terminalReader struct {
	t   *term.Terminal
	cut *int // characters dropped from the current line
}

// newTerminalReader returns a reader of t's lines, with pastes marked so
// that a pasted line is not held to the typed limit.
func newTerminalReader(t *term.Terminal) terminalReader {
	r := terminalReader{t: t, cut: new(int)}
	t.AutoCompleteCallback = func(line string, _ int, key rune) (string, int, bool) {
		if printable(key) && utf8.RuneCountInString(line) >= maxTyped {
			*r.cut++
		}
		return "", 0, false
	}
	t.SetBracketedPasteMode(true)
	return r
}

// printable reports whether key, as x/term decodes keys, is a character it
// would add to the line, not an editing key.
func printable(key rune) bool { return key >= ' ' && key != 0x7f && (key < 0xd800 || key > 0xdbff) }

// ReadLine shows prompt and returns the line typed or pasted after it.
func (r terminalReader) ReadLine(prompt string) (string, error) {
	r.t.SetPrompt(prompt)
	*r.cut = 0
	line, err := r.t.ReadLine()
	if errors.Is(err, term.ErrPasteIndicator) {
		err = nil // a pasted line is a line like any other
	}
	if err == nil && *r.cut > 0 {
		return "", &cutError{size: maxTyped + *r.cut, limit: maxTyped, units: "characters",
			how: "Paste a long text rather than typing it, or split it into several commands."}
	}
	return line, err
}
