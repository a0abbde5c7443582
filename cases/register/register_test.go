package register_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/register"
)

// oslo is the zone the register's times are written in.
var oslo = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		panic(err)
	}
	return loc
}()

var policy = &cases.Policy{Name: "registrar-no", Tiers: []cases.TierSpec{{Name: "frontline"}, {Name: "senior-review"}, {Name: "final-review"}}}

var env = register.Env{Policy: policy, Location: oslo, Now: time.Date(2026, 3, 31, 12, 0, 0, 0, time.UTC)}

// hostile is a case whose every free-text field tries something on a
// spreadsheet or a CSV reader.
func hostile() *cases.Case {
	received := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	return &cases.Case{
		ID: "C-2026-0001", Policy: "registrar-no", Kind: cases.KindComplaint, Channel: cases.ChannelEmail,
		Priority:    cases.PriorityNormal,
		Subject:     "=HYPERLINK(\"http://evil.example\",\"click\")",
		Complainant: cases.Complainant{Name: "Kari \"K\" Nordmann", Contact: "kari@example.no", Account: "+4712345678"},
		ReceivedAt:  received, Status: cases.StatusClosed, Tier: cases.TierReview,
		Assignee: cases.Person{Name: "ann"},
		Deadlines: []cases.Deadline{
			{Kind: cases.DeadlineAcknowledge, Due: received.Add(48 * time.Hour), Met: received.Add(time.Hour)},
			{Kind: cases.DeadlineReview, Due: received.Add(240 * time.Hour), Met: received.Add(300 * time.Hour)},
		},
		Escalations: []cases.Escalation{{Tier: cases.TierReview, At: received.Add(72 * time.Hour)}},
		Extensions:  []cases.Extension{{Days: 3}, {Days: 2}},
		Resolution: cases.Resolution{Outcome: cases.OutcomeRejected, Summary: "line one\nline two, with a comma",
			RootCause: "-1 day off", Remedy: "+credit", Lessons: "@channel check\tthe run", ExternalBodies: []string{"Norid", "Domeneklagenemnda"}},
		Figures: cases.Figures{
			TierReached: cases.TierReview, Late: 1, ClosedAt: received.Add(301 * time.Hour),
			Acknowledge: cases.Step{State: cases.StepOnTime, At: received.Add(time.Hour)},
			Answer:      cases.Step{State: cases.StepPending, Due: received.Add(200 * time.Hour)},
		},
	}
}

