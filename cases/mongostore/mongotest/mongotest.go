// Package mongotest gives tests of the MongoDB store real servers: an
// embedded FerretDB per test binary, always, and the MongoDB named by
// OMBUD_TEST_MONGODB_URI when it is set, with a database of its own for
// every test.
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

// Server is a server the tests run on.
type Server struct {
	Name  string // "ferretdb" or "mongodb"
	URI   string
	admin *mongo.Client // drops the tests' databases
}

var (
	servers []*Server
	dbSeq   atomic.Int64
)

// Main starts the embedded FerretDB, connects to the MongoDB named by
// OMBUD_TEST_MONGODB_URI if any, runs the tests, stops the servers and
// returns the exit code for os.Exit.
func Main(m *testing.M) int {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "ombud-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	e, err := StartEmbedded(ctx, dir, Quiet())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer e.Close() // runs after the clients disconnect, below
	uris := []*Server{{Name: "ferretdb", URI: e.URI()}}
	if uri := os.Getenv("OMBUD_TEST_MONGODB_URI"); uri != "" {
		uris = append(uris, &Server{Name: "mongodb", URI: uri})
	}
	for _, s := range uris {
		if s.admin, err = mongo.Connect(options.Client().ApplyURI(s.URI)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer s.admin.Disconnect(ctx)
	}
	servers = uris
	return m.Run()
}

// Servers returns the servers the tests run on: FerretDB first.
func Servers() []*Server { return servers }

// Quiet returns a logger that discards everything.
func Quiet() *slog.Logger { return slog.New(slog.DiscardHandler) }

// MustStore opens a Store on a database of its own on the embedded
// FerretDB.
func MustStore(tb testing.TB) *mongostore.Store {
	tb.Helper()
	if len(servers) == 0 {
		tb.Fatal("mongotest: run the tests through mongotest.Main in TestMain")
	}
	return servers[0].MustStore(tb)
}

// MustStore opens a Store on a database of its own on s, which is closed
// and dropped when the test ends.
func (s *Server) MustStore(tb testing.TB) *mongostore.Store {
	tb.Helper()
	return s.MustStores(tb, 1)[0]
}

// Database returns the name of a database of the test's own on s, new to
// this process and every earlier one, which is dropped when the test ends.
func (s *Server) Database(tb testing.TB) string {
	name := fmt.Sprintf("ombudtest_%d_%d", os.Getpid(), dbSeq.Add(1))
	tb.Cleanup(func() {
		if err := s.admin.Database(name).Drop(context.Background()); err != nil {
			tb.Errorf("drop %s: %v", name, err)
		}
	})
	return name
}

// MustStores opens n Stores, each with a client of its own, as n ombud
// processes would, on one database of their own on s, which is dropped
// when the test ends.
func (s *Server) MustStores(tb testing.TB, n int) []*mongostore.Store {
	tb.Helper()
	ctx := context.Background()
	name := s.Database(tb)
	out := make([]*mongostore.Store, n)
	for i := range out {
		st, err := mongostore.Open(ctx, s.URI, name, Quiet())
		if err != nil {
			tb.Fatalf("open store: %v", err)
		}
		tb.Cleanup(func() {
			if err := st.Close(ctx); err != nil {
				tb.Errorf("close store: %v", err)
			}
		})
		out[i] = st
	}
	return out
}
