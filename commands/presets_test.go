package commands_test

import (
	"strconv"
	"strings"
	"testing"
)

// walkStep is one command of a procedure walk: who types it, and what the
// reply must say. {1}, {2}, … stand for the IDs of the cases opened so far,
// in order.
type walkStep struct {
	who, cmd string
	refused  string   // when set, the reply is a refusal saying this
	want     []string // otherwise, the reply (title, text, fields, posts) says each of these
	not      []string // and none of these
}

// walk is one preset's procedure as its text writes it.
type walk struct {
	preset string
	tiers  string // the tiers of a complaint, in order
	steps  []walkStep
}

// kari names the complainant on open and escalate.
const kari = `from:"Kari Nordmann <kari@example.no>"`

// TestPresetProcedures walks each preset's procedure as written: what is
// asked for, what is refused, which tiers exist, where the case ends and
// which external bodies the customer is shown.
func TestPresetProcedures(t *testing.T) {
	for _, w := range presetWalks {
		t.Run(w.preset, func(t *testing.T) {
			hs := MustHarness(t, w.preset)
			var tiers []string
			for _, tier := range hs.policy.Tiers {
				tiers = append(tiers, tier.Name)
			}
			if got := strings.Join(tiers, " "); got != w.tiers {
				t.Errorf("tiers %q, want %q", got, w.tiers)
			}
			var ids []string
			for i, s := range w.steps {
				cmd := s.cmd
				for n, id := range ids {
					cmd = strings.ReplaceAll(cmd, "{"+strconv.Itoa(n+1)+"}", id)
				}
				if s.refused != "" {
					hs.refused(s.who, cmd, s.refused)
					continue
				}
				resp := hs.ok(s.who, cmd)
				all := strings.Join(texts(resp), "\n")
				for _, want := range s.want {
					if !strings.Contains(all, want) {
						t.Errorf("step %d, %s: /case %s does not say %q:\n%s", i+1, s.who, cmd, want, all)
					}
				}
				for _, not := range s.not {
					if strings.Contains(all, not) {
						t.Errorf("step %d, %s: /case %s says %q:\n%s", i+1, s.who, cmd, not, all)
					}
				}
				if strings.HasPrefix(cmd, "open ") {
					ids = append(ids, idPattern.FindString(resp.Reply.Title))
				}
			}
		})
	}
}

