package calendar_test

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ombud/ombud/cases/calendar"
)

// Working calendars used by the tests. Every expected date below was checked
// against a calendar, not derived from the code.
var (
	oslo        = calendar.Spec{Zone: "Europe/Oslo", Holidays: []string{"NO"}}
	osloXmas    = calendar.Spec{Zone: "Europe/Oslo", Holidays: []string{"NO"}, Closures: []string{"2026-12-24"}}
	germany     = calendar.Spec{Zone: "Europe/Berlin", Holidays: []string{"DE"}}
	saarland    = calendar.Spec{Zone: "Europe/Berlin", Holidays: []string{"DE-SL"}}
	berlinState = calendar.Spec{Zone: "Europe/Berlin", Holidays: []string{"DE-BE"}}
	netherlands = calendar.Spec{Zone: "Europe/Amsterdam", Holidays: []string{"NL"}}
)

// MustCalendar returns the calendar spec describes, failing tb if it is invalid.
func MustCalendar(tb testing.TB, spec calendar.Spec) *calendar.Calendar {
	tb.Helper()
	c, err := calendar.New(spec)
	if err != nil {
		tb.Fatalf("calendar.New(%+v): %v", spec, err)
	}
	return c
}

// MustTime parses s, written "2006-01-02 15:04" or "2006-01-02 15:04:05",
// as a local time in zone.
func MustTime(tb testing.TB, zone, s string) time.Time {
	tb.Helper()
	loc, err := time.LoadLocation(zone)
	if err != nil {
		tb.Fatal(err)
	}
	layout := "2006-01-02 15:04"
	if len(s) > len(layout) {
		layout += ":05"
	}
	t, err := time.ParseInLocation(layout, s, loc)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

func bd(n int) calendar.Duration    { return calendar.Duration{N: n, Unit: calendar.UnitBusinessDays} }
func bh(n int) calendar.Duration    { return calendar.Duration{N: n, Unit: calendar.UnitBusinessHours} }
func hours(n int) calendar.Duration { return calendar.Duration{N: n, Unit: calendar.UnitHours} }

// addCase is one Add test: from and want are local times in spec's zone.
type addCase struct {
	name string
	spec calendar.Spec
	from string
	d    calendar.Duration
	want string
}

// runAdd runs Add test calendar.
func runAdd(t *testing.T, tests []addCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := MustCalendar(t, tt.spec)
			from := MustTime(t, tt.spec.Zone, tt.from)
			want := MustTime(t, tt.spec.Zone, tt.want)
			got := c.Add(from, tt.d)
			if !got.Equal(want) || got.Location() != c.Location() {
				t.Errorf("Add(%s, %v) = %v; want %v", tt.from, tt.d, got, want)
			}
		})
	}
}

