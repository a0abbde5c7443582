package policyfile_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/calendar"
	"github.com/ombud/ombud/cases/policyfile"
)

// TestPresetFacts pins what each preset encodes from its procedure text.
func TestPresetFacts(t *testing.T) {
	tests := []struct {
		name, zone, holidays, tiers, kinds, channels, external string
		intake, escalation                                     cases.FieldRules
		closing, signOff, spot, receipt                        string
		independence                                           cases.Independence
		deadlines                                              cases.Deadlines
	}{
		{
			name: "standard", zone: "UTC", tiers: "frontline senior-review final-review",
			kinds: "complaint abuse feedback", channels: "email phone chat post web in-person",
			closing: "cause", independence: cases.IndependentPerson,
			deadlines: cases.Deadlines{
				Acknowledge: bd(2), Answer: bd(10), AnswerCap: bd(20), Update: bd(5),
				EscalationWindow: bd(20), Review: bd(10), FinalWindow: bd(20), Final: bd(10),
			},
		},
		{
			name: "registrar-no", zone: "Europe/Oslo", holidays: "NO", tiers: "frontline senior-review final-review",
			kinds: "complaint", channels: "web",
			intake:       cases.FieldRules{Ask: fields("name contact subject description")},
			external:     "The registry of the domain name concerned|A dispute-resolution provider|Norid|Domeneklagenemnda",
			independence: cases.IndependentPerson,
			deadlines:    cases.Deadlines{Acknowledge: bd(5)},
		},
		{
			name: "registrar-de", zone: "Europe/Berlin", holidays: "DE-SL", tiers: "frontline escalation",
			kinds: "complaint abuse feedback", channels: "post email phone",
			escalation:   cases.FieldRules{Require: fields("name contact reason expects"), Ask: fields("account subject"), Written: true},
			independence: cases.IndependentPerson,
			deadlines:    cases.Deadlines{Acknowledge: bd(2), Notice: bd(10), EscalationWindow: bd(20), ReviewAcknowledge: bd(2), Review: bd(10)},
		},
		{
			name: "hosting-vn", zone: "Asia/Ho_Chi_Minh", holidays: "VN", tiers: "frontline",
			kinds: "complaint", channels: "in-person phone post email chat",
			intake:  cases.FieldRules{Ask: fields("name contact")},
			closing: "cause lessons", spot: "in-person phone", receipt: "in-person",
			deadlines: cases.Deadlines{Answer: bd(20), AnswerCap: bd(20), Referral: calendar.Duration{N: 24, Unit: calendar.UnitHours}},
		},
		{
			name: "registrar-vn", zone: "Asia/Ho_Chi_Minh", holidays: "VN", tiers: "frontline complaint-resolution",
			kinds: "complaint", channels: "chat phone email post",
			closing: "cause lessons", signOff: "email post", spot: "chat phone",
			deadlines: cases.Deadlines{Answer: bd(5), AnswerCap: calendar.Duration{N: 20, Unit: calendar.UnitCalendarDays}},
		},
		{
			name: "retail-no", zone: "Europe/Oslo", holidays: "NO", tiers: "customer-service ombudsman",
			kinds: "complaint", channels: "email chat phone",
			external: "Forbrukerrådet|Forbrukerklageutvalget", independence: cases.IndependentTeam,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := MustLoad(t, tt.name)
			var tiers, external []string
			for _, tier := range p.Tiers {
				tiers = append(tiers, tier.Name)
			}
			for _, e := range p.External {
				external = append(external, e.Name)
			}
			check(t, "zone", p.Calendar.Zone, tt.zone)
			check(t, "holidays", join(p.Calendar.Holidays), tt.holidays)
			check(t, "weekend", join(p.Calendar.Weekend), "Saturday Sunday")
			check(t, "tiers", join(tiers), tt.tiers)
			check(t, "kinds", join(p.Kinds), tt.kinds)
			check(t, "channels", join(p.Channels), tt.channels)
			check(t, "intake", fmt.Sprint(p.Intake), fmt.Sprint(tt.intake))
			check(t, "escalation", fmt.Sprint(p.Escalation), fmt.Sprint(tt.escalation))
			check(t, "closing", join(p.Closing), tt.closing)
			check(t, "sign_off", join(p.SignOff), tt.signOff)
			check(t, "spot", join(p.Spot), tt.spot)
			check(t, "receipt", join(p.Receipt), tt.receipt)
			check(t, "external", strings.Join(external, "|"), tt.external)
			check(t, "independence", p.Independence, tt.independence)
			check(t, "deadlines", p.Deadlines, tt.deadlines)
			for tier := cases.TierReview; p.HasTier(tier); tier++ {
				if rule := p.ReviewerRule(tier); rule != cases.IndependentPerson && rule != cases.IndependentTeam {
					t.Errorf("tier %d has reviewer rule %q", tier, rule)
				}
			}
		})
	}
}

// TestRegistrarDEKinds: complaints and abuse reports go to their own queues
// with the same clock; feedback is forwarded with no limits and no
// escalation.
func TestRegistrarDEKinds(t *testing.T) {
	p := MustLoad(t, "registrar-de")
	for kind, want := range map[cases.Kind]struct{ queue, frontline, tiers string }{
		cases.KindComplaint: {"complaints", "Customer-service manager", "frontline escalation"},
		cases.KindAbuse:     {"abuse", "Abuse specialist", "frontline escalation"},
		cases.KindFeedback:  {"feedback", "Forwarded to the relevant department or project team", "forwarded"},
	} {
		q := p.For(kind)
		var tiers []string
		for _, tier := range q.Tiers {
			tiers = append(tiers, tier.Name)
		}
		check(t, string(kind)+" queue", q.Queue, want.queue)
		check(t, string(kind)+" frontline", q.Tiers[0].Title, want.frontline)
		check(t, string(kind)+" tiers", join(tiers), want.tiers)
		if kind != cases.KindFeedback {
			check(t, string(kind)+" deadlines", q.Deadlines, p.Deadlines)
		}
	}
	check(t, "feedback deadlines", p.For(cases.KindFeedback).Deadlines, cases.Deadlines{})
}

func fields(s string) []cases.Field {
	var out []cases.Field
	for _, f := range strings.Fields(s) {
		out = append(out, cases.Field(f))
	}
	return out
}

// TestPresetLimitsQuoteTheirSource: in every preset taken from a published
// procedure, each limit is preceded by a comment quoting the line of the
// procedure it comes from.
func TestPresetLimitsQuoteTheirSource(t *testing.T) {
	for _, name := range policyfile.Presets() {
		if name == "standard" {
			continue // ombud's own, quoting nothing
		}
		data, err := os.ReadFile(filepath.Join("presets", name+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		top := doc.Content[0]
		for i := 0; i+1 < len(top.Content); i += 2 {
			if top.Content[i].Value != "deadlines" {
				continue
			}
			limits := top.Content[i+1]
			for j := 0; j+1 < len(limits.Content); j += 2 {
				key := limits.Content[j]
				if !strings.Contains(key.HeadComment, `"`) {
					t.Errorf("%s: deadlines.%s (line %d) quotes no line of the procedure above it", name, key.Value, key.Line)
				}
			}
		}
	}
}
