package commands_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/bottest"
	"github.com/ombud/ombud/bot/console"
	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/policyfile"
	"github.com/ombud/ombud/commands/chart"
)

// MustManagerDesk returns a harness under the standard policy with a few
// weeks of cases behind it: one resolved on the spot with a lesson, one
// answered late and escalated, one withdrawn, and one still open and
// overdue. The clock ends on Friday 11 December 2026, 12:00 UTC.
func MustManagerDesk(t *testing.T) *harness {
	t.Helper()
	hs := MustHarness(t, "standard")
	set := func(s string) { hs.clock.Set(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC).Add(mustDuration(t, s))) }
	openVia := func(via string) string {
		t.Helper()
		return idPattern.FindString(hs.ok("ann", "open Invoice charged twice via:"+via+" "+complainant).Reply.Title)
	}
	spot, late, gone, open := openVia("email"), openVia("phone"), openVia("email"), openVia("chat")
	hs.ok("ann", "update "+open+" looking into it")
	set("2h")
	hs.ok("ann", "resolve "+spot+` outcome:upheld cause:"double billing" lessons:"=1+2 check the run" Refunded`)
	hs.ok("ann", "resolve "+gone+" outcome:withdrawn customer withdrew")
	set("24h")
	hs.ok("ann", "ack "+late)
	set("384h") // Wed 9 Dec: a day past the answer's due time
	hs.ok("ann", "answer "+late+" We checked; the charge stands.")
	hs.ok("ann", "escalate "+late+` reason:"wants a refund"`)
	hs.ok("sue", "claim "+late)
	set("435h") // Fri 11 Dec 12:00
	return hs
}

// mustDuration parses a Go duration or fails tb.
func mustDuration(tb testing.TB, s string) time.Duration {
	tb.Helper()
	d, err := time.ParseDuration(s)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// withoutData returns r with its files' data left out, as JSON, for a
// golden file of the platform-neutral reply.
func withoutData(tb testing.TB, r bot.Reply) string {
	tb.Helper()
	for i := range r.Files {
		r.Files[i].Data = nil
	}
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		tb.Fatal(err)
	}
	return string(data) + "\n"
}

// TestSummaryRendering checks the summary as the console shows it and as
// the platform-neutral reply every platform renders, against golden files,
// and the chart that comes with it.
func TestSummaryRendering(t *testing.T) {
	hs := MustManagerDesk(t)
	for _, tt := range []struct{ name, text string }{
		{"summary_month", "summary 2026-11-01..2026-12-31"},
		{"summary_by_via", "summary 2026-11 by:via"},
	} {
		resp := hs.ok("max", tt.text)
		noContact(t, resp)
		r := resp.Reply
		if r.Visibility != bot.Public || len(r.Files) != 1 || r.Files[0].ContentType != "image/png" {
			t.Fatalf("%s: visibility %v, files %d", tt.text, r.Visibility, len(r.Files))
		}
		img, err := png.Decode(bytes.NewReader(r.Files[0].Data))
		if err != nil || img.Bounds().Dx() != chart.Width || img.Bounds().Dy() != chart.Height {
			t.Errorf("%s: the chart is not a %dx%d PNG: %v", tt.text, chart.Width, chart.Height, err)
		}
		bottest.MustMatchGolden(t, tt.name+"_console", console.Render(r, 1))
		bottest.MustMatchGolden(t, tt.name+"_reply", withoutData(t, r))
	}
}

// TestSummaryCountsOnce: one case answered once is one of one, whichever
// deadlines the answer met (issue 9).
func TestSummaryCountsOnce(t *testing.T) {
	hs := MustHarness(t, "standard")
	id := hs.open()
	hs.ok("ann", "answer "+id+" Refunded.")
	r := hs.ok("max", "summary").Reply
	fields(t, r, map[string]string{
		"Acknowledged on time": "1 of 1 (100%); median 0.0, p90 0.0 business days",
		"Answered on time":     "1 of 1 (100%); median 0.0, p90 0.0 business days",
		"Received":             "1; 0 closed in the period; 1 open now, all told",
	})
}

