package calendar

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/nl"
	"github.com/rickar/cal/v2/no"
)

// closureName is what Holiday calls a closure date.
const closureName = "closure"

// holiday is one public holiday in a given year.
type holiday struct {
	day        day
	name       string
	substitute string // the name of the day off in lieu when day is a weekend day; "" when there is none
}

// region lists the public holidays of a holiday region in a Gregorian year.
type region func(year int) []holiday

// rickarRegions are the holiday regions github.com/rickar/cal covers.
var rickarRegions = map[string][]*cal.Holiday{
	"NO":    no.Holidays,
	"NL":    nlHolidays(),
	"DE":    de.Holidays,
	"DE-BW": de.HolidaysBW,
	"DE-BY": de.HolidaysBY,
	"DE-BE": de.HolidaysBE,
	"DE-BB": de.HolidaysBB,
	"DE-HB": de.HolidaysHB,
	"DE-HH": de.HolidaysHH,
	"DE-HE": de.HolidaysHE,
	"DE-MV": de.HolidaysMV,
	"DE-NI": de.HolidaysNI,
	"DE-NW": de.HolidaysNW,
	"DE-RP": de.HolidaysRP,
	"DE-SL": de.HolidaysSL,
	"DE-SN": de.HolidaysSN,
	"DE-ST": de.HolidaysST,
	"DE-SH": de.HolidaysSH,
	"DE-TH": de.HolidaysTH,
}

// nlHolidays returns rickar's Dutch holidays with King's Day typed as the
// public holiday it is; rickar leaves its type unset, which would make it a
// business day. Liberation Day stays out: it is a day off only in some years
// and under some agreements, so a team that has it lists it in closures.
func nlHolidays() []*cal.Holiday {
	hs := slices.Clone(nl.Holidays)
	for i, h := range hs {
		if h == nl.Koningsdag {
			hs[i] = h.Clone(&cal.Holiday{Type: cal.ObservancePublic})
		}
	}
	return hs
}

// parseRegions returns the holiday regions names lists, each once.
func parseRegions(names []string) ([]region, error) {
	var regions []region
	var seen []string
	for _, name := range names {
		key := strings.ToUpper(strings.TrimSpace(name))
		if slices.Contains(seen, key) {
			continue
		}
		seen = append(seen, key)
		if key == "VN" {
			regions = append(regions, vietnam)
			continue
		}
		hs, ok := rickarRegions[key]
		if !ok {
			return nil, errorf("holiday region %q is not known; use NO, NL, DE, DE-SL (a German state) or VN", name)
		}
		regions = append(regions, rickarRegion(hs))
	}
	return regions, nil
}

// rickarRegion returns the region whose holidays are the public ones among
// hs, each on the date it is observed.
func rickarRegion(hs []*cal.Holiday) region {
	return func(year int) []holiday {
		var out []holiday
		for _, h := range hs {
			if h.Type != cal.ObservancePublic {
				continue
			}
			if _, observed := h.Calc(year); !observed.IsZero() {
				out = append(out, holiday{day: civilDay(observed.Date()), name: h.Name})
			}
		}
		return out
	}
}

// vietnam lists Vietnam's public holidays under art. 112 of the Labour Code
// (2019): New Year's Day, Tết Nguyên Đán (the last day of the lunar year and
// the first four of the next), the Hùng Kings' Commemoration (10th day of the
// 3rd lunar month), Reunification Day, Labour Day and National Day. A holiday
// that falls on a weekly day off gives a day off in lieu on the next working
// day (art. 111(3)). The second National Day day and the days the Prime
// Minister fixes each year (art. 112(3)), bridge days among them, are not
// computed; they come from Spec.Closures.
func vietnam(year int) []holiday {
	tet := lunarDate(1, 1, year)
	hs := []holiday{
		{day: civilDay(year, time.January, 1), name: "Tết Dương lịch"},
		{day: tet - 1, name: "Tết Nguyên Đán (giao thừa)"},
	}
	for i := range 4 {
		hs = append(hs, holiday{day: tet + day(i), name: fmt.Sprintf("Tết Nguyên Đán (mùng %d)", i+1)})
	}
	hs = append(hs,
		holiday{day: lunarDate(10, 3, year), name: "Giỗ Tổ Hùng Vương"},
		holiday{day: civilDay(year, time.April, 30), name: "Ngày Giải phóng miền Nam"},
		holiday{day: civilDay(year, time.May, 1), name: "Quốc tế Lao động"},
		holiday{day: civilDay(year, time.September, 2), name: "Quốc khánh"},
	)
	for i := range hs {
		hs[i].substitute = "Nghỉ bù " + hs[i].name
	}
	return hs
}

// parseClosures parses closure dates written YYYY-MM-DD.
func parseClosures(dates []string) ([]day, error) {
	out := make([]day, 0, len(dates))
	for _, s := range dates {
		t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
		if err != nil {
			return nil, errorf("closure date %q is not a date; write YYYY-MM-DD, such as 2026-12-24", s)
		}
		out = append(out, civilDay(t.Date()))
	}
	return out, nil
}

// daysOff returns the calendar's days off in year y, weekends aside: its
// regions' public holidays, the days off in lieu of holidays that fall on a
// weekend day, and its closures. A day off in lieu is the first day after the
// holiday that is neither a weekend day nor a holiday. It may be a closure:
// the days off a government announces include the days in lieu, and listing
// them as closures must not push those further. None of the holidays that
// have a day in lieu falls late enough in December to push it into the next
// year.
func (c *Calendar) daysOff(y int) map[day]string {
	off := map[day]string{}
	var inLieu []holiday
	for _, r := range c.regions {
		for _, h := range r(y) {
			if _, dup := off[h.day]; dup {
				continue
			}
			off[h.day] = h.name
			if h.substitute != "" && c.weekend[h.day.weekday()] {
				inLieu = append(inLieu, h)
			}
		}
	}
	slices.SortFunc(inLieu, func(a, b holiday) int { return int(a.day - b.day) })
	for _, h := range inLieu {
		d := h.day + 1
		for c.weekend[d.weekday()] || off[d] != "" {
			d++
		}
		off[d] = h.substitute
	}
	for _, d := range c.closures {
		if yd, _, _ := d.date(); yd == y && off[d] == "" {
			off[d] = closureName
		}
	}
	return off
}
