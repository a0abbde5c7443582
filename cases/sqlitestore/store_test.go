package sqlitestore_test

import (
	"testing"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
	"github.com/ombud/ombud/cases/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) cases.Store { return sqlitetest.MustStore(t) })
}
