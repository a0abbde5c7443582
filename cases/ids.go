package cases

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var (
	idPattern      = regexp.MustCompile(`^([A-Z][A-Z0-9]{0,9})-([0-9]{4})-([0-9]{1,9})$`)
	shortIDPattern = regexp.MustCompile(`^(?:([0-9]{4})-)?([0-9]{1,9})$`)
)

// ParseID normalises a case ID as typed ("c-2026-42") and checks its shape:
// C-2026-0042.
func ParseID(s string) (string, error) {
	m := idPattern.FindStringSubmatch(strings.ToUpper(strings.TrimSpace(s)))
	if m == nil {
		return "", Errorf(EINVALID, "%q is not a case ID; write it as C-2026-0042, or shortened to 2026-42, or to 42 for this year's", s)
	}
	return formatID(m[1], m[2], m[3])
}

// formatID returns the case ID of prefix, year and sequence number, the
// number with at least four digits: C-2026-0042.
func formatID(prefix, year, seq string) (string, error) {
	n, err := strconv.Atoi(seq)
	if err != nil || n == 0 {
		return "", Errorf(EINVALID, "%s-%s-%s is not a case ID; case numbers start at 1", prefix, year, seq)
	}
	return fmt.Sprintf("%s-%s-%04d", prefix, year, n), nil
}

// find returns the case typed as id: in full (c-2026-0042), or shortened to
// its year and number (2026-42), or to its number alone (42), which names
// a case of this year in the policy's calendar. A number alone is
// ambiguous while last year's case of that number is still open, and then
// refused with both IDs.
func (s *Service) find(ctx context.Context, typed string) (*Case, error) {
	id, err := ParseID(typed)
	if err == nil {
		return s.store.Get(ctx, id)
	}
	m := shortIDPattern.FindStringSubmatch(strings.TrimSpace(typed))
	if m == nil {
		return nil, err // says what a case ID looks like
	}
	if m[1] != "" {
		id, err := formatID(s.prefix, m[1], m[2])
		if err != nil {
			return nil, err
		}
		return s.store.Get(ctx, id)
	}
	year := s.now().In(s.cal.Location()).Year()
	id, err = formatID(s.prefix, strconv.Itoa(year), m[2])
	if err != nil {
		return nil, err
	}
	last, _ := formatID(s.prefix, strconv.Itoa(year-1), m[2])
	c, err := s.store.Get(ctx, id)
	if err != nil && ErrorCode(err) != ENOTFOUND {
		return nil, err
	}
	earlier, lerr := s.store.Get(ctx, last)
	if lerr != nil && ErrorCode(lerr) != ENOTFOUND {
		return nil, lerr
	}
	n, _ := strconv.Atoi(m[2])
	switch {
	case c != nil && (earlier == nil || !earlier.Status.Active()):
		return c, nil
	case c != nil:
		return nil, Errorf(EINVALID, "%s could be %s or last year's %s, which is still %s; write %d-%d or %d-%d",
			m[2], id, last, earlier.Status, year, n, year-1, n)
	case earlier != nil:
		return nil, Errorf(ENOTFOUND, "there is no case %s this year; last year's is %s: write %d-%d", id, last, year-1, n)
	}
	return nil, Errorf(ENOTFOUND, "there is no case %s; for an earlier year's, write the year too, such as %d-%d", id, year-1, n)
}
