package policyfile_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/policyfile"
)

// twoTiers is a valid two-tier policy; the tests below change one line of
// it at a time. Its lines are numbered in the comments the tests refer to.
const twoTiers = `name: ours
tiers:
  - name: frontline
  - name: review
    reviewer: person
kinds: [complaint, abuse]
channels: [email, phone]
deadlines:
  answer: 10bd
  answer_cap: 20bd
  escalation_window: 20bd
calendar:
  zone: Europe/Oslo
`

// TestPolicyFileMistakes: each mistake in a policy file gives exactly one
// problem, on the line it was made, saying what to write instead.
func TestPolicyFileMistakes(t *testing.T) {
	if _, err := policyfile.Parse([]byte(twoTiers), "ours.yaml"); err != nil {
		t.Fatalf("the base policy is wrong: %v", err)
	}
	tests := []struct {
		name string
		from string // replaced in twoTiers
		to   string
		line int
		want []string
	}{
		{"unknown key", "channels:", "channel:", 7, []string{`"channel" is not a policy key at the top level`, "channels"}},
		{"unknown key in a tier", "    reviewer: person", "    reviewr: person", 5, []string{`"reviewr"`, "in a tier", "reviewer"}},
		{"unknown key under a kind", "kinds: [complaint, abuse]", "kinds:\n  complaint:\n  abuse:\n    queu: abuse", 9,
			[]string{`"queu"`, "under a kind", "queue, tiers, deadlines"}},
		{"unknown key under intake", "kinds:", "intake:\n  requires: [name]\nkinds:", 7,
			[]string{`"requires"`, "under intake or escalation", "require, ask, written"}},
		{"impossible unit", "answer: 10bd", "answer: 10w", 9, []string{"deadlines.answer", `"10w"`, "20d (calendar days)"}},
		{"days spelt out", "answer: 10bd", "answer: 10 days", 9, []string{`"10 days"`, "5bd"}},
		{"no number", "answer_cap: 20bd", "answer_cap: bd", 10, []string{"deadlines.answer_cap", `"bd"`}},
		{"warn_before in weeks", "deadlines:", "warn_before: 1w\ndeadlines:", 8, []string{"warn_before", `"1w"`, "5bd"}},
		{"claim_within without a unit", "deadlines:", "claim_within: 4\ndeadlines:", 8, []string{"claim_within", `"4"`, "8bh"}},
		{"cap below its limit", "answer_cap: 20bd", "answer_cap: 5bd", 10,
			[]string{"answer_cap 5bd is shorter than answer 10bd", "at least 10bd"}},
		{"cap in days below a limit in business days", "answer_cap: 20bd", "answer_cap: 3d", 10,
			[]string{"answer_cap 3d is shorter than answer 10bd"}},
		{"tier with no reviewer rule", "    reviewer: person\n", "", 4,
			[]string{"tier review has no reviewer rule", "reviewer: person", "independence:"}},
		{"unknown reviewer rule", "reviewer: person", "reviewer: senior", 5, []string{`reviewer "senior" is not known`, "person or team"}},
		{"window without its tier", "  - name: review\n    reviewer: person\n", "", 9,
			[]string{"escalation_window is set", "no tier 2"}},
		{"unknown intake field", "kinds:", "intake:\n  ask: [name, phone]\nkinds:", 7,
			[]string{`intake.ask: field "phone" is not known`, "name, contact, account, subject, description"}},
		{"field both required and asked", "kinds:", "intake:\n  require: [name]\n  ask: [name]\nkinds:", 8,
			[]string{"name is both required and asked for"}},
		{"unknown closing field", "kinds:", "closing: [cause, why]\nkinds:", 6, []string{`closing field "why" is not known`, "cause, remedy, lessons"}},
		{"spot channel the policy does not take", "kinds:", "spot: [in-person]\nkinds:", 6,
			[]string{"spot names in-person, which is not among the policy's channels"}},
		{"kind with limits for a tier it lacks", "kinds: [complaint, abuse]",
			"kinds:\n  complaint:\n  abuse:\n    tiers:\n      - name: desk", 8, []string{"escalation_window is set", "for abuse", "no tier 2"}},
		{"rules for a kind not handled", "kinds: [complaint, abuse]", "kinds:\n  complaint:\n  feedbak:\n    queue: x", 8,
			[]string{`kind "feedbak" is not known`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(twoTiers, tt.from) {
				t.Fatalf("the base policy has no %q", tt.from)
			}
			_, err := policyfile.Parse([]byte(strings.Replace(twoTiers, tt.from, tt.to, 1)), "ours.yaml")
			var fe *policyfile.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is not a *FileError", err)
			}
			check(t, "code", cases.ErrorCode(err), cases.EINVALID)
			if len(fe.Problems) != 1 {
				t.Fatalf("%d problems, want one:\n%v", len(fe.Problems), err)
			}
			check(t, "line", fe.Problems[0].Line, tt.line)
			msg := err.Error()
			for _, w := range append(tt.want, "ours.yaml: line ") {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not contain %q", msg, w)
				}
			}
		})
	}
}

// TestPolicyFileSeveralMistakes: every mistake is reported, each with its
// line, in the order of the file.
func TestPolicyFileSeveralMistakes(t *testing.T) {
	bad := strings.NewReplacer("answer_cap: 20bd", "answer_cap: 5bd", "    reviewer: person\n", "", "channels: [email, phone]", "channels: [email, fax]").
		Replace(twoTiers)
	_, err := policyfile.Parse([]byte(bad), "ours.yaml")
	var fe *policyfile.FileError
	if !errors.As(err, &fe) {
		t.Fatalf("error %v is not a *FileError", err)
	}
	var lines []int
	for _, p := range fe.Problems {
		lines = append(lines, p.Line)
	}
	check(t, "lines", join(lines), "4 6 9")
	if got := strings.Count(err.Error(), "\n"); got != 2 {
		t.Errorf("the error has %d line breaks, want one line per problem:\n%v", got, err)
	}
}

// TestListFormsStillRead: the list forms of kinds: and intake: that policy
// files written for earlier releases use still mean what they meant: the
// kinds handled, and the fields required.
func TestListFormsStillRead(t *testing.T) {
	p, err := policyfile.Parse([]byte(twoTiers+"intake: [name, contact]\n"), "ours.yaml")
	if err != nil {
		t.Fatal(err)
	}
	check(t, "kinds", join(p.Kinds), "complaint abuse")
	check(t, "required", join(p.Intake.Require), "name contact")
	check(t, "asked", join(p.Intake.Ask), "")
	if len(p.PerKind) != 0 {
		t.Errorf("a list of kinds gave rules %v", p.PerKind)
	}
}
