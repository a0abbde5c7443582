package console

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"

	"golang.org/x/term"
)

// maxLine is the longest line a script may hold.
const maxLine = 1 << 20

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
		sc := bufio.NewScanner(c.in)
		sc.Buffer(nil, maxLine)
		return scriptReader{sc}, func() {}, nil
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
	restore := func() {
		c.mu.Lock()
		c.out = out
		c.mu.Unlock()
		if err := term.Restore(fd, state); err != nil {
			c.log.Warn("console: restore the terminal", "err", err)
		}
		c.print("\n")
	}
	return terminalReader{t}, restore, nil
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

// scriptReader reads lines from a script or a pipe, without a prompt.
type scriptReader struct{ sc *bufio.Scanner }

// ReadLine returns the next line of the script.
func (r scriptReader) ReadLine(string) (string, error) {
	if r.sc.Scan() {
		return r.sc.Text(), nil
	}
	if err := r.sc.Err(); err != nil {
		return "", err
	}
	return "", io.EOF
}

// terminalReader reads lines from a raw terminal with line editing and
// history; Ctrl-C and Ctrl-D on an empty line end the input.
type terminalReader struct{ t *term.Terminal }

// ReadLine shows prompt and returns the line typed after it.
func (r terminalReader) ReadLine(prompt string) (string, error) {
	r.t.SetPrompt(prompt)
	return r.t.ReadLine()
}
