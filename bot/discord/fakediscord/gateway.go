package fakediscord

import (
	"encoding/json"
	"net/http"
	"sync"

	"github.com/gorilla/websocket"
)

// sessionID is the gateway session the fake hands out.
const sessionID = "fake-session"

// heartbeatInterval is what Hello asks for by default, in milliseconds:
// long enough that tests see heartbeats only when the client sends them on
// connecting.
const heartbeatInterval = 45000

// gateway is the fake's gateway: its connections and what they did.
type gateway struct {
	upgrader websocket.Upgrader

	mu         sync.Mutex
	conns      []*gwConn
	seq        int64
	identifies int
	resumes    int
	heartbeats int
	events     []json.RawMessage // every dispatched event, by sequence - 1, for resumes
}

// gwConn is one client connection.
type gwConn struct {
	ws    *websocket.Conn
	write sync.Mutex
	ready bool // identified or resumed
}

// frame is a gateway payload.
type frame struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d,omitempty"`
	S  int64           `json:"s,omitempty"`
	T  string          `json:"t,omitempty"`
}

// init prepares g.
func (g *gateway) init() {
	g.upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
}

// send writes f to c.
func (c *gwConn) send(f frame) error {
	c.write.Lock()
	defer c.write.Unlock()
	return c.ws.WriteJSON(f)
}

// gateway serves the websocket: Hello, then Identify (READY) or Resume
// (the events the client missed, then RESUMED), then heartbeats answered with
// ACKs until the client goes or the fake drops it.
func (s *Server) gateway(w http.ResponseWriter, r *http.Request) {
	ws, err := s.gw.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &gwConn{ws: ws}
	defer ws.Close()
	s.mu.Lock()
	interval := s.heartbeat
	s.mu.Unlock()
	hello, _ := json.Marshal(map[string]any{"heartbeat_interval": interval})
	if c.send(frame{Op: 10, D: hello}) != nil {
		return
	}
	for {
		var f frame
		if err := ws.ReadJSON(&f); err != nil {
			return
		}
		switch f.Op {
		case 1:
			s.gw.count(&s.gw.heartbeats)
			_ = c.send(frame{Op: 11})
			s.poke()
		case 2:
			s.identify(c, f.D)
			s.poke()
		case 6:
			s.resume(c, f.D)
			s.poke()
		}
	}
}

// count adds one to n under g's lock.
func (g *gateway) count(n *int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	*n++
}

// identify answers an Identify with READY, or closes the connection with
// 4004 for a wrong token.
func (s *Server) identify(c *gwConn, d json.RawMessage) {
	var id struct {
		Token string `json:"token"`
	}
	_ = json.Unmarshal(d, &id)
	if id.Token != "Bot "+Token {
		c.write.Lock()
		_ = c.ws.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4004, "Authentication failed."))
		c.write.Unlock()
		return
	}
	ready, _ := json.Marshal(map[string]any{"v": 10, "session_id": sessionID, "user": user(AppID, "ombud"),
		"resume_gateway_url": "ws" + s.http.URL[len("http"):] + "/gateway", "guilds": []any{},
		"application": map[string]any{"id": AppID}})
	g := &s.gw
	g.mu.Lock()
	defer g.mu.Unlock()
	g.identifies++
	g.seq++
	g.events = append(g.events, nil)
	c.ready = true
	g.conns = append(g.conns, c)
	_ = c.send(frame{Op: 0, T: "READY", S: g.seq, D: ready})
}

// resume replays the events after the client's sequence and then sends
// RESUMED, in the order Discord documents ("the Gateway will send the
// missed events in order, finishing with a Resumed event"). RESUMED takes
// a sequence of its own, after the replayed ones: a client that loses the
// connection before reading the replay resumes from before it and is sent
// the events again.
func (s *Server) resume(c *gwConn, d json.RawMessage) {
	var r struct {
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	_ = json.Unmarshal(d, &r)
	g := &s.gw
	g.mu.Lock()
	defer g.mu.Unlock()
	if r.SessionID != sessionID {
		_ = c.send(frame{Op: 9, D: json.RawMessage("false")})
		return
	}
	g.resumes++
	c.ready = true
	g.conns = append(g.conns, c)
	for seq := r.Seq + 1; seq <= g.seq; seq++ {
		if ev := g.events[seq-1]; ev != nil {
			var f frame
			_ = json.Unmarshal(ev, &f)
			_ = c.send(f)
		}
	}
	g.seq++
	g.events = append(g.events, nil)
	_ = c.send(frame{Op: 0, T: "RESUMED", S: g.seq, D: json.RawMessage("{}")})
}

// poke wakes WaitFor after a change of the gateway's.
func (s *Server) poke() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.notify()
}

// dispatch sends an event to every ready connection, or keeps it for the
// next resume when there is none.
func (g *gateway) dispatch(name string, d json.RawMessage) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.seq++
	f := frame{Op: 0, T: name, S: g.seq, D: d}
	raw, _ := json.Marshal(f)
	g.events = append(g.events, raw)
	for _, c := range g.conns {
		if c.ready {
			_ = c.send(f)
		}
	}
}

// Drop cuts every gateway connection, as a network failure would; the
// client should reconnect and resume.
func (s *Server) Drop() {
	g := &s.gw
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, c := range g.conns {
		_ = c.ws.UnderlyingConn().Close()
	}
	g.conns = nil
}

// closeAll closes every connection when the fake stops.
func (g *gateway) closeAll() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, c := range g.conns {
		_ = c.ws.Close()
	}
	g.conns = nil
}

// SetHeartbeat makes Hello ask for a heartbeat every ms milliseconds, for
// a test that waits on the client's heartbeats.
func (s *Server) SetHeartbeat(ms int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.heartbeat = ms
}

// GatewayStats returns how many times clients identified and resumed.
func (s *Server) GatewayStats() (identifies, resumes, heartbeats int) {
	g := &s.gw
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.identifies, g.resumes, g.heartbeats
}
