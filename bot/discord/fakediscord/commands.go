package fakediscord

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"unicode/utf8"
)

// commandName is what Discord accepts as a chat-input command's or
// option's name.
var commandName = regexp.MustCompile(`^[-_\p{Ll}\p{N}]{1,32}$`)

// wireOption is a command or option of a registration.
type wireOption struct {
	Type        int          `json:"type"`
	Name        string       `json:"name"`
	Description string       `json:"description"`
	Required    bool         `json:"required"`
	Choices     []any        `json:"choices"`
	Options     []wireOption `json:"options"`
}

// register serves the bulk overwrite of commands, globally or in a guild,
// refusing definitions Discord would refuse.
func (s *Server) register(w http.ResponseWriter, r *http.Request, body []byte) {
	var cmds []wireOption
	if err := json.Unmarshal(body, &cmds); err != nil {
		s.invalid(w, "registration", []string{err.Error()})
		return
	}
	var bad []string
	for _, c := range cmds {
		bad = append(bad, checkOption("/"+c.Name, c)...)
	}
	if len(bad) > 0 {
		s.invalid(w, "registration", bad)
		return
	}
	scope := "global"
	if g := r.PathValue("guild"); g != "" {
		scope = g
	}
	var out []map[string]any
	_ = json.Unmarshal(body, &out)
	for _, c := range out {
		c["id"], c["application_id"], c["version"] = s.nextID(), AppID, s.nextID()
		if scope != "global" {
			c["guild_id"] = scope
		}
	}
	stored, _ := json.Marshal(out)
	s.commands[scope] = stored
	s.registers = append(s.registers, scope)
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(stored)
}

// unregister serves the deletion of a global command: 204, or 404 with
// Discord's Unknown application command (10063).
func (s *Server) unregister(w http.ResponseWriter, r *http.Request, _ []byte) {
	var cmds []map[string]any
	_ = json.Unmarshal(s.commands["global"], &cmds)
	for i, c := range cmds {
		if c["id"] == r.PathValue("command") {
			s.commands["global"], _ = json.Marshal(append(cmds[:i], cmds[i+1:]...))
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	reply(w, http.StatusNotFound, map[string]any{"code": 10063, "message": "Unknown application command"})
}

// RegisterGlobally stores cmds as the global commands, as an earlier
// registration without a guild left them.
func (s *Server) RegisterGlobally(cmds json.RawMessage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []map[string]any
	_ = json.Unmarshal(cmds, &out)
	for _, c := range out {
		c["id"], c["application_id"], c["version"] = s.nextID(), AppID, s.nextID()
	}
	s.commands["global"], _ = json.Marshal(out)
}

// registered serves the list of registered commands.
func (s *Server) registered(w http.ResponseWriter, r *http.Request, _ []byte) {
	scope := "global"
	if g := r.PathValue("guild"); g != "" {
		scope = g
	}
	stored := s.commands[scope]
	if stored == nil {
		stored = json.RawMessage("[]")
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(stored)
}

// checkOption returns what Discord would refuse in o, a command or option
// at path: names, descriptions, how many options and choices, and required
// options after optional ones.
func checkOption(path string, o wireOption) []string {
	var bad []string
	if !commandName.MatchString(o.Name) {
		bad = append(bad, fmt.Sprintf("%s: bad name %q", path, o.Name))
	}
	if n := utf8.RuneCountInString(o.Description); n < 1 || n > 100 {
		bad = append(bad, fmt.Sprintf("%s: description of %d characters", path, n))
	}
	if len(o.Options) > 25 || len(o.Choices) > 25 {
		bad = append(bad, fmt.Sprintf("%s: %d options and %d choices", path, len(o.Options), len(o.Choices)))
	}
	optional, seen := false, map[string]bool{}
	for _, sub := range o.Options {
		if sub.Required && optional {
			bad = append(bad, fmt.Sprintf("%s %s: required after an optional option", path, sub.Name))
		}
		if seen[sub.Name] {
			bad = append(bad, fmt.Sprintf("%s: two options called %s", path, sub.Name))
		}
		optional, seen[sub.Name] = optional || !sub.Required, true
		bad = append(bad, checkOption(path+" "+sub.Name, sub)...)
	}
	return bad
}
