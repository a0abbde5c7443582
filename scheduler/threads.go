package scheduler

import (
	"context"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// Threads is the bot.Threads of a store: a case's thread on each platform
// is kept with the case, so that its posts find it after a restart and
// from any process.
type Threads struct{ Store cases.Store }

var _ bot.Threads = Threads{}

// Thread returns the reference of case topic's thread on platform, or ""
// when it has none yet or topic is no case.
func (t Threads) Thread(ctx context.Context, platform, topic string) (string, error) {
	c, err := t.Store.Get(ctx, topic)
	if cases.ErrorCode(err) == cases.ENOTFOUND {
		return "", nil
	} else if err != nil {
		return "", err
	}
	return c.Threads[platform], nil
}

// SetThread records ref as the reference of case topic's thread on
// platform.
func (t Threads) SetThread(ctx context.Context, platform, topic, ref string) error {
	return t.Store.SetThread(ctx, topic, platform, ref)
}
