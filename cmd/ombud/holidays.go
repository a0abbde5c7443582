package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// policyHolidays prints the days off a policy's calendar counts in a year
// besides its weekend: public holidays, days off in lieu and closures, so a
// team can check them against the year's announcements.
func policyHolidays(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("holidays", "NAME|PATH [--year YYYY]", stderr)
	this := time.Now().Year()
	typed := fs.String("year", strconv.Itoa(this), "the year to list, such as "+strconv.Itoa(this))
	name, status := parseOne(fs, args, stderr)
	if status >= 0 {
		return status
	}
	year, err := strconv.Atoi(strings.TrimSpace(*typed))
	if err != nil || year < 1900 || year > 2200 {
		fmt.Fprintf(stderr, "ombud policy holidays: --year %q is not a year ombud can list; write one from 1900 to 2200 in four digits, such as --year %d\n", *typed, this)
		return 2
	}
	p, cal, err := loadPolicy(name)
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "%s: days off in %d (%s), besides the weekend\n\n", p.Name, year, cal.Location())
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	business := 0
	for day := time.Date(year, 1, 1, 12, 0, 0, 0, cal.Location()); day.Year() == year; day = day.AddDate(0, 0, 1) {
		if cal.IsBusinessDay(day) {
			business++
		}
		if name, ok := cal.Holiday(day); ok {
			line := day.Format("Mon 2 Jan 2006") + "\t" + name
			if slices.Contains(p.Calendar.Weekend, day.Weekday()) {
				line += "\t(on the weekend)"
			}
			fmt.Fprintln(tw, line)
		}
	}
	if err := tw.Flush(); err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "\n%d business days in %d.\n", business, year)
	return 0
}
