package calendar

import "math"

// The Vietnamese lunar calendar, computed astronomically for UTC+7 after the
// algorithm Hồ Ngọc Đức published at
// https://www.informatik.uni-leipzig.de/~duc/amlich/calrules_en.html:
//
//   - a month starts on the local day of a new moon;
//   - month 11 is the month that contains the winter solstice;
//   - a lunar year with 13 months (13 new moons from one month 11 to the
//     next) has a leap month: the first month that contains no major solar
//     term (no multiple of 30° of the sun's longitude), which repeats the
//     number of the month before it.
//
// Computing it for UTC+7 rather than China's UTC+8 is what makes Vietnamese
// dates differ from Chinese ones in some years (Tết 1985 fell on 21 January
// in Vietnam and on 20 February in China).

// vietnamUTCOffset is the time zone, in hours, the Vietnamese calendar is
// computed for.
const vietnamUTCOffset = 7.0

// synodicMonth is the mean length of a lunation in days.
const synodicMonth = 29.530588853

// newMoon1900 is the Julian date of the new moon of 1 January 1900, the
// lunation counted as number 0.
const newMoon1900 = 2415021.076998695

// unixEpochJDN is the Julian day number of 1 January 1970.
const unixEpochJDN = 2440588

// newMoonJD returns the Julian date (UT) of the k-th new moon after 1 January
// 1900, using the series in Jean Meeus, Astronomical Algorithms (1998).
func newMoonJD(k int) float64 {
	const dr = math.Pi / 180
	kf := float64(k)
	t := kf / 1236.85
	t2, t3 := t*t, t*t*t
	jd := 2415020.75933 + 29.53058868*kf + 0.0001178*t2 - 0.000000155*t3
	jd += 0.00033 * math.Sin((166.56+132.87*t-0.009173*t2)*dr)
	m := (359.2242 + 29.10535608*kf - 0.0000333*t2 - 0.00000347*t3) * dr    // sun's mean anomaly
	mpr := (306.0253 + 385.81691806*kf + 0.0107306*t2 + 0.00001236*t3) * dr // moon's mean anomaly
	f := (21.2964 + 390.67050646*kf - 0.0016528*t2 - 0.00000239*t3) * dr    // moon's argument of latitude
	c := (0.1734-0.000393*t)*math.Sin(m) + 0.0021*math.Sin(2*m) -
		0.4068*math.Sin(mpr) + 0.0161*math.Sin(2*mpr) - 0.0004*math.Sin(3*mpr) +
		0.0104*math.Sin(2*f) - 0.0051*math.Sin(m+mpr) - 0.0074*math.Sin(m-mpr) +
		0.0004*math.Sin(2*f+m) - 0.0004*math.Sin(2*f-m) - 0.0006*math.Sin(2*f+mpr) +
		0.0010*math.Sin(2*f-mpr) + 0.0005*math.Sin(2*mpr+m)
	var deltaT float64 // ΔT, in days
	if t < -11 {
		deltaT = 0.001 + 0.000839*t + 0.0002261*t2 - 0.00000845*t3 - 0.000000081*t*t3
	} else {
		deltaT = -0.000278 + 0.000265*t + 0.000262*t2
	}
	return jd + c - deltaT
}

// newMoonDay returns the Julian day number of the local (UTC+7) day on which
// the k-th new moon after 1 January 1900 falls.
func newMoonDay(k int) int {
	return int(math.Floor(newMoonJD(k) + 0.5 + vietnamUTCOffset/24))
}

// sunSector returns which 30° sector of the ecliptic (0 to 11) the sun is in
// at the start of the local day with Julian day number jdn; sector 9 begins
// at the winter solstice, and a major solar term falls where a sector begins.
func sunSector(jdn int) int {
	const dr = math.Pi / 180
	t := (float64(jdn) - 0.5 - vietnamUTCOffset/24 - 2451545.0) / 36525
	t2 := t * t
	m := 357.52910 + 35999.05030*t - 0.0001559*t2 - 0.00000048*t*t2 // mean anomaly, degrees
	l0 := 280.46645 + 36000.76983*t + 0.0003032*t2                  // mean longitude, degrees
	dl := (1.914600-0.004817*t-0.000014*t2)*math.Sin(dr*m) +
		(0.019993-0.000101*t)*math.Sin(dr*2*m) + 0.000290*math.Sin(dr*3*m)
	l := math.Mod((l0+dl)*dr, 2*math.Pi)
	if l < 0 {
		l += 2 * math.Pi
	}
	return int(l / math.Pi * 6)
}

// month11 returns the Julian day number on which lunar month 11 of Gregorian
// year y begins: the month that contains the winter solstice.
func month11(y int) int {
	daysSince1900 := civilDay(y, 12, 31).jdn() - 2415021
	k := int(math.Floor(float64(daysSince1900) / synodicMonth))
	start := newMoonDay(k)
	if sunSector(start) >= 9 { // this new moon comes after the solstice
		start = newMoonDay(k - 1)
	}
	return start
}

// lunation returns the number, counted from 1 January 1900, of the lunation
// whose month begins on the Julian day number jdn.
func lunation(jdn int) int {
	return int(math.Floor((float64(jdn)-newMoon1900)/synodicMonth + 0.5))
}

// leapMonthOffset returns the position, counted in months after the month 11
// that begins on a11, of the leap month of a 13-month lunar year: the first
// month in which the sun enters no new sector.
func leapMonthOffset(a11 int) int {
	k := lunation(a11)
	i := 1
	arc := sunSector(newMoonDay(k + i))
	for {
		last := arc
		i++
		arc = sunSector(newMoonDay(k + i))
		if arc == last || i >= 14 {
			return i - 1
		}
	}
}

// lunarDate returns the solar date of day d of the ordinary (not leap) lunar
// month m, from 1 to 10, of the lunar year that begins in Gregorian year y.
func lunarDate(d, m, y int) day {
	a11, b11 := month11(y-1), month11(y)
	k := lunation(a11)
	off := m + 1 // month 11 of the year before is 0, month 12 is 1
	if b11-a11 > 365 && off >= leapMonthOffset(a11) {
		off++ // a leap month comes before this one
	}
	return jdnDay(newMoonDay(k+off) + d - 1)
}

// jdn returns the Julian day number of d.
func (d day) jdn() int { return int(d) + unixEpochJDN }

// jdnDay returns the date with Julian day number n.
func jdnDay(n int) day { return day(n - unixEpochJDN) }
