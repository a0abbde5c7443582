package cases

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sync"
	"time"

	"github.com/ombud/ombud/cases/calendar"
)

// Service carries out the complaint procedure. Every change to a case goes
// through it: it enforces the lifecycle, the roles, the deadlines and the
// independence rule, and writes each change as one conditional store write.
type Service struct {
	store  Store
	policy *Policy
	cal    *calendar.Calendar // the policy's
	lookup func(name string) (*Policy, error)
	prefix string
	now    func() time.Time
	snap   PolicySnapshot // of policy, put in the store before the first case opened under it

	mu    sync.Mutex
	procs map[string]procedure // by policy name or "ref " and snapshot Ref, and kind
	saved bool                 // snap is in the store
}

// Config configures a Service.
type Config struct {
	Store    Store
	Policy   *Policy                            // the policy new cases follow
	Lookup   func(name string) (*Policy, error) // finds the policy of a case opened under another; optional
	IDPrefix string                             // case ID prefix; "C" when empty
	Now      func() time.Time                   // the clock; time.Now when nil
}

// maxAttempts bounds how often a change is retried when another change to
// the same case landed first but this one is still allowed.
const maxAttempts = 3

var prefixPattern = regexp.MustCompile(`^[A-Z][A-Z0-9]{0,9}$`)

// ValidIDPrefix returns EINVALID unless prefix can start case IDs: 1 to 10
// capital letters or digits, starting with a letter.
func ValidIDPrefix(prefix string) error {
	if !prefixPattern.MatchString(prefix) {
		return Errorf(EINVALID, "case ID prefix %q is not allowed; use 1 to 10 capital letters or digits starting with a letter, such as C", prefix)
	}
	return nil
}