// MustWrite writes cs to a register of format and returns it.
func MustWrite(tb testing.TB, format register.Format, withContacts bool, cs ...*cases.Case) string {
	tb.Helper()
	var buf bytes.Buffer
	w, err := register.NewWriter(&buf, format, withContacts)
	if err != nil {
		tb.Fatal(err)
	}
	for _, c := range cs {
		if err := w.Write(c, env); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.String()
}

// MustRecords reads a CSV register back with encoding/csv, keyed by column.
func MustRecords(tb testing.TB, data string) []map[string]string {
	tb.Helper()
	rows, err := csv.NewReader(strings.NewReader(data)).ReadAll()
	if err != nil {
		tb.Fatalf("not CSV: %v\n%s", err, data)
	}
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, name := range rows[0] {
			m[name] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// TestCSVRoundTrip writes a hostile case and reads it back with
// encoding/csv: every value comes back, formulas defused.
func TestCSVRoundTrip(t *testing.T) {
	t.Parallel()
	data := MustWrite(t, register.CSV, true, hostile(), hostile())
	if !strings.HasPrefix(data, "id,policy,kind,") || !strings.Contains(data, "\r\n") {
		t.Errorf("no header row or not CRLF:\n%s", data)
	}
	recs := MustRecords(t, data)
	if len(recs) != 2 {
		t.Fatalf("%d records, want 2", len(recs))
	}
	want := map[string]string{
		"id": "C-2026-0001", "subject": `'=HYPERLINK("http://evil.example","click")`,
		"complainant": `Kari "K" Nordmann`, "contact": "kari@example.no", "account": "'+4712345678",
		"time_zone": "Europe/Oslo", "received": "2026-03-02 09:00", "acknowledged": "2026-03-02 10:00",
		"acknowledge_due": "2026-03-04 09:00", "acknowledged_on_time": "yes",
		"answer_due": "", "answered_on_time": "overdue", "answer_extended_days": "5", "deadlines_met_late": "1",
		"tier_reached": "senior-review", "escalated": "2026-03-05 09:00", "review_on_time": "no",
		"final_review_requested": "", "final_on_time": "", "closed": "2026-03-14 22:00",
		"outcome": "rejected", "summary": "line one\nline two, with a comma", "root_cause": "'-1 day off",
		"remedy": "'+credit", "lessons": "'@channel check\tthe run", "external_bodies": "Norid; Domeneklagenemnda",
	}
	for k, v := range want {
		if recs[0][k] != v {
			t.Errorf("%s = %q, want %q", k, recs[0][k], v)
		}
	}
}

// TestDefuse tries every character a spreadsheet starts a formula with.
func TestDefuse(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"=1+2": "'=1+2", "+1": "'+1", "-1": "'-1", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx",
		"1-2": "1-2", "a=b": "a=b", "": "", "2026-03-02 09:00": "2026-03-02 09:00", "'quoted": "'quoted",
	} {
		if got := register.Defuse(in); got != want {
			t.Errorf("Defuse(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestContactsOnlyWhenAsked: without contacts, no column and no value of
// the complainant's.
func TestContactsOnlyWhenAsked(t *testing.T) {
	t.Parallel()
	for _, format := range []register.Format{register.CSV, register.JSON} {
		data := MustWrite(t, format, false, hostile())
		for _, s := range []string{"kari@example.no", "Nordmann", "4712345678", "complainant", "contact", "account"} {
			if strings.Contains(data, s) {
				t.Errorf("%s register without contacts holds %q:\n%s", format, s, data)
			}
		}
		if !strings.Contains(MustWrite(t, format, true, hostile()), "kari@example.no") {
			t.Errorf("%s register with contacts lacks the contact", format)
		}
	}
	if h := register.Header(false); len(h) != len(register.Header(true))-3 {
		t.Errorf("header without contacts = %v", h)
	}
}

// TestJSON writes the register as an array of objects keyed by the CSV
// header, values as entered (no defusing: JSON is not a spreadsheet).
func TestJSON(t *testing.T) {
	t.Parallel()
	var got []map[string]string
	if err := json.Unmarshal([]byte(MustWrite(t, register.JSON, false, hostile(), hostile())), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[1]["subject"] != hostile().Subject || got[0]["received"] != "2026-03-02 09:00" {
		t.Errorf("JSON register = %v", got)
	}
	var keys []string
	for k := range got[0] {
		keys = append(keys, k)
	}
	if len(keys) != len(register.Header(false)) {
		t.Errorf("keys %v, want the header %v", keys, register.Header(false))
	}
	var empty []map[string]string
	if err := json.Unmarshal([]byte(MustWrite(t, register.JSON, false)), &empty); err != nil || empty == nil || len(empty) != 0 {
		t.Errorf("an empty register = %v, %v; want []", empty, err)
	}
}

// TestParseFormat accepts csv and json in any case and nothing else.
func TestParseFormat(t *testing.T) {
	t.Parallel()
	if f, err := register.ParseFormat("CSV"); f != register.CSV || err != nil {
		t.Errorf("ParseFormat(CSV) = %q, %v", f, err)
	}
	_, err := register.ParseFormat("xlsx")
	if !reflect.DeepEqual(cases.ErrorMessage(err), `"xlsx" is not a format of the register; use csv or json`) {
		t.Errorf("ParseFormat(xlsx) = %v", err)
	}
}
