package commands_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ombud/ombud/commands"
)

// adversarial are lines built to make a tokenizer that searches for each
// quote's closing quote from scratch do work that grows with the square of
// their length: quotes that are never closed, of every kind, and words that
// look like options.
var adversarial = map[string]string{
	"unclosed double quotes": `"a `,
	"unclosed curly quotes":  "“a ",
	"unclosed single quotes": `'a `,
	"mixed unclosed quotes":  "\"a 'b “c „d ‘e ",
	"quotes inside words":    `a"b"c'd' `,
	"bare quotes":            `" `,
	"quote runs":             `"""'''`,
	"option-like words":      `abc:"x"y note:'z'q `,
	"long lowercase run":     "abcdefghijklmnopqrstuvwxyz",
	"apostrophes in a value": "k:'a'b'c'd'e",
}

// maxStepsPerByte bounds the tokenizer's work: steps per byte of input.
const maxStepsPerByte = 8

// TestTokenizerIsLinear checks that the tokenizer's work, counted in steps,
// stays within a fixed number of steps per byte on lines of 64 KB built to
// defeat it. (A tokenizer that searched from each quote anew would take
// tens of thousands of steps per byte here.)
func TestTokenizerIsLinear(t *testing.T) {
	t.Parallel()
	for name, unit := range adversarial {
		line := strings.Repeat(unit, (64<<10)/len(unit))
		if steps := commands.TokenizeSteps(line); steps > maxStepsPerByte*len(line)+maxStepsPerByte {
			t.Errorf("%s: %d steps for %d bytes (%.1f per byte), want at most %d per byte",
				name, steps, len(line), float64(steps)/float64(len(line)), maxStepsPerByte)
		}
	}
}

// BenchmarkParseAdversarial parses lines built to defeat a tokenizer, as a
// note's text: 8 KB, the most a command may be, and 1 MB, to show that the
// time per byte does not grow with the line.
func BenchmarkParseAdversarial(b *testing.B) {
	note := MustCommand(b, "note")
	for name, unit := range adversarial {
		for _, size := range []int{8 << 10, 1 << 20} {
			line := "C-2026-0001 " + strings.Repeat(unit, size/len(unit))
			b.Run(fmt.Sprintf("%s/%dKB", strings.ReplaceAll(name, " ", "-"), size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(line)))
				b.ReportAllocs()
				for b.Loop() {
					commands.Parse(note, line) //nolint:errcheck // refusing is as good as parsing here
				}
			})
		}
	}
}
