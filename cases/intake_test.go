package cases_test

import (
	"slices"
	"testing"

	"github.com/ombud/ombud/cases"
)

// TestOpenChecksThePolicy: a channel the policy does not list is refused,
// naming those it does; a category is one of the policy's, in any letter
// case, and recorded as the policy writes it.
func TestOpenChecksThePolicy(t *testing.T) {
	t.Parallel()
	svc, _ := MustService(t, "registrar-de", "2026-03-02T10:00:00+01:00")
	_, err := svc.Open(ctx, ann, cases.OpenInput{Description: "Domain not renewed", Channel: cases.ChannelChat})
	wantRefused(t, err, cases.EINVALID, "policy registrar-de does not take complaints by chat; it takes them by post, by e-mail or by phone: via:post, via:email or via:phone")
	okFor(t)(svc.Open(ctx, ann, cases.OpenInput{Description: "Domain not renewed", Channel: cases.ChannelPost}))

	retail, _ := MustService(t, "retail-no", "2026-03-02T10:00:00+01:00")
	_, err = retail.Open(ctx, ann, cases.OpenInput{Description: "Screen broken", Category: "guarantee"})
	wantRefused(t, err, cases.EINVALID, `"guarantee" is not a category of policy retail-no; use one of service, support, doa, warranty, reklamasjon`)
	c := okFor(t)(retail.Open(ctx, ann, cases.OpenInput{Description: "Screen broken", Category: "Warranty"}))
	if c.Category != "warranty" {
		t.Errorf("category = %q, want the policy's warranty", c.Category)
	}
}

// TestDuplicates: a case from the same contact about the same subject,
// received up to 30 days before, is named; the case itself, older cases,
// other subjects and other contacts are not.
func TestDuplicates(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustService(t, "standard", "2026-03-02T10:00:00Z")
	open := func(contact, subject, received string) *cases.Case {
		return ok(svc.Open(ctx, ann, cases.OpenInput{Description: "Domain not renewed", Subject: subject,
			Complainant: cases.Complainant{Name: "Kari", Contact: contact}, ReceivedAt: at(t, received)}))
	}
	old := open("kari@example.no", "example.no", "2026-03-02T09:00:00Z")
	clk.Set(at(t, "2026-03-20T10:00:00Z"))
	first := open("kari@example.no", "example.no", "2026-03-02T09:00:01Z")
	open("kari@example.no", "example.com", "2026-03-10T09:00:00Z")
	open("ola@example.no", "example.no", "2026-03-10T09:00:00Z")
	clk.Set(at(t, "2026-04-01T10:00:00Z"))
	again := open("Kari@Example.no", "EXAMPLE.NO", "2026-04-01T09:00:01Z") // 30 days after first, to the second

	dups := ok2(t)(svc.Duplicates(ctx, again))
	if ids := caseIDs(dups); !slices.Equal(ids, []string{first.ID}) {
		t.Errorf("duplicates of %s = %v, want %s alone (%s came in 30 days and a second before)", again.ID, ids, first.ID, old.ID)
	}
	if ids := caseIDs(ok2(t)(svc.Duplicates(ctx, old))); !slices.Equal(ids, []string{again.ID, first.ID}) {
		t.Errorf("duplicates of %s = %v, want %s and %s, received after it, the latest first", old.ID, ids, again.ID, first.ID)
	}
	noContact := ok(svc.Open(ctx, ann, cases.OpenInput{Description: "Domain not renewed", Subject: "example.no"}))
	if dups := ok2(t)(svc.Duplicates(ctx, noContact)); len(dups) != 0 {
		t.Errorf("a case without a contact has duplicates %v", caseIDs(dups))
	}
}

// caseIDs returns the IDs of cs.
func caseIDs(cs []*cases.Case) []string {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids
}