func TestCalendarAddBusinessDays(t *testing.T) {
	t.Parallel()
	runAdd(t, []addCase{
		{"friday after hours, over the weekend", oslo, "2026-03-06 17:00", bd(2), "2026-03-10 16:00"},
		{"received on a saturday", oslo, "2026-03-07 10:00", bd(1), "2026-03-09 16:00"},
		{"received on a holiday (Ascension)", oslo, "2026-05-14 10:00", bd(1), "2026-05-15 16:00"},
		{"received at 23:30 on a monday", oslo, "2026-03-09 23:30", bd(1), "2026-03-10 16:00"},
		{"NO Easter: Skjærtorsdag, Langfredag, 2. påskedag", oslo, "2026-04-01 10:00", bd(1), "2026-04-07 16:00"},
		{"NO Easter, two days", oslo, "2026-04-01 10:00", bd(2), "2026-04-08 16:00"},
		{"NO 17 May on a tuesday", oslo, "2022-05-16 10:00", bd(1), "2022-05-18 16:00"},
		{"NO 24 December is a working day", oslo, "2026-12-23 10:00", bd(1), "2026-12-24 16:00"},
		{"NO Christmas", oslo, "2026-12-23 10:00", bd(2), "2026-12-28 16:00"},
		{"NO 24 December as a closure", osloXmas, "2026-12-23 10:00", bd(1), "2026-12-28 16:00"},
		{"NO new year", oslo, "2026-12-30 10:00", bd(2), "2027-01-04 16:00"},
		{"NO 20 days over Christmas and new year", oslo, "2026-12-10 10:00", bd(20), "2027-01-11 16:00"},
		{"DE Easter: Maundy Thursday is a working day", germany, "2026-04-01 10:00", bd(1), "2026-04-02 16:00"},
		{"DE Easter: Karfreitag, Ostermontag", germany, "2026-04-01 10:00", bd(2), "2026-04-07 16:00"},
		{"DE 24 December is a working day", germany, "2026-12-23 10:00", bd(1), "2026-12-24 16:00"},
		{"DE Christmas", germany, "2026-12-23 10:00", bd(2), "2026-12-28 16:00"},
		{"DE Unity Day", germany, "2024-10-02 10:00", bd(1), "2024-10-04 16:00"},
		{"Saarland Fronleichnam", saarland, "2026-06-03 10:00", bd(1), "2026-06-05 16:00"},
		{"Berlin has no Fronleichnam", berlinState, "2026-06-03 10:00", bd(1), "2026-06-04 16:00"},
		{"DE has no Fronleichnam", germany, "2026-06-03 10:00", bd(1), "2026-06-04 16:00"},
		{"Saarland Mariä Himmelfahrt", saarland, "2025-08-14 10:00", bd(1), "2025-08-18 16:00"},
		{"Berlin has no Mariä Himmelfahrt", berlinState, "2025-08-14 10:00", bd(1), "2025-08-15 16:00"},
		{"Saarland Allerheiligen", saarland, "2024-10-31 10:00", bd(1), "2024-11-04 16:00"},
		{"Berlin has no Allerheiligen", berlinState, "2024-10-31 10:00", bd(1), "2024-11-01 16:00"},
		{"NL Easter: Goede Vrijdag, Tweede Paasdag", netherlands, "2026-04-02 10:00", bd(1), "2026-04-07 16:00"},
		{"NL Koningsdag, Monday 27 Apr", netherlands, "2026-04-24 10:00", bd(1), "2026-04-28 16:00"},
		{"DST starts: due stays 16:00 local", oslo, "2026-03-27 10:00", bd(1), "2026-03-30 16:00"},
		{"DST ends: due stays 16:00 local", oslo, "2026-10-23 10:00", bd(1), "2026-10-26 16:00"},
	})
}

func TestCalendarAddHours(t *testing.T) {
	t.Parallel()
	runAdd(t, []addCase{
		{"within a day", oslo, "2026-03-09 09:00", bh(4), "2026-03-09 13:00"},
		{"landing on close stays at close", oslo, "2026-03-09 12:00", bh(4), "2026-03-09 16:00"},
		{"across close, overnight", oslo, "2026-03-09 14:00", bh(4), "2026-03-10 10:00"},
		{"before opening", oslo, "2026-03-09 06:00", bh(2), "2026-03-09 10:00"},
		{"after close", oslo, "2026-03-09 18:00", bh(2), "2026-03-10 10:00"},
		{"from close", oslo, "2026-03-09 16:00", bh(1), "2026-03-10 09:00"},
		{"two full days", oslo, "2026-03-09 08:00", bh(16), "2026-03-10 16:00"},
		{"over the weekend", oslo, "2026-03-13 15:00", bh(3), "2026-03-16 10:00"},
		{"from a saturday", oslo, "2026-03-14 11:00", bh(1), "2026-03-16 09:00"},
		{"over Easter", oslo, "2026-04-01 15:00", bh(2), "2026-04-07 09:00"},
		// 24 real hours; the clock moves an hour forward in March, back in October.
		{"calendar hours, DST starts", oslo, "2026-03-28 12:00", hours(24), "2026-03-29 13:00"},
		{"calendar hours, DST ends", oslo, "2026-10-24 12:00", hours(24), "2026-10-25 11:00"},
		{"calendar hours over a weekend", oslo, "2026-03-13 15:00", hours(24), "2026-03-14 15:00"},
	})
}

