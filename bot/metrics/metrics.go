// Package metrics counts what ombud does for Prometheus: requests by
// platform, subcommand and outcome, and how long they take. Other parts of
// ombud (the outbox, the scheduler) register their own collectors on the
// same registry.
package metrics

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/ombud/ombud/bot"
)

// Metrics holds ombud's registry and its request collectors.
type Metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

// New returns Metrics on a registry of its own, with the Go runtime's and
// the process's collectors registered.
func New() *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ombud_requests_total",
			Help: "/case requests handled, by platform, subcommand and outcome (ok or refused).",
		}, []string{"platform", "subcommand", "outcome"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "ombud_request_duration_seconds",
			Help:    "Time to handle a /case request, from decoding to the reply, by platform.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"platform"}),
	}
	m.registry.MustRegister(m.requests, m.latency,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// MustRegister adds collectors to the registry; it panics on a duplicate,
// which is a programming mistake.
func (m *Metrics) MustRegister(cs ...prometheus.Collector) { m.registry.MustRegister(cs...) }

// Handler serves the registry in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{Registry: m.registry})
}

// Instrument returns h counting and timing every request. subcommand maps a
// request's text to the subcommand it names, or to "unknown", so that the
// labels stay a small, fixed set whatever people type.
func (m *Metrics) Instrument(h bot.Handler, subcommand func(text string) string) bot.Handler {
	return bot.HandlerFunc(func(ctx context.Context, req bot.Request) bot.Response {
		start := time.Now()
		resp := h.Handle(ctx, req)
		outcome := "ok"
		if resp.Reply.Error {
			outcome = "refused"
		}
		m.requests.WithLabelValues(req.Platform, subcommand(req.Text), outcome).Inc()
		m.latency.WithLabelValues(req.Platform).Observe(time.Since(start).Seconds())
		return resp
	})
}
