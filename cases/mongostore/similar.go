package mongostore

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/ombud/ombud/cases"
)

// similarDoc is what Similar reads of each case received in its window
// before it knows which match: enough to compare and to order them.
type similarDoc struct {
	ID          string         `bson:"_id"`
	Complainant complainantDoc `bson:"complainant"`
	Subject     string         `bson:"subject"`
	ReceivedAt  bson.DateTime  `bson:"received_at"`
}

// Similar returns the cases received at or after q.Since whose contact and
// subject equal q's as cases.Fold compares them, the most recently received
// first. The portable query language has no comparison that ignores letter
// case, so it reads the contact and subject of the cases received since
// then, on the received_at index, compares them here, and then reads the
// cases that match.
func (s *Store) Similar(ctx context.Context, q cases.SimilarQuery) ([]*cases.Case, error) {
	if q.Blank() {
		return nil, nil
	}
	cur, err := s.cases.Find(ctx, bson.D{{Key: "received_at", Value: bson.D{{Key: "$gte", Value: q.Since}}}},
		options.Find().SetProjection(bson.D{{Key: "complainant.contact", Value: 1}, {Key: "subject", Value: 1}, {Key: "received_at", Value: 1}}))
	if err != nil {
		return nil, fmt.Errorf("find similar cases: %w", err)
	}
	var docs []similarDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("find similar cases: %w", err)
	}
	contact, subject := cases.Fold(q.Contact), cases.Fold(q.Subject)
	docs = slices.DeleteFunc(docs, func(d similarDoc) bool {
		return cases.Fold(d.Complainant.Contact) != contact || cases.Fold(d.Subject) != subject
	})
	slices.SortFunc(docs, func(a, b similarDoc) int {
		return cmp.Or(cmp.Compare(b.ReceivedAt, a.ReceivedAt), cmp.Compare(b.ID, a.ID))
	})
	if q.Limit > 0 && len(docs) > q.Limit {
		docs = docs[:q.Limit]
	}
	out := make([]*cases.Case, len(docs))
	for i, d := range docs {
		if out[i], err = s.Get(ctx, d.ID); err != nil {
			return nil, fmt.Errorf("find similar cases: %w", err)
		}
	}
	return out, nil
}