var presetWalks = []walk{
	{preset: "registrar-no", tiers: "frontline senior-review final-review", steps: []walkStep{
		// "vennligst inkluder": asked for, and the clock runs from receipt.
		{who: "ann", cmd: "open Site down via:web", want: []string{"C-2026-0001 opened",
			"Ask the customer for: name, contact, subject (policy registrar-no asks for them", "Acknowledge by: Mon 30 Nov 2026 16:00 CET"}},
		{who: "ann", cmd: "answer {1} The DNS was restored.", want: []string{"answered"}},
		{who: "ann", cmd: `escalate {1} reason:"still down"`, want: []string{"escalated to senior-review"}},
		{who: "ann", cmd: "claim {1}", refused: "only a senior can claim"},
		{who: "sue", cmd: "claim {1}", want: []string{"claimed"}},
		{who: "sue", cmd: "review {1} outcome:rejected The DNS works.", want: []string{"reviewed"}},
		{who: "ann", cmd: `final {1} reason:"wants a final review"`, want: []string{"escalated to final-review"}},
		{who: "sue", cmd: "claim {1}", refused: "claimed this case"},
		{who: "sid", cmd: "claim {1}", want: []string{"claimed"}},
		{who: "sid", cmd: "decide {1} outcome:rejected Our position stands.", want: []string{"decided",
			"External body: The registry of the domain name concerned", "External body: A dispute-resolution provider",
			"External body: Norid: https://www.norid.no", "External body: Domeneklagenemnda: https://www.domeneklage.no"}},
		// The register keeps complaints and outcomes; no root cause is required.
		{who: "sid", cmd: "close {1}", want: []string{"closed"}},
	}},
	{preset: "registrar-de", tiers: "frontline escalation", steps: []walkStep{
		// Abuse reports may be anonymous, and go to the abuse queue.
		{who: "ann", cmd: "open abuse Phishing site on example.de via:email", want: []string{"Queue: abuse",
			"Acknowledge by: Wed 25 Nov 2026 16:00 CET", "Answer, or tell the customer when to expect it, by: Mon 7 Dec 2026 16:00 CET"},
			not: []string{"First answer by", "Ask the customer"}},
		{who: "ann", cmd: "open feedback Love the new panel via:email", want: []string{"Queue: feedback"}, not: []string{" by: "}},
		{who: "ann", cmd: "open complaint Transfer stuck via:email " + kari, want: []string{"Queue: complaints"}},
		// Within 10 business days: the answer, or when to expect it.
		{who: "ann", cmd: "update {3} We need the registry's reply due:2026-12-15", want: []string{"customer told when to expect the answer",
			"First answer by: Tue 15 Dec 2026 16:00 CET"}, not: []string{"Answer, or tell"}},
		{who: "ann", cmd: "update {3} Later still due:2026-12-30", refused: "no pending notice"},
		{who: "ann", cmd: "answer {2} Forwarded to the web team", want: []string{"answered"}, not: []string{"escalate until"}},
		{who: "ann", cmd: `escalate {2} reason:"x" expects:"y" via:email`, refused: "has no escalation tier"},
		{who: "ann", cmd: "answer {1} The site was taken down", want: []string{"Customer may escalate until: Mon 21 Dec 2026 23:59 CET"}},
		// The escalated complaint: in writing, with name, contact, reason and steps.
		{who: "ann", cmd: `escalate {1} reason:"back online" expects:"suspend it"`, refused: "requires on the escalated complaint: name, contact"},
		{who: "ann", cmd: `escalate {1} reason:"back online" expects:"suspend it" ` + kari, refused: "in writing only"},
		{who: "ann", cmd: `escalate {1} reason:"back online" expects:"suspend it" via:phone ` + kari, refused: "via:phone is not writing"},
		{who: "ann", cmd: `escalate {1} reason:"back online" via:email ` + kari, refused: "requires on the escalated complaint: expects"},
		{who: "ann", cmd: `escalate {1} reason:"back online" expects:"suspend it" via:email ` + kari, want: []string{"escalated to escalation",
			"Ask the customer for: account, subject", "Acknowledge by: Wed 25 Nov 2026 16:00 CET", "Review answer by: Mon 7 Dec 2026 16:00 CET"},
			not: []string{"kari@example.no"}},
		{who: "ann", cmd: "ack {1} receipt sent", want: []string{"acknowledged", "Status: escalated"}},
		{who: "sue", cmd: "claim {1}", want: []string{"claimed"}},
		{who: "sue", cmd: "review {1} outcome:upheld Suspended for good.", want: []string{"reviewed"}},
		{who: "ann", cmd: `final {1} reason:"more"`, refused: "has no final-review tier"},
		{who: "sue", cmd: "decide {1} outcome:upheld Suspended for good.", want: []string{"decided", "External bodies: policy registrar-de names none"}},
		{who: "sue", cmd: "close {1}", want: []string{"closed"}},
	}},
	{preset: "hosting-vn", tiers: "frontline", steps: []walkStep{
		// In person: a receipt form, or minutes when settled on the spot.
		{who: "ann", cmd: "open Website is down via:in-person", want: []string{"Ask the customer for: name, contact",
			"Receipt: give the customer a receipt", "Settled at once?", "First answer by: Mon 21 Dec 2026 16:00 +07"}},
		{who: "ann", cmd: `resolve {1} outcome:upheld spot:true cause:"expired certificate" Renewed the certificate; the customer agreed`,
			refused: "the lessons learned are missing"},
		{who: "ann", cmd: `resolve {1} outcome:upheld spot:true cause:"expired certificate" lessons:"alert before expiry" Renewed the certificate; the customer agreed`,
			want: []string{"resolved on the spot", "Minutes: Renewed the certificate; the customer agreed"}},
		{who: "ann", cmd: "open Invoice wrong via:in-person " + kari},
		{who: "ann", cmd: "answer {2} Corrected", refused: "gives a receipt for complaints that come in person"},
		{who: "ann", cmd: "ack {2} receipt form given", want: []string{"acknowledged"}},
		// Passed to another department: reply to the customer within 24 hours.
		{who: "ann", cmd: "refer {2} review the billing rules", want: []string{"referred to team review",
			"Reply to the customer after the referral by: Tue 24 Nov 2026 16:00 +07"}},
		{who: "ann", cmd: "update {2} Billing is on it", want: []string{"customer updated"}, not: []string{"Reply to the customer after"}},
		{who: "ann", cmd: "extend {2} 1 waiting for billing", refused: "past policy hosting-vn's limit"},
		{who: "ann", cmd: "answer {2} The invoice is corrected", want: []string{"answered"}, not: []string{"escalate"}},
		{who: "ann", cmd: `escalate {2} reason:"x"`, refused: "has no escalation tier"},
		{who: "ann", cmd: `resolve {2} outcome:upheld cause:"rate table" lessons:"review rates" Invoice corrected`, want: []string{"resolved"}},
	}},
	{preset: "registrar-vn", tiers: "frontline complaint-resolution", steps: []walkStep{
		{who: "ann", cmd: "open Domain suspended via:post " + kari, want: []string{"First answer by: Mon 30 Nov 2026 16:00 +07"},
			not: []string{"Ask the customer"}},
		// Beyond one's authority: report to the superior, a referral, not a tier.
		{who: "ann", cmd: "refer {1} @sam beyond my authority", want: []string{"referred to sam", "Status: open"}},
		// A written complaint's answer is drafted and signed by the superior.
		{who: "ann", cmd: "answer {1} The suspension is lifted.", want: []string{"answer drafted", "Sign-off"}, not: []string{"Customer may escalate"}},
		{who: "ann", cmd: "signoff {1}", refused: "only a senior can signoff"},
		{who: "sid", cmd: "signoff {1}", want: []string{"signed off and answered", "Drafted by: ann", "Status: answered"}},
		{who: "ann", cmd: `escalate {1} reason:"still suspended"`, want: []string{"escalated to complaint-resolution"}},
		{who: "sam", cmd: "claim {1}", refused: "were referred this case"},
		{who: "sid", cmd: "claim {1}", refused: "signed off the answer to this case"},
		{who: "sue", cmd: "claim {1}", want: []string{"claimed"}},
		{who: "sue", cmd: "review {1} outcome:upheld Lifted for good.", want: []string{"reviewed"}},
		{who: "ann", cmd: `final {1} reason:"more"`, refused: "has no final-review tier"},
		{who: "sue", cmd: "decide {1} outcome:upheld Lifted for good.", want: []string{"decided", "External bodies: policy registrar-vn names none"}},
		{who: "sue", cmd: `close {1} cause:"wrong abuse flag"`, refused: "the lessons learned are missing"},
		{who: "sue", cmd: `close {1} cause:"wrong abuse flag" lessons:"check flags twice"`, want: []string{"closed"}},
		// Never over 20 days.
		{who: "ann", cmd: "open Renewal failed via:chat " + kari},
		{who: "ann", cmd: "extend {2} 15 complex", refused: "past policy registrar-vn's limit of Sun 13 Dec 2026 23:59 +07"},
		{who: "ann", cmd: `resolve {2} outcome:upheld spot:true cause:"card expired" lessons:"remind earlier" Renewed during the chat`,
			want: []string{"resolved on the spot"}},
	}},
	{preset: "retail-no", tiers: "customer-service ombudsman", steps: []walkStep{
		{who: "ann", cmd: "open Laptop dead on arrival via:email category:doa " + kari, not: []string{"Ask the customer", " by: "}},
		{who: "ann", cmd: "answer {1} We exchange it.", want: []string{"answered"}},
		{who: "ann", cmd: `escalate {1} reason:"no exchange yet"`, want: []string{"escalated to ombudsman"}},
		// "helt uavhengig av vår kundeservice": nobody of customer service.
		{who: "sam", cmd: "claim {1}", refused: "ann, of team frontline, opened this case"},
		{who: "sue", cmd: "claim {1}", want: []string{"claimed"}},
		{who: "sue", cmd: "review {1} outcome:partly Exchange within 14 days.", want: []string{"reviewed"}},
		{who: "sue", cmd: "decide {1} outcome:partly Exchange within 14 days.", want: []string{"decided",
			"External body: Forbrukerrådet: https://www.forbrukerradet.no", "External body: Forbrukerklageutvalget: https://www.forbrukerklageutvalget.no"},
			not: []string{"online dispute resolution", "ec.europa.eu"}},
		{who: "sue", cmd: "close {1}", want: []string{"closed"}},
	}},
	{preset: "standard", tiers: "frontline senior-review final-review", steps: []walkStep{
		{who: "ann", cmd: "open Refund missing " + kari, want: []string{"Acknowledge by", "First answer by"}},
		{who: "ann", cmd: "resolve {1} outcome:upheld Refunded", refused: "the root cause is missing"},
		{who: "ann", cmd: `resolve {1} outcome:upheld cause:"refund job failed" Refunded`, want: []string{"resolved"}},
	}},
}
