package web_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ombud/ombud/bot/web"
)

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec.Code, rec.Body.String()
}

func TestHealthAndReadiness(t *testing.T) {
	storeDown := errors.New("connection refused")
	var storeErr error
	s := web.New(web.Config{
		Checks: []web.Check{
			{Name: "store", Probe: func(context.Context) error { return storeErr }},
			{Name: "slack", Probe: func(context.Context) error { return nil }},
		},
		Metrics: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "# metrics\n") }),
	})
	if code, body := get(t, s, "/healthz"); code != http.StatusOK || body != "ok\n" {
		t.Errorf("/healthz = %d %q", code, body)
	}
	if code, body := get(t, s, "/readyz"); code != http.StatusOK || !strings.Contains(body, `"ready":true`) {
		t.Errorf("/readyz with everything up = %d %s", code, body)
	}
	storeErr = storeDown
	code, body := get(t, s, "/readyz")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, `"store":"not ready"`) || !strings.Contains(body, `"slack":"ok"`) {
		t.Errorf("/readyz with the store down = %d %s", code, body)
	}
	if strings.Contains(body, "connection refused") {
		t.Errorf("/readyz shows the error's details to anyone who asks: %s", body)
	}
	if code, body := get(t, s, "/metrics"); code != http.StatusOK || body != "# metrics\n" {
		t.Errorf("/metrics = %d %q", code, body)
	}
	if code, _ := get(t, s, "/nothing"); code != http.StatusNotFound {
		t.Errorf("/nothing = %d, want 404", code)
	}
}

func TestRunServesUntilCancelled(t *testing.T) {
	s := web.New(web.Config{Addr: "127.0.0.1:0"})
	s.Handle("POST /echo", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.Copy(w, r.Body) }))
	if err := s.Listen(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	resp, err := http.Post("http://"+s.Addr()+"/echo", "text/plain", strings.NewReader("hello"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "hello" {
		t.Errorf("POST /echo = %q", body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run returned %v after a clean shutdown", err)
	}
	if _, err := http.Get("http://" + s.Addr() + "/healthz"); err == nil {
		t.Error("the server still answers after Run returned")
	}
}
