package discord

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// InteractionsPath is where Discord sends interactions when the
// application's Interactions Endpoint URL points at ombud.
const InteractionsPath = "/discord/interactions"

// maxSignatureAge is how old a signed timestamp may be, either way: a
// replayed request older than that is refused even with a good signature.
const maxSignatureAge = 5 * time.Minute

// maxBody bounds an interaction's body.
const maxBody = 1 << 20

// Routes returns the platform's HTTP endpoint, POST /discord/interactions,
// when it has a public key to verify requests with, and none otherwise.
func (p *Platform) Routes() map[string]http.Handler {
	if p.cfg.PublicKey == nil {
		return nil
	}
	return map[string]http.Handler{"POST " + InteractionsPath: p.Interactions()}
}

// Interactions returns the handler of POST /discord/interactions. It
// answers 401, doing nothing else, unless the request carries a valid
// Ed25519 signature of its timestamp and body by the application's public
// key and the timestamp is at most 5 minutes from now; Discord checks this
// with forged requests and disables endpoints that accept them. A PING is
// answered with a PONG; everything else as the gateway's interactions are.
func (p *Platform) Interactions() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		if !p.fresh(r.Header.Get("X-Signature-Timestamp")) || p.cfg.PublicKey == nil ||
			!discordgo.VerifyInteraction(r, p.cfg.PublicKey) {
			http.Error(w, "invalid request signature", http.StatusUnauthorized)
			return
		}
		body, err := io.ReadAll(r.Body)
		var i discordgo.Interaction
		if err == nil {
			err = json.Unmarshal(body, &i)
		}
		if err != nil {
			http.Error(w, "not an interaction", http.StatusBadRequest)
			return
		}
		if i.Type == discordgo.InteractionPing {
			p.writeJSON(w, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
			return
		}
		p.serveHTTP(w, r, &i)
	})
}

// fresh reports whether ts, a signature timestamp in Unix seconds, is
// within maxSignatureAge of now.
func (p *Platform) fresh(ts string) bool {
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	age := p.cfg.Now().Sub(time.Unix(sec, 0))
	return age <= maxSignatureAge && age >= -maxSignatureAge
}

// serveHTTP serves i, answering its first response as the HTTP response;
// the rest of the exchange goes on after the handler returns. The answer
// carries its length and is flushed, so that it is complete as soon as it
// is written: the follow-ups that come next must not reach Discord before
// it has the answer.
func (p *Platform) serveHTTP(w http.ResponseWriter, r *http.Request, i *discordgo.Interaction) {
	first := make(chan *discordgo.InteractionResponse)
	sent := make(chan struct{})
	ack := func(resp *discordgo.InteractionResponse) error {
		select {
		case first <- resp:
			<-sent
			return nil
		case <-r.Context().Done():
			return r.Context().Err()
		}
	}
	go p.serve(r.Context(), i, ack)
	select {
	case resp := <-first:
		p.writeJSON(w, resp)
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		close(sent)
	case <-r.Context().Done():
	}
}

// writeJSON answers v as JSON, with its Content-Length, so that the answer
// is complete once written rather than once the handler returns.
func (p *Platform) writeJSON(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		p.log.Error("discord: could not encode a response", slog.Any("error", err))
		http.Error(w, "cannot encode the response", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	if _, err := w.Write(b); err != nil {
		p.log.Warn("discord: could not write a response", slog.Any("error", err))
	}
}
