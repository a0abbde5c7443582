// Package mongotest gives tests a real store: the MongoDB named by
// OMBUD_TEST_MONGODB_URI or, when it is unset, one embedded FerretDB per test
// binary, with a database of its own for every test.
//
// A test package that uses it runs its tests through Main:
//
//	func TestMain(m *testing.M) { os.Exit(mongotest.Main(m)) }
package mongotest

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync/atomic"
	"testing"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/ombud/ombud/cases/mongostore"
)

// serverURI names the server every test of this binary uses; admin is a
// client of it that drops the tests' databases.
var (
	serverURI string
	admin     *mongo.Client
	dbSeq     atomic.Int64
)

// Main starts the server the tests use, runs them, stops the server and
// returns the exit code for os.Exit.
func Main(m *testing.M) int {
	ctx := context.Background()
	serverURI = os.Getenv("OMBUD_TEST_MONGODB_URI")
	if serverURI == "" {
		dir, err := os.MkdirTemp("", "ombud-test-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		e, err := mongostore.StartEmbedded(ctx, dir, Quiet())
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer e.Close() // runs after admin disconnects, below
		serverURI = e.URI()
	}
	var err error
	if admin, err = mongo.Connect(options.Client().ApplyURI(serverURI)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer admin.Disconnect(ctx)
	return m.Run()
}

// Quiet returns a logger that discards everything.
func Quiet() *slog.Logger { return slog.New(slog.DiscardHandler) }

// MustStore opens a Store on a database of its own, which is closed and
// dropped when the test ends.
func MustStore(tb testing.TB) *mongostore.Store {
	tb.Helper()
	if admin == nil {
		tb.Fatal("mongotest: run the tests through mongotest.Main in TestMain")
	}
	ctx := context.Background()
	name := fmt.Sprintf("ombudtest_%d_%d", os.Getpid(), dbSeq.Add(1))
	s, err := mongostore.Open(ctx, serverURI, name, Quiet())
	if err != nil {
		tb.Fatalf("open store: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(ctx); err != nil {
			tb.Errorf("close store: %v", err)
		}
		if err := admin.Database(name).Drop(ctx); err != nil {
			tb.Errorf("drop %s: %v", name, err)
		}
	})
	return s
}
