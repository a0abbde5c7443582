package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/mongostore"
	"github.com/ombud/ombud/cases/mongostore/mongotest"
	"github.com/ombud/ombud/cases/policyfile"
)

// TestConsoleOnSharedMongoLeavesPostsAlone: "ombud console" on a MongoDB,
// which the ombud serving Slack may share, delivers no posts: a Slack
// case's notices, which a dispatcher knowing only the console would drop,
// are still pending after the console worked on the case, and the log says
// who delivers them.
func TestConsoleOnSharedMongoLeavesPostsAlone(t *testing.T) {
	ctx := context.Background()
	srv, err := mongotest.StartEmbedded(ctx, t.TempDir(), mongotest.Quiet())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	store, err := mongostore.Open(ctx, srv.URI(), "ombud", mongotest.Quiet())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close(ctx)
	p, err := policyfile.Load("standard")
	if err != nil {
		t.Fatal(err)
	}
	svc, err := cases.NewService(cases.Config{Store: store, Policy: p, Lookup: policyfile.Load})
	if err != nil {
		t.Fatal(err)
	}
	c, err := svc.Open(ctx, cases.Actor{Person: cases.Person{Key: "slack:UANN", Name: "ann"}, Role: cases.RoleAgent},
		cases.OpenInput{Description: "Charged twice", Complainant: cases.Complainant{Name: "Kari"}, Origin: cases.Origin{Platform: "slack", ChannelID: "C1"}})
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	status := run(ctx, []string{"console"}, streams{in: strings.NewReader("/as sam senior\n/case note " + c.ID + " called back\n/quit\n"), out: &out, errOut: &errOut},
		env(map[string]string{"MONGODB_URI": srv.URI(), "OMBUD_CONSOLE_USER": "ann", "OMBUD_SENIORS": "console:sam", "OMBUD_DATA_DIR": t.TempDir()}))
	if status != 0 || !strings.Contains(out.String(), c.ID) {
		t.Fatalf("console exited %d:\n%s\n%s", status, out.String(), errOut.String())
	}
	got, err := store.Get(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	slack := 0
	for _, n := range got.Notices {
		if n.Platform == "slack" {
			slack++
		}
	}
	if slack < 3 || strings.Contains(errOut.String(), "dropping a notice") || !strings.Contains(errOut.String(), "delivers no posts") {
		t.Errorf("%d Slack notices pending, want the open's and the note's; log:\n%s", slack, errOut.String())
	}
}
