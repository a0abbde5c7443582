package commands

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of a command line.
type token struct {
	text        string // the word, without its quotes if the whole word was quoted
	key, value  string // for a word of the form key:value, with key all lowercase letters
	quotedValue bool   // the value was written in quotes
	start, end  int    // the word's bytes in the source, quotes included
	// overflow, on the first word after an option's unquoted value, is
	// that option as it reads with the words after it, up to the next
	// option, quoted into its value: reason:"the customer is angry".
	overflow string
}

// closers maps each opening quote to the quotes that close it. Curly and
// straight quotes mix, because phones and chat clients turn one into the
// other.
var closers = map[rune]string{
	'"': `"”“`, '“': `"”“`, '„': `"”“`,
	'\'': `'’`, '‘': `'’`,
}

// tokenize splits s into words. A word that starts with a quote runs to the
// matching closing quote that ends a word; a quote that is never closed is
// an ordinary character, so "customer's" and "'90s" stay as written. A
// key:value word may quote its value, key:"like this", and then the quote
// must be closed, and be followed by a space or the end, after punctuation
// such as a full stop, which is dropped. The work is linear in len(s).
func tokenize(s string) ([]token, error) { return newScanner(s).tokens() }

// scanner reads the words of one line. It looks at every byte a bounded
// number of times, however the quotes in the line are placed.
type scanner struct {
	s string
	// closes remembers, for each set of closing quotes, the last search for
	// the first one that ends a word, so that a line of quotes that are never
	// closed is searched once rather than once per quote.
	closes map[string]closeAt
	// steps counts the runes decoded and bytes compared, so tests can check
	// that the work grows no faster than the line.
	steps int
}

// closeAt records that the first quote of a set that ends a word, at or
// after from, is at s[at]; at is -1 when there is none.
type closeAt struct{ from, at int }

func newScanner(s string) *scanner { return &scanner{s: s, closes: map[string]closeAt{}} }

// tokens reads every word of the line.
func (sc *scanner) tokens() ([]token, error) {
	toks := make([]token, 0, sc.runs())
	for i := 0; i < len(sc.s); {
		r, size := sc.rune(i)
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		t, err := sc.readToken(i)
		if err != nil {
			return nil, err
		}
		toks = append(toks, t)
		i = t.end
	}
	return toks, nil
}

// runs returns how many runs of non-space the line has: at least as many
// as its words, since a word never starts inside a run.
func (sc *scanner) runs() int {
	n, inRun := 0, false
	for i := 0; i < len(sc.s); {
		r, size := sc.rune(i)
		space := unicode.IsSpace(r)
		if !space && !inRun {
			n++
		}
		inRun = !space
		i += size
	}
	return n
}

// rune decodes the rune at s[i], counting the step.
func (sc *scanner) rune(i int) (rune, int) {
	sc.steps++
	return utf8.DecodeRuneInString(sc.s[i:])
}

// readToken reads the word that starts at s[i].
func (sc *scanner) readToken(i int) (token, error) {
	s := sc.s
	if inner, end, ok := sc.quoted(i); ok {
		return token{text: inner, start: i, end: end}, nil
	}
	if key, ok := sc.keyAt(i); ok {
		v := i + len(key) + 1
		if v < len(s) {
			if r, _ := sc.rune(v); closers[r] != "" {
				inner, end, err := sc.quotedValue(v, key)
				if err != nil {
					return token{}, err
				}
				return token{text: s[i:end], key: key, value: inner, quotedValue: true, start: i, end: end}, nil
			}
		}
		end := sc.wordEnd(v)
		return token{text: s[i:end], key: key, value: s[v:end], start: i, end: end}, nil
	}
	end := sc.wordEnd(i)
	return token{text: s[i:end], start: i, end: end}, nil
}

// quoted reports whether s[i] opens a quote that is closed, and returns what
// is inside and where the word ends.
func (sc *scanner) quoted(i int) (inner string, end int, ok bool) {
	open, size := sc.rune(i)
	closing := closers[open]
	if closing == "" {
		return "", 0, false
	}
	body := i + size
	j := sc.closeAfter(closing, body)
	if j < 0 {
		return "", 0, false
	}
	_, n := sc.rune(j)
	return sc.s[body:j], j + n, true
}