// NewService returns a Service, or EINVALID if the configuration is wrong.
func NewService(cfg Config) (*Service, error) {
	if cfg.Store == nil || cfg.Policy == nil {
		return nil, Errorf(EINVALID, "a service needs a store and a policy")
	}
	if err := cfg.Policy.Validate(); err != nil {
		return nil, err
	}
	if cfg.IDPrefix == "" {
		cfg.IDPrefix = "C"
	}
	if err := ValidIDPrefix(cfg.IDPrefix); err != nil {
		return nil, err
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Service{store: cfg.Store, policy: cfg.Policy, lookup: cfg.Lookup, prefix: cfg.IDPrefix, now: cfg.Now, procs: map[string]procedure{}}
	pr, err := s.procedure(cfg.Policy.Name, KindComplaint)
	if err != nil {
		return nil, err
	}
	s.cal = pr.cal
	if s.snap, err = SnapshotPolicy(cfg.Policy); err != nil {
		return nil, err
	}
	return s, nil
}

// Policy returns the policy new cases follow.
func (s *Service) Policy() *Policy { return s.policy }

// PolicyCalendar returns the calendar of the policy new cases follow.
func (s *Service) PolicyCalendar() *calendar.Calendar { return s.cal }

// Now returns the current time by the service's clock.
func (s *Service) Now() time.Time { return s.now() }

// procedure is the procedure a policy sets for one kind of case, together
// with the policy's calendar.
type procedure struct {
	*Policy
	cal  *calendar.Calendar
	kind Kind // set when the policy handles this kind by rules of its own
}

// named names the procedure for messages: "policy registrar-de", or "policy
// registrar-de for feedback" when the kind has rules of its own.
func (pr procedure) named() string {
	if pr.kind != "" {
		return fmt.Sprintf("policy %s for %s", pr.Name, pr.kind)
	}
	return "policy " + pr.Name
}

// procedure returns the procedure the policy named name sets for cases of
// kind, with its calendar, built once.
func (s *Service) procedure(name string, kind Kind) (procedure, error) {
	return s.build(name+"\x00"+string(kind), kind, func() (*Policy, error) {
		if name == s.policy.Name {
			return s.policy, nil
		}
		if s.lookup == nil {
			return nil, Errorf(EINTERNAL, "no policy %q is loaded", name)
		}
		return s.lookup(name)
	})
}

// procedureOf returns the procedure case c follows: that of the policy
// snapshot it was opened under or, for a case that records none, or whose
// snapshot the store does not have, that of the policy of its name.
func (s *Service) procedureOf(c *Case) (procedure, error) {
	if c.PolicyRef == "" {
		return s.procedure(c.Policy, c.Kind)
	}
	pr, err := s.build("ref "+c.PolicyRef+"\x00"+string(c.Kind), c.Kind, func() (*Policy, error) {
		if c.PolicyRef == s.snap.Ref {
			return s.policy, nil
		}
		// Once per snapshot and process; the callers have no context to pass.
		snap, err := s.store.GetPolicy(context.Background(), c.PolicyRef)
		if err != nil {
			return nil, err
		}
		return snap.Policy()
	})
	if ErrorCode(err) == ENOTFOUND {
		return s.procedure(c.Policy, c.Kind)
	}
	return pr, err
}

// build returns the procedure kept under key or, the first time, builds
// it for kind from the policy find returns. find runs without the lock, so
// a slow store or policy file holds up only the callers that need it; two
// that build the same procedure at once build equal ones.
func (s *Service) build(key string, kind Kind, find func() (*Policy, error)) (procedure, error) {
	s.mu.Lock()
	pr, ok := s.procs[key]
	s.mu.Unlock()
	if ok {
		return pr, nil
	}
	p, err := find()
	if err != nil {
		return procedure{}, err
	}
	cal, err := calendar.New(p.Calendar)
	if err != nil {
		return procedure{}, err
	}
	pr = procedure{Policy: p.For(kind), cal: cal}
	if _, own := p.PerKind[kind]; own {
		pr.kind = kind
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if kept, ok := s.procs[key]; ok {
		return kept, nil
	}
	s.procs[key] = pr
	return pr, nil
}

// savePolicy puts the snapshot of the service's policy in the store, once.
func (s *Service) savePolicy(ctx context.Context) error {
	s.mu.Lock()
	saved := s.saved
	s.mu.Unlock()
	if saved {
		return nil
	}
	if err := s.store.PutPolicy(ctx, s.snap); err != nil {
		return fmt.Errorf("keep policy %s: %w", s.snap.Name, err)
	}
	s.mu.Lock()
	s.saved = true
	s.mu.Unlock()
	return nil
}

// atTier returns the procedure as it applies to taking tier t: with the
// tier's own reviewer rule in place of the policy's.
func (pr procedure) atTier(t Tier) procedure {
	if rule := pr.ReviewerRule(t); rule != pr.Independence {
		p := *pr.Policy
		p.Independence = rule
		pr.Policy = &p
	}
	return pr
}

// Calendar returns the calendar of case c's policy.
func (s *Service) Calendar(c *Case) (*calendar.Calendar, error) {
	pr, err := s.procedureOf(c)
	return pr.cal, err
}

// PolicyOf returns the procedure case c follows: its policy's, for its kind.
func (s *Service) PolicyOf(c *Case) (*Policy, error) {
	pr, err := s.procedureOf(c)
	return pr.Policy, err
}

// PolicyFor returns the procedure the service's policy sets for new cases
// of kind k, or for complaints when k is empty.
func (s *Service) PolicyFor(k Kind) *Policy {
	if k == "" {
		k = KindComplaint
	}
	return s.policy.For(k)
}

// Get returns the case with the given ID, which may be shortened (see
// Service.find).
func (s *Service) Get(ctx context.Context, id string) (*Case, error) { return s.find(ctx, id) }

// Find returns the cases matching q.
func (s *Service) Find(ctx context.Context, q Query) ([]*Case, error) {
	return s.store.List(ctx, q)
}

// step is one change to a case.
type step struct {
	action Action
	role   Role   // the least role that may take the step
	text   string // the timeline entry
	// check refuses the step for reasons beyond the lifecycle table, looking
	// at the case as it is before the change.
	check func(cur *Case, pr procedure, now time.Time) error
	// taker returns who takes over a tier with this step, if anyone; the
	// independence rule applies to them, checked and enforced in the write.
	taker func(cur *Case) *Actor
	// apply makes the change on a copy whose status has already moved.
	apply func(c *Case, pr procedure, now time.Time) error
	// textOf, when set, gives the timeline entry from the case as it is
	// before the change, in place of text.
	textOf func(cur *Case) string
	// once marks a step that must not be redone on a newer case than the one
	// its actor saw, such as moving a deadline by n days.
	once bool
	// notices, when set, gives the notices the step calls for besides the
	// thread's, from the case as it is after the change.
	notices func(c *Case, now time.Time) []Notice
	// dated marks a step that may be recorded after the fact, dated when it
	// happened (Actor.At); check and apply then get that time as now.
	dated bool
}

// change runs st against case id as actor. When another change lands first it
// re-checks st against the case as it now is, and retries while st is still
// allowed, unless st is to be done once only.
func (s *Service) change(ctx context.Context, actor Actor, id string, st step) (*Case, error) {
	cur, err := s.find(ctx, id)
	if err != nil {
		return nil, err
	}
	for attempt := 1; ; attempt++ {
		ch, err := s.prepare(cur, actor, st)
		if err != nil {
			return nil, err
		}
		out, err := s.store.Apply(ctx, ch)
		if ErrorCode(err) != ECONFLICT || out == nil {
			return out, err
		}
		cur = out
		if st.once || attempt == maxAttempts {
			if _, refused := s.prepare(cur, actor, st); refused != nil {
				return nil, refused
			}
			return nil, err
		}
	}
}

// prepare checks st against cur and builds the conditional write.
func (s *Service) prepare(cur *Case, actor Actor, st step) (Change, error) {
	if !actor.Role.AtLeast(st.role) {
		return Change{}, Errorf(EFORBIDDEN, "only a %s can %s a case, and you are %s %s", st.role, st.action, article(actor.Role), actor.Role)
	}
	pr, err := s.procedureOf(cur)
	if err != nil {
		return Change{}, err
	}
	pr = pr.atTier(cur.Tier)
	to, err := Next(cur, st.action)
	if err != nil {
		return Change{}, err
	}
	if err := roomFor(cur, st.action); err != nil {
		return Change{}, err
	}
	now := s.now()
	at, err := stepTime(cur, st, actor, pr, now)
	if err != nil {
		return Change{}, err
	}
	if st.check != nil {
		if err := st.check(cur, pr, at); err != nil {
			return Change{}, err
		}
	}
	ch := Change{ExpectVersion: cur.Version, ExpectStatus: cur.Status}
	if st.taker != nil {
		if taker := st.taker(cur); taker != nil {
			if ch.NotInvolved, ch.NotTeams, err = independent(cur, pr, *taker, actor.Key, now); err != nil {
				return Change{}, err
			}
		}
	}
	c := cur.Clone()
	c.Status = to
	if to == StatusPaused {
		c.ResumeTo = cur.Status
	}
	if st.apply != nil {
		if err := st.apply(c, pr, at); err != nil {
			return Change{}, err
		}
	}
	if involves(st.action) {
		c.Involved = append(c.Involved, Involvement{Person: actor.Person, Tier: cur.Tier, How: st.action, At: at})
	}
	c.Version = cur.Version + 1
	c.UpdatedAt = now
	c.Wake = c.wake(pr)
	ch.Case = c
	ch.Event = Event{At: at, Actor: actor.Person, Tier: c.Tier, Action: st.action, Status: c.Status, Text: st.textFor(cur)}
	if !at.Equal(now) {
		ch.Event.Entered = now
	}
	c.refreshFigures(pr, append(slices.Clip(cur.Timeline), ch.Event), cur.Figures)
	ch.Notices = c.notices(actor, len(cur.Timeline), now)
	if st.notices != nil {
		ch.Notices = append(ch.Notices, st.notices(c, now)...)
	}
	return ch, nil
}

// textFor returns the timeline entry of st on cur: its text, or what
// textOf makes of cur.
func (st step) textFor(cur *Case) string {
	if st.textOf != nil {
		return st.textOf(cur)
	}
	return st.text
}

func article(r Role) string {
	if r == RoleAgent {
		return "an"
	}
	return "a"
}

// shortDate formats t as a date in loc for messages: "3 Dec", or "3 Dec 2025" when
// the year is not now's.
func shortDate(t, now time.Time, loc *time.Location) string {
	t, now = t.In(loc), now.In(loc)
	if t.Year() != now.Year() {
		return t.Format("2 Jan 2006")
	}
	return t.Format("2 Jan")
}

// When formats t for messages in loc: "Tue 5 Jan 2027 16:00 CET".
func When(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("Mon 2 Jan 2006 15:04 MST")
}
