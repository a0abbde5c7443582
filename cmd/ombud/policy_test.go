package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ombud/ombud/bot/bottest"
	"github.com/ombud/ombud/cases/policyfile"
)

// issueExample is the receipt time from the issue that asked for the policy
// commands: a Friday, after close of business in Oslo and Berlin.
const issueExample = "2026-12-18T17:00:00+01:00"

func TestPolicyList(t *testing.T) {
	status, stdout, stderr := runArgs(t, "policy", "list")
	if status != 0 || stderr != "" {
		t.Fatalf("status %d, stderr %q", status, stderr)
	}
	mustContain(t, "list", stdout, "standard", "registrar-no", "registrar-de", "hosting-vn", "registrar-vn", "retail-no",
		"Norwegian domain registrar")
	if lines := strings.Count(stdout, "\n"); lines != 6 {
		t.Errorf("%d lines, want one per preset:\n%s", lines, stdout)
	}

	status, _, stderr = runArgs(t, "policy", "list", "standard")
	if status != 2 {
		t.Errorf("list with an argument: status %d, want 2", status)
	}
	mustContain(t, "stderr", stderr, "ombud policy show standard")
}

func TestPolicyShow(t *testing.T) {
	status, stdout, stderr := runArgs(t, "policy", "show", "registrar-no")
	if status != 0 || stderr != "" {
		t.Fatalf("status %d, stderr %q", status, stderr)
	}
	mustContain(t, "show registrar-no", stdout,
		"registrar-no: Norwegian domain registrar",
		"Source: Klageregler",
		"1. frontline", "2. senior-review", "3. final-review",
		"Kinds: complaint", "Channels: web",
		"At intake: required: nothing; asked for: name, contact, subject, description",
		"Required at closing: nothing",
		"Acknowledge: within 5 business days of receipt",
		"First answer: no fixed limit",
		"Zone: Europe/Oslo", "Weekend: Saturday, Sunday", "Business hours: 08:00 to 16:00",
		"Public holidays: NO", "Closures: none",
		"The registry of the domain name concerned\n", "A dispute-resolution provider\n",
		"Norid, https://www.norid.no", "Domeneklagenemnda, https://www.domeneklage.no")

	_, stdout, _ = runArgs(t, "policy", "show", "registrar-de")
	mustContain(t, "show registrar-de", stdout,
		"Escalation window: the customer may escalate within 20 business days of the answer, to the end of the last day",
		"On escalation: escalated complaints in writing only (e-mail, post or the web form); required: name, contact, reason, expects; asked for: account, subject",
		"Answer, or tell the customer when to expect it: within 10 business days of receipt",
		"Acknowledge the escalation: within 2 business days of the escalation",
		"For abuse: queue abuse; otherwise as above, but", "1. frontline: Abuse specialist",
		"For feedback: queue feedback; otherwise as above, but", "1. forwarded: Forwarded to the relevant department", "Time limits: none",
		"Public holidays: DE-SL", "External bodies: none named")
	if strings.Contains(stdout, "Final answer") {
		t.Errorf("a two-tier policy shows final-review limits:\n%s", stdout)
	}
	mustContain(t, "show registrar-de", stdout, "Source: Procedure voor het melden van klachten en misbruik, a German registrar in St. Ingbert\n",
		"Warn 1 business day before a deadline falls due (or, for a shorter limit, when 75% of its time has passed).",
		"Ask the seniors in turn when an escalation waits 4 business hours for a reviewer.")

	_, stdout, _ = runArgs(t, "policy", "show", "retail-no")
	if strings.Contains(stdout, "Warn when") {
		t.Errorf("retail-no sets no limits, yet says when it warns:\n%s", stdout)
	}
	mustContain(t, "show retail-no", stdout, "Source: Klagehåndtering, the complaint handling of a Norwegian IT retailer\n",
		"Categories: service, support, doa, warranty, reklamasjon",
		"nobody from a team", "Forbrukerrådet, https://www.forbrukerradet.no", "Forbrukerklageutvalget, https://www.forbrukerklageutvalget.no")
	if strings.Contains(stdout, "online dispute resolution") {
		t.Errorf("retail-no still names the closed EU platform:\n%s", stdout)
	}

	_, stdout, _ = runArgs(t, "policy", "show", "hosting-vn")
	mustContain(t, "show hosting-vn", stdout, "1. frontline", "At intake: required: nothing; asked for: name, contact",
		"Extended answer: no later than 20 business days after receipt, so the answer cannot be extended",
		"Reply after a referral: within 24 hours of passing the case on",
		"Required at closing: root cause, lessons learned",
		"Receipt: given for complaints that come in person", "Resolved on the spot: complaints that come in person or by phone")
	if strings.Contains(stdout, "2. ") || strings.Contains(stdout, "On escalation") {
		t.Errorf("hosting-vn shows a second tier:\n%s", stdout)
	}

	_, stdout, _ = runArgs(t, "policy", "show", "registrar-vn")
	mustContain(t, "show registrar-vn", stdout, "2. complaint-resolution", "Extended answer: no later than 20 calendar days after receipt",
		"Signed off by a senior: the first answer to complaints that came by email or by post",
		"Resolved on the spot: complaints that come by chat or by phone")
	if strings.Contains(stdout, "3. ") || strings.Contains(stdout, "superior") {
		t.Errorf("registrar-vn shows the superior as a tier:\n%s", stdout)
	}
}

