package mongostore

import (
	"context"
	"log/slog"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/event"
)

// Prepare creates the indexes again, as Open does on a database that has them.
func (s *Store) Prepare(ctx context.Context) error { return s.prepare(ctx) }

// OpenMonitored is Open with a command monitor on the client.
func OpenMonitored(ctx context.Context, uri, database string, logger *slog.Logger, m *event.CommandMonitor) (*Store, error) {
	return open(ctx, clientOptions(uri).SetMonitor(m), database, logger)
}

// WritesLocked reports whether a write holds the FerretDB write lock.
func WritesLocked() bool { return len(ferretWrites) > 0 }

// IndexKeys returns the keys of every index of the cases collection.
func (s *Store) IndexKeys(ctx context.Context) ([]bson.D, error) {
	cur, err := s.cases.Indexes().List(ctx)
	if err != nil {
		return nil, err
	}
	var specs []struct {
		Key bson.D `bson:"key"`
	}
	if err := cur.All(ctx, &specs); err != nil {
		return nil, err
	}
	keys := make([]bson.D, len(specs))
	for i, spec := range specs {
		keys[i] = spec.Key
	}
	return keys, nil
}
