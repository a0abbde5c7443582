package metrics_test

import (
	"context"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/metrics"
)

func TestInstrumentCountsByPlatformSubcommandAndOutcome(t *testing.T) {
	m := metrics.New()
	h := m.Instrument(bot.HandlerFunc(func(_ context.Context, req bot.Request) bot.Response {
		return bot.Response{Reply: bot.Reply{Error: strings.HasPrefix(req.Text, "claim")}}
	}), func(text string) string { return strings.Fields(text + " unknown")[0] })
	for _, text := range []string{"show C-2026-0001", "show C-2026-0002", "claim C-2026-0001"} {
		h.Handle(context.Background(), bot.Request{Platform: "slack", Text: text})
	}
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for _, want := range []string{
		`ombud_requests_total{outcome="ok",platform="slack",subcommand="show"} 2`,
		`ombud_requests_total{outcome="refused",platform="slack",subcommand="claim"} 1`,
		`ombud_request_duration_seconds_count{platform="slack"} 3`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
