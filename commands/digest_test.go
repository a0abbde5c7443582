package commands_test

import (
	"context"
	"strings"
	"testing"

	"github.com/ombud/ombud/cases"
)

// TestDigestCutListsHint: a digest list cut at 15 lines says how many more
// there are and which /case list shows them: the overdue view for the
// overdue list, and the open view, which holds what falls due this week,
// for the week's list (no view selects a week).
func TestDigestCutListsHint(t *testing.T) {
	hs := MustHarness(t, "standard")
	for range 16 {
		hs.open() // each acknowledgement falls due on Wednesday
	}
	p, err := hs.h.RenderDigest(context.Background(), cases.Notice{ID: "digest", Kind: cases.NoticeDigest, To: cases.ToManagers,
		Platform: "console", Due: start})
	if err != nil {
		t.Fatal(err)
	}
	coming := field(t, p.Reply, "Falls due this week")
	if !strings.HasSuffix(coming, "… and 1 more: /case list open shows every open case") {
		t.Errorf("Falls due this week ends %q; want the open view named", coming[strings.LastIndex(coming, "\n")+1:])
	}
	hs.clock.Set(start.AddDate(0, 0, 7))
	p, err = hs.h.RenderDigest(context.Background(), cases.Notice{ID: "digest2", Kind: cases.NoticeDigest, To: cases.ToManagers,
		Platform: "console", Due: start.AddDate(0, 0, 7)})
	if err != nil {
		t.Fatal(err)
	}
	if overdue := field(t, p.Reply, "Overdue"); !strings.Contains(overdue, "… and ") || !strings.HasSuffix(overdue, "more: /case list overdue shows them") {
		t.Errorf("Overdue ends %q; want the overdue view named", overdue[strings.LastIndex(overdue, "\n")+1:])
	}
}
