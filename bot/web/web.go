// Package web is ombud's one HTTP server: liveness, readiness, Prometheus
// metrics and the endpoints of the chat platforms (Slack's and Discord's
// signed requests), on one address for the whole process.
package web

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"
)

// Check is one thing /readyz asks before it says ombud is ready: the store,
// or a platform's API.
type Check struct {
	Name  string                          // shown in /readyz's answer, such as "store" or "slack"
	Probe func(ctx context.Context) error // nil when ready
}

// Config configures a Server.
type Config struct {
	Addr    string       // where to listen, such as ":8080"
	Metrics http.Handler // serves GET /metrics; none when nil
	Checks  []Check      // what /readyz asks
	Logger  *slog.Logger // nil discards
}

// Server serves GET /healthz, GET /readyz, GET /metrics and whatever the
// platforms add with Handle.
type Server struct {
	cfg Config
	mux *http.ServeMux
	log *slog.Logger

	mu sync.Mutex
	ln net.Listener
}

// probeTimeout bounds each readiness check, so a hanging dependency makes
// /readyz answer "not ready" rather than not answer.
const probeTimeout = 2 * time.Second

// readHeaderTimeout bounds how long a client may take to send its headers.
const readHeaderTimeout = 10 * time.Second

// New returns a Server; it listens once Listen or Run is called.
func New(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{cfg: cfg, mux: http.NewServeMux(), log: cfg.Logger}
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	s.mux.HandleFunc("GET /readyz", s.readyz)
	if cfg.Metrics != nil {
		s.mux.Handle("GET /metrics", cfg.Metrics)
	}
	return s
}

// Handle registers h for pattern, as http.ServeMux.Handle does, such as
// "POST /slack/commands".
func (s *Server) Handle(pattern string, h http.Handler) { s.mux.Handle(pattern, h) }

// ServeHTTP serves a request as the running server would; tests use it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// readyz answers 200 when every check passes and 503 otherwise, with a JSON
// object naming each check's result.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	results := map[string]string{}
	ready := true
	for _, c := range s.cfg.Checks {
		ctx, cancel := context.WithTimeout(r.Context(), probeTimeout)
		err := c.Probe(ctx)
		cancel()
		if err != nil {
			ready = false
			results[c.Name] = "not ready"
			s.log.WarnContext(r.Context(), "readiness check failed", slog.String("check", c.Name), slog.Any("error", err))
			continue
		}
		results[c.Name] = "ok"
	}
	w.Header().Set("Content-Type", "application/json")
	if !ready {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"ready": ready, "checks": results})
}

// Listen binds the configured address. It is separate from Run so that a
// caller (or a test listening on ":0") knows the address before serving.
func (s *Server) Listen() error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.ln = ln
	s.mu.Unlock()
	return nil
}

// Addr returns the address the server listens on, or "" before Listen.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return ""
	}
	return s.ln.Addr().String()
}

// shutdownTimeout bounds how long requests in flight get to finish.
const shutdownTimeout = 5 * time.Second

// Run serves until ctx is cancelled, then lets the requests in flight finish
// (for at most 5 seconds) and returns. It listens first if Listen was not
// called.
func (s *Server) Run(ctx context.Context) error {
	if s.Addr() == "" {
		if err := s.Listen(); err != nil {
			return err
		}
	}
	srv := &http.Server{
		Handler:           s.mux,
		ReadHeaderTimeout: readHeaderTimeout,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(s.ln) }()
	s.log.InfoContext(ctx, "serving HTTP", slog.String("addr", s.Addr()))
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	return err
}
