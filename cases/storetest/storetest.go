// Package storetest is the conformance suite every cases.Store passes: the
// SQLite store, and the MongoDB store on FerretDB and on MongoDB. Each store's
// tests call Run with a function that opens an empty store.
//
// To add a test for a new query or write, write a func(*testing.T, Open) in
// this package and list it in suite.
package storetest

import (
	"testing"

	"github.com/ombud/ombud/cases"
)

// Open returns a new, empty store, closed when t ends.
type Open func(t *testing.T) cases.Store

// suite lists the conformance tests, each run as a subtest of Run.
var suite = []struct {
	name string
	run  func(*testing.T, Open)
}{
	{"RoundTrip", testRoundTrip},
	{"TimesInMilliseconds", testTimesInMilliseconds},
	{"EmptySlices", testEmptySlices},
	{"CreateDuplicate", testCreateDuplicate},
	{"GetMissing", testGetMissing},
	{"NextSequence", testNextSequence},
	{"NextSequenceConcurrent", testNextSequenceConcurrent},
	{"Apply", testApply},
	{"ApplyEmptyTimeline", testApplyEmptyTimeline},
	{"ApplyKeepsTimelineOrder", testApplyKeepsTimelineOrder},
	{"ApplyRefused", testApplyRefused},
	{"ApplyIndependenceAllows", testApplyIndependenceAllows},
	{"ConcurrentClaim", testConcurrentClaim},
	{"List", testList},
	{"Count", testCount},
	{"ListAfterApply", testListAfterApply},
	{"Similar", testSimilar},
	{"Policies", testPolicies},
	{"Tally", testTally},
	{"TallyAfterApply", testTallyAfterApply},
	{"Figures", testFigures},
	{"Scan", testScan},
	{"PutFigures", testPutFigures},
	{"Ping", testPing},
	{"AppendNotices", testAppendNotices},
	{"AppendAfterDelivery", testAppendAfterDelivery},
	{"ConcurrentAppendAndDone", testConcurrentAppendAndDone},
	{"ApplyWithoutEvent", testApplyWithoutEvent},
	{"LeaseNotices", testLeaseNotices},
	{"DoneNotice", testDoneNotice},
	{"DeferNotice", testDeferNotice},
	{"DeferHoldsNewNotices", testDeferHoldsNewNotices},
	{"LeaseCase", testLeaseCase},
	{"ConcurrentLease", testConcurrentLease},
	{"Threads", testThreads},
	{"GlobalNotices", testGlobalNotices},
	{"OutboxStats", testOutboxStats},
	{"Waking", testWaking},
	{"LimitZero", testLimitZero},
}

// Run runs the conformance suite on the stores open returns, each test on a
// store of its own.
func Run(t *testing.T, open Open) {
	for _, tt := range suite {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, open) })
	}
}
