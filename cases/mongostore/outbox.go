package mongostore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/ombud/ombud/cases"
)

// free is the condition that no one but owner holds a live lease at now.
func free(now time.Time, owner string) bson.E {
	return bson.E{Key: "$or", Value: bson.A{
		bson.D{{Key: "lease_until", Value: bson.D{{Key: "$lte", Value: now}}}},
		bson.D{{Key: "lease_owner", Value: owner}},
	}}
}

// lease sets the lease of the case filter matches to owner until until,
// and returns the case; mongo.ErrNoDocuments when none matches.
func (s *Store) lease(ctx context.Context, filter bson.D, until time.Time, owner string) (*cases.Case, error) {
	wctx, unlock, err := s.lockWrites(ctx)
	if err != nil {
		return nil, err
	}
	defer unlock()
	var doc caseDoc
	err = s.cases.FindOneAndUpdate(wctx, filter,
		bson.D{{Key: "$set", Value: bson.D{{Key: "lease_owner", Value: owner}, {Key: "lease_until", Value: until}}}},
		options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&doc)
	if err != nil {
		return nil, err
	}
	return fromDoc(&doc), nil
}

// LeaseNotices leases to owner, until until, at most limit cases whose
// first notice may be tried at or before now and whose lease, if any, has
// expired or is owner's, and returns them with their notices. Each is
// leased by a conditional write of its own; one another dispatcher took
// meanwhile is left out.
func (s *Store) LeaseNotices(ctx context.Context, now, until time.Time, owner string, limit int) ([]*cases.Case, error) {
	if limit <= 0 { // MongoDB reads a limit of 0 as none
		return nil, nil
	}
	due := bson.D{{Key: "notice_due", Value: bson.D{{Key: "$lte", Value: now}}}, free(now, owner)}
	cur, err := s.cases.Find(ctx, due, options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}}).
		SetSort(bson.D{{Key: "notice_due", Value: 1}, {Key: "_id", Value: 1}}).SetLimit(int64(limit)))
	if err != nil {
		return nil, fmt.Errorf("lease notices: %w", err)
	}
	var ids []struct {
		ID string `bson:"_id"`
	}
	if err := cur.All(ctx, &ids); err != nil {
		return nil, fmt.Errorf("lease notices: %w", err)
	}
	var out []*cases.Case
	for _, id := range ids {
		c, err := s.lease(ctx, append(bson.D{{Key: "_id", Value: id.ID}}, due...), until, owner)
		switch {
		case errors.Is(err, mongo.ErrNoDocuments):
			continue // taken meanwhile
		case err != nil:
			return nil, fmt.Errorf("lease notices of %s: %w", id.ID, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// LeaseCase leases case id to owner until until, unless another owner's
// lease on it is live at now, and returns it with its notices.
func (s *Store) LeaseCase(ctx context.Context, id string, now, until time.Time, owner string) (*cases.Case, error) {
	c, err := s.lease(ctx, bson.D{{Key: "_id", Value: id}, free(now, owner)}, until, owner)
	if errors.Is(err, mongo.ErrNoDocuments) {
		if _, err := s.Get(ctx, id); err != nil {
			return nil, err
		}
		return nil, cases.Errorf(cases.ECONFLICT, "another dispatcher is delivering the notices of %s", id)
	} else if err != nil {
		return nil, fmt.Errorf("lease %s: %w", id, err)
	}
	return c, nil
}

// ReleaseCase ends owner's lease on case id, and sets when its first
// notice may be tried, which a $min of Apply may have set early.
func (s *Store) ReleaseCase(ctx context.Context, id, owner string) error {
	err := s.rewrite(ctx, id, owner, func(notices []noticeDoc) ([]noticeDoc, error) { return notices, nil },
		bson.E{Key: "lease_owner", Value: ""}, bson.E{Key: "lease_until", Value: epoch})
	if cases.ErrorCode(err) == cases.ECONFLICT {
		return nil // not owner's
	}
	return err
}

// DoneNotice removes a delivered notice, if owner holds its lease.
func (s *Store) DoneNotice(ctx context.Context, caseID, noticeID, owner string) error {
	if caseID == "" {
		return s.doneGlobal(ctx, noticeID, owner)
	}
	return s.rewrite(ctx, caseID, owner, func(notices []noticeDoc) ([]noticeDoc, error) {
		out := notices[:0:0]
		for _, n := range notices {
			if n.ID != noticeID {
				out = append(out, n)
			}
		}
		return out, nil
	})
}

// DeferNotice records a failed delivery and when to try again, if owner
// holds the notice's lease.
func (s *Store) DeferNotice(ctx context.Context, caseID, noticeID, owner string, next time.Time, attempts int) error {
	if caseID == "" {
		return s.deferGlobal(ctx, noticeID, owner, next, attempts)
	}
	return s.rewrite(ctx, caseID, owner, func(notices []noticeDoc) ([]noticeDoc, error) {
		for i := range notices {
			if notices[i].ID == noticeID {
				notices[i].NextTry, notices[i].Attempts = next, attempts
				return notices, nil
			}
		}
		return nil, cases.Errorf(cases.ECONFLICT, "%s has no pending notice %s", caseID, noticeID)
	})
}

// rewrite replaces the notices of case id, which owner must lease, with
// what change makes of them, together with the fields in also, and sets
// when the first may be tried. It reads the case and writes it back on the
// condition that no notices were appended meanwhile, reading it again
// when some were.
func (s *Store) rewrite(ctx context.Context, id, owner string, change func([]noticeDoc) ([]noticeDoc, error), also ...bson.E) error {
	for {
		var doc caseDoc
		err := s.cases.FindOne(ctx, bson.D{{Key: "_id", Value: id}, {Key: "lease_owner", Value: owner}}).Decode(&doc)
		if errors.Is(err, mongo.ErrNoDocuments) {
			return cases.Errorf(cases.ECONFLICT, "the notices of %s are not leased to %s", id, owner)
		} else if err != nil {
			return fmt.Errorf("rewrite the notices of %s: %w", id, err)
		}
		notices, err := change(doc.Outbox.Notices)
		if err != nil {
			return err
		}
		due := cases.Never
		if len(notices) > 0 {
			due = notices[0].NextTry
		}
		set := append(bson.D{{Key: "notices", Value: notices}, {Key: "notice_due", Value: due}}, also...)
		res, err := s.updateOne(ctx, bson.D{{Key: "_id", Value: id}, {Key: "lease_owner", Value: owner}, {Key: "appends", Value: doc.Outbox.Appends}},
			bson.D{{Key: "$set", Value: set}})
		if err != nil {
			return fmt.Errorf("rewrite the notices of %s: %w", id, err)
		}
		if res.MatchedCount == 1 {
			return nil
		}
	}
}

// updateOne runs UpdateOne on the cases under the FerretDB write lock.
func (s *Store) updateOne(ctx context.Context, filter, update bson.D) (*mongo.UpdateResult, error) {
	return s.updateIn(ctx, s.cases, filter, update)
}

// updateIn runs UpdateOne on coll under the FerretDB write lock.
func (s *Store) updateIn(ctx context.Context, coll *mongo.Collection, filter, update bson.D) (*mongo.UpdateResult, error) {
	wctx, unlock, err := s.lockWrites(ctx)
	if err != nil {
		return nil, err
	}
	defer unlock()
	return coll.UpdateOne(wctx, filter, update)
}

// SetThread records ref as the reference of case id's thread on platform.
func (s *Store) SetThread(ctx context.Context, id, platform, ref string) error {
	res, err := s.updateOne(ctx, bson.D{{Key: "_id", Value: id}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "threads." + platform, Value: ref}}}})
	switch {
	case err != nil:
		return fmt.Errorf("record the %s thread of %s: %w", platform, id, err)
	case res.MatchedCount == 0:
		return cases.Errorf(cases.ENOTFOUND, "there is no case %s", id)
	}
	return nil
}

// Waking returns the cases whose wake-up time is at or before now, at most
// limit of them, in ID order after the ID after.
func (s *Store) Waking(ctx context.Context, now time.Time, after string, limit int) ([]*cases.Case, error) {
	if limit <= 0 { // MongoDB reads a limit of 0 as none
		return nil, nil
	}
	cur, err := s.cases.Find(ctx, bson.D{
		{Key: "wake", Value: bson.D{{Key: "$lte", Value: now}}},
		{Key: "_id", Value: bson.D{{Key: "$gt", Value: after}}},
	}, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(int64(limit)))
	if err != nil {
		return nil, fmt.Errorf("find the cases due: %w", err)
	}
	var docs []caseDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("find the cases due: %w", err)
	}
	return mapSlice(docs, func(d caseDoc) *cases.Case { return fromDoc(&d) }), nil
}
