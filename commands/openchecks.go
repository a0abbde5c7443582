package commands

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// kindWords are words desks use for a kind of case that is not one of
// ombud's: open takes one that begins a summary, in lower case, for a kind
// the agent meant rather than the summary's first word.
var kindWords = []string{
	"appeal", "claim", "compliment", "dispute", "enquiry", "escalation", "grievance", "incident", "inquiry",
	"query", "question", "report", "request", "suggestion", "ticket",
}

// kindLike returns why the summary of a typed open, whose kind was not
// given, begins with a word meant as a kind that policy p does not have: a
// word for a kind of case, a misspelt kind, or one of p's categories. It
// returns nil when the first word is just the summary's, which it always is
// when it has a capital or the summary is one word long.
func kindLike(p *cases.Policy, summary string) error {
	end := strings.IndexFunc(summary, unicode.IsSpace)
	if end < 0 {
		return nil
	}
	word, rest := summary[:end], strings.TrimSpace(summary[end:])
	if rest == "" || word != strings.ToLower(word) || strings.IndexFunc(word, notLetter) >= 0 {
		return nil
	}
	kinds := slices.DeleteFunc(slices.Clone(cases.Kinds), func(k cases.Kind) bool { return !p.Allows(k) })
	keep := fmt.Sprintf("; to begin the summary with the word, write it with a capital: %s", capitalize(word))
	if i := slices.IndexFunc(p.Categories, func(c string) bool { return strings.EqualFold(c, word) }); i >= 0 {
		return cases.Errorf(cases.EINVALID, "%q is a category of policy %s, not a kind of case: write /case open %s %s category:%s%s",
			word, p.Name, kinds[0], rest, p.Categories[i], keep)
	}
	if !slices.Contains(kindWords, word) && !misspelt(word, cases.Kinds) {
		return nil
	}
	return cases.Errorf(cases.EINVALID, "%q is not a kind of case under policy %s, which takes %s: write /case open %s %s, or another of them%s",
		word, p.Name, orList(names(kinds)), kinds[0], rest, keep)
}

// misspelt reports whether word is a kind among kinds mistyped: one or two
// letters off, in a word of five letters or more.
func misspelt(word string, kinds []cases.Kind) bool {
	return utf8.RuneCountInString(word) >= 5 && slices.ContainsFunc(kinds, func(k cases.Kind) bool {
		return distance(word, string(k)) <= 2
	})
}

// notLetter reports whether r is not a letter.
func notLetter(r rune) bool { return !unicode.IsLetter(r) }

// capitalize returns s with its first letter in upper case.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// orList joins words as alternatives: "a", "a or b", "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// duplicatesField names the cases case c likely repeats: from the same
// contact about the same subject, received up to 30 days before it. It
// shows their IDs, status and when they came in, never the contact, for
// the reply is public. A failed look-up is logged and said, and does not
// undo the opening.
func duplicatesField(ctx context.Context, env *Env, c *cases.Case) (bot.Field, bool) {
	f := bot.Field{Name: "Likely a repeat of"}
	dups, err := env.Service.Duplicates(ctx, c)
	cal, cerr := env.Service.Calendar(c)
	if err = errors.Join(err, cerr); err != nil {
		env.Log.ErrorContext(ctx, "look for likely repeats", "case", c.ID, "err", err)
		f.Value = "could not be checked just now; look for earlier cases from this customer"
		return f, true
	}
	if len(dups) == 0 {
		return bot.Field{}, false
	}
	lines := make([]string, len(dups))
	for i, d := range dups {
		lines[i] = fmt.Sprintf("%s (%s, received %s): same contact and subject", d.ID, d.Status, d.ReceivedAt.In(cal.Location()).Format("Mon 2 Jan"))
	}
	f.Value = strings.Join(lines, "\n")
	return f, true
}