// TestExport checks the register a manager exports into chat: a CSV that
// encoding/csv reads back, one row per case, formulas defused, and no
// contact details.
func TestExport(t *testing.T) {
	hs := MustManagerDesk(t)
	resp := hs.ok("max", "export 2026-11")
	noContact(t, resp)
	r := resp.Reply
	if r.Title != "Register: November 2026" || len(r.Files) != 1 || r.Files[0].Name != "register-2026-11-01-2026-11-30-20261211T1200.csv" {
		t.Fatalf("export reply = %q, files %+v", r.Title, r.Files)
	}
	data := string(r.Files[0].Data)
	if strings.Contains(data, "kari@example.no") || strings.Contains(data, "Kari Nordmann") || strings.Contains(data, "K-17") {
		t.Errorf("the register in chat holds contact details:\n%s", data)
	}
	rows, err := csv.NewReader(strings.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v", err)
	}
	if len(rows) != 5 || rows[0][0] != "id" {
		t.Fatalf("%d rows, header %v; want a header and 4 cases", len(rows), rows[0])
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	for _, name := range []string{"complainant", "contact", "account"} {
		if _, ok := col[name]; ok {
			t.Errorf("the register in chat has a %s column", name)
		}
	}
	spot := rows[1]
	if got := spot[col["lessons"]]; got != "'=1+2 check the run" {
		t.Errorf("lessons = %q, want the formula defused", got)
	}
	if spot[col["outcome"]] != "upheld" || spot[col["root_cause"]] != "double billing" || spot[col["acknowledged_on_time"]] != "yes" {
		t.Errorf("resolved on the spot: %v", spot)
	}
	late := rows[2]
	if late[col["answered_on_time"]] != "no" || late[col["tier_reached"]] != "senior-review" || late[col["escalated"]] != "2026-12-09 09:00" {
		t.Errorf("answered late and escalated: %v", late)
	}
	if open := rows[4]; open[col["answered_on_time"]] != "overdue" || open[col["status"]] != "open" {
		t.Errorf("still open: %v", open)
	}
}

// TestSummaryTimesInPolicyZone: the summary says its times are in the
// policy's zone, and so they are, whatever the clock's zone: an overdue
// deadline's due time, and the date a lesson's case closed on, which in
// Ho Chi Minh City is a day later than in UTC at 18:00 UTC.
func TestSummaryTimesInPolicyZone(t *testing.T) {
	p, err := policyfile.Load("standard")
	if err != nil {
		t.Fatal(err)
	}
	p.Calendar.Zone = "Asia/Ho_Chi_Minh"
	hs := MustHarnessFor(t, p)
	loc, err := time.LoadLocation(p.Calendar.Zone)
	if err != nil {
		t.Fatal(err)
	}
	late, spot := hs.open(), hs.open()
	hs.clock.Set(time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC)) // Wed 25 Nov 01:00 in Ho Chi Minh City
	hs.ok("ann", "resolve "+spot+` outcome:upheld cause:"double billing" lessons:"check the run" Refunded`)
	hs.clock.Set(time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC))
	c, err := hs.store.Get(context.Background(), late)
	if err != nil {
		t.Fatal(err)
	}
	ack, _ := c.Deadline(cases.DeadlineAcknowledge)
	r := hs.ok("max", "summary 2026-11").Reply
	if got, want := field(t, r, "Overdue now"), ack.Due.In(loc).Format("Mon 2 Jan 15:04"); !strings.Contains(got, late+": acknowledgement due "+want) {
		t.Errorf("Overdue now = %q, want the acknowledgement due %s, in the policy's zone", got, want)
	}
	if got := field(t, r, "Latest lessons"); !strings.Contains(got, spot+" (closed 25 Nov)") {
		t.Errorf("Latest lessons = %q, want %s closed on 25 Nov, the date in the policy's zone", got, spot)
	}
}