// TestPolicyCheck: a valid file is described as ombud read it; a file with
// mistakes gets each with its line on stderr and exit status 1.
// TestPolicySources: every preset names its procedure, not a number the
// project filed its text under.
func TestPolicySources(t *testing.T) {
	for _, name := range policyfile.Presets() {
		_, stdout, _ := runArgs(t, "policy", "show", name)
		source, _, _ := strings.Cut(stdout[strings.Index(stdout, "Source: "):], "\n")
		if strings.Contains(source, "seed") || regexp.MustCompile(`\b0\d\d\b`).MatchString(source) {
			t.Errorf("%s: %s", name, source)
		}
	}
}

func TestPolicyCheck(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "ours.yaml")
	policy := "name: ours\ntitle: Our procedure\ntiers:\n  - name: frontline\n  - name: review\n    reviewer: team\n" +
		"deadlines:\n  answer: 5bd\n  answer_cap: 20d\n  escalation_window: 10bd\ncalendar:\n  zone: Europe/Oslo\n"
	if err := os.WriteFile(good, []byte(policy), 0o600); err != nil {
		t.Fatal(err)
	}
	status, stdout, stderr := runArgs(t, "policy", "check", good)
	if status != 0 || stderr != "" {
		t.Fatalf("status %d, stderr %q", status, stderr)
	}
	mustContain(t, "check", stdout, good+" is a valid policy", "ours: Our procedure", "2. review",
		"nobody from a team that handled an earlier tier may review it",
		"Extended answer: no later than 20 calendar days after receipt", "Required at closing: root cause")

	bad := filepath.Join(dir, "bad.yaml")
	broken := strings.NewReplacer("    reviewer: team\n", "", "answer_cap: 20d", "answer_cap: 3d", "escalation_window: 10bd", "escalation_windw: 10bd").Replace(policy)
	if err := os.WriteFile(bad, []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	status, stdout, stderr = runArgs(t, "policy", "check", bad)
	if status != 1 || stdout != "" {
		t.Fatalf("status %d, stdout %q", status, stdout)
	}
	mustContain(t, "check", stderr, bad+`: line 9: "escalation_windw" is not a policy key under deadlines`, "1 problem; fix it")

	broken = strings.Replace(broken, "escalation_windw", "escalation_window", 1)
	if err := os.WriteFile(bad, []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, stderr = runArgs(t, "policy", "check", bad)
	mustContain(t, "check", stderr, bad+": line 5: tier review has no reviewer rule",
		bad+": line 8: answer_cap 3d is shorter than answer 5bd", "2 problems; fix them")

	status, _, stderr = runArgs(t, "policy", "check")
	if status != 2 {
		t.Errorf("check with no file: status %d, want 2", status)
	}
	mustContain(t, "check with no file", stderr, "Usage: ombud policy check FILE")
}

func TestPolicyShowByPath(t *testing.T) {
	file := filepath.Join(t.TempDir(), "ours.yaml")
	policy := "name: ours\ntitle: Our procedure\ntiers:\n  - name: frontline\n    title: Desk\ndeadlines:\n  answer: 8bh\ncalendar:\n  zone: Europe/Amsterdam\n  holidays: [NL]\n"
	if err := os.WriteFile(file, []byte(policy), 0o600); err != nil {
		t.Fatal(err)
	}
	status, stdout, stderr := runArgs(t, "policy", "show", file)
	if status != 0 {
		t.Fatalf("status %d, stderr %q", status, stderr)
	}
	mustContain(t, "show", stdout, "ours: Our procedure", "First answer: within 8 business hours of receipt", "Europe/Amsterdam")
}

func TestPolicyShowErrors(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		status int
		stderr []string
	}{
		{"no policy", []string{"show"}, 2, []string{"name one policy", "Usage: ombud policy show NAME|PATH"}},
		{"two policies", []string{"show", "standard", "retail-no"}, 2, []string{"name one policy"}},
		{"unknown preset", []string{"show", "standrad"}, 1, []string{`"standrad"`, "registrar-no", "retail-no", "path"}},
		{"missing file", []string{"show", "./nowhere.yaml"}, 1, []string{"no policy file at ./nowhere.yaml"}},
		{"unknown flag", []string{"show", "standard", "--verbose"}, 2, []string{"-verbose"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, stdout, stderr := runArgs(t, append([]string{"policy"}, tt.args...)...)
			if status != tt.status {
				t.Errorf("status %d, want %d", status, tt.status)
			}
			if stdout != "" {
				t.Errorf("stdout is not empty: %q", stdout)
			}
			mustContain(t, "stderr", stderr, tt.stderr...)
		})
	}
}

