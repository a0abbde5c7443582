package mongostore_test

import (
	"os"
	"testing"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/mongostore/mongotest"
	"github.com/ombud/ombud/cases/storetest"
)

// TestMain runs the tests against an embedded FerretDB and, when
// OMBUD_TEST_MONGODB_URI names one, a MongoDB.
func TestMain(m *testing.M) { os.Exit(mongotest.Main(m)) }

// TestConformance runs the store suite on every server.
func TestConformance(t *testing.T) {
	for _, srv := range mongotest.Servers() {
		t.Run(srv.Name, func(t *testing.T) {
			storetest.Run(t, func(t *testing.T) cases.Store { return srv.MustStore(t) })
		})
	}
}
