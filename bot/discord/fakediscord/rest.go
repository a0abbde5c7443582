package fakediscord

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// api is the REST API's path prefix, any version.
const api = "/api/{version}"

// routes returns the fake's REST API and gateway.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	bot := func(pattern string, h func(w http.ResponseWriter, r *http.Request, body []byte)) {
		locked := s.changing(h)
		mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
			if !bearer(r) {
				reply(w, http.StatusUnauthorized, map[string]any{"code": 0, "message": "401: Unauthorized"})
				return
			}
			locked(w, r)
		})
	}
	bot("GET "+api+"/gateway", func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		reply(w, http.StatusOK, map[string]any{"url": "ws" + strings.TrimPrefix(s.http.URL, "http") + "/gateway"})
	})
	bot("GET "+api+"/oauth2/applications/@me", func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		reply(w, http.StatusOK, map[string]any{"id": AppID, "name": "ombud"})
	})
	bot("PUT "+api+"/applications/{app}/commands", s.register)
	bot("PUT "+api+"/applications/{app}/guilds/{guild}/commands", s.register)
	bot("GET "+api+"/applications/{app}/commands", s.registered)
	bot("GET "+api+"/applications/{app}/guilds/{guild}/commands", s.registered)
	bot("DELETE "+api+"/applications/{app}/commands/{command}", s.unregister)
	bot("POST "+api+"/channels/{channel}/messages", s.createMessage)
	bot("PATCH "+api+"/channels/{channel}/messages/{message}", s.editMessage)
	bot("POST "+api+"/channels/{channel}/messages/{message}/threads", s.startThread)
	bot("GET "+api+"/guilds/{guild}/members/{user}", s.member)
	bot("GET "+api+"/guilds/{guild}/members", s.listMembers)
	bot("GET "+api+"/guilds/{guild}/roles", s.roles)
	mux.HandleFunc("POST "+api+"/interactions/{id}/{token}/callback", s.changing(s.callback))
	mux.HandleFunc("POST "+api+"/webhooks/{app}/{token}", s.webhook(s.followUp))
	mux.HandleFunc("PATCH "+api+"/webhooks/{app}/{token}/messages/{message}", s.webhook(s.editResponse))
	mux.HandleFunc("DELETE "+api+"/webhooks/{app}/{token}/messages/{message}", s.webhook(s.deleteResponse))
	mux.HandleFunc("GET /gateway", s.gateway)
	mux.HandleFunc("GET /gateway/", s.gateway) // discordgo adds a slash before the query
	return mux
}

// changing returns h run under the fake's lock with the request's body,
// waking WaitFor afterwards. A multipart request's body is its
// payload_json, and its files are in the request's context (filesOf).
func (s *Server) changing(h func(w http.ResponseWriter, r *http.Request, body []byte)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r, body, err := readMultipart(r, body)
		s.mu.Lock()
		defer s.mu.Unlock()
		defer s.notify()
		if err != nil {
			s.refuseUpload(w, r, err)
			return
		}
		h(w, r, body)
	}
}

// webhook returns h run as changing does, for the interaction a webhook
// request is about, once it was acknowledged.
func (s *Server) webhook(h func(w http.ResponseWriter, r *http.Request, in *Interaction, body []byte)) http.HandlerFunc {
	handle := s.changing(func(w http.ResponseWriter, r *http.Request, body []byte) {
		if in := s.acknowledged(w, r); in != nil {
			h(w, r, in, body)
		}
	})
	return func(w http.ResponseWriter, r *http.Request) {
		s.awaitAnswer(r.PathValue("token"))
		handle(w, r)
	}
}

// refuses answers Discord's "Invalid Form Body" and reports true when body
// is a message Discord would refuse; the caller holds the lock.
func (s *Server) refuses(w http.ResponseWriter, what string, body []byte) bool {
	bad := Check(body)
	if len(bad) > 0 {
		s.invalid(w, what, bad)
	}
	return len(bad) > 0
}

