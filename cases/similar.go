package cases

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// SimilarQuery asks for the cases from one contact about one subject: a
// complaint that came in again.
type SimilarQuery struct {
	Contact string    // the complainant's contact
	Subject string    // the subject
	Since   time.Time // received at or after
	Limit   int       // at most this many; 0 for all
}

// Fold returns s as Similar compares contacts and subjects: without the
// spaces around it, and with the letters A to Z in lower case, a rule every
// store can follow in its own query language, so that
// " Kari@Example.NO" and "kari@example.no" are one contact.
func Fold(s string) string {
	s = strings.Trim(s, " ")
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}, s)
}

// Blank reports whether q cannot match any case: its contact or its subject
// is blank.
func (q SimilarQuery) Blank() bool { return Fold(q.Contact) == "" || Fold(q.Subject) == "" }

// duplicateDays is how many days back a case from the same contact about the
// same subject makes a new one a likely duplicate.
const duplicateDays = 30

// maxDuplicates is the most earlier cases Duplicates names.
const maxDuplicates = 3

// Duplicates returns the cases, other than c, from c's contact about c's
// subject that were received no more than 30 days before c was, or since:
// most likely the same complaint, come in again. The most recent come
// first, at most three. A case without a contact or a subject has none.
func (s *Service) Duplicates(ctx context.Context, c *Case) ([]*Case, error) {
	q := SimilarQuery{Contact: c.Complainant.Contact, Subject: c.Subject,
		Since: c.ReceivedAt.AddDate(0, 0, -duplicateDays), Limit: maxDuplicates + 1}
	if q.Blank() {
		return nil, nil
	}
	found, err := s.store.Similar(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("look for duplicates of %s: %w", c.ID, err)
	}
	var out []*Case
	for _, d := range found {
		if d.ID != c.ID && len(out) < maxDuplicates {
			out = append(out, d)
		}
	}
	return out, nil
}
