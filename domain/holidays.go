package domain

import "time"

// Easter returns Easter Sunday of year y in the Gregorian calendar
// (the anonymous Gregorian algorithm, also known as Meeus/Jones/Butcher).
func Easter(y int) Date {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return NewDate(y, time.Month(month), day)
}

// greatPrayerDayAbolished is the first year Store Bededag is no longer a
// public holiday.
const greatPrayerDayAbolished = 2024

// PublicHoliday returns the Danish name of the public holiday on d, or ""
// when d is not one. Constitution Day and 24 and 31 December are included
// because public administration is closed on them.
func PublicHoliday(d Date) string {
	switch {
	case d.Month() == time.January && d.Day() == 1:
		return "Nytårsdag"
	case d.Month() == time.June && d.Day() == 5:
		return "Grundlovsdag"
	case d.Month() == time.December && d.Day() == 24:
		return "Juleaften"
	case d.Month() == time.December && d.Day() == 25:
		return "Juledag"
	case d.Month() == time.December && d.Day() == 26:
		return "2. juledag"
	case d.Month() == time.December && d.Day() == 31:
		return "Nytårsaftensdag"
	}
	return easterHoliday(d)
}

// easterHoliday names the movable holidays, counted from Easter Sunday.
func easterHoliday(d Date) string {
	offset := Easter(d.Year()).DaysUntil(d)
	switch offset {
	case -3:
		return "Skærtorsdag"
	case -2:
		return "Langfredag"
	case 0:
		return "Påskedag"
	case 1:
		return "2. påskedag"
	case 26:
		if d.Year() < greatPrayerDayAbolished {
			return "Store bededag"
		}
	case 39:
		return "Kristi himmelfartsdag"
	case 49:
		return "Pinsedag"
	case 50:
		return "2. pinsedag"
	}
	return ""
}

// IsWorkingDay reports whether d is neither a weekend day nor a public holiday.
func IsWorkingDay(d Date) bool {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	return PublicHoliday(d) == ""
}

// NextWorkingDay returns d when it is a working day, otherwise the first
// working day after it.
func NextWorkingDay(d Date) Date {
	for !IsWorkingDay(d) {
		d = d.AddDays(1)
	}
	return d
}

// ComplaintDeadline returns the last day to complain when the citizen
// received the decision on received and the standard allows weeks weeks. A
// deadline on a weekend or holiday moves to the next working day.
func ComplaintDeadline(received Date, weeks int) Date {
	return NextWorkingDay(received.AddWeeks(weeks))
}
