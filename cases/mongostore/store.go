// Package mongostore keeps cases in MongoDB, or in anything that speaks its
// protocol within the portable subset, such as FerretDB and DocumentDB. It
// is the store for teams that run several ombud processes or outgrow one
// machine; the embedded default is cases/sqlitestore.
//
// Every change is one conditional single-document write (an update or
// findAndModify whose filter holds the change's preconditions), atomic on
// MongoDB. On FerretDB, which does not run those atomically, the Store also
// serialises its writes within the process, so a FerretDB server must have
// one ombud process as its client.
package mongostore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/ombud/ombud/cases"
)

// Store is a cases.Store on MongoDB (or FerretDB, or DocumentDB).
type Store struct {
	client     *mongo.Client
	cases      *mongo.Collection
	counters   *mongo.Collection
	policies   *mongo.Collection
	notices    *mongo.Collection // notices about no case
	onFerretDB bool              // serialise writes; see ferretWrites
}

var _ cases.Store = (*Store)(nil)

// Open connects to the server at uri, checks that it answers, and prepares
// the indexes of database. Close the Store when done.
func Open(ctx context.Context, uri, database string, logger *slog.Logger) (*Store, error) {
	return open(ctx, clientOptions(uri), database, logger)
}

// clientOptions returns the options of a client of the server at uri.
func clientOptions(uri string) *options.ClientOptions {
	return options.Client().ApplyURI(uri).
		// Empty slices are stored as [], never null, so that $push
		// works on a timeline that is still empty.
		SetBSONOptions(&options.BSONOptions{NilSliceAsEmpty: true})
}

// open is Open with the client options given.
func open(ctx context.Context, opts *options.ClientOptions, database string, logger *slog.Logger) (*Store, error) {
	client, err := mongo.Connect(opts)
	if err != nil {
		return nil, fmt.Errorf("open case store: %w", err)
	}
	db := client.Database(database)
	s := &Store{client: client, cases: db.Collection(Collections.Cases), counters: db.Collection(Collections.Counters),
		policies: db.Collection(Collections.Policies), notices: db.Collection(Collections.Notices)}
	if err := s.prepare(ctx); err != nil {
		_ = client.Disconnect(ctx)
		return nil, fmt.Errorf("open case store %s: %w", database, err)
	}
	logger.InfoContext(ctx, "opened the case store",
		slog.String("database", database), slog.Bool("ferretdb", s.onFerretDB))
	if s.onFerretDB {
		logger.WarnContext(ctx, "MONGODB_URI names a FerretDB server, whose conditional writes are not atomic: "+
			"ombud serialises its own writes, but several ombud processes must not share this server; "+
			"run one ombud on it, or use a MongoDB replica set or the embedded store",
			slog.String("database", database))
	}
	return s, nil
}

// prepare checks that the server answers, notes whether it is FerretDB, and
// creates the indexes, which is a no-op for indexes that exist. It creates
// them one at a time: FerretDB v1.24 panics, and drops the connection, when
// one createIndexes names two or more indexes that already exist.
func (s *Store) prepare(ctx context.Context) error {
	var err error
	if s.onFerretDB, err = isFerretDB(ctx, s.cases.Database()); err != nil {
		return err
	}
	for _, keys := range caseIndexes {
		if _, err := s.cases.Indexes().CreateOne(ctx, mongo.IndexModel{Keys: keys}); err != nil {
			return err
		}
	}
	if _, err := s.notices.Indexes().CreateOne(ctx, mongo.IndexModel{Keys: bson.D{{Key: "done", Value: 1}, {Key: "next_try", Value: 1}}}); err != nil {
		return err
	}
	return s.addOutbox(ctx)
}

