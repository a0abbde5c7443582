package slack

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// maxBody is the largest request body ombud reads from Slack: 1 MiB.
const maxBody = 1 << 20

// maxAge is how far a request's timestamp may be from now, either way,
// before its signature is refused as a replay.
const maxAge = 5 * time.Minute

// errSignature is why a request was refused; the details are logged only.
var errSignature = errors.New("slack: request signature is missing, wrong or stale")

// verified returns next behind Slack's request signing: the body (at most
// 1 MiB, or 413) is read whole and its v0 signature, an HMAC-SHA256 of
// "v0:timestamp:body" under the signing secret, compared in constant time;
// a missing, wrong or stale signature gets 401 and nothing else happens.
// next then reads the body as if it had not been read.
func (s *Slack) verified(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		case err != nil:
			http.Error(w, "cannot read the request body", http.StatusBadRequest)
			return
		}
		if err := s.checkSignature(r.Header, body); err != nil {
			s.log.WarnContext(r.Context(), "slack: refused a request", slog.String("path", r.URL.Path), slog.Any("error", err))
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

// checkSignature returns an error unless header carries a v0 signature of
// body under the signing secret, with a timestamp within maxAge of now.
func (s *Slack) checkSignature(header http.Header, body []byte) error {
	ts := header.Get("X-Slack-Request-Timestamp")
	sig, ok := strings.CutPrefix(header.Get("X-Slack-Signature"), "v0=")
	secs, err := strconv.ParseInt(ts, 10, 64)
	switch {
	case !ok || err != nil:
		return errSignature
	case s.cfg.Now().Sub(time.Unix(secs, 0)).Abs() > maxAge:
		return errors.Join(errSignature, errors.New("timestamp "+ts+" is more than 5 minutes from now"))
	}
	got, err := hex.DecodeString(sig)
	if err != nil {
		return errSignature
	}
	mac := hmac.New(sha256.New, []byte(s.cfg.SigningSecret))
	mac.Write([]byte("v0:" + ts + ":"))
	mac.Write(body)
	if !hmac.Equal(got, mac.Sum(nil)) {
		return errSignature
	}
	return nil
}

// Retries are remembered this long, and at most this many at once.
const (
	seenTTL = 15 * time.Minute
	maxSeen = 100_000
)

// seen remembers the requests already taken, by a key Slack repeats when
// it retries one (a trigger ID, an event ID, an envelope ID), so that a
// retry is acknowledged and otherwise ignored.
type seen struct {
	now  func() time.Time
	mu   sync.Mutex
	keys map[string]time.Time
}

// newSeen returns an empty seen on the clock now.
func newSeen(now func() time.Time) *seen { return &seen{now: now, keys: map[string]time.Time{}} }

// first records key and reports whether it is new. An empty key is always
// new: there is nothing to tell its retries by.
func (s *seen) first(key string) bool {
	if strings.HasSuffix(key, ":") {
		return true
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if at, ok := s.keys[key]; ok && now.Sub(at) < seenTTL {
		return false
	}
	if len(s.keys) >= maxSeen {
		for k, at := range s.keys {
			if now.Sub(at) >= seenTTL {
				delete(s.keys, k)
			}
		}
		if len(s.keys) >= maxSeen {
			clear(s.keys) // a flood of new keys: forget rather than grow
		}
	}
	s.keys[key] = now
	return true
}

// detached returns a context for work that outlives the request that
// started it, bounded by workTimeout.
func detached(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), workTimeout)
}

// workTimeout bounds the slow part of one request: resolving people,
// running the command, and delivering what it produced.
const workTimeout = time.Minute
