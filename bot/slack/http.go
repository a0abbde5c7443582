package slack

import (
	"encoding/json"
	"net/http"

	"github.com/slack-go/slack"
)

// serveCommand takes a signed slash command: POST /slack/commands.
func (s *Slack) serveCommand(w http.ResponseWriter, r *http.Request) {
	cmd, err := slack.SlashCommandParse(r)
	if err != nil {
		http.Error(w, "cannot read the slash command", http.StatusBadRequest)
		return
	}
	writeAck(w, s.command(r.Context(), cmd))
}

// serveInteraction takes a signed button press or form submission: POST
// /slack/interactions, whose form field "payload" holds it as JSON.
func (s *Slack) serveInteraction(w http.ResponseWriter, r *http.Request) {
	var cb slack.InteractionCallback
	if err := r.ParseForm(); err != nil || json.Unmarshal([]byte(r.PostForm.Get("payload")), &cb) != nil {
		http.Error(w, "cannot read the interaction payload", http.StatusBadRequest)
		return
	}
	writeAck(w, s.interaction(r.Context(), cb))
}

// event is the part of an Events API request ombud reads.
type event struct {
	Type      string `json:"type"`
	Challenge string `json:"challenge"`
}

// serveEvent takes a signed Events API request: POST /slack/events. It
// answers Slack's url_verification with its challenge, and acknowledges
// every other event (the manifest subscribes to app_uninstalled alone)
// without acting on it.
func (s *Slack) serveEvent(w http.ResponseWriter, r *http.Request) {
	var e event
	if err := json.NewDecoder(r.Body).Decode(&e); err != nil {
		http.Error(w, "cannot read the event", http.StatusBadRequest)
		return
	}
	if e.Type == "url_verification" {
		writeAck(w, map[string]string{"challenge": e.Challenge})
		return
	}
	w.WriteHeader(http.StatusOK)
}

// writeAck answers Slack at once: 200 with ack as JSON, or empty when ack
// is nil.
func writeAck(w http.ResponseWriter, ack any) {
	if ack == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(ack)
}
