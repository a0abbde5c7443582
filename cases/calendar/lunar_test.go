package calendar_test

import (
	"testing"
	"time"

	"github.com/ombud/ombud/cases/calendar"
)

// vietnam returns a Vietnamese working calendar with the given closures.
func vietnam(tb testing.TB, closures ...string) *calendar.Calendar {
	tb.Helper()
	return MustCalendar(tb, calendar.Spec{Zone: "Asia/Ho_Chi_Minh", Holidays: []string{"VN"}, Closures: closures})
}

// vnDate returns noon on the date s (YYYY-MM-DD) in Vietnam.
func vnDate(tb testing.TB, s string) time.Time {
	tb.Helper()
	return MustTime(tb, "Asia/Ho_Chi_Minh", s+" 12:00")
}

// TestLunarTet checks the first day of the lunar year against published
// Vietnamese calendars, including years in which the Chinese date differs.
func TestLunarTet(t *testing.T) {
	t.Parallel()
	c := vietnam(t)
	tests := []struct {
		tet, eve, chinese string // chinese is "" when it is the same day
	}{
		{tet: "1968-01-29", eve: "1968-01-28", chinese: "1968-01-30"},
		{tet: "1985-01-21", eve: "1985-01-20", chinese: "1985-02-20"},
		{tet: "2007-02-17", eve: "2007-02-16", chinese: "2007-02-18"},
		{tet: "2023-01-22", eve: "2023-01-21"},
		{tet: "2024-02-10", eve: "2024-02-09"},
		{tet: "2025-01-29", eve: "2025-01-28"},
		{tet: "2026-02-17", eve: "2026-02-16"},
		{tet: "2027-02-06", eve: "2027-02-05"},
		// The new moon is at 16:07 UTC on 2 February 2030: 23:07 in Hanoi, 00:07 on the 3rd in Beijing.
		{tet: "2030-02-02", eve: "2030-02-01", chinese: "2030-02-03"},
	}
	for _, tt := range tests {
		t.Run(tt.tet, func(t *testing.T) {
			t.Parallel()
			wantHoliday(t, c, vnDate(t, tt.tet), "Tết Nguyên Đán (mùng 1)")
			wantHoliday(t, c, vnDate(t, tt.eve), "Tết Nguyên Đán (giao thừa)")
			if tt.chinese == "" {
				return
			}
			if name, _ := c.Holiday(vnDate(t, tt.chinese)); name == "Tết Nguyên Đán (mùng 1)" {
				t.Errorf("Holiday(%s) = %q: that is the Chinese date", tt.chinese, name)
			}
		})
	}
}

// TestLunarHungKings checks the Hùng Kings' Commemoration, the 10th day of
// the 3rd lunar month; 2023 and 2025 have a leap month (2 and 6).
func TestLunarHungKings(t *testing.T) {
	t.Parallel()
	c := vietnam(t)
	for _, date := range []string{"2020-04-02", "2023-04-29", "2024-04-18", "2025-04-07", "2026-04-26"} {
		wantHoliday(t, c, vnDate(t, date), "Giỗ Tổ Hùng Vương")
	}
}

// TestHolidayVietnam checks fixed holidays, Tết's five days, days off in
// lieu of holidays on a weekend, and closures for announced days off.
func TestHolidayVietnam(t *testing.T) {
	t.Parallel()
	c := vietnam(t, "2026-04-27", "2026-09-01")
	tests := []struct{ date, want string }{
		{"2026-01-01", "Tết Dương lịch"},
		{"2026-02-15", ""}, // Sunday, 28th of the 12th month: weekend, no holiday
		{"2026-02-16", "Tết Nguyên Đán (giao thừa)"},
		{"2026-02-18", "Tết Nguyên Đán (mùng 2)"},
		{"2026-02-19", "Tết Nguyên Đán (mùng 3)"},
		{"2026-02-20", "Tết Nguyên Đán (mùng 4)"},
		{"2026-02-23", ""},
		{"2026-04-27", "Nghỉ bù Giỗ Tổ Hùng Vương"}, // Giỗ Tổ is Sunday 26 April; also listed as a closure
		{"2026-04-28", ""},
		{"2026-04-30", "Ngày Giải phóng miền Nam"},
		{"2026-05-01", "Quốc tế Lao động"},
		{"2026-09-01", "closure"}, // the second National Day day, as announced
		{"2026-09-02", "Quốc khánh"},
		{"2026-09-03", ""},
		// 2022: 30 April and 1 May on Saturday and Sunday.
		{"2022-05-02", "Nghỉ bù Ngày Giải phóng miền Nam"},
		{"2022-05-03", "Nghỉ bù Quốc tế Lao động"},
		// 2023: Giỗ Tổ Saturday 29 April, 30 April Sunday, 1 May Monday.
		{"2023-05-02", "Nghỉ bù Giỗ Tổ Hùng Vương"},
		{"2023-05-03", "Nghỉ bù Ngày Giải phóng miền Nam"},
		{"2023-05-04", ""},
		// 2023: Tết's eve Saturday 21 January, mùng 1 Sunday; mùng 4 Wednesday 25th.
		{"2023-01-26", "Nghỉ bù Tết Nguyên Đán (giao thừa)"},
		{"2023-01-27", "Nghỉ bù Tết Nguyên Đán (mùng 1)"},
		{"2023-01-30", ""},
	}
	for _, tt := range tests {
		wantHoliday(t, c, vnDate(t, tt.date), tt.want)
	}
	// With only Sunday off, Giỗ Tổ on Saturday 29 April 2023 is no weekend
	// day; 30 April on Sunday is, and 1 May is a holiday itself.
	sundays := MustCalendar(t, calendar.Spec{Zone: "Asia/Ho_Chi_Minh", Holidays: []string{"VN"}, Weekend: []time.Weekday{time.Sunday}})
	wantHoliday(t, sundays, vnDate(t, "2023-05-02"), "Nghỉ bù Ngày Giải phóng miền Nam")
	wantHoliday(t, sundays, vnDate(t, "2023-05-03"), "")
}

// TestCalendarVietnamTet2026 counts business days across Tết 2026 and across
// Giỗ Tổ 2026 with its day off in lieu.
func TestCalendarVietnamTet2026(t *testing.T) {
	t.Parallel()
	c := vietnam(t)
	tests := []struct {
		name, from string
		d          calendar.Duration
		want       string
	}{
		{"friday before Tết", "2026-02-13 10:00", bd(1), "2026-02-23 16:00"},
		{"on Tết's eve", "2026-02-16 09:00", bd(2), "2026-02-24 16:00"},
		{"over Giỗ Tổ and its day off in lieu", "2026-04-24 10:00", bd(2), "2026-04-29 16:00"},
		{"over Giỗ Tổ, 30 April and 1 May", "2026-04-24 10:00", bd(3), "2026-05-04 16:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			from := MustTime(t, "Asia/Ho_Chi_Minh", tt.from)
			want := MustTime(t, "Asia/Ho_Chi_Minh", tt.want)
			if got := c.Add(from, tt.d); !got.Equal(want) {
				t.Errorf("Add(%v, %v) = %v; want %v", from, tt.d, got, want)
			}
		})
	}
}