func TestPolicyDeadlines(t *testing.T) {
	// Flags before and after the policy name mean the same.
	for _, args := range [][]string{
		{"policy", "deadlines", "registrar-de", "--received", issueExample},
		{"policy", "deadlines", "--received=" + issueExample, "registrar-de"},
	} {
		status, stdout, stderr := runArgs(t, args...)
		if status != 0 || stderr != "" {
			t.Fatalf("%v: status %d, stderr %q", args, status, stderr)
		}
		mustContain(t, "deadlines", stdout,
			"registrar-de, received Fri 18 Dec 2026 17:00 CET (Europe/Berlin)",
			"Acknowledge", "Tue 22 Dec 2026 16:00 CET", "from receipt",
			"Answer, or say when to expect it", "Tue 5 Jan 2027 16:00 CET",
			"Escalation window closes", "Tue 2 Feb 2027 23:59 CET", "from answer",
			"Acknowledge the escalation", "Thu 4 Feb 2027 16:00 CET", "from escalation",
			"Review answer", "Tue 16 Feb 2027 16:00 CET",
			"assumes that step happened when it fell due")
	}

	// Seconds are optional, as in received:.
	for _, received := range []string{"2026-12-18T17:00+01:00", "2026-12-18T16:00Z"} {
		_, stdout, stderr := runArgs(t, "policy", "deadlines", "registrar-de", "--received", received)
		mustContain(t, received+" "+stderr, stdout, "registrar-de, received Fri 18 Dec 2026 17:00 CET (Europe/Berlin)")
	}

	_, stdout, _ := runArgs(t, "policy", "deadlines", "hosting-vn", "--received", issueExample)
	mustContain(t, "hosting-vn", stdout, "First answer                            Mon 18 Jan 2027 16:00 +07")

	_, stdout, _ = runArgs(t, "policy", "deadlines", "retail-no", "--received", issueExample)
	mustContain(t, "retail-no", stdout, "retail-no sets no time limits.")
}

