package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/ombud/ombud/cases"
)

// similarCase returns a minimal case from contact about subject, received
// days after T0.
func similarCase(id, contact, subject string, days int) *cases.Case {
	c := MinimalCase(id)
	c.Complainant.Contact, c.Subject, c.ReceivedAt = contact, subject, Day(days)
	return c
}

// testSimilar checks Similar: contact and subject compared as cases.Fold
// does, the window's start included, the most recent first, the limit, and
// nothing for a blank contact or subject.
func testSimilar(t *testing.T, open Open) {
	s := open(t)
	for _, c := range []*cases.Case{
		similarCase("C-2026-0001", "kari@example.no", "example.no", 0),
		similarCase("C-2026-0002", " KARI@Example.NO ", "EXAMPLE.no", 3),
		similarCase("C-2026-0003", "kari@example.no", "example.com", 4),   // another subject
		similarCase("C-2026-0004", "ola@example.no", "example.no", 5),     // another contact
		similarCase("C-2026-0005", "kari@example.no", "example.no", 6),    // the latest
		similarCase("C-2026-0006", "kari@example.no", "example.no", -1),   // before the window
		similarCase("C-2026-0007", "kári@example.no", "example.no", 2),    // another letter, not a case of it
		similarCase("C-2026-0008", "kari@example.no", "example.no  x", 2), // more than spaces around it
		similarCase("C-2026-0009", "", "example.no", 2),                   // no contact
		similarCase("C-2026-0010", "kari@example.no", "example.no", 2),    // the same day as 0011
		similarCase("C-2026-0011", "Kari@example.no", "Example.no", 2),    // ordered after 0010 by ID
		similarCase("C-2026-0012", "kari@example.no\t", "example.no", 2),  // a tab is no space
		similarCase("C-2026-0013", "KARI@EXAMPLE.NO", " EXAMPLE.NO  ", 0), // at the window's start
	} {
		MustCreate(t, s, c)
	}
	tests := []struct {
		name string
		q    cases.SimilarQuery
		want []string
	}{
		{"every match, latest first", cases.SimilarQuery{Contact: "Kari@Example.no", Subject: "example.NO", Since: T0},
			[]string{"0005", "0002", "0011", "0010", "0013", "0001"}},
		{"limit", cases.SimilarQuery{Contact: "kari@example.no", Subject: "example.no", Since: T0, Limit: 2},
			[]string{"0005", "0002"}},
		{"spaces around the query", cases.SimilarQuery{Contact: "  kari@example.no", Subject: "example.no ", Since: Day(4)},
			[]string{"0005"}},
		{"blank contact", cases.SimilarQuery{Contact: "  ", Subject: "example.no", Since: Day(-5)}, nil},
		{"blank subject", cases.SimilarQuery{Contact: "kari@example.no", Since: Day(-5)}, nil},
		{"nothing in the window", cases.SimilarQuery{Contact: "kari@example.no", Subject: "example.no", Since: Day(7)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Similar(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			ids := make([]string, len(got))
			for i, c := range got {
				ids[i] = c.ID[len("C-2026-"):]
			}
			if !slices.Equal(ids, tt.want) {
				t.Errorf("Similar = %v, want %v", ids, tt.want)
			}
		})
	}
	got, err := s.Similar(context.Background(), cases.SimilarQuery{Contact: "kari@example.no", Subject: "example.no", Since: Day(6)})
	if err != nil || len(got) != 1 {
		t.Fatalf("Similar = %v, %v; want C-2026-0005", got, err)
	}
	DiffCase(t, got[0], MustGet(t, s, "C-2026-0005"))
}
