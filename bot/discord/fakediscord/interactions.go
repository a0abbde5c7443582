package fakediscord

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"crypto/ed25519"
)

// Interaction types and response types of Discord's wire format.
const (
	typeCommand   = 2
	typeComponent = 3
	typeModal     = 5

	respMessage        = 4
	respDeferred       = 5
	respDeferredUpdate = 6
	respUpdate         = 7
	respModal          = 9
)

// Person is someone who uses ombud in the fake server.
type Person struct {
	ID, Username, GlobalName, Nick string
	Roles                          []string
}

// member returns p as a guild member object.
func (p Person) member() map[string]any {
	u := user(p.ID, p.Username)
	if p.GlobalName != "" {
		u["global_name"] = p.GlobalName
	}
	return map[string]any{"user": u, "nick": p.Nick, "roles": nonNilStrings(p.Roles)}
}

// Option is an option of a /case subcommand; Type is Discord's option type
// (3 string, 4 integer, 6 user).
type Option struct {
	Name  string
	Type  int
	Value any
}

// Command returns a new /case sub interaction from someone in channel, with
// resolved the people its user options name, and its token.
func (s *Server) Command(from Person, channel, sub string, opts []Option, resolved ...Person) (token string, payload json.RawMessage) {
	options := make([]map[string]any, len(opts))
	for i, o := range opts {
		options[i] = map[string]any{"name": o.Name, "type": o.Type, "value": o.Value}
	}
	data := map[string]any{"id": "300", "name": "case", "type": 1,
		"options": []map[string]any{{"name": sub, "type": 1, "options": options}}}
	if len(resolved) > 0 {
		users, members := map[string]any{}, map[string]any{}
		for _, p := range resolved {
			m := p.member()
			users[p.ID] = m["user"]
			delete(m, "user")
			members[p.ID] = m
		}
		data["resolved"] = map[string]any{"users": users, "members": members}
	}
	return s.newInteraction(from, channel, typeCommand, data, nil)
}

// Press returns a new press, by someone, of the button with customID on
// message m, and its token.
func (s *Server) Press(from Person, m Message, customID string) (token string, payload json.RawMessage) {
	return s.newInteraction(from, m.ChannelID, typeComponent,
		map[string]any{"custom_id": customID, "component_type": 2}, &m)
}

// Submit returns a new submission of the modal customID with values, by
// their text inputs' custom_id, and its token.
func (s *Server) Submit(from Person, channel, customID string, values map[string]string) (token string, payload json.RawMessage) {
	rows := []map[string]any{}
	for id, v := range values {
		rows = append(rows, map[string]any{"type": 1, "components": []map[string]any{{"type": 4, "custom_id": id, "value": v}}})
	}
	return s.newInteraction(from, channel, typeModal, map[string]any{"custom_id": customID, "components": rows}, nil)
}

// newInteraction records and returns an interaction.
func (s *Server) newInteraction(from Person, channel string, kind int, data map[string]any, m *Message) (string, json.RawMessage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.nextID()
	in := &Interaction{ID: id, Token: "token-" + id}
	p := map[string]any{"id": id, "application_id": AppID, "type": kind, "data": data, "guild_id": GuildID,
		"channel_id": channel, "member": from.member(), "token": in.Token, "version": 1, "locale": "en-US"}
	in.channel = channel
	if m != nil {
		if in.message = s.messages[m.ID]; in.message != nil {
			m = in.message
		}
		p["message"] = messageJSON(m)
	}
	in.Payload, _ = json.Marshal(p)
	s.interactions[in.Token] = in
	return in.Token, in.Payload
}

// Dispatch sends payload, an interaction, as an INTERACTION_CREATE event on
// the gateway.
func (s *Server) Dispatch(payload json.RawMessage) { s.gw.dispatch("INTERACTION_CREATE", payload) }

// PostHTTP sends payload to an interactions endpoint at url, signed now by
// the application's key, records its answer as the interaction's first
// response, and returns the HTTP status and body.
func (s *Server) PostHTTP(url string, payload json.RawMessage) (int, []byte) {
	s.t.Helper()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	return s.PostSigned(url, payload, ts, s.Key)
}