// reply answers v as JSON with status.
func reply(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// invalid answers Discord's "Invalid Form Body" and records why; the caller
// holds the lock.
func (s *Server) invalid(w http.ResponseWriter, what string, bad []string) {
	s.violate("%s: %s", what, strings.Join(bad, "; "))
	reply(w, http.StatusBadRequest, map[string]any{"code": 50035, "message": "Invalid Form Body", "errors": bad})
}

// messageJSON is m as Discord returns it.
func messageJSON(m *Message) map[string]any {
	var out map[string]any
	_ = json.Unmarshal(m.Body, &out)
	if out == nil {
		out = map[string]any{}
	}
	out["id"], out["channel_id"] = m.ID, m.ChannelID
	out["author"] = user(AppID, "ombud")
	out["attachments"] = attachmentsJSON(m)
	return out
}

// createMessage serves POST /channels/{channel}/messages.
func (s *Server) createMessage(w http.ResponseWriter, r *http.Request, body []byte) {
	ch, ok := s.channels[r.PathValue("channel")]
	switch {
	case !ok:
		reply(w, http.StatusNotFound, map[string]any{"code": 10003, "message": "Unknown Channel"})
		return
	case s.rateLimited > 0 && s.rateLimitOK > 0:
		s.rateLimitOK--
	case s.rateLimited > 0:
		s.rateLimited--
		w.Header().Set("Retry-After", "2")
		reply(w, http.StatusTooManyRequests, map[string]any{"message": "You are being rate limited.", "retry_after": 2.5, "global": false})
		return
	}
	if s.refuses(w, "message to "+ch.ID, body) {
		return
	}
	m := &Message{ID: s.nextID(), ChannelID: ch.ID, Body: body, Files: filesOf(r)}
	ch.Messages = append(ch.Messages, m)
	s.messages[m.ID] = m
	reply(w, http.StatusOK, messageJSON(m))
}

// editMessage serves PATCH /channels/{channel}/messages/{message}.
func (s *Server) editMessage(w http.ResponseWriter, r *http.Request, body []byte) {
	m, ok := s.messages[r.PathValue("message")]
	if !ok || m.ChannelID != r.PathValue("channel") {
		reply(w, http.StatusNotFound, map[string]any{"code": 10008, "message": "Unknown Message"})
		return
	}
	if s.refuses(w, "edit of message "+m.ID, body) {
		return
	}
	m.Body, m.Edits, m.Files = body, m.Edits+1, append(m.Files, filesOf(r)...)
	reply(w, http.StatusOK, messageJSON(m))
}

// startThread serves POST /channels/{channel}/messages/{message}/threads.
func (s *Server) startThread(w http.ResponseWriter, r *http.Request, body []byte) {
	ch, ok := s.channels[r.PathValue("channel")]
	m, found := s.messages[r.PathValue("message")]
	var req struct {
		Name string `json:"name"`
	}
	_ = json.Unmarshal(body, &req)
	switch {
	case !ok || !found || m.ChannelID != ch.ID:
		reply(w, http.StatusNotFound, map[string]any{"code": 10008, "message": "Unknown Message"})
	case s.threadsDown > 0:
		s.threadsDown--
		reply(w, http.StatusInternalServerError, map[string]any{"code": 0, "message": "500: Internal Server Error"})
	case !ch.Threads:
		reply(w, http.StatusBadRequest, map[string]any{"code": 50024, "message": "Cannot execute action on this channel type"})
	case req.Name == "" || len([]rune(req.Name)) > 100:
		s.invalid(w, "thread in "+ch.ID, []string{fmt.Sprintf("thread name %q is not 1 to 100 characters", req.Name)})
	default:
		t := &Channel{ID: m.ID, ParentID: ch.ID} // a thread off a message takes the message's ID
		s.channels[t.ID] = t
		ch.Started = append(ch.Started, t.ID)
		reply(w, http.StatusCreated, map[string]any{"id": t.ID, "type": 11, "parent_id": ch.ID, "name": req.Name})
	}
}

// member serves GET /guilds/{guild}/members/{user}.
func (s *Server) member(w http.ResponseWriter, r *http.Request, _ []byte) {
	m, ok := s.members[r.PathValue("user")]
	if !ok || r.PathValue("guild") != GuildID {
		reply(w, http.StatusNotFound, map[string]any{"code": 10007, "message": "Unknown Member"})
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(m)
}

// listMembers serves GET /guilds/{guild}/members: the members with IDs after
// the query's after, in ID order, at most its limit (1 to 1000).
func (s *Server) listMembers(w http.ResponseWriter, r *http.Request, _ []byte) {
	limit, err := strconv.Atoi(r.URL.Query().Get("limit"))
	if r.PathValue("guild") != GuildID || err != nil || limit < 1 || limit > 1000 {
		reply(w, http.StatusBadRequest, map[string]any{"code": 50035, "message": "Invalid Form Body"})
		return
	}
	after := r.URL.Query().Get("after")
	var out []json.RawMessage
	for _, id := range slices.Sorted(maps.Keys(s.members)) {
		if snowflakeAfter(id, after) && len(out) < limit {
			out = append(out, s.members[id])
		}
	}
	reply(w, http.StatusOK, nonNilRaw(out))
}

// snowflakeAfter reports whether ID id comes after after, "" before all.
func snowflakeAfter(id, after string) bool {
	return after == "" || len(id) > len(after) || (len(id) == len(after) && id > after)
}

// nonNilRaw returns ms, or an empty list for none.
func nonNilRaw(ms []json.RawMessage) []json.RawMessage {
	if ms == nil {
		return []json.RawMessage{}
	}
	return ms
}

// roles serves GET /guilds/{guild}/roles: every role some member has.
func (s *Server) roles(w http.ResponseWriter, r *http.Request, _ []byte) {
	var ids []string
	for _, raw := range s.members {
		var m struct{ Roles []string }
		_ = json.Unmarshal(raw, &m)
		ids = append(ids, m.Roles...)
	}
	slices.Sort(ids)
	out := []map[string]any{}
	for _, id := range slices.Compact(ids) {
		out = append(out, map[string]any{"id": id, "name": "role " + id})
	}
	reply(w, http.StatusOK, out)
}
