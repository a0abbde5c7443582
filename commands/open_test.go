package commands_test

import (
	"strings"
	"testing"
)

// TestOpenKindLike: a summary that begins, in lower case, with a word
// meant as a kind the policy does not have is refused, saying which kinds
// it has; with a capital the word is the summary's.
func TestOpenKindLike(t *testing.T) {
	tests := []struct{ preset, text, want string }{
		{"registrar-de", "open grievance Staff was rude", `"grievance" is not a kind of case under policy registrar-de, which takes complaint, abuse or feedback: write /case open complaint Staff was rude, or another of them; to begin the summary with the word, write it with a capital: Grievance`},
		{"registrar-no", "open complain renewal failed", `"complain" is not a kind of case under policy registrar-no, which takes complaint: write /case open complaint renewal failed`},
		{"registrar-no", "open feedbak nice app", `"feedbak" is not a kind of case under policy registrar-no, which takes complaint`},
		{"retail-no", "open warranty Screen broke after a week", `"warranty" is a category of policy retail-no, not a kind of case: write /case open complaint Screen broke after a week category:warranty`},
		{"registrar-no", "open abuse spam from 1.2.3.4", "policy registrar-no does not handle abuse cases; it handles complaint"},
	}
	for _, tt := range tests {
		hs := MustHarness(t, tt.preset)
		hs.refused("ann", tt.text, tt.want)
	}
	for _, text := range []string{"open Grievance Staff was rude", "open grievance", "open request-id 42 failed", "open the invoice is wrong"} {
		hs := MustHarness(t, "registrar-de")
		if r := hs.ok("ann", text).Reply; !strings.HasSuffix(r.Title, " opened") {
			t.Errorf("/case %s = %q, want it opened", text, r.Title)
		}
	}
}

// TestOpenChannelAndCategory: a via: the policy does not list is refused,
// naming those it does; a category is the policy's, in any letter case.
func TestOpenChannelAndCategory(t *testing.T) {
	hs := MustHarness(t, "registrar-de")
	hs.refused("ann", "open Domain not renewed via:chat", "policy registrar-de does not take complaints by chat; it takes them by post, by e-mail or by phone: via:post, via:email or via:phone")
	retail := MustHarness(t, "retail-no")
	retail.refused("ann", "open Screen broken category:guarantee", `"guarantee" is not a category of policy retail-no; use one of service, support, doa, warranty, reklamasjon`)
	id := retail.open()
	retail.ok("ann", "open Screen broken category:DOA")
	if c := retail.get("C-2026-0002"); c.Category != "doa" {
		t.Errorf("%s's category = %q, want doa, as the policy writes it", id, c.Category)
	}
}

// TestOpenNamesRepeats: a complaint from the same contact about the same
// subject within 30 days is opened, and the reply names the earlier case,
// never the contact.
func TestOpenNamesRepeats(t *testing.T) {
	hs := MustHarness(t, "standard")
	first := hs.open()
	hs.ok("ann", "ack "+first)
	resp := hs.ok("ann", `open Still charged twice from:"Kari N <KARI@example.no>" subject:Example.no`)
	public(t, resp, "C-2026-0002 opened")
	fields(t, resp.Reply, map[string]string{"Likely a repeat of": first + " (acknowledged, received Mon 23 Nov): same contact and subject"})
	other := hs.ok("ann", `open Charged twice from:"Kari <kari@example.no>" subject:example.com`).Reply
	for _, f := range other.Fields {
		if f.Name == "Likely a repeat of" {
			t.Errorf("another subject is named a repeat: %s", f.Value)
		}
	}
}
