package calendar_test

import (
	"testing"

	"github.com/ombud/ombud/cases/calendar"
)

// TestCalendarBefore checks the moment a limit before a due time, over
// weekends, holidays, closures, daylight-saving changes and Tết. Every
// expected date was checked against a calendar.
func TestCalendarBefore(t *testing.T) {
	vn := calendar.Spec{Zone: "Asia/Ho_Chi_Minh", Holidays: []string{"VN"}}
	days := func(n int) calendar.Duration { return calendar.Duration{N: n, Unit: calendar.UnitCalendarDays} }
	tests := []struct {
		name string
		spec calendar.Spec
		due  string
		d    calendar.Duration
		want string
	}{
		{"the day before", oslo, "2026-11-24 16:00", bd(1), "2026-11-23 16:00"},
		{"monday's warning on friday", oslo, "2026-11-30 16:00", bd(1), "2026-11-27 16:00"},
		{"two business days over a weekend", oslo, "2026-11-30 16:00", bd(2), "2026-11-26 16:00"},
		{"over Christmas", oslo, "2026-12-28 16:00", bd(1), "2026-12-24 16:00"},
		{"over Christmas and a closure", osloXmas, "2026-12-28 16:00", bd(1), "2026-12-23 16:00"},
		{"autumn DST change keeps the clock", oslo, "2026-10-26 16:00", bd(1), "2026-10-23 16:00"},
		{"spring DST change keeps the clock", oslo, "2026-03-30 16:00", bd(1), "2026-03-27 16:00"},
		{"over Tết 2026", vn, "2026-02-23 16:00", bd(1), "2026-02-13 16:00"},
		{"into Tết's eve is not a business day", vn, "2026-02-24 16:00", bd(2), "2026-02-13 16:00"},
		{"window end keeps 23:59:59", oslo, "2026-11-24 23:59:59", bd(1), "2026-11-23 23:59:59"},
		{"calendar days", oslo, "2026-11-24 23:59:59", days(3), "2026-11-21 23:59:59"},
		{"business hours within a day", oslo, "2026-11-24 12:00", bh(3), "2026-11-24 09:00"},
		{"business hours back over a night", oslo, "2026-11-24 10:00", bh(4), "2026-11-23 14:00"},
		{"business hours back to opening exactly", oslo, "2026-11-24 12:00", bh(4), "2026-11-24 08:00"},
		{"business hours over a weekend", oslo, "2026-11-30 09:00", bh(2), "2026-11-27 15:00"},
		{"hours are elapsed time over DST", oslo, "2026-10-25 12:00", hours(24), "2026-10-24 13:00"},
		{"zero is due", oslo, "2026-11-24 16:00", calendar.Duration{}, "2026-11-24 16:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := MustCalendar(t, tt.spec)
			due := MustTime(t, tt.spec.Zone, tt.due)
			want := MustTime(t, tt.spec.Zone, tt.want)
			if got := c.Before(due, tt.d); !got.Equal(want) {
				t.Errorf("Before(%s, %s) = %s, want %s", tt.due, tt.d, got, want)
			}
		})
	}
}