func TestCalendarAddDST(t *testing.T) {
	t.Parallel()
	c := MustCalendar(t, oslo)
	tests := []struct {
		name     string
		from     string
		d        calendar.Duration
		wantUTC  string
		wantReal time.Duration // due minus from, when set
	}{
		{"bd due at 16:00 CEST", "2026-03-27 10:00", bd(1), "2026-03-30 14:00", 0},
		{"bd due at 16:00 CET", "2026-10-23 10:00", bd(1), "2026-10-26 15:00", 0},
		{"24h across the spring change", "2026-03-28 12:00", hours(24), "2026-03-29 11:00", 24 * time.Hour},
		{"24h across the autumn change", "2026-10-24 12:00", hours(24), "2026-10-25 10:00", 24 * time.Hour},
	}
	for _, tt := range tests {
		from := MustTime(t, "Europe/Oslo", tt.from)
		got := c.Add(from, tt.d)
		if want := MustTime(t, "UTC", tt.wantUTC); !got.Equal(want) {
			t.Errorf("%s: Add = %v; want %v", tt.name, got.UTC(), want)
		}
		if tt.wantReal != 0 && got.Sub(from) != tt.wantReal {
			t.Errorf("%s: %v passed; want %v", tt.name, got.Sub(from), tt.wantReal)
		}
	}
}

func TestCalendarAddLocalDate(t *testing.T) {
	t.Parallel()
	c := MustCalendar(t, oslo)
	vn, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	// 23:30 on Monday in Oslo is Tuesday 05:30 in Vietnam and 22:30 UTC.
	monday := MustTime(t, "Europe/Oslo", "2026-03-09 23:30")
	// 00:30 on Tuesday in Oslo is still Monday in UTC.
	tuesday := MustTime(t, "Europe/Oslo", "2026-03-10 00:30")
	tests := []struct {
		from time.Time
		want string
	}{
		{monday.In(vn), "2026-03-10 16:00"},
		{monday.UTC(), "2026-03-10 16:00"},
		{tuesday.UTC(), "2026-03-11 16:00"},
	}
	for _, tt := range tests {
		if got, want := c.Add(tt.from, bd(1)), MustTime(t, "Europe/Oslo", tt.want); !got.Equal(want) {
			t.Errorf("Add(%v, 1bd) = %v; want %v", tt.from, got, want)
		}
	}
	if got := c.Add(monday, calendar.Duration{}); !got.IsZero() {
		t.Errorf("Add(zero Duration) = %v; want the zero time", got)
	}
}

func TestCalendarHoliday(t *testing.T) {
	t.Parallel()
	c := MustCalendar(t, osloXmas)
	tests := []struct {
		at       string
		name     string
		business bool
	}{
		{"2026-05-17 10:00", "Grunnlovsdag", false},
		{"2026-04-06 10:00", "Andre påskedag", false},
		{"2026-12-24 10:00", "closure", false},
		{"2026-12-25 10:00", "Første juledag", false},
		{"2026-03-07 10:00", "", false}, // Saturday
		{"2026-03-09 10:00", "", true},
		{"2026-05-16 23:59", "", false}, // Saturday, a minute before 17 May
	}
	for _, tt := range tests {
		at := MustTime(t, "Europe/Oslo", tt.at)
		wantHoliday(t, c, at, tt.name)
		if got := c.IsBusinessDay(at); got != tt.business {
			t.Errorf("IsBusinessDay(%s) = %v; want %v", tt.at, got, tt.business)
		}
	}
	// 23:30 UTC on 16 May is 01:30 on 17 May in Oslo.
	wantHoliday(t, c, MustTime(t, "UTC", "2026-05-16 23:30"), "Grunnlovsdag")
	if got := c.Location().String(); got != "Europe/Oslo" {
		t.Errorf("Location() = %s; want Europe/Oslo", got)
	}
}

