package scheduler_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
	"github.com/ombud/ombud/scheduler"
)

// The kill tests run this test binary again as a child ombud process on
// one database (OMBUD_TEST_DB): it opens a case, writing its notices, and
// starts to deliver them to a platform that keeps what it takes in a file
// (OMBUD_TEST_SENT), one notice a line. Where OMBUD_TEST_CHILD says, the
// child stops and says so, and the parent kills it (SIGKILL): before the
// platform takes the first notice, or after it took it and before the
// child could record it delivered. A restarted process then delivers what
// is left.

// killedAt is the moment the tests' clocks show.
var killedAt = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// fileRecorder is a platform that appends the notice of every post it
// takes to a file, and, when stop is set, stops for good before or after
// its first one, saying so on stdout.
type fileRecorder struct {
	path string
	stop string // "before-send", "after-send" or ""
	mu   sync.Mutex
}

// Name implements bot.Platform.
func (f *fileRecorder) Name() string { return bot.PlatformConsole }

// Run implements bot.Platform.
func (f *fileRecorder) Run(ctx context.Context, _ bot.Handler) error { <-ctx.Done(); return nil }

// Post implements bot.Platform.
func (f *fileRecorder) Post(_ context.Context, p bot.Post) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.stop == "before-send" {
		fmt.Println("stopped") // the parent kills this process now
		select {}
	}
	file, err := os.OpenFile(f.path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(file, sent{Post: p}.notice())
	if err := errors.Join(err, file.Sync(), file.Close()); err != nil {
		return err
	}
	if f.stop == "after-send" {
		fmt.Println("stopped")
		select {}
	}
	return nil
}

// TestKillChild is what a child process runs; in the parent it does nothing.
func TestKillChild(t *testing.T) {
	stop := os.Getenv("OMBUD_TEST_CHILD")
	if stop == "" {
		t.Skip("runs only as a child process of the kill tests")
	}
	w := MustWorld(t, sqlitetest.MustOpen(t, os.Getenv("OMBUD_TEST_DB")), "standard", func() time.Time { return killedAt })
	w.disp = scheduler.NewDispatcher(scheduler.DispatcherConfig{Store: w.store, Render: tagged{w.h}, Owner: "child",
		Platforms: []bot.Platform{&fileRecorder{path: os.Getenv("OMBUD_TEST_SENT"), stop: stop}}, Now: w.now})
	w.do("ann", `open Invoice charged twice from:"Kari <kari@example.no>"`)
	t.Fatal("the child was not stopped")
}

// killChild runs the child, stopping as stop says, on the database at
// path, kills it once it has stopped, and returns the file of what its
// platform took.
func killChild(t *testing.T, stop, path string) string {
	t.Helper()
	sentPath := filepath.Join(t.TempDir(), "sent")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$")
	cmd.Env = append(os.Environ(), "OMBUD_TEST_CHILD="+stop, "OMBUD_TEST_DB="+path, "OMBUD_TEST_SENT="+sentPath)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	for lines.Scan() && lines.Text() != "stopped" {
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	return sentPath
}

// restart runs a new process on the database at path once the killed
// one's lease has expired, delivering to the platform of sentPath, and
// returns every notice that platform took, in order.
func restart(t *testing.T, path, sentPath string) []string {
	t.Helper()
	later := killedAt.Add(2 * time.Minute) // the dead process's lease (a minute) and the hold have passed
	w := MustWorld(t, sqlitetest.MustOpen(t, path), "standard", func() time.Time { return later })
	d := scheduler.NewDispatcher(scheduler.DispatcherConfig{Store: w.store, Render: tagged{w.h}, Owner: "restarted",
		Platforms: []bot.Platform{&fileRecorder{path: sentPath}}, Now: w.now})
	if _, err := d.Poll(context.Background()); err != nil {
		t.Fatal(err)
	}
	if left := w.pending("C-2026-0001"); len(left) != 0 {
		t.Errorf("still pending after the restart: %v", left)
	}
	data, err := os.ReadFile(sentPath)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Fields(string(data))
}

// TestKillBeforeSend kills ombud after the case and its notices were
// written and before the platform took any: after a restart each notice
// is delivered once.
func TestKillBeforeSend(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ombud.db")
	got := restart(t, path, killChild(t, "before-send", path))
	if want := []string{"C-2026-0001/v1-header", "C-2026-0001/v1-change"}; !slices.Equal(got, want) {
		t.Errorf("the platform took %q, want %q", got, want)
	}
}

// TestKillAfterSend kills ombud after the platform took the first notice
// and before ombud recorded it as delivered: the one window in which a
// notice is delivered twice. After a restart that notice is delivered
// again, once, and the other once.
func TestKillAfterSend(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ombud.db")
	got := restart(t, path, killChild(t, "after-send", path))
	if want := []string{"C-2026-0001/v1-header", "C-2026-0001/v1-header", "C-2026-0001/v1-change"}; !slices.Equal(got, want) {
		t.Errorf("the platform took %q, want the header twice (the duplicate window) and the change once", got)
	}
}
