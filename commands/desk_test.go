package commands_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/bottest"
	"github.com/ombud/ombud/bot/console"
)

// deskSessions are what a support desk trips over in its first week, each
// typed into the console under the preset where it matters, one command an
// hour from Monday 23 November 2026 09:00 UTC. Each is compared with
// testdata/desk_NAME.golden; go test -update rewrites them.
var deskSessions = []struct{ name, preset, script string }{
	{"dated", "registrar-de", `/case open complaint Domain was not renewed received:2026-11-20T15:10+01:00 via:phone from:"Kari <kari@example.de>"
/case ack 1 told her by phone at:2026-11-20T15:20+01:00
/case note 1 she asked for the invoice too
/case update 1 told her it takes a week due:2026-12-02 at:2026-11-20T16:00:00+01:00
/case answer 1 at:2026-11-20T15:00+01:00 renewed it
/case answer 1 at:2026-11-30T09:00+01:00 renewed it
/case answer 1 Renewed it; told her by phone at:2026-11-23T12:30+01:00
/case show 1
`},
	{"free-text", "registrar-de", `/case open complaint Invoice charged twice via:email from:"Kari <kari@example.de>"
/case ack 1 re:invoice 4711 received
/case note 1 Ref:123 is the payment; order:55 is the domain
/case update 1 looking into order:55 due:2026-12-01
/case answer 1 refunded re:"the second charge" at:2026-11-23T14:00+01:00
/case history 1
/case escalate 1 reason:"no refund" reson:"typo"
`},
	{"open-checks", "registrar-de", `/case open grievance Staff was rude on the phone
/case open Grievance: staff was rude on the phone via:chat
/case open complain renewal failed
/case open complaint Domain was not renewed via:email from:"Kari <kari@example.de>" subject:example.de
/case open complaint Still not renewed via:post from:"Kari <KARI@example.de>" subject:Example.de
`},
	{"categories", "retail-no", `/case open warranty Screen broke after a week
/case open complaint Screen broke after a week category:guarantee
/case open complaint Screen broke after a week category:Warranty
/case show 1
`},
	{"hours-left", "hosting-vn", `/case open complaint Site down since the move via:phone from:"Minh <minh@example.vn>"
/case refer 1 @sam the hosting team must check the server
/case show 1
`},
	{"closed", "hosting-vn", `/case open complaint Invoice looks wrong via:email from:"Minh <minh@example.vn>"
/case resolve 1 outcome:rejected The invoice was right; went through it line by line cause:"misread invoice" remedy:"explained the lines" lessons:"clearer invoices"
/case show 2026-1
/case show C-2026-1
/case show 7
`},
	{"waiting-on-me", "registrar-no", `/case open complaint Domain was not renewed via:web
/case open complaint Second domain was not renewed via:web
/case answer 1 renewed it
/case escalate 1 reason:"site was down a day"
/case list mine
/case list
/as sam senior
/case claim 1
/case list mine
/as ann
/case list mine
/case list
`},
	{"console", "standard", `/as "Sam" senior
/case open complaint Charged twice
7
/as ann
/case answer 1 refunded it
/case escalate 1 reason:"no refund yet"
/as bob senior
/as sue
/case claim 1
/case assign 1 @SAM
/case assign 1 @Bob
/as BOB
/case list mine
`},
}

// TestDeskTranscripts runs every desk session through the console, the
// real handler and store, on a fixed clock.
func TestDeskTranscripts(t *testing.T) {
	for _, s := range deskSessions {
		t.Run(s.name, func(t *testing.T) {
			hs := MustHarness(t, s.preset)
			got := hs.runConsole(console.Config{User: "ann", RoleOf: hs.roleOf}, s.script, hs.hourly())
			bottest.MustMatchGolden(t, "desk_"+s.name, got)
		})
	}
}

// hourly returns the harness's handler, moving its clock on an hour
// before each command.
func (hs *harness) hourly() bot.Handler {
	return bot.HandlerFunc(func(ctx context.Context, req bot.Request) bot.Response {
		hs.clock.Advance(time.Hour)
		return hs.h.Handle(ctx, req)
	})
}

// roleOf returns the role the harness's directory gives the console user
// name, as ombud console does.
func (hs *harness) roleOf(name string) string {
	return string(hs.dir.Actor(bot.Request{Platform: bot.PlatformConsole, UserID: strings.ToLower(name), UserName: name}).Role)
}