// TestCalendarResume checks how a pause moves a deadline: by the business
// time that was left when the clock stopped, counted again from the restart,
// to the minute, whatever unit the deadline is in.
func TestCalendarResume(t *testing.T) {
	t.Parallel()
	c := MustCalendar(t, oslo)
	tests := []struct {
		name          string
		due, from, to string
		u             calendar.Unit
		want          string
	}{
		{"overnight pause moves nothing", "2026-03-11 16:00", "2026-03-09 16:30", "2026-03-10 07:00", calendar.UnitBusinessDays, "2026-03-11 16:00"},
		{"a whole working day moves a day", "2026-03-11 16:00", "2026-03-09 08:00", "2026-03-09 16:00", calendar.UnitBusinessDays, "2026-03-12 16:00"},
		{"two hours move a business-day deadline two hours", "2026-03-11 16:00", "2026-03-09 10:00", "2026-03-09 12:00", calendar.UnitBusinessDays, "2026-03-12 10:00"},
		{"half a day is half a day", "2026-03-11 16:00", "2026-03-09 08:00", "2026-03-09 12:00", calendar.UnitBusinessDays, "2026-03-12 12:00"},
		{"two days and an hour move two days and an hour", "2026-03-04 16:00", "2026-03-03 10:00", "2026-03-05 11:00", calendar.UnitBusinessDays, "2026-03-09 09:00"},
		{"a minute is a minute", "2026-03-11 16:00", "2026-03-11 15:59", "2026-03-11 16:00", calendar.UnitBusinessDays, "2026-03-12 08:01"},
		{"already past due: a pause undoes no breach", "2026-03-16 16:00", "2026-03-16 16:30", "2026-03-17 07:00", calendar.UnitBusinessDays, "2026-03-16 16:00"},
		{"Friday and Monday paused", "2026-03-16 16:00", "2026-03-13 08:00", "2026-03-16 08:00", calendar.UnitBusinessDays, "2026-03-17 16:00"},
		{"Easter days are not business time", "2026-04-01 16:00", "2026-03-31 08:00", "2026-04-01 16:00", calendar.UnitBusinessDays, "2026-04-08 16:00"},
		{"business hours exactly", "2026-03-10 12:00", "2026-03-09 14:00", "2026-03-09 15:00", calendar.UnitBusinessHours, "2026-03-10 13:00"},
		{"calendar hours by the clock", "2026-03-10 12:00", "2026-03-09 10:00", "2026-03-09 13:30", calendar.UnitHours, "2026-03-10 15:30"},
	}
	for _, tt := range tests {
		due, from, to := MustTime(t, "Europe/Oslo", tt.due), MustTime(t, "Europe/Oslo", tt.from), MustTime(t, "Europe/Oslo", tt.to)
		want := MustTime(t, "Europe/Oslo", tt.want)
		if got := c.Resume(due, tt.u, from, to); !got.Equal(want) {
			t.Errorf("%s: Resume = %s; want %s", tt.name, got.Format(time.RFC3339), want.Format(time.RFC3339))
		}
	}
}

func TestCalendarBusinessDaysLeft(t *testing.T) {
	t.Parallel()
	c := MustCalendar(t, oslo)
	tests := []struct {
		name, now, due string
		want           int
	}{
		{"four days ahead", "2026-03-09 10:00", "2026-03-13 16:00", 4},
		{"over the weekend", "2026-03-13 10:00", "2026-03-16 16:00", 1},
		{"from a saturday", "2026-03-14 10:00", "2026-03-16 16:00", 1},
		{"due today", "2026-03-09 07:00", "2026-03-09 16:00", 0},
		{"due earlier today", "2026-03-09 23:00", "2026-03-09 16:00", 0},
		{"overdue by one", "2026-03-16 09:00", "2026-03-13 16:00", -1},
		{"overdue over Easter", "2026-04-07 10:00", "2026-03-31 16:00", -2},
		{"overdue, now on a sunday", "2026-03-15 10:00", "2026-03-12 16:00", -1},
	}
	for _, tt := range tests {
		now, due := MustTime(t, "Europe/Oslo", tt.now), MustTime(t, "Europe/Oslo", tt.due)
		if got := c.BusinessDaysLeft(now, due); got != tt.want {
			t.Errorf("%s: BusinessDaysLeft(%s, %s) = %d; want %d", tt.name, tt.now, tt.due, got, tt.want)
		}
	}
}

