package domain

import (
	"fmt"
	"strings"
	"time"
)

// CPR is a Danish civil registration number (personnummer). It is
// confidential: use Masked in lists, logs and anything but the decision
// letter itself.
type CPR struct {
	digits string // ten digits, no separator
	birth  Date
}

// ParseCPR reads DDMMYY-SSSS (the hyphen is optional). The date part must be
// a real date in the century given by the seventh digit. The modulus-11
// check is deliberately not applied: numbers issued since 2007 need not
// pass it.
func ParseCPR(s string) (CPR, error) {
	digits := strings.ReplaceAll(strings.TrimSpace(s), "-", "")
	if len(digits) != 10 || strings.Trim(digits, "0123456789") != "" {
		return CPR{}, fmt.Errorf("%q er ikke et CPR-nummer (skriv DDMMÅÅ-LLLL, fx 150391-1234)", s)
	}
	day, month, yy := num(digits[0:2]), num(digits[2:4]), num(digits[4:6])
	year := cprCentury(yy, digits[6]-'0') + yy
	birth := NewDate(year, time.Month(month), day)
	if month < 1 || month > 12 || day < 1 || birth.Day() != day || birth.Month() != time.Month(month) {
		return CPR{}, fmt.Errorf("CPR-nummerets dato %s er ikke en gyldig dato", digits[0:6])
	}
	return CPR{digits: digits, birth: birth}, nil
}

// cprCentury returns 1800, 1900 or 2000 from the two-digit year and the
// seventh digit, by the rule of the CPR office.
func cprCentury(yy int, seventh byte) int {
	switch {
	case seventh <= 3:
		return 1900
	case seventh == 4 || seventh == 9:
		if yy <= 36 {
			return 2000
		}
		return 1900
	default: // 5-8
		if yy <= 57 {
			return 2000
		}
		return 1800
	}
}

func num(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// IsZero reports whether no CPR number is set.
func (c CPR) IsZero() bool { return c.digits == "" }

// String returns the full number as DDMMYY-SSSS. Only the decision letter
// and the case file itself should carry it.
func (c CPR) String() string {
	if c.IsZero() {
		return ""
	}
	return c.digits[:6] + "-" + c.digits[6:]
}

// Masked returns the number with the serial part hidden, e.g. 150391-xxxx.
func (c CPR) Masked() string {
	if c.IsZero() {
		return ""
	}
	return c.digits[:6] + "-xxxx"
}

// BirthDate returns the date of birth the number encodes.
func (c CPR) BirthDate() Date { return c.birth }

// Male reports whether the number is a man's (odd last digit).
func (c CPR) Male() bool { return (c.digits[9]-'0')%2 == 1 }

// MarshalText writes the full number; it is for the case file and the store,
// never for lists.
func (c CPR) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText parses the number with ParseCPR.
func (c *CPR) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*c = CPR{}
		return nil
	}
	parsed, err := ParseCPR(string(b))
	if err != nil {
		return err
	}
	*c = parsed
	return nil
}