// addOutbox gives the cases stored by an ombud before the outbox what it
// needs: no notices and no lease, and, unless closed, a wake-up time of the
// epoch, so that the first sweep reads each once and sets it.
func (s *Store) addOutbox(ctx context.Context) error {
	wctx, unlock, err := s.lockWrites(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	missing := func(field string) bson.D { return bson.D{{Key: field, Value: bson.D{{Key: "$exists", Value: false}}}} }
	if _, err := s.cases.UpdateMany(wctx, missing("lease_until"), bson.D{{Key: "$set", Value: bson.D{
		{Key: "notice_due", Value: cases.Never}, {Key: "lease_owner", Value: ""}, {Key: "lease_until", Value: epoch}, {Key: "appends", Value: 0},
	}}}); err != nil {
		return fmt.Errorf("add the outbox: %w", err)
	}
	open := append(missing("wake"), bson.E{Key: "status", Value: bson.D{{Key: "$ne", Value: cases.StatusClosed}}})
	if _, err := s.cases.UpdateMany(wctx, open, bson.D{{Key: "$set", Value: bson.D{{Key: "wake", Value: epoch}}}}); err != nil {
		return fmt.Errorf("add wake-up times: %w", err)
	}
	return nil
}

// caseIndexes are the indexes of the cases collection besides _id: one per
// field List filters on, one per time summaries filter on, and one in the
// order List sorts, so that a MongoDB returns the first cases of a listing
// without sorting them all.
var caseIndexes = []bson.D{
	{{Key: "status", Value: 1}},
	{{Key: "people", Value: 1}},
	{{Key: "next_due", Value: 1}},
	{{Key: "received_at", Value: 1}},
	{{Key: "wake", Value: 1}},
	{{Key: "notice_due", Value: 1}},
	{{Key: "figures.closed_at", Value: 1}},
	{{Key: "figures.obligation_due", Value: 1}},
	listSort,
}

// listSort is List's order: earliest next deadline first, cases with none
// last, in ID order.
var listSort = bson.D{{Key: "no_due", Value: 1}, {Key: "next_due", Value: 1}, {Key: "_id", Value: 1}}

// Ping reports whether the server answers, for ombud's readiness check.
func (s *Store) Ping(ctx context.Context) error { return s.client.Ping(ctx, nil) }

// Close disconnects from the server.
func (s *Store) Close(ctx context.Context) error {
	return s.client.Disconnect(ctx)
}

// NextSequence increments the counter named key and returns its new value,
// starting at 1.
func (s *Store) NextSequence(ctx context.Context, key string) (int, error) {
	wctx, unlock, err := s.lockWrites(ctx)
	if err != nil {
		return 0, fmt.Errorf("next %s sequence: %w", key, err)
	}
	defer unlock()
	seq, err := retryDuplicate(func() (int, error) { return s.incrementCounter(wctx, key) })
	if err != nil {
		return 0, fmt.Errorf("next %s sequence: %w", key, err)
	}
	return seq, nil
}

// incrementCounter increments the counter named key, creating it at 1.
func (s *Store) incrementCounter(ctx context.Context, key string) (int, error) {
	var doc struct {
		Seq int `bson:"seq"`
	}
	err := s.counters.FindOneAndUpdate(ctx, bson.D{{Key: "_id", Value: key}},
		bson.D{{Key: "$inc", Value: bson.D{{Key: "seq", Value: 1}}}},
		options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After),
	).Decode(&doc)
	return doc.Seq, err
}

// retryDuplicate calls upsert, and once more if it fails with a duplicate
// key. Two upserts of a document that does not exist yet can both find none
// and both insert it; on MongoDB the second then fails with a duplicate key,
// and a retry finds the document and updates it. (On FerretDB the write lock
// keeps them apart.)
func retryDuplicate(upsert func() (int, error)) (int, error) {
	n, err := upsert()
	if mongo.IsDuplicateKeyError(err) {
		n, err = upsert()
	}
	return n, err
}