func TestCalendarWarnAt(t *testing.T) {
	t.Parallel()
	c := MustCalendar(t, oslo)
	tests := []struct {
		name       string
		start, due string
		u          calendar.Unit
		fraction   float64
		want       string
	}{
		{"hours", "2026-03-09 10:00", "2026-03-10 10:00", calendar.UnitHours, 0.75, "2026-03-10 04:00"},
		{"hours, truncated to the minute", "2026-03-09 10:00", "2026-03-09 10:07", calendar.UnitHours, 0.5, "2026-03-09 10:03"},
		{"business hours", "2026-03-09 08:00", "2026-03-10 16:00", calendar.UnitBusinessHours, 0.75, "2026-03-10 12:00"},
		{"business days over a weekend", "2026-03-06 17:00", "2026-03-10 16:00", calendar.UnitBusinessDays, 0.75, "2026-03-10 12:00"},
		{"business days over Easter", "2026-04-01 08:00", "2026-04-07 16:00", calendar.UnitBusinessDays, 0.5, "2026-04-01 16:00"},
		{"no business time: wall time", "2026-03-07 10:00", "2026-03-07 14:00", calendar.UnitBusinessHours, 0.5, "2026-03-07 12:00"},
	}
	for _, tt := range tests {
		start, due := MustTime(t, "Europe/Oslo", tt.start), MustTime(t, "Europe/Oslo", tt.due)
		want := MustTime(t, "Europe/Oslo", tt.want)
		if got := c.WarnAt(start, due, tt.u, tt.fraction); !got.Equal(want) {
			t.Errorf("%s: WarnAt = %v; want %v", tt.name, got, want)
		}
	}
}

func TestNewCalendarErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		spec calendar.Spec
		want string // part of the message
	}{
		{"unknown zone", calendar.Spec{Zone: "Europe/Olso"}, `time zone "Europe/Olso" is not an IANA time zone name; write one such as Europe/Oslo`},
		{"no zone", calendar.Spec{}, "the calendar has no time zone; set zone to an IANA time zone name, such as Europe/Oslo"},
		{"local zone", calendar.Spec{Zone: "Local"}, `time zone "Local" is not an IANA time zone name`},
		{"bad opening", calendar.Spec{Zone: "UTC", Opens: "8am"}, `opening time "8am" is not a time of day; write HH:MM, such as 08:00`},
		{"bad closing", calendar.Spec{Zone: "UTC", Closes: "24:00"}, `closing time "24:00" is not a time of day; write HH:MM, such as 16:00`},
		{"opens after closing", calendar.Spec{Zone: "UTC", Opens: "17:00"}, "opening time 17:00 is not before closing time 16:00"},
		{"opens at closing", calendar.Spec{Zone: "UTC", Opens: "09:00", Closes: "09:00"}, "opening time 09:00 is not before closing time 09:00"},
		{"bad weekday", calendar.Spec{Zone: "UTC", Weekend: []time.Weekday{7}}, "weekend day 7 is not a day of the week"},
		{"all week off", calendar.Spec{Zone: "UTC", Weekend: []time.Weekday{0, 1, 2, 3, 4, 5, 6}}, "every day of the week is a weekend day"},
		{"unknown region", calendar.Spec{Zone: "UTC", Holidays: []string{"XX"}}, `holiday region "XX" is not known; use NO, NL, DE, DE-SL (a German state) or VN`},
		{"unknown state", calendar.Spec{Zone: "UTC", Holidays: []string{"NO", "DE-XX"}}, `holiday region "DE-XX" is not known`},
		{"bad closure", calendar.Spec{Zone: "UTC", Closures: []string{"24.12.2026"}}, `closure date "24.12.2026" is not a date; write YYYY-MM-DD, such as 2026-12-24`},
		{"impossible closure", calendar.Spec{Zone: "UTC", Closures: []string{"2026-02-30"}}, `closure date "2026-02-30" is not a date`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := calendar.New(tt.spec)
			var ce *calendar.Error
			if !errors.As(err, &ce) || !strings.Contains(ce.Message, tt.want) {
				t.Errorf("calendar.New(%+v) = %v; want a *calendar.Error containing %q", tt.spec, err, tt.want)
			}
		})
	}
}

