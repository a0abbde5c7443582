package bottest

import (
	"context"
	"sync"
	"testing"

	"github.com/ombud/ombud/bot"
)

// Recorder is a bot.Handler that passes requests to another and keeps the
// replies it gave, so that a test can compare what a platform delivered
// with what the handler answered.
type Recorder struct {
	mu      sync.Mutex
	next    bot.Handler
	replies []bot.Reply
}

// Wrap makes r pass requests to next, and returns r; it suits the harnesses'
// options that wrap a handler.
func (r *Recorder) Wrap(next bot.Handler) bot.Handler {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.next = next
	return r
}

// Handle implements bot.Handler.
func (r *Recorder) Handle(ctx context.Context, req bot.Request) bot.Response {
	r.mu.Lock()
	next := r.next
	r.mu.Unlock()
	resp := next.Handle(ctx, req)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.replies = append(r.replies, resp.Reply)
	return resp
}

// MustFile returns the one file of the last reply given, failing tb unless
// there is a reply and it carries exactly one.
func (r *Recorder) MustFile(tb testing.TB) bot.File {
	tb.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.replies) == 0 || len(r.replies[len(r.replies)-1].Files) != 1 {
		tb.Fatalf("replies %+v; want the last with one file", r.replies)
	}
	return r.replies[len(r.replies)-1].Files[0]
}
