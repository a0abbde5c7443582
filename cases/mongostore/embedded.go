package mongostore

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sync"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// newMu guards ferretdb.New, which writes a package-level variable of
// FerretDB's and so races when two instances start at once.
var newMu sync.Mutex

// Embedded is an in-process FerretDB with the SQLite backend, the single-node
// default. It suits trying ombud and small teams; production runs on a MongoDB
// replica set.
type Embedded struct {
	uri    string
	cancel context.CancelFunc
	done   chan struct{}
}

// StartEmbedded starts an embedded FerretDB that keeps its data in dir,
// creating dir if it is missing, and listens on a free port of 127.0.0.1.
// Connect to it with Open(ctx, e.URI(), ...). ctx bounds the start only;
// the server runs until Close.
func StartEmbedded(ctx context.Context, dir string, logger *slog.Logger) (*Embedded, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("start embedded FerretDB: %w", err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("start embedded FerretDB: %w", err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return nil, fmt.Errorf("start embedded FerretDB: %w", err)
	}
	f, err := newFerretDB(abs)
	if err != nil {
		return nil, fmt.Errorf("start embedded FerretDB in %s: %w", abs, err)
	}

	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	e := &Embedded{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(e.done)
		_ = f.Run(runCtx) // always nil; it returns when runCtx is cancelled
	}()
	// New has already bound the TCP listener (FerretDB v1.24 listens in New,
	// not in Run), so MongoDBURI does not block and connections made from
	// now on queue until Run accepts them.
	e.uri = f.MongoDBURI()

	logger.InfoContext(ctx, "using the embedded single-node store (FerretDB on SQLite); use MongoDB for production",
		slog.String("data_dir", abs))
	return e, nil
}

// newFerretDB constructs a FerretDB on the SQLite directory dir. Its own log
// is discarded: it is verbose, and at some levels it may quote documents,
// which hold complainants' contact details.
func newFerretDB(dir string) (*ferretdb.FerretDB, error) {
	newMu.Lock()
	defer newMu.Unlock()
	return ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: "127.0.0.1:0"},
		Logger:    slog.New(slog.DiscardHandler),
		Handler:   "sqlite",
		SQLiteURL: (&url.URL{Scheme: "file", Path: dir + "/"}).String(),
	})
}

// URI returns the MongoDB connection string of the embedded server.
func (e *Embedded) URI() string { return e.uri }

// Close stops the server and waits until it has stopped. Callers disconnect
// their clients first: FerretDB gives connected clients three seconds before
// it drops them.
func (e *Embedded) Close() {
	e.cancel()
	<-e.done
}
