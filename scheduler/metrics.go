package scheduler

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/ombud/ombud/cases"
)

// Metrics counts what the scheduler and the dispatcher do, for Prometheus:
// notifications sent, failed and dropped by platform and kind; each
// sweep's duration and the cases it found due; and, read from the store at
// each scrape, how many notifications are pending and how old the oldest
// is. A nil *Metrics counts nothing.
type Metrics struct {
	notices *prometheus.CounterVec
	sweep   prometheus.Histogram
	due     prometheus.Gauge
	outbox  *outboxCollector
}

// NewMetrics returns the scheduler's metrics, reading the outbox of store
// at each scrape with the clock now.
func NewMetrics(store cases.Outbox, now func() time.Time) *Metrics {
	return &Metrics{
		notices: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ombud_notifications_total",
			Help: "Notifications handled, by platform, kind and outcome: sent, failed (to be tried again), dropped, superseded.",
		}, []string{"platform", "kind", "outcome"}),
		sweep: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "ombud_sweep_duration_seconds",
			Help:    "Time one SLA sweep took.",
			Buckets: []float64{.001, .005, .01, .05, .1, .5, 1, 5, 10, 30},
		}),
		due: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "ombud_sweep_cases_due",
			Help: "Cases the last SLA sweep found something due for: an alarm that went off or a window that lapsed.",
		}),
		outbox: &outboxCollector{store: store, now: now,
			pending: prometheus.NewDesc("ombud_notifications_pending", "Notifications waiting to be delivered (the outbox's depth).", nil, nil),
			oldest:  prometheus.NewDesc("ombud_notifications_oldest_pending_age_seconds", "Age of the oldest notification waiting to be delivered; 0 when none waits.", nil, nil),
		},
	}
}

// Collectors returns the collectors to register.
func (m *Metrics) Collectors() []prometheus.Collector {
	return []prometheus.Collector{m.notices, m.sweep, m.due, m.outbox}
}

// count counts notice n handled with outcome.
func (m *Metrics) count(n cases.Notice, outcome string) {
	if m != nil {
		m.notices.WithLabelValues(n.Platform, string(n.Kind), outcome).Inc()
	}
}

// swept records a sweep that took d and found due cases due.
func (m *Metrics) swept(d time.Duration, due int) {
	if m != nil {
		m.sweep.Observe(d.Seconds())
		m.due.Set(float64(due))
	}
}

// outboxCollector reads the outbox's depth and age at each scrape.
type outboxCollector struct {
	store           cases.Outbox
	now             func() time.Time
	pending, oldest *prometheus.Desc
}

// Describe implements prometheus.Collector.
func (o *outboxCollector) Describe(ch chan<- *prometheus.Desc) { ch <- o.pending; ch <- o.oldest }

// Collect implements prometheus.Collector; when the store does not answer
// it reports nothing, rather than a wrong zero.
func (o *outboxCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	st, err := o.store.OutboxStats(ctx)
	if err != nil {
		return
	}
	age := 0.0
	if !st.Oldest.IsZero() {
		age = max(o.now().Sub(st.Oldest).Seconds(), 0)
	}
	ch <- prometheus.MustNewConstMetric(o.pending, prometheus.GaugeValue, float64(st.Pending))
	ch <- prometheus.MustNewConstMetric(o.oldest, prometheus.GaugeValue, age)
}
