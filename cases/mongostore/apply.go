package mongostore

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/ombud/ombud/cases"
)

// Apply writes ch.Case in place of the stored case and appends ch.Event to
// its timeline in one conditional write, if the stored case still meets the
// change's preconditions. Otherwise it reads the case once and returns it with
// an ECONFLICT error, or returns ENOTFOUND if the case is gone.
func (s *Store) Apply(ctx context.Context, ch cases.Change) (*cases.Case, error) {
	id := ch.Case.ID
	update := bson.D{{Key: "$set", Value: toFields(ch.Case)}}
	var push bson.D
	if !ch.Event.At.IsZero() {
		push = append(push, bson.E{Key: "timeline", Value: toEvent(ch.Event)})
	}
	if len(ch.Notices) > 0 {
		push = append(push, bson.E{Key: "notices", Value: bson.D{{Key: "$each", Value: mapSlice(ch.Notices, toNotice)}}})
		update = append(update,
			bson.E{Key: "$min", Value: bson.D{{Key: "notice_due", Value: ch.Notices[0].NextTry}}},
			bson.E{Key: "$inc", Value: bson.D{{Key: "appends", Value: 1}}})
	}
	if len(push) > 0 {
		update = append(update, bson.E{Key: "$push", Value: push})
	}
	wctx, unlock, err := s.lockWrites(ctx)
	if err != nil {
		return nil, fmt.Errorf("apply %s: %w", id, err)
	}
	var doc caseDoc
	err = s.cases.FindOneAndUpdate(wctx, applyFilter(ch), update,
		options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&doc)
	unlock()
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		cur, err := s.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		return cur, cases.Errorf(cases.ECONFLICT, "%s changed while you were working on it; try again", id)
	case err != nil:
		return nil, fmt.Errorf("apply %s: %w", id, err)
	}
	return fromDoc(&doc), nil
}

// applyFilter is the precondition of ch as a filter. The independence
// conditions use the flat arrays: on FerretDB a condition on a path into the
// array of involvement sub-documents silently matches the wrong cases.
func applyFilter(ch cases.Change) bson.D {
	f := bson.D{
		{Key: "_id", Value: ch.Case.ID},
		{Key: "version", Value: ch.ExpectVersion},
		{Key: "status", Value: ch.ExpectStatus},
	}
	var not bson.A
	for _, k := range ch.NotInvolved {
		not = append(not, bson.D{{Key: "involved_ids", Value: bson.D{{Key: "$ne", Value: k}}}})
	}
	for _, k := range ch.NotTeams {
		not = append(not, bson.D{{Key: "involved_teams", Value: bson.D{{Key: "$ne", Value: k}}}})
	}
	if len(not) > 0 {
		f = append(f, bson.E{Key: "$and", Value: not})
	}
	return f
}
