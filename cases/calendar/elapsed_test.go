package calendar_test

import "testing"

// TestBusinessDays counts open hours of business days only, as a fraction
// of a business day, across a weekend and a holiday.
func TestBusinessDays(t *testing.T) {
	t.Parallel()
	cal := MustCalendar(t, oslo)
	tests := []struct {
		name, from, to string
		want           float64
	}{
		{"same morning", "2026-11-23 09:00", "2026-11-23 11:00", 0.25},
		{"a whole business day", "2026-11-23 08:00", "2026-11-23 16:00", 1},
		{"overnight counts only open hours", "2026-11-23 15:00", "2026-11-24 09:00", 0.25},
		{"received on Saturday", "2026-11-28 12:00", "2026-11-30 10:00", 0.25},
		{"over Christmas", "2026-12-24 08:00", "2026-12-28 08:00", 1},
		{"after hours to after hours", "2026-11-23 17:00", "2026-11-23 20:00", 0},
		{"backwards", "2026-11-24 09:00", "2026-11-23 09:00", 0},
	}
	for _, tt := range tests {
		got := cal.BusinessDays(MustTime(t, oslo.Zone, tt.from), MustTime(t, oslo.Zone, tt.to))
		if got != tt.want {
			t.Errorf("%s: BusinessDays = %v, want %v", tt.name, got, tt.want)
		}
	}
}
