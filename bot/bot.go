// Package bot holds what every chat platform shares: the request a person
// sends, the reply ombud gives, the posts it makes to a team channel, and the
// interface each platform adapter implements. It knows nothing of any one
// platform, and nothing of complaints.
package bot

import (
	"context"
	"errors"
	"fmt"
	"time"
)

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
	// Mentions are the people the text names (such as the target of
	// assign), as the platform resolved them: their names and groups, so
	// that roles given to a group reach them too. The console, which
	// resolves no names, lists instead everyone given a role this session.
	Mentions []Mention
	// Values holds what a person entered in a Form, by FormField.Key, when
	// the request is a form's submission; Text then holds only the
	// subcommand's name. Nil for a typed command.
	Values map[string]string
	// LocalRole is a role asserted by the local console, where whoever runs
	// ombud chooses who they act as; it is empty unless they named one, and
	// then the configured role applies. Network platforms never set it; their
	// roles come from configuration only.
	LocalRole string
}

// Mention is a person named in a request, as the platform knows them.
type Mention struct {
	UserID string   // the platform's ID for the person
	Name   string   // display name
	Groups []string // IDs of the platform groups the person is in
	// LocalRole is a role the local console asserts for the person, as
	// Request.LocalRole is for the sender; network platforms never set it.
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
	// Files are attached to the reply, such as a chart or an export: a
	// platform uploads or attaches them with the message (Slack into its
	// thread, Discord as attachments); the console writes them to disk
	// and shows where.
	Files []File
	Error bool // the reply reports a refusal or a mistake
	// Topic, on a public reply, is what the reply is about (a case ID): a
	// platform that keeps a thread per topic (see Post) posts the reply
	// in the topic's thread rather than where the request was typed. Empty
	// for a reply about no one topic; ignored on a Post's reply.
	Topic string
	// Form, when set, asks the person for several values at once. A
	// platform that can show a form (a Slack or Discord modal) opens it;
	// one that cannot shows Text, which says what to type instead.
	Form *Form
	// FieldErrors says, by FormField.Key, what was wrong with the values
	// of a submitted form, so that the platform can show each message by
	// its field and keep the form open. Text holds the same messages for a
	// platform that cannot.
	FieldErrors map[string]string
}

// File is a file attached to a reply. It never holds a complainant's
// contact details: those stay out of chat.
type File struct {
	// Name is the file name to show and to save as, such as
	// "summary-2026-03.png": ASCII letters, digits, '.', '-' and '_' only.
	Name        string
	ContentType string // its MIME type, such as "image/png" or "text/csv; charset=utf-8"
	Title       string // one line saying what it is, such as "Cases received and closed per week"
	Data        []byte // the file's contents
}

// Form asks for the values of one subcommand. Submitting it sends a Request
// whose Text is Command and whose Values are what was entered.
type Form struct {
	Title   string      // such as "Open a case"; at most 24 characters, Slack's limit for a modal title
	Command string      // the subcommand the values are for, such as "open"
	Submit  string      // the submit button's label, such as "Open"
	Fields  []FormField // in the order shown; at most 5, Discord's limit for a modal
}

// FormField is one value a Form asks for.
type FormField struct {
	Key         string // the subcommand's argument name or option key, such as "summary" or "from"
	Label       string // shown above the input, such as "Who complained"
	Placeholder string // shown in the empty input, such as "Kari <kari@example.no>"
	Required    bool   // the form cannot be sent without it
	Multiline   bool   // a paragraph rather than one line
	MaxLength   int    // the most characters it takes; 0 for the platform's own limit
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
	ChannelAlerts      Channel = "alerts"      // deadline breaches, and escalations nobody may claim; warnings go to a case's thread
	ChannelManagers    Channel = "managers"    // the weekly digest; summaries are replies, where they are asked for
)

// Post is a message ombud sends on its own: to a team channel, or into the
// thread of a topic (a case) on the platform where the topic began.
type Post struct {
	Channel Channel // the team channel it goes to; "" for a post in Topic's thread
	// Topic is what the post is about, such as a case ID. Posts with the
	// same Topic and no Channel go into one thread, started in Origin.
	Topic string
	// Origin is the platform's ID of the channel where Topic's thread
	// starts, when its first post creates it.
	Origin string
	// Header marks Reply as Topic's header: the thread's first message
	// when the thread does not exist yet, and otherwise the new content of
	// that first message, replacing what it said (its status, assignee and
	// next deadline), rather than a new message in the thread.
	Header bool
	// Echo marks a post in Topic's thread that repeats the reply a person
	// was shown when they made a change: a platform that keeps no threads,
	// and so showed that reply in place, leaves it out.
	Echo bool
	// Mention lists the platform's IDs of the people the post is for: the
	// platform mentions each, so that they are notified, and nobody else.
	Mention []string
	Reply   Reply // what it says
}

// Groups is a platform that can say who is in one of its groups of people
// (a Slack user group, a Discord role), so that a role given to a group
// reaches each member, for instance when ombud asks seniors in turn.
type Groups interface {
	// Members returns the people in group, and false when group is not one
	// of the platform's groups (it may be a person's ID).
	Members(ctx context.Context, group string) ([]Mention, bool, error)
}

// Threads remembers, for each platform, the message that starts each
// topic's thread, so that later posts about the topic go into it after a
// restart too. Ref is the platform's own reference, opaque to the rest of
// ombud (on Slack a channel and a timestamp).
type Threads interface {
	// Thread returns the reference of topic's thread on platform, or ""
	// when it has none yet.
	Thread(ctx context.Context, platform, topic string) (ref string, err error)
	// SetThread records the reference of topic's thread on platform.
	SetThread(ctx context.Context, platform, topic, ref string) error
}

// Response is everything a request produces: the reply to the person who
// sent it. The posts a request causes (into a case's thread, to a team
// channel) are kept durably elsewhere and delivered by themselves; Deliver
// sends them at once.
type Response struct {
	Reply Reply // the reply to the person who sent the request
	// Deliver, when set, delivers the posts the request caused now, rather
	// than when they would be delivered by themselves; a platform calls it
	// once it has shown the reply, so that the posts follow it. Posts that
	// cannot be delivered now are delivered later, once.
	Deliver func(ctx context.Context)
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
	// Post delivers a post to the platform's channel for p.Channel, or
	// into p.Topic's thread. An error wrapping *RetryAfter asks the caller
	// to try again no sooner than it says (a rate limit); one wrapping
	// ErrNoChannel says that p.Channel is not configured on the platform,
	// so the post can never be delivered and trying again is no use.
	Post(ctx context.Context, p Post) error
}

// ErrNoChannel is what a Platform's Post returns, wrapped, for a post to a
// team channel the platform has no channel configured for (such as an
// alerts channel left out of its configuration).
var ErrNoChannel = errors.New("no channel is configured for this team channel")

// RetryAfter is a platform's answer that it cannot take a post now (a rate
// limit, an outage) and when to try again.
type RetryAfter struct {
	After time.Duration // wait at least this long
	Err   error         // what the platform said
}

// Error implements the error interface.
func (e *RetryAfter) Error() string {
	return fmt.Sprintf("retry after %s: %v", e.After, e.Err)
}

// Unwrap returns what the platform said.
func (e *RetryAfter) Unwrap() error { return e.Err }
