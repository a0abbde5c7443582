package sqlitestore

import (
	"context"
	"fmt"

	"github.com/ombud/ombud/cases"
)

// Similar returns the cases received at or after q.Since whose contact and
// subject equal q's as cases.Fold compares them, the most recently received
// first. It reads the cases received since then on their index and compares
// the two fields in their documents, with SQLite's trim and lower, which
// change only spaces and the letters A to Z, as Fold does.
func (s *Store) Similar(ctx context.Context, q cases.SimilarQuery) ([]*cases.Case, error) {
	if q.Blank() {
		return nil, nil
	}
	limit := ""
	if q.Limit > 0 {
		limit = fmt.Sprintf(" LIMIT %d", q.Limit)
	}
	out, err := s.query(ctx, `SELECT `+caseColumns+`
		FROM cases p JOIN documents c ON c.id = p.id
		WHERE p.received_at >= ?1
		AND lower(trim(json_extract(c.doc, '$.Complainant.Contact'), ' ')) = ?2
		AND lower(trim(json_extract(c.doc, '$.Subject'), ' ')) = ?3
		ORDER BY p.received_at DESC, p.id DESC`+limit,
		q.Since.UnixMilli(), cases.Fold(q.Contact), cases.Fold(q.Subject))
	if err != nil {
		return nil, fmt.Errorf("find similar cases: %w", err)
	}
	return out, nil
}