// PostSigned sends payload to url with timestamp ts, signed by key (none
// when nil), and records a 200 answer as the interaction's first response.
func (s *Server) PostSigned(url string, payload json.RawMessage, ts string, key ed25519.PrivateKey) (int, []byte) {
	s.t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(payload))
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Timestamp", ts)
	if key != nil {
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, append([]byte(ts), payload...))))
	}
	var in struct {
		Token string `json:"token"`
	}
	_ = json.Unmarshal(payload, &in)
	done := s.answering(in.Token)
	defer close(done)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == http.StatusOK && in.Token != "" {
		s.mu.Lock()
		if x := s.interactions[in.Token]; x != nil {
			s.acknowledge(x, body, nil) // an HTTP answer is JSON: Discord takes no files in it
		}
		s.notify()
		s.mu.Unlock()
	}
	return resp.StatusCode, body
}

// answering marks the interaction with token as answered over HTTP, and
// returns the channel to close once its answer is recorded.
func (s *Server) answering(token string) chan struct{} {
	done := make(chan struct{})
	s.mu.Lock()
	defer s.mu.Unlock()
	if x := s.interactions[token]; x != nil {
		x.answering = done
	}
	return done
}

// awaitAnswer waits until the answer to the HTTP POST of the interaction
// with token, if there is one in flight, is recorded. Discord has read an
// HTTP answer before it takes the webhook requests that follow it; the
// fake records the answer only after its client has read the whole of
// it, so a follow-up sent the moment the answer is written could reach it
// first, and be refused, by the fake alone.
func (s *Server) awaitAnswer(token string) {
	s.mu.Lock()
	var done chan struct{}
	if x := s.interactions[token]; x != nil {
		done = x.answering
	}
	s.mu.Unlock()
	if done != nil {
		<-done
	}
}

