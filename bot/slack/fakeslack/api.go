package fakeslack

import (
	"fmt"
	"net/http"
	"strconv"
)

// ok is a successful answer with the given fields.
type ok map[string]any

// failed is Slack's answer to a call that failed: 200 with ok false.
func failed(code string) ok { return ok{"ok": false, "error": code} }

// serveAPI answers a Web API method, after recording the call; a method
// the fake does not know answers unknown_method, as Slack does.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	method := r.PathValue("method")
	c, err := readCall(method, r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.record(c)
	if after, limited := s.takeLimit(method); limited {
		w.Header().Set("Retry-After", strconv.Itoa(after))
		http.Error(w, `{"ok":false,"error":"ratelimited"}`, http.StatusTooManyRequests)
		return
	}
	if status, failing := s.takeFailure(method); failing {
		http.Error(w, http.StatusText(status), status)
		return
	}
	if s.isDown() {
		http.Error(w, "Service Unavailable", http.StatusServiceUnavailable)
		return
	}
	if c.Token == "" {
		writeJSON(w, failed("not_authed"))
		return
	}
	writeJSON(w, s.answer(c))
}

// answer returns the fake's answer to call c.
func (s *Server) answer(c Call) ok {
	switch c.Method {
	case "auth.test":
		return ok{"ok": true, "user_id": "UOMBUD", "team_id": "T1", "bot_id": "BOMBUD"}
	case "chat.postMessage":
		return s.post(c)
	case "chat.update":
		return s.update(c)
	case "chat.postEphemeral":
		return ok{"ok": true, "message_ts": s.timestamp()}
	case "views.open":
		return ok{"ok": true, "view": ok{"id": "V" + s.timestamp()}}
	case "users.info":
		return s.userInfo(c.Arg("user"))
	case "usergroups.users.list":
		return s.groupMembers(c.Arg("usergroup"))
	case "files.getUploadURLExternal":
		return s.uploadURL(c)
	case "files.completeUploadExternal":
		return s.completeUpload(c)
	case "conversations.open":
		return s.openConversation(c)
	case "apps.connections.open":
		return ok{"ok": true, "url": "ws" + s.srv.URL[len("http"):] + "/socket"}
	default:
		return failed("unknown_method")
	}
}

// takeLimit reports whether the next call of method is to be rate
// limited, and for how many seconds.
func (s *Server) takeLimit(method string) (int, bool) { return s.takeNext(s.limits, method) }

// takeFailure reports whether the next call of method is to fail, and with
// which HTTP status.
func (s *Server) takeFailure(method string) (int, bool) { return s.takeNext(s.failures, method) }

// takeNext takes the first of the values queued for method in queues.
func (s *Server) takeNext(queues map[string][]int, method string) (int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := queues[method]
	if len(q) == 0 {
		return 0, false
	}
	queues[method] = q[1:]
	return q[0], true
}

// timestamp returns a new message timestamp, later than every other.
func (s *Server) timestamp() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next++
	return fmt.Sprintf("1700000000.%06d", s.next)
}

// post records a message posted with chat.postMessage.
func (s *Server) post(c Call) ok {
	channel := c.Arg("channel")
	if channel == "" {
		return failed("channel_not_found")
	}
	m := &Message{Channel: channel, TS: s.timestamp(), ThreadTS: c.Arg("thread_ts"), Text: c.Arg("text"), Blocks: c.Arg("blocks")}
	s.mu.Lock()
	defer s.mu.Unlock()
	if code := s.refused[channel]; code != "" {
		return failed(code)
	}
	if m.ThreadTS != "" && s.messages[channel+"/"+m.ThreadTS] == nil {
		return failed("thread_not_found")
	}
	key := channel + "/" + m.TS
	s.messages[key] = m
	s.order = append(s.order, key)
	s.wake()
	return ok{"ok": true, "channel": channel, "ts": m.TS, "message": ok{"text": m.Text, "ts": m.TS}}
}

// update replaces a message's text and blocks, for chat.update.
func (s *Server) update(c Call) ok {
	channel, ts := c.Arg("channel"), c.Arg("ts")
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.messages[channel+"/"+ts]
	if m == nil {
		return failed("message_not_found")
	}
	m.Text, m.Blocks = c.Arg("text"), c.Arg("blocks")
	s.wake()
	return ok{"ok": true, "channel": channel, "ts": ts, "text": m.Text}
}

// userInfo answers users.info for id.
func (s *Server) userInfo(id string) ok {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, found := s.users[id]
	if !found {
		return failed("user_not_found")
	}
	return ok{"ok": true, "user": ok{"id": u.ID, "name": u.Name, "real_name": u.RealName,
		"profile": ok{"display_name": u.DisplayName, "real_name": u.RealName}}}
}

// groupMembers answers usergroups.users.list for user group id.
func (s *Server) groupMembers(id string) ok {
	s.mu.Lock()
	defer s.mu.Unlock()
	members, found := s.groups[id]
	if !found {
		return failed("no_such_subteam")
	}
	return ok{"ok": true, "users": members}
}

// serveResponse answers a response URL, recording what was sent to it as
// a call of the method "response_url" with the URL's id as "id".
func (s *Server) serveResponse(w http.ResponseWriter, r *http.Request) {
	c, err := readCall("response_url", r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	c.Args["id"] = r.PathValue("id")
	s.record(c)
	if after, limited := s.takeLimit(c.Method); limited {
		w.Header().Set("Retry-After", strconv.Itoa(after))
		http.Error(w, `{"ok":false,"error":"ratelimited"}`, http.StatusTooManyRequests)
		return
	}
	writeJSON(w, ok{"ok": true})
}

// isDown reports whether the Web API is down.
func (s *Server) isDown() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.down
}