// Create stores a new case. It returns ECONFLICT if the ID is taken.
func (s *Store) Create(ctx context.Context, c *cases.Case) error {
	_, err := s.cases.InsertOne(ctx, toDoc(c))
	switch {
	case mongo.IsDuplicateKeyError(err):
		return cases.Errorf(cases.ECONFLICT, "case %s already exists", c.ID)
	case err != nil:
		return fmt.Errorf("create %s: %w", c.ID, err)
	}
	return nil
}

// Get returns the case with the given ID, or ENOTFOUND.
func (s *Store) Get(ctx context.Context, id string) (*cases.Case, error) {
	var doc caseDoc
	err := s.cases.FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&doc)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return nil, cases.Errorf(cases.ENOTFOUND,
			"there is no case %s; check the ID (it looks like C-2026-0042)", id)
	case err != nil:
		return nil, fmt.Errorf("get %s: %w", id, err)
	}
	return fromDoc(&doc), nil
}

// List returns the cases matching q, earliest next deadline first; cases
// with no pending deadline come last, in ID order.
func (s *Store) List(ctx context.Context, q cases.Query) ([]*cases.Case, error) {
	opts := options.Find().SetSort(listSort)
	if q.Limit > 0 {
		opts.SetLimit(int64(q.Limit))
	}
	cur, err := s.cases.Find(ctx, listFilter(q), opts)
	if err != nil {
		return nil, fmt.Errorf("list cases: %w", err)
	}
	var docs []caseDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("list cases: %w", err)
	}
	return mapSlice(docs, func(d caseDoc) *cases.Case { return fromDoc(&d) }), nil
}

// listFilter translates the non-zero fields of q into a filter.
func listFilter(q cases.Query) bson.D {
	f := bson.D{}
	if len(q.Statuses) > 0 {
		f = append(f, bson.E{Key: "status", Value: bson.D{{Key: "$in", Value: q.Statuses}}})
	}
	if q.Person != "" {
		f = append(f, bson.E{Key: "people", Value: q.Person}) // matches either element
	}
	if !q.DueBefore.IsZero() {
		// A date comparison never matches the null of a case with no
		// pending deadline.
		f = append(f, bson.E{Key: "next_due", Value: bson.D{{Key: "$lte", Value: q.DueBefore}}})
	}
	if received := timeRange(q.ReceivedFrom, q.ReceivedTo); len(received) > 0 {
		f = append(f, bson.E{Key: "received_at", Value: received})
	}
	return f
}

// Count returns how many cases match q, ignoring q.Limit.
func (s *Store) Count(ctx context.Context, q cases.Query) (int, error) {
	n, err := s.cases.CountDocuments(ctx, listFilter(q))
	if err != nil {
		return 0, fmt.Errorf("count cases: %w", err)
	}
	return int(n), nil
}

// policyDoc is a policy snapshot as stored in the policies collection.
type policyDoc struct {
	Ref  string `bson:"_id"`
	Name string `bson:"name"`
	Data []byte `bson:"data"`
}

// PutPolicy keeps a policy snapshot under its Ref; a Ref already kept
// stays as it is.
func (s *Store) PutPolicy(ctx context.Context, p cases.PolicySnapshot) error {
	_, err := s.policies.InsertOne(ctx, policyDoc(p))
	if err != nil && !mongo.IsDuplicateKeyError(err) {
		return fmt.Errorf("keep policy %s: %w", p.Name, err)
	}
	return nil
}

// GetPolicy returns the policy snapshot kept under ref, or ENOTFOUND.
func (s *Store) GetPolicy(ctx context.Context, ref string) (cases.PolicySnapshot, error) {
	var doc policyDoc
	err := s.policies.FindOne(ctx, bson.D{{Key: "_id", Value: ref}}).Decode(&doc)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return cases.PolicySnapshot{Ref: ref}, cases.Errorf(cases.ENOTFOUND, "no policy %s is kept", ref)
	case err != nil:
		return cases.PolicySnapshot{Ref: ref}, fmt.Errorf("get policy %s: %w", ref, err)
	}
	return cases.PolicySnapshot(doc), nil
}
