package storebench_test

import (
	"context"
	"testing"

	"github.com/ombud/ombud/cases"
)

// BenchmarkSimilar looks for likely repeats as open does: the cases of one
// contact about one subject received in the last 30 days, 360 of the
// seeded cases. "none" asks for a contact no case has, which is what most
// new complaints find; "four" for the seeded cases' own, of which it takes
// the latest four.
func BenchmarkSimilar(b *testing.B) {
	for _, q := range []struct {
		name    string
		contact string
	}{{"none", "ola@example.no"}, {"four", "Kari@Example.no"}} {
		b.Run(q.name, func(b *testing.B) {
			each(b, func(b *testing.B, s cases.Store, n int) {
				b.ReportAllocs()
				var got int
				for b.Loop() {
					found, err := s.Similar(context.Background(), cases.SimilarQuery{Contact: q.contact, Subject: "example.no",
						Since: now.AddDate(0, 0, -30), Limit: 4})
					if err != nil {
						b.Fatal(err)
					}
					got = len(found)
				}
				b.ReportMetric(float64(got), "cases")
			})
		})
	}
}
