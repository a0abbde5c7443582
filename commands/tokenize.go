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
// such as a full stop, which is dropped.
func tokenize(s string) ([]token, error) {
	var toks []token
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		t, err := readToken(s, i)
		if err != nil {
			return nil, err
		}
		toks = append(toks, t)
		i = t.end
	}
	return toks, nil
}

// readToken reads the word that starts at s[i].
func readToken(s string, i int) (token, error) {
	if inner, end, ok := quoted(s, i); ok {
		return token{text: inner, start: i, end: end}, nil
	}
	if key, ok := keyAt(s, i); ok {
		v := i + len(key) + 1
		if r, _ := utf8.DecodeRuneInString(s[v:]); closers[r] != "" {
			inner, end, err := quotedValue(s, v, key)
			if err != nil {
				return token{}, err
			}
			return token{text: s[i:end], key: key, value: inner, quotedValue: true, start: i, end: end}, nil
		}
		end := wordEnd(s, v)
		return token{text: s[i:end], key: key, value: s[v:end], start: i, end: end}, nil
	}
	end := wordEnd(s, i)
	return token{text: s[i:end], start: i, end: end}, nil
}

// quoted reports whether s[i] opens a quote that is closed, and returns what
// is inside and where the word ends.
func quoted(s string, i int) (inner string, end int, ok bool) {
	open, size := utf8.DecodeRuneInString(s[i:])
	closing := closers[open]
	if closing == "" {
		return "", 0, false
	}
	body := i + size
	for j := body; j < len(s); {
		r, n := utf8.DecodeRuneInString(s[j:])
		if strings.ContainsRune(closing, r) && endsWord(s, j+n) {
			return s[body:j], j + n, true
		}
		j += n
	}
	return "", 0, false
}

// trailingPunct is the punctuation that may follow the closing quote of an
// option's value, as the full stop does in reason:“too slow”.
const trailingPunct = ".,;:!?)"

// quotedValue reads the value of option key quoted at s[i], which opens a
// quote, and returns what is inside and where the word ends. The value ends
// at the first closing quote, which must be followed by a space or the end,
// after any trailingPunct, which is dropped. Inside single quotes a closing
// quote followed by a letter or digit is an apostrophe, as in 'it’s late'.
func quotedValue(s string, i int, key string) (inner string, end int, err error) {
	open, size := utf8.DecodeRuneInString(s[i:])
	closing, single := closers[open], strings.ContainsRune("'‘", open)
	body := i + size
	for j := body; j < len(s); {
		r, n := utf8.DecodeRuneInString(s[j:])
		j += n
		if !strings.ContainsRune(closing, r) {
			continue
		}
		after := j
		for after < len(s) && strings.IndexByte(trailingPunct, s[after]) >= 0 {
			after++
		}
		next, _ := utf8.DecodeRuneInString(s[j:])
		switch {
		case endsWord(s, after):
			return s[body : j-n], after, nil
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
func keyAt(s string, i int) (string, bool) {
	j := i
	for j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
		j++
	}
	if j == i || j >= len(s) || s[j] != ':' {
		return "", false
	}
	return s[i:j], true
}

// wordEnd returns where the unquoted word starting at s[i] ends.
func wordEnd(s string, i int) int {
	for i < len(s) && !endsWord(s, i) {
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	return i
}

// endsWord reports whether a word ends at s[i]: at the end of s or at a
// space.
func endsWord(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
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
	end := wordEnd(line, 0)
	return strings.ToLower(line[:end]), line[end:]
}
