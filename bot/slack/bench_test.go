package slack_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/ombud/ombud/cases"
)

// benchCases is how many cases the benchmarks keep, as the store's own
// benchmarks do.
const benchCases = 100

// mustSeedCases opens benchCases cases and returns their IDs.
func mustSeedCases(b *testing.B, h *harness) []string {
	b.Helper()
	ann := cases.Actor{Person: cases.Person{Key: "slack:UANN", Name: "Ann"}, Role: cases.RoleAgent}
	ids := make([]string, benchCases)
	for i := range ids {
		c, err := h.svc.Open(context.Background(), ann, cases.OpenInput{Description: "Slow support",
			Complainant: cases.Complainant{Name: "Kari", Contact: "kari@example.no"}})
		if err != nil {
			b.Fatal(err)
		}
		ids[i] = c.ID
	}
	return ids
}

// BenchmarkShow is one signed /case show through the HTTP handler, from
// the request to the private reply Slack gets on the response URL: the
// signature check, the acknowledgement, the worker, the store's Get, the
// rendering and the delivery to the fake Slack over loopback HTTP.
func BenchmarkShow(b *testing.B) {
	h := MustHarness(b, setup{})
	ids := mustSeedCases(b, h)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		id := fmt.Sprintf("bench-%d", i)
		body := url.Values{"channel_id": {support}, "user_id": {"UANN"}, "command": {"/case"}, "text": {"show " + ids[i%benchCases]},
			"response_url": {h.fake.ResponseURL(id)}, "trigger_id": {id}}.Encode()
		if status, _ := h.post("/slack/commands", body, signed(h.clock.Now())); status != http.StatusOK {
			b.Fatalf("status %d", status)
		}
		h.fake.Wait(b, "the reply", func() bool { return h.fake.Count("response_url") == i+1 })
		i++
	}
}

// BenchmarkStoreGet reads one case from the same store as BenchmarkShow,
// for the ratio of the adapter's overhead to the store's.
func BenchmarkStoreGet(b *testing.B) {
	h := MustHarness(b, setup{})
	ids := mustSeedCases(b, h)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := h.svc.Get(context.Background(), ids[i%benchCases]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
