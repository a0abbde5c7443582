package cases

import "time"

// Calendar is a working calendar. Placeholder: being written.
type Calendar struct{ loc *time.Location }

// NewCalendar builds a calendar. Placeholder: being written.
func NewCalendar(spec CalendarSpec) (*Calendar, error) { return &Calendar{loc: time.UTC}, nil }
