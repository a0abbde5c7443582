package slack_test

import (
	"os"
	"testing"

	"github.com/ombud/ombud/cases/mongostore/mongotest"
)

func TestMain(m *testing.M) { os.Exit(mongotest.Main(m)) }
