package fakeslack

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// pingEvery is how often the fake's websocket pings the client, as Slack
// does; the client reconnects when pings stop.
const pingEvery = time.Second

// socket is the fake's Socket Mode side: envelopes waiting to be sent, and
// the acknowledgements read back.
type socket struct {
	out  chan envelope
	done chan struct{}
	once sync.Once

	mu      sync.Mutex
	dropped chan struct{}              // closed by Drop, to end the connections open then
	acks    map[string]json.RawMessage // envelope ID -> the ack's payload ("null" for none)
	n       int                        // envelopes sent so far, for their IDs
	pinged  int                        // pongs read back
}

// envelope is one Socket Mode message to the client.
type envelope struct {
	EnvelopeID             string          `json:"envelope_id"`
	Type                   string          `json:"type"`
	Payload                json.RawMessage `json:"payload"`
	AcceptsResponsePayload bool            `json:"accepts_response_payload"`
	RetryAttempt           int             `json:"retry_attempt"`
}

func newSocket() *socket {
	return &socket{out: make(chan envelope, 64), done: make(chan struct{}), dropped: make(chan struct{}), acks: map[string]json.RawMessage{}}
}

// stop ends every connection.
func (so *socket) stop() { so.once.Do(func() { close(so.done) }) }

// upgrader takes any origin: Slack's client sends its own.
var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// serveSocket is the websocket apps.connections.open points to: it sends
// hello, then the envelopes Send queues and a ping every second, and reads
// the client's acknowledgements.
func (s *Server) serveSocket(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	so := s.socket
	so.mu.Lock()
	dropped := so.dropped
	so.mu.Unlock()
	conn.SetPongHandler(func(string) error {
		s.mu.Lock()
		defer s.mu.Unlock()
		so.mu.Lock()
		so.pinged++
		so.mu.Unlock()
		s.wake()
		return nil
	})
	hello := map[string]any{"type": "hello", "num_connections": 1, "connection_info": map[string]string{"app_id": "A1"}}
	if conn.WriteJSON(hello) != nil {
		return
	}
	go s.readAcks(conn)
	ping := time.NewTicker(pingEvery)
	defer ping.Stop()
	for {
		var err error
		select {
		case <-so.done:
			return
		case <-dropped:
			return
		case <-ping.C:
			err = conn.WriteControl(websocket.PingMessage, []byte("ping"), time.Now().Add(time.Second))
		case e := <-so.out:
			err = conn.WriteJSON(e)
		}
		if err != nil {
			return
		}
	}
}

// readAcks records every acknowledgement the client sends on conn.
func (s *Server) readAcks(conn *websocket.Conn) {
	for {
		var ack struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if conn.ReadJSON(&ack) != nil {
			return
		}
		if ack.Payload == nil {
			ack.Payload = json.RawMessage("null")
		}
		s.mu.Lock()
		s.socket.mu.Lock()
		s.socket.acks[ack.EnvelopeID] = ack.Payload
		s.socket.mu.Unlock()
		s.wake()
		s.mu.Unlock()
	}
}

// Send queues payload for the Socket Mode client as an envelope of type
// kind ("slash_commands", "interactive", "events_api") and returns its
// envelope ID. With id, the envelope repeats that ID, as a retry does.
func (s *Server) Send(kind string, payload any, id ...string) string {
	b, err := json.Marshal(payload)
	if err != nil {
		panic(err)
	}
	so := s.socket
	so.mu.Lock()
	so.n++
	e := envelope{EnvelopeID: fmt.Sprintf("env-%d", so.n), Type: kind, Payload: b, AcceptsResponsePayload: kind != "events_api"}
	so.mu.Unlock()
	if len(id) > 0 {
		e.EnvelopeID, e.RetryAttempt = id[0], 1
	}
	so.out <- e
	return e.EnvelopeID
}

// Drop ends the Socket Mode connections open now, as a network failure
// does; the client may connect again.
func (s *Server) Drop() {
	so := s.socket
	so.mu.Lock()
	defer so.mu.Unlock()
	close(so.dropped)
	so.dropped = make(chan struct{})
}

// WaitAck waits until the client acknowledges envelope id and returns the
// acknowledgement's payload, "null" when it had none.
func (s *Server) WaitAck(tb testing.TB, id string) json.RawMessage {
	tb.Helper()
	var got json.RawMessage
	s.Wait(tb, "the ack of "+id, func() bool {
		s.socket.mu.Lock()
		defer s.socket.mu.Unlock()
		got = s.socket.acks[id]
		return got != nil
	})
	return got
}

// WaitConnected waits until a Socket Mode client has connected.
func (s *Server) WaitConnected(tb testing.TB) {
	tb.Helper()
	s.Wait(tb, "a Socket Mode connection", func() bool { return len(s.Calls("apps.connections.open")) > 0 })
}

// Pongs returns how many of the fake's pings the client answered.
func (s *Server) Pongs() int {
	s.socket.mu.Lock()
	defer s.socket.mu.Unlock()
	return s.socket.pinged
}
