package cases_test

import (
	"strings"
	"testing"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
)

// TestTextLimits checks that every free text is held to 4 KB and every
// short field of a complaint to 256 bytes, each refused with what was too
// long, and that a refused step writes nothing.
func TestTextLimits(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, _ := MustService(t, "standard", "2026-03-02T10:00:00Z")
	long, field := strings.Repeat("x", 4097), strings.Repeat("y", 257)
	atLimit := strings.Repeat("é", 2048) // 4096 bytes
	c := MustOpen(t, svc, "2026-03-02T09:00:00Z")
	for what, try := range map[string]func() error{
		"the note's text":              func() error { _, err := svc.Note(ctx, ann, c.ID, long); return err },
		"the answer's text":            func() error { _, err := svc.Answer(ctx, ann, c.ID, long); return err },
		"what the customer was told":   func() error { _, err := svc.Update(ctx, ann, c.ID, long); return err },
		"the acknowledgement's note":   func() error { _, err := svc.Acknowledge(ctx, ann, c.ID, long); return err },
		"the reason for the extension": func() error { _, err := svc.Extend(ctx, ann, c.ID, 1, long); return err },
		"what you are waiting for":     func() error { _, err := svc.Pause(ctx, ann, c.ID, long); return err },
		"the summary of how it was resolved": func() error {
			_, err := svc.Resolve(ctx, ann, c.ID, cases.ResolveInput{Outcome: cases.OutcomeUpheld, Summary: long, RootCause: "x"})
			return err
		},
		"the lessons learned": func() error {
			_, err := svc.Resolve(ctx, ann, c.ID, cases.ResolveInput{Outcome: cases.OutcomeUpheld, Summary: "x", RootCause: "x", Lessons: long})
			return err
		},
	} {
		wantRefused(t, try(), cases.EINVALID, what+" is 4097 bytes long", "at most 4096 bytes (4 KB)")
	}
	open := func(mod func(*cases.OpenInput)) error {
		in := cases.OpenInput{Description: "d", Complainant: cases.Complainant{Name: "Kari"}, Subject: "example.no"}
		mod(&in)
		_, err := svc.Open(ctx, ann, in)
		return err
	}
	for what, mod := range map[string]func(*cases.OpenInput){
		"the complainant's name":    func(in *cases.OpenInput) { in.Complainant.Name = field },
		"the complainant's contact": func(in *cases.OpenInput) { in.Complainant.Contact = field },
		"the complainant's account": func(in *cases.OpenInput) { in.Complainant.Account = field },
		"the subject":               func(in *cases.OpenInput) { in.Subject = field },
		"the category":              func(in *cases.OpenInput) { in.Category = field },
	} {
		wantRefused(t, open(mod), cases.EINVALID, what+" is 257 bytes long", "at most 256 bytes")
	}
	wantRefused(t, open(func(in *cases.OpenInput) { in.Description = long }), cases.EINVALID, "the description is 4097 bytes long")
	answered := MustOpen(t, svc, "2026-03-02T09:00:00Z")
	ok(svc.Answer(ctx, ann, answered.ID, "answered"))
	_, err := svc.Escalate(ctx, ann, answered.ID, cases.EscalationInput{Reason: "slow", Expects: long})
	wantRefused(t, err, cases.EINVALID, "what the customer expects is 4097 bytes long")
	if got := ok(svc.Get(ctx, c.ID)); got.Version != c.Version {
		t.Errorf("refused steps wrote to the case: version %d, want %d", got.Version, c.Version)
	}
	if found := ok2(t)(svc.Find(ctx, cases.Query{})); len(found) != 2 {
		t.Errorf("%d cases stored, want 2; a refused open wrote one", len(found))
	}
	ok(svc.Note(ctx, ann, c.ID, atLimit))
	ok(svc.Open(ctx, ann, cases.OpenInput{Description: atLimit, Complainant: cases.Complainant{Name: strings.Repeat("ø", 128)}, Subject: "example.no"}))
}

// ok2 is okFor for a list of cases.
func ok2(tb testing.TB) func([]*cases.Case, error) []*cases.Case {
	return func(cs []*cases.Case, err error) []*cases.Case {
		tb.Helper()
		if err != nil {
			tb.Fatalf("unexpected error: %v", err)
		}
		return cs
	}
}

// TestTimelineLimit takes a case with a timeline one entry short of the
// limit: the note that fills it is taken, the next is refused and writes
// nothing, and the case can still be finished but not reopened.
func TestTimelineLimit(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	store := sqlitetest.MustStore(t)
	svc, _ := MustServiceOn(t, store, ownPolicy(nil), "2026-03-02T10:00:00Z")
	c := nearlyFull(t, store, MustOpen(t, svc, "2026-03-02T09:00:00Z"))
	c = ok(svc.Note(ctx, ann, c.ID, "the last one"))
	_, err := svc.Note(ctx, ann, c.ID, "one too many")
	wantRefused(t, err, cases.ECONFLICT, c.ID+" has 1000 timeline entries, the most a case keeps", "resolve it")
	if got := ok(svc.Get(ctx, c.ID)); got.Version != cases.MaxTimeline || len(got.Timeline) != cases.MaxTimeline {
		t.Fatalf("after refusals: version %d, %d entries; want %d", got.Version, len(got.Timeline), cases.MaxTimeline)
	}
	c = ok(svc.Resolve(ctx, ann, c.ID, cases.ResolveInput{Outcome: cases.OutcomeUpheld, Summary: "fixed", RootCause: "bug"}))
	if len(c.Timeline) != cases.MaxTimeline+1 || c.Status != cases.StatusClosed {
		t.Errorf("after the limit: %s with %d entries, want closed with %d", c.Status, len(c.Timeline), cases.MaxTimeline+1)
	}
	_, err = svc.Reopen(ctx, sam, c.ID, "again")
	wantRefused(t, err, cases.ECONFLICT, "1001 timeline entries")
}

// TestTimelineLimitCountsEntries: a case whose version ran ahead of its
// timeline, as the sweep's warnings, claim rounds and reminders make it,
// still takes notes until its timeline holds MaxTimeline entries.
func TestTimelineLimitCountsEntries(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	store := sqlitetest.MustStore(t)
	svc, _ := MustServiceOn(t, store, ownPolicy(nil), "2026-03-02T10:00:00Z")
	c := MustOpen(t, svc, "2026-03-02T09:00:00Z")
	swept := c.Clone()
	swept.ID = strings.Replace(c.ID, "-0", "-9", 1)
	swept.Version = cases.MaxTimeline + 200 // 1,200 sweeps, one entry
	if err := store.Create(ctx, swept); err != nil {
		t.Fatal(err)
	}
	if c := ok(svc.Note(ctx, ann, swept.ID, "still room")); len(c.Timeline) != 2 {
		t.Errorf("%d entries after a note, want 2", len(c.Timeline))
	}
}

// nearlyFull stores a copy of c, under a new ID, whose timeline has one
// entry less than the limit, and returns it.
func nearlyFull(t *testing.T, store cases.Store, c *cases.Case) *cases.Case {
	t.Helper()
	full := c.Clone()
	full.ID = strings.Replace(c.ID, "-0", "-9", 1)
	for len(full.Timeline) < cases.MaxTimeline-1 {
		full.Timeline = append(full.Timeline, cases.Event{At: c.CreatedAt, Actor: ann.Person, Tier: cases.TierFrontline,
			Action: cases.ActionNote, Status: c.Status, Text: "a note"})
	}
	full.Version = len(full.Timeline)
	if err := store.Create(ctx, full); err != nil {
		t.Fatal(err)
	}
	return full
}
