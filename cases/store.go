package cases

import (
	"context"
	"time"
)

// Store keeps cases. Every change is one conditional write: the store applies
// it only if the case still matches the change's preconditions, so concurrent
// changes never overwrite each other.
type Store interface {
	// NextSequence increments the counter named key and returns its new
	// value, starting at 1.
	NextSequence(ctx context.Context, key string) (int, error)

	// Create stores a new case, with its notices and threads. It returns
	// ECONFLICT if the ID is taken.
	Create(ctx context.Context, c *Case) error

	// Get returns the case with the given ID, or ENOTFOUND.
	Get(ctx context.Context, id string) (*Case, error)

	// Apply writes ch.Case in place of the stored case and appends ch.Event
	// to its timeline and ch.Notices to its notices, in one write, if the stored case still has version
	// ch.ExpectVersion and status ch.ExpectStatus, and none of the
	// involvement keys in ch.NotInvolved is among its InvolvedKeys nor any
	// in ch.NotTeams among its InvolvedTeams. It returns the case as written.
	//
	// When a precondition does not hold it reads the case once and returns
	// it together with an ECONFLICT error, so the caller can say why; it
	// returns ENOTFOUND if the case is gone.
	Apply(ctx context.Context, ch Change) (*Case, error)

	// List returns the cases matching q, earliest next deadline first;
	// cases with no pending deadline come last, in ID order.
	List(ctx context.Context, q Query) ([]*Case, error)

	// Count returns how many cases match q, ignoring q.Limit.
	Count(ctx context.Context, q Query) (int, error)

	// Similar returns the cases received at or after q.Since whose
	// complainant's contact and whose subject both equal q's, as Fold
	// compares them, the most recently received first, at most q.Limit of
	// them (all when 0). It returns none when q's contact or subject is
	// blank.
	Similar(ctx context.Context, q SimilarQuery) ([]*Case, error)

	// PutPolicy keeps a policy snapshot under its Ref. Putting a Ref that is
	// already kept changes nothing.
	PutPolicy(ctx context.Context, p PolicySnapshot) error

	// GetPolicy returns the policy snapshot kept under ref, or ENOTFOUND.
	GetPolicy(ctx context.Context, ref string) (PolicySnapshot, error)

	// Ping reports whether the store answers, for ombud's readiness check.
	Ping(ctx context.Context) error

	// Tally counts the cases matching f, grouped by the figures in by:
	// one row for each combination of their values that occurs, in no
	// particular order, and none when no case matches. With no figures
	// it counts every case matching f, in one row.
	Tally(ctx context.Context, f FigureFilter, by ...Figure) ([]Tally, error)

	// Figures returns the figures of the cases matching f, in the given
	// order, at most limit of them (all when limit is 0). It reads the
	// figures alone, never whole cases.
	Figures(ctx context.Context, f FigureFilter, order FigureOrder, limit int) ([]CaseFigures, error)

	// Scan calls fn with each case matching q, in ID order, without its
	// timeline, reading a few at a time; it stops at fn's first error
	// and returns it. q.Limit is ignored.
	Scan(ctx context.Context, q Query, fn func(*Case) error) error

	// PutFigures sets the figures of case id to f if its version is still
	// version, and returns ECONFLICT if it is not, ENOTFOUND if the case
	// is gone. Its timeline and version stay as they are.
	PutFigures(ctx context.Context, id string, version int, f Figures) error

	// Waking returns the open cases whose Wake is at or before now, at
	// most limit of them, in ID order, starting after the ID after ("" to
	// start at the first). Cases that never wake are never read.
	Waking(ctx context.Context, now time.Time, after string, limit int) ([]*Case, error)

	Outbox
}

// Outbox is the part of a Store that keeps notices until a platform has
// taken them. A dispatcher leases a case's notices (a conditional write
// naming it and an expiry), delivers them in order, and removes each with
// DoneNotice; a lease that expires (a dispatcher that died) lets another
// take them over. Notices about no case (the weekly digest) are kept apart,
// by ID, and leased one by one.
type Outbox interface {
	// LeaseNotices leases to owner, until until, at most limit cases whose
	// first pending notice may be tried at or before now and which no one
	// else holds a lease on at now, and returns them with their notices.
	LeaseNotices(ctx context.Context, now, until time.Time, owner string, limit int) ([]*Case, error)

	// LeaseCase leases case id to owner until until, whether or not its
	// notices are due, unless someone else holds a lease on it at now, and
	// returns it with its notices. It returns ECONFLICT when someone else
	// holds it, and ENOTFOUND when there is no such case.
	LeaseCase(ctx context.Context, id string, now, until time.Time, owner string) (*Case, error)

	// ReleaseCase ends owner's lease on case id; it does nothing when
	// owner does not hold it.
	ReleaseCase(ctx context.Context, id, owner string) error

	// DoneNotice removes the notice noticeID of case caseID, which owner
	// delivered, or, for caseID "", the notice about no case noticeID. It
	// returns ECONFLICT when owner does not hold the lease, and removes
	// nothing then.
	DoneNotice(ctx context.Context, caseID, noticeID, owner string) error

	// DeferNotice records that delivering the notice failed for the
	// attempts-th time, and that it is not to be tried again before next.
	// caseID and the lease are as for DoneNotice.
	DeferNotice(ctx context.Context, caseID, noticeID, owner string, next time.Time, attempts int) error

	// SetThread records ref as the reference of case id's thread on
	// platform, replacing any earlier one. It does not change the case's
	// version.
	SetThread(ctx context.Context, id, platform, ref string) error

	// PutNotice keeps n, a notice about no case, unless one with its ID is
	// kept or was ever kept, and reports whether it kept it.
	PutNotice(ctx context.Context, n Notice) (bool, error)

	// LeaseGlobalNotices leases to owner, until until, at most limit
	// notices about no case that may be tried at or before now and that no
	// one else holds at now, oldest first.
	LeaseGlobalNotices(ctx context.Context, now, until time.Time, owner string, limit int) ([]Notice, error)

	// OutboxStats counts the pending notices and finds the oldest.
	OutboxStats(ctx context.Context) (OutboxStats, error)
}

// OutboxStats is how much an outbox holds.
type OutboxStats struct {
	Pending int       // notices not yet delivered, about cases or not
	Oldest  time.Time // when the oldest of them was written; zero when none is pending
}

// Change is one conditional write of a case.
type Change struct {
	Case          *Case    // the new state, with Version already incremented; its Timeline, Notices and Threads are ignored
	Event         Event    // appended to the stored timeline; a zero Event (no At) appends nothing
	Notices       []Notice // appended to the stored notices, after those already pending; their IDs are not among those
	ExpectVersion int      // the version the stored case must have
	ExpectStatus  Status   // the status the stored case must have
	NotInvolved   []string // InvolvementKeys of a person that must not be in the record
	NotTeams      []string // InvolvementKeys of a team that must not be in the record
}

// Query selects cases. Zero fields do not restrict.
type Query struct {
	Statuses     []Status
	Person       string    // cases assigned to, or claimed by, this person key
	DueBefore    time.Time // cases with a pending deadline due at or before this
	ReceivedFrom time.Time // received at or after
	ReceivedTo   time.Time // received before
	Limit        int       // at most this many; 0 for all
}
