package casetest

import (
	"time"

	"github.com/ombud/ombud/cases"
)

// shifted returns a copy of c with every time in it moved days later, its
// figures not yet worked out again.
func shifted(c *cases.Case, days int) *cases.Case {
	d := c.Clone()
	by := func(t *time.Time) {
		if !t.IsZero() {
			*t = t.AddDate(0, 0, days)
		}
	}
	for _, t := range []*time.Time{&d.ReceivedAt, &d.CreatedAt, &d.UpdatedAt, &d.Resolution.At} {
		by(t)
	}
	for i := range d.Deadlines {
		dl := &d.Deadlines[i]
		for _, t := range []*time.Time{&dl.Start, &dl.Due, &dl.Warn, &dl.Cap, &dl.Met} {
			by(t)
		}
	}
	for i := range d.Involved {
		by(&d.Involved[i].At)
	}
	for i := range d.Extensions {
		e := &d.Extensions[i]
		for _, t := range []*time.Time{&e.From, &e.To, &e.At} {
			by(t)
		}
	}
	for i := range d.Pauses {
		by(&d.Pauses[i].From)
		by(&d.Pauses[i].To)
	}
	for i := range d.Escalations {
		by(&d.Escalations[i].At)
	}
	for i := range d.Timeline {
		by(&d.Timeline[i].At)
	}
	return d
}
