package domain

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Date is a calendar date without time of day or zone. Deadlines and
// follow-ups in social cases are counted in whole days, so a civil date
// avoids the off-by-one errors that time zones bring.
type Date struct {
	t time.Time // always midnight UTC; zero means "no date"
}

// isoLayout is the machine format used in case files and JSON.
const isoLayout = "2006-01-02"

// NewDate returns the date y-m-d; out-of-range parts normalise as in time.Date.
func NewDate(y int, m time.Month, d int) Date {
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	return NewDate(t.Year(), t.Month(), t.Day())
}

// ParseDate reads an ISO date (YYYY-MM-DD) and rejects dates that do not exist.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(isoLayout, strings.TrimSpace(s))
	if err != nil {
		return Date{}, fmt.Errorf("%q er ikke en gyldig dato (skriv ÅÅÅÅ-MM-DD, fx 2026-11-22)", s)
	}
	return Date{t}, nil
}

// ParseDanishDate reads a date written the Danish way (DD-MM-YYYY) and
// also accepts ISO form, so a caseworker may type either.
func ParseDanishDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse("02-01-2006", s); err == nil {
		return Date{t}, nil
	}
	if t, err := time.Parse("2.1.2006", s); err == nil {
		return Date{t}, nil
	}
	if d, err := ParseDate(s); err == nil {
		return d, nil
	}
	return Date{}, fmt.Errorf("%q er ikke en gyldig dato (skriv DD-MM-ÅÅÅÅ, fx 22-11-2026)", s)
}

// IsZero reports whether d is the zero Date ("no date").
func (d Date) IsZero() bool { return d.t.IsZero() }

// Year, Month and Day return the parts of d.
func (d Date) Year() int         { return d.t.Year() }
func (d Date) Month() time.Month { return d.t.Month() }
func (d Date) Day() int          { return d.t.Day() }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.t.Weekday() }

// Time returns d as midnight UTC.
func (d Date) Time() time.Time { return d.t }

// String returns the ISO form YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(isoLayout)
}

// Danish returns the short Danish form used on screen, e.g. 22-11-2026.
func (d Date) Danish() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("02-01-2006")
}

var danishMonths = [...]string{"januar", "februar", "marts", "april", "maj", "juni",
	"juli", "august", "september", "oktober", "november", "december"}

// DanishLong returns the long Danish form used in letters, e.g. 22. november 2026.
func (d Date) DanishLong() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d. %s %d", d.Day(), danishMonths[d.Month()-1], d.Year())
}

// AddDays returns d moved n days.
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// AddWeeks returns d moved n weeks.
func (d Date) AddWeeks(n int) Date { return d.AddDays(7 * n) }

// AddMonths returns d moved n months. When the target month is shorter, the
// result is that month's last day (31 January + 1 month = 28 or 29 February),
// so a follow-up never slips into the month after.
func (d Date) AddMonths(n int) Date {
	first := time.Date(d.Year(), d.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	day := d.Day()
	if day > last {
		day = last
	}
	return NewDate(first.Year(), first.Month(), day)
}

// Before, After and Equal compare dates.
func (d Date) Before(o Date) bool { return d.t.Before(o.t) }
func (d Date) After(o Date) bool  { return d.t.After(o.t) }
func (d Date) Equal(o Date) bool  { return d.t.Equal(o.t) }

// DaysUntil returns the number of days from d to o (negative when o is earlier).
func (d Date) DaysUntil(o Date) int {
	return int(o.t.Sub(d.t).Hours() / 24)
}

// MarshalJSON writes the ISO form, or null for the zero date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads the ISO form; null leaves the zero date.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("en dato skal skrives som tekst ÅÅÅÅ-MM-DD")
	}
	parsed, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}
