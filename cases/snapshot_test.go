package cases_test

import (
	"reflect"
	"testing"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/calendar"
	"github.com/ombud/ombud/cases/casetest"
	"github.com/ombud/ombud/cases/policyfile"
	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
)

// mustPolicy returns the standard preset with its answer limit set to days
// business days and its name to name.
func mustPolicy(tb testing.TB, name string, days int) *cases.Policy {
	tb.Helper()
	p, err := policyfile.Load("standard")
	if err != nil {
		tb.Fatal(err)
	}
	p.Name, p.Deadlines.Answer = name, calendar.Duration{N: days, Unit: calendar.UnitBusinessDays}
	return p
}

// TestCaseKeepsItsPolicy opens a case under one policy, then serves it from
// services configured with another of the same name and with one of
// another name: the case follows the policy it was opened under.
func TestCaseKeepsItsPolicy(t *testing.T) {
	t.Parallel()
	store := sqlitetest.MustStore(t)
	clk := casetest.NewClock(at(t, "2026-03-02T10:00:00Z"))
	service := func(p *cases.Policy) *cases.Service {
		svc, err := cases.NewService(cases.Config{Store: store, Policy: p, Now: clk.Now})
		if err != nil {
			t.Fatal(err)
		}
		return svc
	}
	first := mustPolicy(t, "house", 5)
	c := MustOpen(t, service(first), "2026-03-02T09:00:00Z")
	snap, err := cases.SnapshotPolicy(first)
	if err != nil || c.PolicyRef != snap.Ref {
		t.Fatalf("case has policy ref %q, want %q (%v)", c.PolicyRef, snap.Ref, err)
	}
	for _, now := range []*cases.Policy{mustPolicy(t, "house", 6), mustPolicy(t, "elsewhere", 7)} {
		svc := service(now)
		got, err := svc.PolicyOf(c)
		if err != nil {
			t.Fatalf("under %s: %v", now.Name, err)
		}
		if got.Name != "house" || got.Deadlines.Answer.N != 5 {
			t.Errorf("under %s the case follows %s with an answer limit of %v, want house and 5 days", now.Name, got.Name, got.Deadlines.Answer)
		}
		c = okFor(t)(svc.Note(ctx, ann, c.ID, "still on it"))
		if other := MustOpen(t, svc, "2026-03-02T09:00:00Z"); other.Policy != now.Name {
			t.Errorf("a new case follows %s, want %s", other.Policy, now.Name)
		}
	}
}

// TestCaseWithoutSnapshot serves a case that records no snapshot, as cases
// opened before snapshots were kept: by its policy's name, and with a clear
// error when no policy of that name is loaded.
func TestCaseWithoutSnapshot(t *testing.T) {
	t.Parallel()
	svc, _ := MustService(t, "standard", "2026-03-02T10:00:00Z")
	c := MustOpen(t, svc, "2026-03-02T09:00:00Z")
	c.PolicyRef = ""
	if p, err := svc.PolicyOf(c); err != nil || p.Name != "standard" {
		t.Errorf("PolicyOf = %v, %v; want standard", p, err)
	}
	c.Policy = "gone"
	_, err := svc.PolicyOf(c)
	wantRefused(t, err, cases.EINTERNAL, `no policy "gone" is loaded`)
}

// TestSnapshotDamaged refuses a snapshot whose content is not what its Ref
// says.
func TestSnapshotDamaged(t *testing.T) {
	snap, err := cases.SnapshotPolicy(mustPolicy(t, "house", 5))
	if err != nil {
		t.Fatal(err)
	}
	if p, err := snap.Policy(); err != nil || p.Deadlines.Answer.N != 5 {
		t.Fatalf("Policy() = %v, %v", p, err)
	}
	snap.Data[len(snap.Data)/2] ^= 1
	_, err = snap.Policy()
	wantRefused(t, err, cases.EINTERNAL, "damaged")
}

// TestSnapshotEveryPreset reads back the snapshot of every preset as the
// policy it was taken of.
func TestSnapshotEveryPreset(t *testing.T) {
	for _, name := range policyfile.Presets() {
		p, err := policyfile.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		snap, err := cases.SnapshotPolicy(p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := snap.Policy()
		if err != nil || !reflect.DeepEqual(got, p) {
			t.Errorf("%s: the snapshot reads back as\n%+v, %v\nwant\n%+v", name, got, err, p)
		}
	}
}
