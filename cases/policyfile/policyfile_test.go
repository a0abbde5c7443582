package policyfile_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/calendar"
	"github.com/ombud/ombud/cases/policyfile"
)

// MustLoad loads a policy or fails the test.
func MustLoad(tb testing.TB, nameOrPath string) *cases.Policy {
	tb.Helper()
	p, err := policyfile.Load(nameOrPath)
	if err != nil {
		tb.Fatalf("Load(%q): %v", nameOrPath, err)
	}
	return p
}

// MustTime parses an RFC 3339 time or fails the test.
func MustTime(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

func TestPresets(t *testing.T) {
	want := []string{"hosting-vn", "registrar-de", "registrar-no", "registrar-vn", "retail-no", "standard"}
	if got := policyfile.Presets(); !slices.Equal(got, want) {
		t.Fatalf("Presets() = %v, want %v", got, want)
	}
}

func TestEveryPresetLoadsAndValidates(t *testing.T) {
	for _, name := range policyfile.Presets() {
		t.Run(name, func(t *testing.T) {
			p := MustLoad(t, name)
			if p.Name != name {
				t.Errorf("name = %q, want the file name %q", p.Name, name)
			}
			if p.Title == "" || p.Source == "" {
				t.Errorf("title %q, source %q: both must be set", p.Title, p.Source)
			}
			if err := p.Validate(); err != nil {
				t.Errorf("Validate: %v", err)
			}
		})
	}
}

func TestRetailCategories(t *testing.T) {
	p := MustLoad(t, "retail-no")
	check(t, "categories", join(p.Categories), "service support doa warranty reklamasjon")
}

func bd(n int) calendar.Duration { return calendar.Duration{N: n, Unit: calendar.UnitBusinessDays} }

func join[T any](items []T) string {
	var s []string
	for _, it := range items {
		s = append(s, fmt.Sprint(it))
	}
	return strings.Join(s, " ")
}

func check[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func TestLoadByPath(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "ours.yaml")
	if err := os.WriteFile(file, []byte(minimal), 0o600); err != nil {
		t.Fatal(err)
	}
	p := MustLoad(t, file)
	check(t, "name", p.Name, "ours")
	check(t, "answer", p.Deadlines.Answer, bd(5))

	_, err := policyfile.Load(filepath.Join(dir, "missing.yaml"))
	check(t, "missing file code", cases.ErrorCode(err), cases.ENOTFOUND)
	if !strings.Contains(cases.ErrorMessage(err), "missing.yaml") {
		t.Errorf("missing file error %q does not name the file", err)
	}
}

func TestLoadUnknownName(t *testing.T) {
	_, err := policyfile.Load("standrad")
	check(t, "code", cases.ErrorCode(err), cases.ENOTFOUND)
	msg := cases.ErrorMessage(err)
	for _, want := range append(policyfile.Presets(), `"standrad"`, "path") {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not mention %q", msg, want)
		}
	}
}

// minimal is the smallest useful policy file.
const minimal = `name: ours
tiers:
  - name: frontline
deadlines:
  answer: 5bd
calendar:
  zone: Europe/Oslo
`

