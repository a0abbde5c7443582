package bot

import (
	"context"
	"sync"
)

// BusyText is what a person is told when every worker is taken and the queue
// is full: never silence.
const BusyText = "ombud is busy, try again in a moment."

// Pool runs work on a bounded number of goroutines with a bounded queue, so
// that a burst of requests cannot exhaust the process and a platform's
// acknowledgement deadline (Slack's and Discord's 3 seconds) is always met:
// the adapter acknowledges at once and hands the slow part to the pool. It is
// shared by every platform of the process.
type Pool struct {
	work chan func()
	wg   sync.WaitGroup

	mu     sync.RWMutex
	closed bool
}

// NewPool starts workers goroutines that take work from a queue of up to
// queue waiting items. Both must be at least 1.
func NewPool(workers, queue int) *Pool {
	p := &Pool{work: make(chan func(), max(queue, 1))}
	for range max(workers, 1) {
		p.wg.Go(func() {
			for fn := range p.work {
				fn()
			}
		})
	}
	return p
}

// TrySubmit queues fn and reports true, or reports false at once when the
// queue is full or the pool is closed; the caller then tells the person
// BusyText.
func (p *Pool) TrySubmit(fn func()) bool {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.closed {
		return false
	}
	select {
	case p.work <- fn:
		return true
	default:
		return false
	}
}

// Close stops taking work and waits until the queued and running work is
// done, or until ctx ends; it returns ctx's error in that case.
func (p *Pool) Close(ctx context.Context) error {
	p.mu.Lock()
	if !p.closed {
		p.closed = true
		close(p.work)
	}
	p.mu.Unlock()
	done := make(chan struct{})
	go func() {
		p.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
