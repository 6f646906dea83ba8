package domain

import (
	"fmt"
	"strings"
)

// Unit is what the decided scope of a provision is measured in.
type Unit string

// The units a grant's scope may be stated in.
const (
	UnitNone         Unit = ""               // a place or a course without a measured amount (§ 82 a, § 107, § 108)
	UnitHoursPerWeek Unit = "hours_per_week" // § 85
	UnitDaysPerWeek  Unit = "days_per_week"  // § 103, § 104
	UnitDaysPerYear  Unit = "days_per_year"  // aflastning, døgn a year
	UnitMonths       Unit = "months"         // § 82 b, the course's length
)

// Unit returns the unit a grant of id is decided in.
func (id ProvisionID) Unit() Unit {
	switch id {
	case SEL85:
		return UnitHoursPerWeek
	case SEL103, SEL104:
		return UnitDaysPerWeek
	case SEL107Relief:
		return UnitDaysPerYear
	case SEL82b:
		return UnitMonths
	}
	return UnitNone
}

// Label returns the unit in Danish after a number: "timer om ugen".
func (u Unit) Label() string {
	switch u {
	case UnitHoursPerWeek:
		return "timer om ugen"
	case UnitDaysPerWeek:
		return "dage om ugen"
	case UnitDaysPerYear:
		return "døgn om året"
	case UnitMonths:
		return "måneder"
	}
	return ""
}

// Scope is the decided scope (omfang) of a grant in its provision's unit,
// and the named offer or supplier where the caseworker gives one. Only the
// field of the provision's unit is set.
type Scope struct {
	HoursPerWeek *float64 `json:"hours_per_week,omitempty"`
	DaysPerWeek  *float64 `json:"days_per_week,omitempty"`
	DaysPerYear  *float64 `json:"days_per_year,omitempty"`
	Months       *float64 `json:"months,omitempty"`
	Offer        string   `json:"offer,omitempty"`
}

// IsZero reports whether nothing is decided about the scope.
func (s Scope) IsZero() bool {
	return s.HoursPerWeek == nil && s.DaysPerWeek == nil && s.DaysPerYear == nil && s.Months == nil && s.Offer == ""
}

// Amount returns the amount in unit u and whether it is set.
func (s Scope) Amount(u Unit) (float64, bool) {
	var p *float64
	switch u {
	case UnitHoursPerWeek:
		p = s.HoursPerWeek
	case UnitDaysPerWeek:
		p = s.DaysPerWeek
	case UnitDaysPerYear:
		p = s.DaysPerYear
	case UnitMonths:
		p = s.Months
	}
	if p == nil {
		return 0, false
	}
	return *p, true
}

// WithAmount returns s with the amount in unit u set to v.
func (s Scope) WithAmount(u Unit, v float64) Scope {
	switch u {
	case UnitHoursPerWeek:
		s.HoursPerWeek = &v
	case UnitDaysPerWeek:
		s.DaysPerWeek = &v
	case UnitDaysPerYear:
		s.DaysPerYear = &v
	case UnitMonths:
		s.Months = &v
	}
	return s
}

// CheckFor returns a Danish problem when s states an amount in another
// unit than the provision's, or an amount that cannot be.
func (s Scope) CheckFor(id ProvisionID) error {
	unit := id.Unit()
	for _, u := range []Unit{UnitHoursPerWeek, UnitDaysPerWeek, UnitDaysPerYear, UnitMonths} {
		v, ok := s.Amount(u)
		if !ok {
			continue
		}
		if u != unit {
			if unit == UnitNone {
				return fmt.Errorf("%s bevilges uden et antal %s", id.Law(), u.Label())
			}
			return fmt.Errorf("%s bevilges i %s, ikke i %s", id.Law(), unit.Label(), u.Label())
		}
		if v <= 0 {
			return fmt.Errorf("omfanget skal være over 0 %s (fik %s)", u.Label(), FormatNumber(v))
		}
		if max := u.max(); v > max {
			return fmt.Errorf("%s %s er mere end muligt (højst %s)", FormatNumber(v), u.Label(), FormatNumber(max))
		}
	}
	return nil
}

// max is the physical upper bound of an amount in u.
func (u Unit) max() float64 {
	switch u {
	case UnitHoursPerWeek:
		return 168
	case UnitDaysPerWeek:
		return 7
	case UnitDaysPerYear:
		return 366
	case UnitMonths:
		return 120
	}
	return 0
}

// Danish writes the scope for a letter or a screen: "2,5 timer om ugen
// (niveau moderat)", "3 dage om ugen", "48 døgn om året", with the named
// offer after it. tier is the level derived from the hours, if any.
func (s Scope) Danish(id ProvisionID, tier string) string {
	var parts []string
	if v, ok := s.Amount(id.Unit()); ok {
		text := FormatNumber(v) + " " + id.Unit().Label()
		if v == 1 {
			text = FormatNumber(v) + " " + singular(id.Unit())
		}
		if tier != "" && id.Unit() == UnitHoursPerWeek {
			text += " (niveau " + tier + ")"
		}
		parts = append(parts, text)
	} else if tier != "" {
		parts = append(parts, "niveau "+tier)
	}
	if s.Offer != "" {
		parts = append(parts, s.Offer)
	}
	return strings.Join(parts, ", ")
}

func singular(u Unit) string {
	switch u {
	case UnitHoursPerWeek:
		return "time om ugen"
	case UnitDaysPerWeek:
		return "dag om ugen"
	case UnitDaysPerYear:
		return "døgn om året"
	case UnitMonths:
		return "måned"
	}
	return ""
}
