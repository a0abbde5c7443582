package commands_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/bottest"
	"github.com/ombud/ombud/bot/console"
	"github.com/ombud/ombud/scheduler"
)

// session is the README's first session, worked to the company's final
// position under registrar-no, typed into the console as ann, who then
// acts as sam. Each command is typed an hour after the one before.
const session = `/case open complaint Domain was not renewed from:"Kari <kari@example.no>" subject:example.no
/case ack C-2026-0001 sent the receipt
/case answer C-2026-0001 The renewal failed on an expired card; renewed now
/case escalate C-2026-0001 reason:"site was down a day" expects:"a refund"
/as sam senior
1
/case review C-2026-0001 outcome:partly One month refunded
/case show C-2026-0001
/case decide C-2026-0001 outcome:partly We refund one month; the domain stays renewed.
`

// TestTranscript runs session through the console, the real handler, the
// dispatcher that delivers the posts it causes, and a real store on a fixed
// clock, and compares what the console shows with
// testdata/transcript.golden; go test -update rewrites it.
func TestTranscript(t *testing.T) {
	hs := MustHarness(t, "registrar-no")
	var out bytes.Buffer
	c := console.New(console.Config{User: "ann", In: strings.NewReader(session), Out: &out})
	d := scheduler.NewDispatcher(scheduler.DispatcherConfig{Store: hs.store, Render: hs.h, Platforms: []bot.Platform{c}, Now: hs.clock.Now})
	hourly := bot.HandlerFunc(func(ctx context.Context, req bot.Request) bot.Response {
		hs.clock.Advance(time.Hour)
		return hs.h.Handle(ctx, req)
	})
	if err := c.Run(context.Background(), d.Handler(hourly)); err != nil {
		t.Fatal(err)
	}
	bottest.MustMatchGolden(t, "transcript", out.String())
}
