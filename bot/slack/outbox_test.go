package slack_test

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/policyfile"
	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
	"github.com/ombud/ombud/commands"
	"github.com/ombud/ombud/scheduler"
)

// wantThread fails the test unless the support channel holds one message,
// the case's header, whose thread holds titles, in order, and the
// escalations channel n messages.
func (h *harness) wantThread(titles []string, n int) {
	h.t.Helper()
	root := h.only(support)
	thread := h.fake.Thread(support, root.TS)
	if len(thread) != len(titles) {
		h.t.Fatalf("the thread holds %d messages, want %d: %v", len(thread), len(titles), titles)
	}
	for i, m := range thread {
		h.mustShow("message "+titles[i], m, titles[i])
	}
	if got := len(h.fake.Messages(escalations)); got != n {
		h.t.Errorf("%d messages in the escalations channel, want %d", got, n)
	}
}

// TestWebAPIDownLosesNothing: while the Web API is down, a case is opened
// and worked to its escalation; nothing is posted, and the person still
// gets each reply. Once it is back, every post arrives, once, in order.
func TestWebAPIDownLosesNothing(t *testing.T) {
	h := MustHarness(t, setup{})
	h.fake.Down(true)
	texts := []string{`open Slow support from:"Kari <kari@example.no>"`, "note C-2026-0001 called",
		"ack C-2026-0001", "answer C-2026-0001 Done", `escalate C-2026-0001 reason:"not done"`}
	for _, text := range texts {
		_, id := h.command("UANN", support, text)
		h.settle()
		if len(h.responses(id)) != 1 {
			t.Errorf("%s: the person saw no reply", text)
		}
	}
	if n := len(h.fake.Messages(support)) + len(h.fake.Messages(escalations)); n != 0 {
		t.Fatalf("%d messages posted while Slack was down", n)
	}
	h.fake.Down(false)
	h.clock.Advance(5 * time.Minute) // past every backoff and the hold
	if _, err := h.disp.Poll(context.Background()); err != nil {
		t.Fatal(err)
	}
	h.wantThread([]string{"C-2026-0001 opened", "C-2026-0001 noted", "C-2026-0001 acknowledged", "C-2026-0001 answered",
		"C-2026-0001 escalated to senior-review"}, 1)
	h.clock.Advance(time.Hour)
	if _, err := h.disp.Poll(context.Background()); err != nil {
		t.Fatal(err)
	}
	h.wantThread([]string{"C-2026-0001 opened", "C-2026-0001 noted", "C-2026-0001 acknowledged", "C-2026-0001 answered",
		"C-2026-0001 escalated to senior-review"}, 1) // nothing twice
}

// TestKillChild is what a child process runs; in the parent it does nothing.
// It opens a case, with its notices, on the store OMBUD_TEST_DB and starts
// to deliver them; at the first post it says "stopped" and stops, and the
// parent kills it: killed between the case write and the post.
func TestKillChild(t *testing.T) {
	path := os.Getenv("OMBUD_TEST_DB")
	if path == "" {
		t.Skip("runs only as a child process of TestKilledBeforePosting")
	}
	store := sqlitetest.MustOpen(t, path)
	p, err := policyfile.Load("standard")
	if err != nil {
		t.Fatal(err)
	}
	svc, err := cases.NewService(cases.Config{Store: store, Policy: p, Now: func() time.Time { return start }})
	if err != nil {
		t.Fatal(err)
	}
	cmds := commands.New(svc, nil, nil)
	d := scheduler.NewDispatcher(scheduler.DispatcherConfig{Store: store, Render: cmds, Platforms: []bot.Platform{stopping{}},
		Owner: "child", Now: func() time.Time { return start }})
	resp := d.Handler(cmds).Handle(context.Background(), bot.Request{Platform: "slack", UserID: "UANN", UserName: "Ann",
		ChannelID: support, Text: `open Slow support from:"Kari <kari@example.no>"`})
	resp.Deliver(context.Background())
	t.Fatal("the child was not stopped")
}

// stopping is the Slack platform of a child about to be killed: it stops
// at the first post, before sending it.
type stopping struct{ bot.Platform }

// Name implements bot.Platform.
func (stopping) Name() string { return "slack" }

// Post implements bot.Platform.
func (stopping) Post(context.Context, bot.Post) error {
	os.Stdout.WriteString("stopped\n")
	select {}
}

// TestKilledBeforePosting kills ombud (SIGKILL) after it wrote a case and
// before it posted anything to Slack: after a restart the thread starts
// once, with its header and the reply's copy.
func TestKilledBeforePosting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ombud.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$")
	cmd.Env = append(os.Environ(), "OMBUD_TEST_DB="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for lines := bufio.NewScanner(out); lines.Scan() && lines.Text() != "stopped"; {
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()

	h := MustHarness(t, setup{store: path})
	h.clock.Advance(2 * time.Minute) // the dead process's lease and the hold have passed
	for range 2 {
		if _, err := h.disp.Poll(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	h.wantThread([]string{"C-2026-0001 opened"}, 0)
}
