package mongostore

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// ferretWrites serialises the conditional writes (Apply, NextSequence, the
// outbox's leases and deliveries, threads, figures and policy snapshots) of
// every Store in this process that runs on FerretDB.
//
// FerretDB v1 executes findAndModify as a query followed by a separate write
// by _id, not atomically: two concurrent FindOneAndUpdate calls can both read
// the old version, both pass the filter and both write. Without this lock 6
// of 50 concurrent claims of one case won, and concurrent NextSequence calls
// returned the same number twice. With one ombud process as the server's
// only client (the tests' embedded FerretDB, or a server ombud warns about
// at start), a process-wide lock makes the writes correct; several ombud
// processes sharing one FerretDB server are not protected.
var ferretWrites = make(chan struct{}, 1)

// lockWrites takes the FerretDB write lock when s runs on FerretDB, waiting
// no longer than ctx allows, and returns the context to write with and the
// function that releases the lock.
//
// On FerretDB that context is not cancelled with ctx: a write the driver
// gave up on may still be running in the server, and releasing the lock
// then would let the next write run beside it. So once it holds the lock a
// write runs until the server answers.
func (s *Store) lockWrites(ctx context.Context) (context.Context, func(), error) {
	if !s.onFerretDB {
		return ctx, func() {}, nil
	}
	select {
	case ferretWrites <- struct{}{}:
		return context.WithoutCancel(ctx), func() { <-ferretWrites }, nil
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
}

// isFerretDB asks the server for its build information, which also checks
// that it answers, and reports whether it is FerretDB.
func isFerretDB(ctx context.Context, db *mongo.Database) (bool, error) {
	var info struct {
		FerretDBVersion string `bson:"ferretdbVersion"`
	}
	err := db.RunCommand(ctx, bson.D{{Key: "buildInfo", Value: 1}}).Decode(&info)
	return info.FerretDBVersion != "", err
}
