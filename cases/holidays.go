package cases

import (
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
	day  day
	name string
}

// region lists the public holidays of a holiday region in a Gregorian year.
type region func(year int) []holiday

// rickarRegions are the holiday regions github.com/rickar/cal covers.
var rickarRegions = map[string][]*cal.Holiday{
	"NO":    no.Holidays,
	"NL":    nl.Holidays,
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
		hs, ok := rickarRegions[key]
		if !ok {
			return nil, Errorf(EINVALID, "holiday region %q is not known; use NO, NL, DE or DE-SL (a German state)", name)
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

// parseClosures parses closure dates written YYYY-MM-DD.
func parseClosures(dates []string) ([]day, error) {
	out := make([]day, 0, len(dates))
	for _, s := range dates {
		t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
		if err != nil {
			return nil, Errorf(EINVALID, "closure date %q is not a date; write YYYY-MM-DD, such as 2026-12-24", s)
		}
		out = append(out, civilDay(t.Date()))
	}
	return out, nil
}

// daysOff returns the calendar's days off in year y, weekends aside: its
// regions' public holidays and its closures.
func (c *Calendar) daysOff(y int) map[day]string {
	off := map[day]string{}
	for _, r := range c.regions {
		for _, h := range r(y) {
			if _, dup := off[h.day]; !dup {
				off[h.day] = h.name
			}
		}
	}
	for _, d := range c.closures {
		if yd, _, _ := d.date(); yd == y && off[d] == "" {
			off[d] = closureName
		}
	}
	return off
}
