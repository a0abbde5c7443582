package commands_test

import (
	"testing"

	"github.com/ombud/ombud/bot/bottest"
	"github.com/ombud/ombud/bot/console"
)

// session is the README's first session, worked to the register under
// registrar-no, typed into the console as ann, who then acts as sam. Each
// command is typed an hour after the one before, from Monday 23 November
// 2026 09:00 UTC. The complaint came in through the web form at 08:10 and
// ann acknowledged it by phone at 08:45, before she typed either.
const session = `/case open complaint Domain was not renewed from:"Kari <kari@example.no>" subject:example.no via:web received:2026-11-23T08:10+01:00
/case ack 1 told her by phone at:2026-11-23T08:45+01:00
/case answer 1 The renewal failed on an expired card; renewed now
/case escalate 1 reason:"site was down a day" expects:"a refund"
/as sam senior
1
/case review 1 outcome:partly One month refunded
/case decide 1 outcome:partly We refund one month; the domain stays renewed.
/case close 1 cause:"expired card not flagged" remedy:"one month refunded" lessons:"warn before a renewal fails"
/case show 1
`

// TestTranscript runs session through the console, the real handler, the
// dispatcher that delivers the posts it causes, and a real store on a fixed
// clock, and compares what the console shows with
// testdata/transcript.golden; go test -update rewrites it.
func TestTranscript(t *testing.T) {
	hs := MustHarness(t, "registrar-no")
	got := hs.runConsole(console.Config{User: "ann", RoleOf: hs.roleOf}, session, hs.hourly())
	bottest.MustMatchGolden(t, "transcript", got)
}
