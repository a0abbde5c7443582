package mongostore_test

import (
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/mongostore"
)

// TestEarlierOutcomes decodes cases an earlier release stored with the
// outcomes it called partly-upheld and not-upheld as partly and rejected.
func TestEarlierOutcomes(t *testing.T) {
	for stored, want := range map[string]cases.Outcome{
		"partly-upheld": cases.OutcomePartly, "not-upheld": cases.OutcomeRejected, "upheld": cases.OutcomeUpheld,
	} {
		raw, err := bson.Marshal(bson.D{{Key: "_id", Value: "C-2026-0042"}, {Key: "status", Value: "closed"},
			{Key: "resolution", Value: bson.D{{Key: "outcome", Value: stored}}}})
		if err != nil {
			t.Fatal(err)
		}
		c, err := mongostore.DecodeCase(raw)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.Resolution.Outcome; got != want {
			t.Errorf("outcome stored as %q reads as %q, want %q", stored, got, want)
		}
	}
}
