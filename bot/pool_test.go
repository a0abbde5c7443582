package bot_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ombud/ombud/bot"
)

func TestPoolRefusesWhenFull(t *testing.T) {
	p := bot.NewPool(1, 1)
	release := make(chan struct{})
	started := make(chan struct{})
	if !p.TrySubmit(func() { close(started); <-release }) {
		t.Fatal("the first job was refused by an idle pool")
	}
	<-started // the one worker is busy now
	if !p.TrySubmit(func() {}) {
		t.Fatal("the second job was refused though the queue had room")
	}
	if p.TrySubmit(func() {}) {
		t.Fatal("a third job was taken though the worker is busy and the queue full")
	}
	close(release)
	if err := p.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestPoolCloseRunsQueuedWork(t *testing.T) {
	p := bot.NewPool(2, 10)
	var ran atomic.Int32
	for range 10 {
		if !p.TrySubmit(func() { ran.Add(1) }) {
			t.Fatal("job refused")
		}
	}
	if err := p.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := ran.Load(); got != 10 {
		t.Fatalf("%d of 10 queued jobs ran before Close returned", got)
	}
	if p.TrySubmit(func() {}) {
		t.Fatal("a closed pool took a job")
	}
}

func TestPoolCloseGivesUpAtDeadline(t *testing.T) {
	p := bot.NewPool(1, 1)
	release := make(chan struct{})
	defer close(release)
	p.TrySubmit(func() { <-release })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if err := p.Close(ctx); err == nil {
		t.Fatal("Close returned nil while a job was still running")
	}
}
