package mongostore

import (
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/ombud/ombud/cases"
)

// Collections names the collections of an ombud database: its cases,
// counters, policy snapshots and notices about no case.
var Collections = struct{ Cases, Counters, Policies, Notices string }{"cases", "counters", "policies", "notices"}

// DecodeCase decodes a document of the cases collection, as read from the
// server or from its files. A case an ombud before the scheduler stored,
// with no wake-up time, wakes at the epoch unless it is closed, so that the
// first sweep reads it once and sets it.
func DecodeCase(raw bson.Raw) (*cases.Case, error) {
	var doc caseDoc
	if err := bson.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("decode case: %w", err)
	}
	c := fromDoc(&doc)
	if _, err := raw.LookupErr("wake"); err != nil && c.Status != cases.StatusClosed {
		c.Wake = epoch
	}
	return c, nil
}

// DecodeCounter decodes a document of the counters collection into the
// counter's key and value.
func DecodeCounter(raw bson.Raw) (string, int, error) {
	var doc struct {
		Key string `bson:"_id"`
		Seq int    `bson:"seq"`
	}
	if err := bson.Unmarshal(raw, &doc); err != nil {
		return "", 0, fmt.Errorf("decode counter: %w", err)
	}
	return doc.Key, doc.Seq, nil
}

// DecodePolicy decodes a document of the policies collection.
func DecodePolicy(raw bson.Raw) (cases.PolicySnapshot, error) {
	var doc policyDoc
	if err := bson.Unmarshal(raw, &doc); err != nil {
		return cases.PolicySnapshot{}, fmt.Errorf("decode policy: %w", err)
	}
	return cases.PolicySnapshot(doc), nil
}