// closeAfter returns where the first quote of closing that ends a word lies
// at or after from, or -1. Asked again from a later place no further than
// the one it found, it answers from memory, so that the searches from all
// the quotes of a line scan each byte once.
func (sc *scanner) closeAfter(closing string, from int) int {
	if c, ok := sc.closes[closing]; ok && from >= c.from && (c.at < 0 || from <= c.at) {
		return c.at
	}
	at := -1
	for j := from; j < len(sc.s); {
		r, n := sc.rune(j)
		if strings.ContainsRune(closing, r) && sc.endsWord(j+n) {
			at = j
			break
		}
		j += n
	}
	sc.closes[closing] = closeAt{from: from, at: at}
	return at
}

// trailingPunct is the punctuation that may follow the closing quote of an
// option's value, as the full stop does in reason:“too slow”.
const trailingPunct = ".,;:!?)"

// quotedValue reads the value of option key quoted at s[i], which opens a
// quote, and returns what is inside and where the word ends. The value ends
// at the first closing quote, which must be followed by a space or the end,
// after any trailingPunct, which is dropped. Inside single quotes a closing
// quote followed by a letter or digit is an apostrophe, as in 'it’s late'.
func (sc *scanner) quotedValue(i int, key string) (inner string, end int, err error) {
	s := sc.s
	open, size := sc.rune(i)
	closing, single := closers[open], strings.ContainsRune("'‘", open)
	for j := i + size; j < len(s); {
		r, n := sc.rune(j)
		j += n
		if !strings.ContainsRune(closing, r) {
			continue
		}
		after := j
		for after < len(s) && strings.IndexByte(trailingPunct, s[after]) >= 0 {
			sc.steps++
			after++
		}
		next := utf8.RuneError
		if j < len(s) {
			next, _ = sc.rune(j)
		}
		switch {
		case sc.endsWord(after):
			return s[i+size : j-n], after, nil
		case single && (unicode.IsLetter(next) || unicode.IsDigit(next)):
			// an apostrophe
		default:
			return "", 0, fmt.Errorf("put a space after the closing quote of %s", s[i-len(key)-1:j])
		}
	}
	return "", 0, fmt.Errorf("the quote after %s: is not closed; write %s:\"…\"", key, key)
}

// keyAt returns the key of a key:value word starting at s[i]: a run of
// lowercase ASCII letters followed by a colon.
func (sc *scanner) keyAt(i int) (string, bool) {
	s, j := sc.s, i
	for j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
		sc.steps++
		j++
	}
	if j == i || j >= len(s) || s[j] != ':' {
		return "", false
	}
	return s[i:j], true
}

// wordEnd returns where the unquoted word starting at s[i] ends.
func (sc *scanner) wordEnd(i int) int {
	for i < len(sc.s) {
		r, n := sc.rune(i)
		if unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return i
}

// endsWord reports whether a word ends at s[i]: at the end of s or at a
// space.
func (sc *scanner) endsWord(i int) bool {
	if i >= len(sc.s) {
		return true
	}
	r, _ := sc.rune(i)
	return unicode.IsSpace(r)
}

// joinWords returns the free text the words make up. Neighbouring words keep
// the spacing they had in src; where an option stood between two words they
// are joined with one space. A single quoted word loses its quotes.
func joinWords(src string, words []token) string {
	if len(words) == 1 {
		return words[0].text
	}
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteString(gap(src, words[i-1].end, w.start))
		}
		b.WriteString(src[w.start:w.end])
	}
	return b.String()
}

// gap returns src[from:to] when it is only space, and one space otherwise.
func gap(src string, from, to int) string {
	if strings.TrimSpace(src[from:to]) == "" {
		return src[from:to]
	}
	return " "
}

// split returns the first word of line, lowercased, and the text after it;
// name is empty when line has no words.
func split(line string) (name, rest string) {
	line = strings.TrimLeftFunc(line, unicode.IsSpace)
	end := newScanner(line).wordEnd(0)
	return strings.ToLower(line[:end]), line[end:]
}
