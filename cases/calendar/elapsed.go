package calendar

import "time"

// BusinessDays returns how many business days of this calendar lie between
// from and to, as a fraction: the open hours of business days between them,
// divided by the length of one business day. Time outside business hours
// does not count, so a complaint received on Saturday and acknowledged at
// 10:00 on Monday, with business from 08:00 to 16:00, took 0.25 business
// days. It is 0 when to is not after from.
func (c *Calendar) BusinessDays(from, to time.Time) float64 {
	if !to.After(from) {
		return 0
	}
	day := time.Duration(c.closes-c.opens) * time.Minute
	return float64(c.businessTime(from, to)) / float64(day)
}
