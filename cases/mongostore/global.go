package mongostore

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/ombud/ombud/cases"
)

// globalDoc is a notice about no case, in the notices collection. A
// delivered one stays, done, so that it is never made twice.
type globalDoc struct {
	ID         string    `bson:"_id"`
	Notice     noticeDoc `bson:"notice"`
	NextTry    time.Time `bson:"next_try"`
	Created    time.Time `bson:"created"`
	LeaseOwner string    `bson:"lease_owner"`
	LeaseUntil time.Time `bson:"lease_until"`
	Done       bool      `bson:"done"`
}

// PutNotice keeps n, a notice about no case, unless its ID was ever kept.
func (s *Store) PutNotice(ctx context.Context, n cases.Notice) (bool, error) {
	wctx, unlock, err := s.lockWrites(ctx)
	if err != nil {
		return false, err
	}
	defer unlock()
	_, err = s.notices.InsertOne(wctx, globalDoc{ID: n.ID, Notice: toNotice(n), NextTry: n.NextTry, Created: n.Created, LeaseUntil: epoch})
	switch {
	case mongo.IsDuplicateKeyError(err):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("keep notice %s: %w", n.ID, err)
	}
	return true, nil
}

// LeaseGlobalNotices leases to owner, until until, at most limit notices
// about no case that may be tried at or before now and whose lease, if
// any, has expired or is owner's, oldest first.
func (s *Store) LeaseGlobalNotices(ctx context.Context, now, until time.Time, owner string, limit int) ([]cases.Notice, error) {
	if limit <= 0 { // MongoDB reads a limit of 0 as none
		return nil, nil
	}
	due := bson.D{{Key: "done", Value: false}, {Key: "next_try", Value: bson.D{{Key: "$lte", Value: now}}}, free(now, owner)}
	cur, err := s.notices.Find(ctx, due, options.Find().SetSort(bson.D{{Key: "created", Value: 1}, {Key: "_id", Value: 1}}).SetLimit(int64(limit)))
	if err != nil {
		return nil, fmt.Errorf("lease notices: %w", err)
	}
	var found []globalDoc
	if err := cur.All(ctx, &found); err != nil {
		return nil, fmt.Errorf("lease notices: %w", err)
	}
	var out []cases.Notice
	for _, g := range found {
		res, err := s.updateGlobal(ctx, append(bson.D{{Key: "_id", Value: g.ID}}, due...),
			bson.D{{Key: "lease_owner", Value: owner}, {Key: "lease_until", Value: until}})
		if err != nil {
			return nil, fmt.Errorf("lease notice %s: %w", g.ID, err)
		}
		if res.MatchedCount == 1 {
			out = append(out, fromNotice(g.Notice))
		}
	}
	return out, nil
}

// doneGlobal records the notice about no case id, which owner leases, as
// delivered.
func (s *Store) doneGlobal(ctx context.Context, id, owner string) error {
	return s.leasedGlobal(ctx, id, owner, bson.D{{Key: "done", Value: true}, {Key: "lease_owner", Value: ""}, {Key: "lease_until", Value: epoch}})
}

// deferGlobal records a failed delivery of the notice about no case id,
// which owner leases, and when to try it again.
func (s *Store) deferGlobal(ctx context.Context, id, owner string, next time.Time, attempts int) error {
	return s.leasedGlobal(ctx, id, owner, bson.D{{Key: "next_try", Value: next},
		{Key: "notice.next_try", Value: next}, {Key: "notice.attempts", Value: attempts}})
}

// leasedGlobal sets fields of the pending notice about no case id, if owner
// leases it, and returns ECONFLICT when it does not.
func (s *Store) leasedGlobal(ctx context.Context, id, owner string, fields bson.D) error {
	res, err := s.updateGlobal(ctx, bson.D{{Key: "_id", Value: id}, {Key: "lease_owner", Value: owner}, {Key: "done", Value: false}}, fields)
	switch {
	case err != nil:
		return fmt.Errorf("notice %s: %w", id, err)
	case res.MatchedCount == 0:
		return cases.Errorf(cases.ECONFLICT, "notice %s is not pending, or not leased to %s", id, owner)
	}
	return nil
}

// updateGlobal sets fields of the notice about no case filter matches,
// under the FerretDB write lock.
func (s *Store) updateGlobal(ctx context.Context, filter, fields bson.D) (*mongo.UpdateResult, error) {
	return s.updateIn(ctx, s.notices, filter, bson.D{{Key: "$set", Value: fields}})
}

// OutboxStats counts the pending notices, about cases and not, and finds
// when the oldest was written. It reads the notices of the cases that have
// any: the outbox is small unless a platform is down.
func (s *Store) OutboxStats(ctx context.Context) (cases.OutboxStats, error) {
	var st cases.OutboxStats
	cur, err := s.cases.Find(ctx, bson.D{{Key: "notice_due", Value: bson.D{{Key: "$lt", Value: cases.Never}}}},
		options.Find().SetProjection(bson.D{{Key: "notices", Value: 1}}))
	if err != nil {
		return st, fmt.Errorf("count the notices: %w", err)
	}
	var docs []caseDoc
	if err := cur.All(ctx, &docs); err != nil {
		return st, fmt.Errorf("count the notices: %w", err)
	}
	count := func(created time.Time) {
		st.Pending++
		if st.Oldest.IsZero() || created.Before(st.Oldest) {
			st.Oldest = created
		}
	}
	for _, d := range docs {
		for _, n := range d.Outbox.Notices {
			count(n.Created)
		}
	}
	gcur, err := s.notices.Find(ctx, bson.D{{Key: "done", Value: false}})
	if err != nil {
		return st, fmt.Errorf("count the notices: %w", err)
	}
	var globals []globalDoc
	if err := gcur.All(ctx, &globals); err != nil {
		return st, fmt.Errorf("count the notices: %w", err)
	}
	for _, g := range globals {
		count(g.Created)
	}
	return st, nil
}
