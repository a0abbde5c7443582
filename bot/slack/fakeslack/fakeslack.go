// Package fakeslack is a recording fake of Slack for tests: the Web API
// methods ombud calls, response URLs, the URLs files are uploaded to, and a
// Socket Mode websocket, speaking Slack's wire format so that the real
// slack-go client is exercised. It keeps the messages posted and the files
// shared, so tests can look at a channel or a thread as a person would see
// it.
package fakeslack

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Call is one request the fake received.
type Call struct {
	Method string         // the Web API method, such as "chat.postMessage", or "response_url"
	Args   map[string]any // its arguments: form fields as strings, or the JSON body's fields
	Token  string         // the bearer token it carried
}

// Arg returns the argument called key as a string: a form field as sent, a
// JSON field encoded as JSON.
func (c Call) Arg(key string) string {
	switch v := c.Args[key].(type) {
	case nil:
		return ""
	case string:
		return v
	default:
		b, _ := json.Marshal(v)
		return string(b)
	}
}

// Message is a message as it stands in a channel.
type Message struct {
	Channel  string // the channel's ID
	TS       string // the message's timestamp, its ID
	ThreadTS string // the timestamp of its thread's first message; "" when not in a thread
	Text     string // the fallback text
	Blocks   string // the blocks, as JSON
}

// User is a person the fake's users.info knows.
type User struct {
	ID          string // the user's ID, U…
	Name        string // the user name
	RealName    string // the full name
	DisplayName string // the name shown in Slack, when set
}

// Server is the fake. Its methods are safe for concurrent use.
type Server struct {
	srv *httptest.Server

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced on every call and ack
	calls    []Call
	counts   map[string]int      // calls by method
	messages map[string]*Message // by channel + "/" + ts
	order    []string            // message keys, in the order posted
	users    map[string]User
	groups   map[string][]string
	down     bool               // every Web API method answers 503
	limits   map[string][]int   // method -> Retry-After seconds of the 429s to answer next
	failures map[string][]int   // method -> the HTTP statuses to answer next
	refused  map[string]string  // channel -> the error posting to it answers
	next     int                // the last message timestamp and file ID given out
	uploads  map[string]*upload // files asked an upload URL for, by ID
	asked    []string           // their IDs, in the order asked
	shared   []string           // the IDs of the files shared, in the order shared
	outside  map[string]bool    // channels ombud is not a member of
	socket   *socket
}

// New starts a fake that stops when tb ends.
func New(tb testing.TB) *Server {
	tb.Helper()
	s := &Server{changed: make(chan struct{}), counts: map[string]int{}, messages: map[string]*Message{}, users: map[string]User{},
		groups: map[string][]string{}, limits: map[string][]int{}, failures: map[string][]int{}, refused: map[string]string{}, socket: newSocket(),
		uploads: map[string]*upload{}, outside: map[string]bool{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/{method}", s.serveAPI)
	mux.HandleFunc("/response/{id}", s.serveResponse)
	mux.HandleFunc("/socket", s.serveSocket)
	mux.HandleFunc("POST /upload/{id}", s.serveUpload)
	s.srv = httptest.NewServer(mux)
	tb.Cleanup(func() {
		s.socket.stop()
		s.srv.CloseClientConnections()
		s.srv.Close()
	})
	return s
}

// APIURL returns the Web API's base URL, for slack.OptionAPIURL.
func (s *Server) APIURL() string { return s.srv.URL + "/api/" }

// ResponseURL returns a response URL the fake answers, named id.
func (s *Server) ResponseURL(id string) string { return s.srv.URL + "/response/" + id }

// AddUser makes users.info know u.
func (s *Server) AddUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[u.ID] = u
}

// SetGroup makes usergroups.users.list list members for user group id.
func (s *Server) SetGroup(id string, members ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.groups[id] = members
}

// RateLimit makes the next len(after) calls of method answer 429 with
// Retry-After of each of after, in seconds; method "response_url" limits
// the response URLs.
func (s *Server) RateLimit(method string, after ...int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limits[method] = append(s.limits[method], after...)
}

// Fail makes the next calls of method answer each of statuses in turn,
// with no body, as Slack's edge does when it cannot reach the method (a
// 404 from apps.connections.open ends a Socket Mode client's reconnecting).
func (s *Server) Fail(method string, statuses ...int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures[method] = append(s.failures[method], statuses...)
}

// Down takes the Web API down, every method answering 503 Service
// Unavailable as a Slack outage does, or brings it back. Response URLs
// still answer.
func (s *Server) Down(down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = down
}

// Refuse makes posting to channel fail with the error code, as Slack
// answers for a channel ombud is not in (not_in_channel) or cannot see
// (channel_not_found).
func (s *Server) Refuse(channel, code string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refused[channel] = code
}

// Calls returns the calls received of the given methods, or of all when
// none is given, in the order received.
func (s *Server) Calls(methods ...string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if len(methods) == 0 || slices.Contains(methods, c.Method) {
			out = append(out, c)
		}
	}
	return out
}

// Count returns how many calls of method the fake has received.
func (s *Server) Count(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[method]
}

// waitTimeout bounds how long Wait waits before it fails the test.
const waitTimeout = 20 * time.Second

// Wait waits until ok, called under no lock after every call the fake
// receives, reports true; it fails tb after 20 seconds, saying what.
func (s *Server) Wait(tb testing.TB, what string, ok func() bool) {
	tb.Helper()
	timeout := time.NewTimer(waitTimeout)
	defer timeout.Stop()
	for {
		s.mu.Lock()
		changed := s.changed
		s.mu.Unlock()
		if ok() {
			return
		}
		select {
		case <-changed:
		case <-timeout.C:
			tb.Fatalf("fakeslack: waited 20s for %s; calls: %s", what, s.describe())
		}
	}
}

// describe lists the methods called so far, for a failure message.
func (s *Server) describe() string {
	var names []string
	for _, c := range s.Calls() {
		names = append(names, c.Method)
	}
	return strings.Join(names, ", ")
}

// Messages returns the messages in channel that are not in a thread, in
// the order posted.
func (s *Server) Messages(channel string) []Message { return s.find(channel, "") }

// Thread returns the replies in the thread of the message at ts in channel,
// in the order posted.
func (s *Server) Thread(channel, ts string) []Message { return s.find(channel, ts) }

// find returns the messages of channel in the thread at threadTS, or not
// in any thread when threadTS is "".
func (s *Server) find(channel, threadTS string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	for _, k := range s.order {
		if m := s.messages[k]; m.Channel == channel && m.ThreadTS == threadTS {
			out = append(out, *m)
		}
	}
	return out
}

// record adds c to the calls and wakes those waiting.
func (s *Server) record(c Call) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, c)
	s.counts[c.Method]++
	s.wake()
}

// wake wakes those waiting in Wait; s.mu must be held.
func (s *Server) wake() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// readCall decodes r's arguments, form-encoded or JSON, as a Call.
func readCall(method string, r *http.Request) (Call, error) {
	c := Call{Method: method, Args: map[string]any{}, Token: strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return c, err
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") && len(body) > 0 {
		return c, json.Unmarshal(body, &c.Args)
	}
	form, err := url.ParseQuery(string(body))
	for k := range form {
		c.Args[k] = form.Get(k)
	}
	if c.Token == "" {
		c.Token = form.Get("token")
	}
	return c, err
}

// writeJSON answers v as JSON.
func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(v)
}
