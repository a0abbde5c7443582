package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/ombud/ombud/cases"
)

// testConcurrentClaim has 50 seniors claim the same case at once, at the
// review and at the final tier. Ten of them took part at an earlier tier,
// five at the tier the case is at: exactly one senior wins, and not one of
// the ten.
func testConcurrentClaim(t *testing.T, open Open) {
	for _, c := range []*cases.Case{review(), final()} {
		t.Run(fmt.Sprintf("tier %d", c.Tier), func(t *testing.T) { concurrentClaim(t, open(t), c) })
	}
}

func concurrentClaim(t *testing.T, s cases.Store, c *cases.Case) {
	crowd := make([]cases.Person, 50)
	refused := map[string]bool{}
	for i := range crowd {
		crowd[i] = cases.Person{Key: fmt.Sprintf("slack:USENIOR%02d", i), Name: fmt.Sprintf("Senior %d", i), Team: "review"}
		switch i % 10 {
		case 0:
			involve(c, crowd[i], cases.TierFrontline)
			refused[crowd[i].Key] = true
		case 5:
			involve(c, crowd[i], c.Tier-1)
			refused[crowd[i].Key] = true
		case 7:
			involve(c, crowd[i], c.Tier)
		}
	}
	MustCreate(t, s, c)

	// The involved seniors alone, so nobody beats them to it: all refused.
	claimAll(t, s, c, crowd, func(p cases.Person) bool { return refused[p.Key] })
	DiffCase(t, MustGet(t, s, c.ID), c)

	winners := claimAll(t, s, c, crowd, func(cases.Person) bool { return true })
	if len(winners) != 1 || refused[winners[0].Key] {
		t.Fatalf("winners %v, want one senior not involved at an earlier tier", winners)
	}
	got := MustGet(t, s, c.ID)
	if got.Version != c.Version+1 || len(got.Timeline) != len(c.Timeline)+1 || got.Reviewer != winners[0] {
		t.Errorf("stored version %d, %d events, reviewer %v; want %d, %d, %v",
			got.Version, len(got.Timeline), got.Reviewer, c.Version+1, len(c.Timeline)+1, winners[0])
	}
}

// claimAll has every senior of crowd that pick selects claim c at the same
// time and returns the ones whose claim was applied. Every other claim must
// fail with ECONFLICT.
func claimAll(t *testing.T, s cases.Store, c *cases.Case, crowd []cases.Person, pick func(cases.Person) bool) []cases.Person {
	t.Helper()
	var (
		mu      sync.Mutex
		winners []cases.Person
		wg      sync.WaitGroup
		start   = make(chan struct{})
	)
	for _, p := range crowd {
		if !pick(p) {
			continue
		}
		wg.Go(func() {
			<-start
			_, err := s.Apply(context.Background(), Claim(c, p))
			if err == nil {
				mu.Lock()
				winners = append(winners, p)
				mu.Unlock()
			} else if code := cases.ErrorCode(err); code != cases.ECONFLICT {
				t.Errorf("claim by %s: %v (%s), want ECONFLICT", p.Key, err, code)
			}
		})
	}
	close(start)
	wg.Wait()
	return winners
}