// callback serves POST /interactions/{id}/{token}/callback.
func (s *Server) callback(w http.ResponseWriter, r *http.Request, body []byte) {
	in, ok := s.interactions[r.PathValue("token")]
	if !ok || in.ID != r.PathValue("id") {
		reply(w, http.StatusNotFound, map[string]any{"code": 10062, "message": "Unknown interaction"})
		return
	}
	if status, v := s.acknowledge(in, body, filesOf(r)); status != http.StatusNoContent {
		reply(w, status, v)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// acknowledge records body, with files, as in's first response; the
// caller holds the lock.
func (s *Server) acknowledge(in *Interaction, body []byte, files []File) (int, any) {
	if len(in.Callbacks) > 0 {
		s.violate("interaction %s acknowledged twice", in.ID)
		return http.StatusBadRequest, map[string]any{"code": 40060, "message": "Interaction has already been acknowledged."}
	}
	var resp struct {
		Type int             `json:"type"`
		Data json.RawMessage `json:"data"`
	}
	_ = json.Unmarshal(body, &resp)
	switch resp.Type {
	case respMessage, respUpdate:
		if bad := Check(resp.Data); len(bad) > 0 {
			s.violate("response to %s: %v", in.ID, bad)
			return http.StatusBadRequest, map[string]any{"code": 50035, "message": "Invalid Form Body"}
		}
	case respDeferred, respDeferredUpdate, respModal:
	default:
		s.violate("response to %s has type %d", in.ID, resp.Type)
		return http.StatusBadRequest, map[string]any{"code": 50035, "message": "Invalid Form Body"}
	}
	in.Callbacks = append(in.Callbacks, body)
	switch {
	case resp.Type == respUpdate && in.message != nil:
		in.message.Body, in.message.Edits = merge(in.message.Body, resp.Data), in.message.Edits+1
		in.message.Files = append(in.message.Files, files...)
	case resp.Type == respMessage || resp.Type == respDeferred:
		in.Original = s.keep(in, resp.Data, files)
	}
	return http.StatusNoContent, nil
}

// keep returns a new message of in's with body and files; one everybody
// sees is also in in's channel, where its buttons can be pressed. The
// caller holds the lock.
func (s *Server) keep(in *Interaction, body json.RawMessage, files []File) *Message {
	m := &Message{ID: s.nextID(), Body: body, Files: files}
	var w Wire
	_ = json.Unmarshal(body, &w)
	if ch := s.channels[in.channel]; ch != nil && !w.Ephemeral() {
		m.ChannelID = ch.ID
		ch.Messages = append(ch.Messages, m)
		s.messages[m.ID] = m
	}
	return m
}

// followUp serves POST /webhooks/{app}/{token}: a follow-up message.
func (s *Server) followUp(w http.ResponseWriter, r *http.Request, in *Interaction, body []byte) {
	if s.refuses(w, "follow-up to "+in.ID, body) {
		return
	}
	m := s.keep(in, body, filesOf(r))
	in.FollowUps = append(in.FollowUps, m)
	reply(w, http.StatusOK, messageJSON(m))
}

// editResponse serves PATCH /webhooks/{app}/{token}/messages/@original: the
// response's message, or after a button's deferral the button's message.
func (s *Server) editResponse(w http.ResponseWriter, r *http.Request, in *Interaction, body []byte) {
	m := in.Original
	if kind := callbackType(in); kind == respDeferredUpdate || kind == respUpdate {
		m = in.message
	}
	switch {
	case r.PathValue("message") != "@original" || m == nil || m.Deleted:
		reply(w, http.StatusNotFound, map[string]any{"code": 10008, "message": "Unknown Message"})
	case s.refuses(w, "edit of the response to "+in.ID, body):
	default:
		m.Body, m.Edits, m.Files = merge(m.Body, body), m.Edits+1, append(m.Files, filesOf(r)...)
		reply(w, http.StatusOK, messageJSON(m))
	}
}

// deleteResponse serves DELETE /webhooks/{app}/{token}/messages/@original.
func (s *Server) deleteResponse(w http.ResponseWriter, r *http.Request, in *Interaction, _ []byte) {
	if in.Original == nil || r.PathValue("message") != "@original" {
		reply(w, http.StatusNotFound, map[string]any{"code": 10008, "message": "Unknown Message"})
		return
	}
	in.Original.Deleted = true
	w.WriteHeader(http.StatusNoContent)
}

// acknowledged returns the interaction a webhook request is about, or
// answers 404 and returns nil when it is unknown or not yet acknowledged,
// as Discord does; the caller holds the lock.
func (s *Server) acknowledged(w http.ResponseWriter, r *http.Request) *Interaction {
	in, ok := s.interactions[r.PathValue("token")]
	switch {
	case !ok || r.PathValue("app") != AppID:
		reply(w, http.StatusNotFound, map[string]any{"code": 10015, "message": "Unknown Webhook"})
		return nil
	case len(in.Callbacks) == 0:
		s.violate("interaction %s: %s %s before its acknowledgement", in.ID, r.Method, r.URL.Path)
		reply(w, http.StatusNotFound, map[string]any{"code": 10015, "message": "Unknown Webhook"})
		return nil
	}
	return in
}

// callbackType returns the type of in's first response, or 0.
func callbackType(in *Interaction) int {
	if len(in.Callbacks) == 0 {
		return 0
	}
	var resp struct {
		Type int `json:"type"`
	}
	_ = json.Unmarshal(in.Callbacks[0], &resp)
	return resp.Type
}

// CallbackType returns the type of the interaction's first response: 4 a
// message, 5 deferred, 6 a deferred update, 7 an update, 9 a modal; 0 when
// there is none.
func (in Interaction) CallbackType() int { return callbackType(&in) }

// merge returns old with the top-level keys of edit replaced, as a PATCH
// does.
func merge(old, edit json.RawMessage) json.RawMessage {
	m := map[string]json.RawMessage{}
	_ = json.Unmarshal(old, &m)
	e := map[string]json.RawMessage{}
	_ = json.Unmarshal(edit, &e)
	for k, v := range e {
		m[k] = v
	}
	b, err := json.Marshal(m)
	if err != nil {
		panic(fmt.Sprintf("fakediscord: merge: %v", err))
	}
	return b
}