func TestPolicyDeadlinesJSON(t *testing.T) {
	status, stdout, stderr := runArgs(t, "policy", "deadlines", "standard", "--received", issueExample, "--json")
	if status != 0 || stderr != "" {
		t.Fatalf("status %d, stderr %q", status, stderr)
	}
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	var got deadlinesJSON
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("decode %q: %v", stdout, err)
	}
	if dec.More() {
		t.Errorf("stdout holds more than one JSON value:\n%s", stdout)
	}
	want := deadlinesJSON{Policy: "standard", Received: "2026-12-18T16:00:00Z", Deadlines: map[string]string{
		"acknowledge":       "2026-12-22T16:00:00Z",
		"answer":            "2027-01-01T16:00:00Z",
		"answer_cap":        "2027-01-15T16:00:00Z",
		"first_update":      "2026-12-25T16:00:00Z",
		"escalation_window": "2027-01-29T23:59:59Z",
		"review":            "2027-02-12T16:00:00Z",
		"final_window":      "2027-03-12T23:59:59Z",
		"final":             "2027-03-26T16:00:00Z",
	}}
	gotJSON, _ := json.Marshal(got)
	wantJSON, _ := json.Marshal(want)
	if !bytes.Equal(gotJSON, wantJSON) {
		t.Errorf("got  %s\nwant %s", gotJSON, wantJSON)
	}

	// Times are in the policy's zone, and a policy with no limits gives an
	// empty object rather than null.
	_, stdout, _ = runArgs(t, "policy", "deadlines", "retail-no", "--json", "--received", issueExample)
	mustContain(t, "retail-no", stdout, `"received": "2026-12-18T17:00:00+01:00"`, `"deadlines": {}`)
	_, stdout, _ = runArgs(t, "policy", "deadlines", "registrar-vn", "--json", "--received", issueExample)
	mustContain(t, "registrar-vn", stdout, `"received": "2026-12-18T23:00:00+07:00"`, `"answer_cap": "2027-01-07T23:59:59+07:00"`)
}

func TestPolicyDeadlinesErrors(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		status int
		stderr []string
	}{
		{"no --received", []string{"standard"}, 2, []string{"--received " + receivedExample}},
		{"date only", []string{"standard", "--received", "2026-12-18"}, 2, []string{`"2026-12-18" is not a time ombud can read`, receivedExample}},
		{"no offset", []string{"standard", "--received", "2026-12-18T17:00:00"}, 2, []string{"UTC offset", "as /case open's received: takes it", receivedExample}},
		{"no policy", []string{"--received", issueExample}, 2, []string{"name one policy"}},
		{"unknown preset", []string{"nope", "--received", issueExample}, 1, []string{`"nope"`, "standard"}},
		{"--received without value", []string{"standard", "--received"}, 2, []string{"flag needs an argument"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, stdout, stderr := runArgs(t, append([]string{"policy", "deadlines"}, tt.args...)...)
			if status != tt.status {
				t.Errorf("status %d, want %d", status, tt.status)
			}
			if stdout != "" {
				t.Errorf("stdout is not empty: %q", stdout)
			}
			mustContain(t, "stderr", stderr, tt.stderr...)
		})
	}
}

func TestParseArgsAfterDoubleDash(t *testing.T) {
	status, stdout, _ := runArgs(t, "policy", "deadlines", "--received", issueExample, "--", "standard")
	if status != 0 {
		t.Fatalf("status %d", status)
	}
	mustContain(t, "deadlines", stdout, "standard, received")
}

// TestPolicyShowExtension checks what show says about extending the first
// answer: not at all without answer_cap, and up to the cap, paused time
// added or not, with it.
func TestPolicyShowExtension(t *testing.T) {
	const base = "name: ours\ntiers:\n  - name: frontline\ncalendar:\n  zone: UTC\ndeadlines:\n  answer: 5bd\n"
	for extra, want := range map[string]string{
		"":                     "Extended answer: the first answer cannot be extended",
		"  answer_cap: 10bd\n": "Extended answer: no later than 10 business days after receipt, however long the case is paused",
		"  answer_cap: 10bd\n  pause_moves_cap: true\n": "Extended answer: no later than 10 business days after receipt, plus any time paused",
	} {
		file := filepath.Join(t.TempDir(), "ours.yaml")
		if err := os.WriteFile(file, []byte(base+extra), 0o600); err != nil {
			t.Fatal(err)
		}
		_, stdout, stderr := runArgs(t, "policy", "show", file)
		mustContain(t, "show "+extra+stderr, stdout, want)
	}
}

// TestPolicyShowGolden pins what a desk reads of a policy without limits
// and of one with them: the source names the procedure, and the line on
// warnings is there only where something can fall due.
func TestPolicyShowGolden(t *testing.T) {
	for _, name := range []string{"retail-no", "registrar-de"} {
		status, stdout, stderr := runArgs(t, "policy", "show", name)
		if status != 0 || stderr != "" {
			t.Fatalf("%s: status %d, stderr %q", name, status, stderr)
		}
		bottest.MustMatchGolden(t, "policy_show_"+name, stdout)
	}
}