func TestNewCalendarDefaults(t *testing.T) {
	t.Parallel()
	regions := []string{"NO", "NL", "DE", "VN", "de-sl"}
	for _, s := range strings.Fields("BW BY BE BB HB HH HE MV NI NW RP SL SN ST SH TH") {
		regions = append(regions, "DE-"+s)
	}
	c := MustCalendar(t, calendar.Spec{Zone: "Europe/Oslo", Holidays: regions})
	// Defaults: open 08:00 to 16:00, Saturday and Sunday off.
	if got, want := c.Add(MustTime(t, "Europe/Oslo", "2026-03-09 07:00"), bh(1)), MustTime(t, "Europe/Oslo", "2026-03-09 09:00"); !got.Equal(want) {
		t.Errorf("default opening: got %v; want %v", got, want)
	}
	if c.IsBusinessDay(MustTime(t, "Europe/Oslo", "2026-03-07 10:00")) {
		t.Error("Saturday is a business day by default")
	}
	// An empty, non-nil weekend means every day is a working day.
	sevenDays := MustCalendar(t, calendar.Spec{Zone: "Europe/Oslo", Weekend: []time.Weekday{}, Opens: "09:30", Closes: "17:45"})
	if got, want := sevenDays.Add(MustTime(t, "Europe/Oslo", "2026-03-06 12:00"), bd(1)), MustTime(t, "Europe/Oslo", "2026-03-07 17:45"); !got.Equal(want) {
		t.Errorf("seven-day week: got %v; want %v", got, want)
	}
}

// TestCalendarConcurrent computes the same deadlines in many goroutines on a
// fresh calendar, so the race detector sees the holiday cache being filled.
func TestCalendarConcurrent(t *testing.T) {
	t.Parallel()
	c := MustCalendar(t, calendar.Spec{Zone: "Asia/Ho_Chi_Minh", Holidays: []string{"VN", "NO"}})
	// 8 business days from Wed 23 Dec 2026 skip 25 Dec (NO) and 1 Jan
	// (both), across the year boundary.
	from := MustTime(t, "Asia/Ho_Chi_Minh", "2026-12-23 10:00")
	want := MustTime(t, "Asia/Ho_Chi_Minh", "2027-01-06 16:00")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := c.Add(from, bd(8)); !got.Equal(want) {
				t.Errorf("concurrent Add = %v; want %v", got, want)
			}
		})
	}
	wg.Wait()
}

func BenchmarkCalendarAdd(b *testing.B) {
	c := MustCalendar(b, oslo)
	from := MustTime(b, "Europe/Oslo", "2026-12-10 10:00")
	b.ReportAllocs()
	for b.Loop() {
		c.Add(from, bd(20))
	}
}

// wantHoliday fails tb unless c names want as the holiday on when's date, or
// has none there when want is "".
func wantHoliday(tb testing.TB, c *calendar.Calendar, when time.Time, want string) {
	tb.Helper()
	got, ok := c.Holiday(when)
	if got != want || ok != (want != "") {
		tb.Errorf("Holiday(%s) = %q, %v; want %q", when.Format(time.DateOnly), got, ok, want)
	}
}
