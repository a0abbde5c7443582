package commands_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/console"
	"github.com/ombud/ombud/scheduler"
)

// runConsole runs script on a console configured by cfg, with h behind
// it and a dispatcher delivering the posts the commands cause on the
// harness's store, and returns what the console printed.
func (hs *harness) runConsole(cfg console.Config, script string, h bot.Handler) string {
	hs.t.Helper()
	var out bytes.Buffer
	cfg.In, cfg.Out = strings.NewReader(script), &out
	c := console.New(cfg)
	d := scheduler.NewDispatcher(scheduler.DispatcherConfig{Store: hs.store, Render: hs.h, Platforms: []bot.Platform{c}, Now: hs.clock.Now})
	if err := c.Run(context.Background(), d.Handler(h)); err != nil {
		hs.t.Fatalf("console: %v\n%s", err, out.String())
	}
	return out.String()
}

// TestConsoleRoles checks that on the console the roles configured in
// OMBUD_SENIORS and OMBUD_MANAGERS apply unless /as or Config.Role names
// another.
func TestConsoleRoles(t *testing.T) {
	hs := MustHarness(t, "standard")
	id := hs.open()
	hs.ok("ann", "answer "+id+" Refunded.")
	hs.ok("ann", "escalate "+id+` reason:"not refunded"`)

	tests := []struct {
		name   string
		cfg    console.Config
		script string
		want   string
	}{
		{"configured senior", console.Config{User: "sam"}, "/case claim " + id, id + " claimed"},
		{"configured manager", console.Config{User: "max"}, "/case summary", "Summary: this week"},
		{"/as without a role", console.Config{User: "ann"}, "/as max\n/case summary", "Summary: this week"},
		{"/as names a role", console.Config{User: "max"}, "/as max agent\n/case summary", "summaries are for managers, and you are an agent"},
		{"Config.Role names a role", console.Config{User: "max", Role: "agent"}, "/case summary", "summaries are for managers, and you are an agent"},
		{"unlisted user", console.Config{User: "ann"}, "/case summary", "summaries are for managers, and you are an agent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if out := hs.runConsole(tt.cfg, tt.script+"\n", hs.h); !strings.Contains(out, tt.want) {
				t.Errorf("console output lacks %q:\n%s", tt.want, out)
			}
		})
	}
}
