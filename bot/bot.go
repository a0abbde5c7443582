// Package bot holds what every chat platform shares: the request a person
// sends, the reply ombud gives, the posts it makes to a team channel, and the
// interface each platform adapter implements. It knows nothing of any one
// platform, and nothing of complaints.
package bot

import "context"

// PlatformConsole is the local console's name, as Request.Platform and
// Platform.Name give it. The console is the one platform on which people
// choose who they are, so the layers above treat its requests apart.
const PlatformConsole = "console"

// Request is one command a person sent, decoded by a platform adapter whose
// signature checks it has already passed.
type Request struct {
	Platform  string   // "slack", "discord", "console"
	UserID    string   // the platform's ID for the person
	UserName  string   // display name
	Groups    []string // IDs of the platform groups the person is in (Slack user groups, Discord roles)
	ChannelID string   // where the command was typed
	Text      string   // everything after "/case", e.g. "ack C-2026-0042 called back"
	// LocalRole is a role asserted by the local console, where whoever runs
	// ombud chooses who they act as; it is empty unless they named one, and
	// then the configured role applies. Network platforms never set it; their
	// roles come from configuration only.
	LocalRole string
}

// UserKey returns the person's stable key, "platform:userID".
func (r Request) UserKey() string { return r.Platform + ":" + r.UserID }

// Visibility says who sees a reply.
type Visibility int

// Visibilities.
const (
	Private Visibility = iota // only the person who asked
	Public                    // everyone in the channel
)

// Reply is a platform-neutral message. Every part of it is plain text, as
// typed or as ombud wrote it: no markup, and not yet made safe to show.
// Rendering is the one place where it is made safe: each platform renders a
// reply in its own format, passes every part through Neutralize and escapes
// what its format needs, so that user text echoed back can neither trigger
// mass mentions nor break the formatting. Code that builds replies leaves
// their text as it is.
type Reply struct {
	Title      string     // one line saying what this is, such as "C-2026-0042 claimed"; may be empty
	Text       string     // the body, its lines separated by "\n"; may be empty
	Fields     []Field    // labelled values, shown in order after the text
	Buttons    []Button   // actions offered, shown in order after the fields
	Visibility Visibility // who sees the reply; a Post's is ignored, since a post is for its channel
	Error      bool       // the reply reports a refusal or a mistake
}

// Field is a labelled value shown in a reply.
type Field struct {
	Name  string // the label, such as "Status"; one line
	Value string // the value, its lines separated by "\n"
}

// Button offers an action. Pressing it runs Command as the person who pressed
// it, exactly as if they had typed "/case " + Command.
type Button struct {
	Label   string // what the button says, such as "Claim C-2026-0042"
	Command string // what it runs, without "/case", such as "claim C-2026-0042"
}

// Channel names one of the team channels ombud posts to on its own. Each
// platform maps it to a channel of its own in its configuration.
type Channel string

// Team channels.
const (
	ChannelEscalations Channel = "escalations" // new escalations, with a Claim button
	ChannelAlerts      Channel = "alerts"      // deadline warnings and breaches
	ChannelManagers    Channel = "managers"    // summaries and the weekly digest
)

// Post is a message for a team channel.
type Post struct {
	Channel Channel // the team channel it goes to
	Reply   Reply   // what it says
}

// Response is everything a request produces: the reply to the person, and any
// posts to team channels.
type Response struct {
	Reply Reply  // the reply to the person who sent the request
	Posts []Post // posts to team channels, in order; usually none
}

// Handler answers requests. It is safe for concurrent use.
type Handler interface {
	Handle(ctx context.Context, req Request) Response
}

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(ctx context.Context, req Request) Response

// Handle calls f.
func (f HandlerFunc) Handle(ctx context.Context, req Request) Response { return f(ctx, req) }

// Platform is a chat platform adapter: it receives requests, verifies and
// decodes them, passes them to a Handler, renders replies, and delivers posts.
type Platform interface {
	// Name returns the platform's name, as used in Request.Platform.
	Name() string
	// Run serves requests until ctx is cancelled, then stops taking new
	// ones, finishes those in flight, and returns.
	Run(ctx context.Context, h Handler) error
	// Post delivers a post to the platform's channel for p.Channel.
	Post(ctx context.Context, p Post) error
}
