package slack_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/ombud/ombud/bot"
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

// BenchmarkPostFile is one post with a file to a team channel through the
// fake Slack, over loopback HTTP: the message (chat.postMessage), then
// the upload flow (files.getUploadURLExternal, the bytes sent to the URL
// it gave, files.completeUploadExternal).
func BenchmarkPostFile(b *testing.B) {
	for _, size := range []int{64 << 10, 1 << 20} {
		b.Run(fmt.Sprintf("%dKiB", size>>10), func(b *testing.B) {
			h := MustHarness(b, setup{})
			f := bot.File{Name: "chart.png", ContentType: "image/png", Title: "Cases per week", Data: make([]byte, size)}
			post := bot.Post{Channel: bot.ChannelEscalations, Reply: bot.Reply{Title: "Weekly", Files: []bot.File{f}}}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				if err := h.slack.Post(context.Background(), post); err != nil {
					b.Fatal(err)
				}
				n++
			}
			b.StopTimer()
			if got := len(h.fake.Files(escalations, "")); got != n {
				b.Fatalf("%d files shared for %d posts", got, n)
			}
		})
	}
}
