package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ombud/ombud/bot/slack/fakeslack"
)

// watcher is a log output that closes seen once it has been written want.
type watcher struct {
	mu   sync.Mutex
	buf  strings.Builder
	want string
	seen chan struct{}
}

// Write implements io.Writer.
func (w *watcher) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if w.seen != nil && strings.Contains(w.buf.String(), w.want) {
		close(w.seen)
		w.seen = nil
	}
	return len(p), nil
}

// wait returns a channel closed once the log holds want: at once, if it
// does already.
func (w *watcher) wait(want string) <-chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	seen := make(chan struct{})
	if strings.Contains(w.buf.String(), want) {
		close(seen)
		return seen
	}
	w.want, w.seen = want, seen
	return seen
}

// mustSee fails the test unless the log holds want within 30 seconds.
func (w *watcher) mustSee(t *testing.T, want string) {
	t.Helper()
	select {
	case <-w.wait(want):
	case <-time.After(30 * time.Second):
		w.mu.Lock()
		defer w.mu.Unlock()
		t.Fatalf("the log never said %q:\n%s", want, w.buf.String())
	}
}

// freeAddr returns a loopback address no one listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestServeSlack runs ombud with Slack configured over HTTP against the
// fake Slack: the HTTP server answers health, readiness and metrics, and a
// signed /case open opens a case whose thread starts in the channel.
func TestServeSlack(t *testing.T) {
	fake := fakeslack.New(t)
	fake.AddUser(fakeslack.User{ID: "UANN", Name: "ann"})
	addr := freeAddr(t)
	getenv := env(with(slackEnv, "SLACK_API_URL", fake.APIURL(), "OMBUD_HTTP_ADDR", addr,
		"OMBUD_DATA_DIR", t.TempDir(), "OMBUD_LOG_LEVEL", "info"))
	logs, status, cancel := mustServe(t, getenv)
	base := "http://" + addr
	mustGet(t, base+"/healthz", "ok")
	mustGet(t, base+"/readyz", `"slack":"ok"`, `"store":"ok"`)

	postSlackCommand(t, base, fake, "open Slow support")
	fake.Wait(t, "the case's thread", func() bool {
		ms := fake.Messages("C0SUPPORT")
		return len(ms) == 1 && len(fake.Thread("C0SUPPORT", ms[0].TS)) == 1
	})
	mustGet(t, base+"/metrics", `ombud_requests_total{outcome="ok",platform="slack",subcommand="open"} 1`)

	cancel()
	if s := <-status; s != 0 {
		t.Errorf("ombud exited %d after the signal:\n%s", s, logs.buf.String())
	}
}

// postSlackCommand sends /case text as UANN in C0SUPPORT, signed as Slack
// signs it, to ombud at base.
func postSlackCommand(t *testing.T, base string, fake *fakeslack.Server, text string) {
	t.Helper()
	body := url.Values{"channel_id": {"C0SUPPORT"}, "user_id": {"UANN"}, "command": {"/case"}, "text": {text},
		"response_url": {fake.ResponseURL("r1")}, "trigger_id": {"t1"}}.Encode()
	req, _ := http.NewRequest(http.MethodPost, base+"/slack/commands", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	stamp := fmt.Sprint(time.Now().Unix())
	mac := hmac.New(sha256.New, []byte(slackEnv["SLACK_SIGNING_SECRET"]))
	fmt.Fprintf(mac, "v0:%s:%s", stamp, body)
	req.Header.Set("X-Slack-Request-Timestamp", stamp)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("POST /slack/commands: %v %v", resp, err)
	}
	resp.Body.Close()
}

// mustServe runs ombud with no arguments, configured by getenv, until it
// serves HTTP, and returns its log, the channel its exit status comes on,
// and the function that stops it.
func mustServe(t *testing.T, getenv func(string) string) (*watcher, <-chan int, context.CancelFunc) {
	t.Helper()
	logs := &watcher{}
	serving := logs.wait("serving HTTP")
	ctx, cancel := context.WithCancel(context.Background())
	status := make(chan int, 1)
	go func() {
		status <- run(ctx, nil, streams{in: strings.NewReader(""), out: io.Discard, errOut: logs}, getenv)
	}()
	select {
	case <-serving:
	case s := <-status:
		cancel()
		t.Fatalf("ombud exited %d before serving:\n%s", s, logs.buf.String())
	}
	return logs, status, cancel
}

// mustGet fails the test unless GET url answers 200 with a body containing
// every one of want.
func mustGet(t *testing.T, url string, want ...string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, b)
	}
	for _, w := range want {
		if !strings.Contains(string(b), w) {
			t.Errorf("GET %s does not contain %q:\n%s", url, w, b)
		}
	}
}