func TestParseDefaults(t *testing.T) {
	p, err := policyfile.Parse([]byte(minimal), "ours.yaml")
	if err != nil {
		t.Fatal(err)
	}
	check(t, "weekend", join(p.Calendar.Weekend), "Saturday Sunday")
	check(t, "hours", p.Calendar.Opens+"-"+p.Calendar.Closes, "08:00-16:00")
	check(t, "independence", p.Independence, "") // one tier: nobody reviews
	check(t, "closing", join(p.Closing), "cause")
	check(t, "acknowledge", p.Deadlines.Acknowledge.IsZero(), true)
	check(t, "warn before", p.WarnLead().String(), "1bd")
	check(t, "claim within", p.ClaimTime().String(), "4bh")

	p, err = policyfile.Parse([]byte("warn_before: 2bh\nclaim_within: 1bd\n"+minimal), "ours.yaml")
	if err != nil {
		t.Fatal(err)
	}
	check(t, "warn before set", p.WarnLead().String(), "2bh")
	check(t, "claim within set", p.ClaimTime().String(), "1bd")

	p, err = policyfile.Parse([]byte(minimal+"  weekend: []\n"), "ours.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if p.Calendar.Weekend == nil || len(p.Calendar.Weekend) != 0 {
		t.Errorf("weekend: [] gave %v, want no weekend days", p.Calendar.Weekend)
	}
	check(t, "pause_moves_cap unset", p.Deadlines.PauseMovesCap, false)

	p, err = policyfile.Parse([]byte(strings.Replace(minimal, "answer: 5bd", "answer: 5bd\n  answer_cap: 20bd\n  pause_moves_cap: true", 1)), "ours.yaml")
	if err != nil {
		t.Fatal(err)
	}
	check(t, "pause_moves_cap", p.Deadlines.PauseMovesCap, true)
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string // every one must appear in the message
	}{
		{"unknown top-level key", minimal + "tiersx: []\n",
			[]string{"ours.yaml", "line 8", `"tiersx"`, "at the top level", "tiers"}},
		{"unknown deadline key", strings.Replace(minimal, "answer: 5bd", "answr: 5bd", 1),
			[]string{"ours.yaml", "line 5", `"answr"`, "under deadlines", "answer, answer_cap"}},
		{"unknown calendar key", minimal + "  timezone: UTC\n",
			[]string{"line 8", `"timezone"`, "under calendar", "zone, weekend"}},
		{"bad duration", strings.Replace(minimal, "5bd", "5 days", 1),
			[]string{"ours.yaml", "line 5", "deadlines.answer", `"5 days"`, "5bd", "24h"}},
		{"duration as a list", strings.Replace(minimal, "5bd", "[5bd]", 1),
			[]string{"ours.yaml", "line 5", "single value"}},
		{"bad weekday", minimal + "  weekend: [sat]\n",
			[]string{"ours.yaml", "line 8", "calendar.weekend", `"sat"`, "saturday"}},
		{"unknown kind", minimal + "kinds: [complaints]\n",
			[]string{"ours.yaml", `"complaints"`, "complaint, abuse or feedback"}},
		{"no tiers", strings.Replace(minimal, "  - name: frontline\n", "", 1),
			[]string{"ours.yaml", "0 tiers", "list 1 to 3"}},
		{"pause_moves_cap without a cap", strings.Replace(minimal, "answer: 5bd", "answer: 5bd\n  pause_moves_cap: true", 1),
			[]string{"ours.yaml", "pause_moves_cap is set without answer_cap"}},
		{"empty file", "", []string{"ours.yaml is empty", "name:"}},
		{"not yaml", "name: [", []string{"ours.yaml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := policyfile.Parse([]byte(tt.yaml), "ours.yaml")
			if err == nil {
				t.Fatal("no error")
			}
			check(t, "code", cases.ErrorCode(err), cases.EINVALID)
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

// TestPresetDeadlines checks every preset's deadlines against dates worked out
// by hand from the procedure texts with a real calendar. A limit of N business
// days falls due at close of business (16:00 local) on the Nth business day
// after the local date of receipt; a limit in hours is counted on the clock;
// N calendar days and the customer's windows end at 23:59:59 on their last
// local day.
// Each case includes the example, received 2026-12-18T17:00:00+01:00
// (a Friday, after close of business in Oslo and Berlin, 23:00 in Vietnam).
func TestPresetDeadlines(t *testing.T) {
	tests := []struct {
		preset   string
		received string
		want     map[string]string // Milestone.Key -> due, RFC 3339 in the policy's zone
	}{
		// No holidays: 25 Dec and 1 Jan are working days in standard.
		{"standard", "2026-12-18T17:00:00+01:00", map[string]string{
			"acknowledge":       "2026-12-22T16:00:00Z", // Mon 21, Tue 22
			"answer":            "2027-01-01T16:00:00Z", // 10th working day
			"answer_cap":        "2027-01-15T16:00:00Z",
			"first_update":      "2026-12-25T16:00:00Z",
			"escalation_window": "2027-01-29T23:59:59Z", // the end of the 20th bd after Fri 1 Jan
			"review":            "2027-02-12T16:00:00Z", // 10 bd after the window closes
			"final_window":      "2027-03-12T23:59:59Z", // the end of the 20th bd after the review
			"final":             "2027-03-26T16:00:00Z", // 10 bd after that window
		}},
		// Received on a Saturday: counting starts on Monday.
		{"standard", "2026-07-04T12:00:00Z", map[string]string{
			"acknowledge":       "2026-07-07T16:00:00Z",
			"answer":            "2026-07-17T16:00:00Z",
			"answer_cap":        "2026-07-31T16:00:00Z",
			"first_update":      "2026-07-10T16:00:00Z",
			"escalation_window": "2026-08-14T23:59:59Z",
			"review":            "2026-08-28T16:00:00Z",
			"final_window":      "2026-09-25T23:59:59Z",
			"final":             "2026-10-09T16:00:00Z",
		}},
		// Mon 21, Tue 22, Wed 23, Thu 24 (a working day in Norway), then
		// Christmas Day Fri 25 and the weekend: the 5th is Mon 28.
		{"registrar-no", "2026-12-18T17:00:00+01:00", map[string]string{
			"acknowledge": "2026-12-28T16:00:00+01:00",
		}},
		// Easter: Maundy Thursday 2 Apr, Good Friday 3 Apr, Easter Monday 6 Apr.
		// Tue 7, Wed 8, Thu 9, Fri 10, Mon 13.
		{"registrar-no", "2026-04-01T10:00:00+02:00", map[string]string{
			"acknowledge": "2026-04-13T16:00:00+02:00",
		}},
		// Saarland: 24 and 31 Dec are working days; 25 Dec and 1 Jan are not.
		// Changed in this release: the 10 bd are the limit for the answer or
		// for telling the customer when to expect it (answer_notice), the
		// window runs to the end of its last day, and the escalated
		// complaint is acknowledged within 2 bd.
		{"registrar-de", "2026-12-18T17:00:00+01:00", map[string]string{
			"acknowledge":        "2026-12-22T16:00:00+01:00",
			"answer_notice":      "2027-01-05T16:00:00+01:00", // 21-24, 28-31 Dec, 4-5 Jan
			"escalation_window":  "2027-02-02T23:59:59+01:00", // 6 Jan is no holiday in Saarland
			"review_acknowledge": "2027-02-04T16:00:00+01:00", // Wed 3, Thu 4
			"review":             "2027-02-16T16:00:00+01:00",
		}},
		// Ascension 14 May, Whit Monday 25 May, Corpus Christi 4 Jun (Saarland).
		{"registrar-de", "2026-05-12T09:00:00+02:00", map[string]string{
			"acknowledge":        "2026-05-15T16:00:00+02:00", // Wed 13, Fri 15
			"answer_notice":      "2026-05-28T16:00:00+02:00",
			"escalation_window":  "2026-06-26T23:59:59+02:00",
			"review_acknowledge": "2026-06-30T16:00:00+02:00", // Mon 29, Tue 30
			"review":             "2026-07-10T16:00:00+02:00",
		}},
		// 23:00 in Vietnam; 20 bd skip 1 Jan. Changed in this release: the 24
		// hours run from a referral to another department, not from receipt,
		// and the 20 working days are also the cap.
		{"hosting-vn", "2026-12-18T17:00:00+01:00", map[string]string{
			"answer":     "2027-01-18T16:00:00+07:00",
			"answer_cap": "2027-01-18T16:00:00+07:00",
		}},
		// Tết: 16-20 Feb 2026 are holidays, so counting starts Mon 23 Feb.
		{"hosting-vn", "2026-02-13T10:00:00+07:00", map[string]string{
			"answer":     "2026-03-20T16:00:00+07:00",
			"answer_cap": "2026-03-20T16:00:00+07:00",
		}},
		// 25 Dec is a working day in Vietnam. Changed in this release: the cap
		// is 20 calendar days to the end of the 20th day, not 480 hours.
		{"registrar-vn", "2026-12-18T17:00:00+01:00", map[string]string{
			"answer":     "2026-12-25T16:00:00+07:00",
			"answer_cap": "2027-01-07T23:59:59+07:00",
		}},
		// Hùng Kings (Sun 26 Apr, observed Mon 27 Apr), 30 Apr, 1 May:
		// Tue 28, Wed 29, Mon 4, Tue 5, Wed 6.
		{"registrar-vn", "2026-04-24T15:00:00+07:00", map[string]string{
			"answer":     "2026-05-06T16:00:00+07:00",
			"answer_cap": "2026-05-14T23:59:59+07:00",
		}},
		// The procedure sets no time limits.
		{"retail-no", "2026-12-18T17:00:00+01:00", map[string]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.preset+"/"+tt.received, func(t *testing.T) {
			p := MustLoad(t, tt.preset)
			cal, err := calendar.New(p.Calendar)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, m := range cases.Plan(p, cal, MustTime(t, tt.received)) {
				got[m.Key] = m.Due.In(cal.Location()).Format(time.RFC3339)
			}
			for key, want := range tt.want {
				if got[key] != want {
					t.Errorf("%s due %s, want %s", key, got[key], want)
				}
			}
			for key, due := range got {
				if _, ok := tt.want[key]; !ok {
					t.Errorf("unexpected deadline %s due %s", key, due)
				}
			}
		})
	}
}
