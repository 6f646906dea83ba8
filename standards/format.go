package standards

import (
	"fmt"

	"github.com/vumdk/vum/domain"
)

// hoursText writes hours the Danish way: 2,5 rather than 2.5.
func hoursText(h float64) string { return domain.FormatNumber(h) }

// Text describes the tier's hours in Danish, e.g. "over 1 og op til og med
// 4 timer om ugen".
func (t Tier) Text() string {
	return HoursRange{Min: deref(t.HoursMin), Max: t.HoursMax}.Text()
}

// Text describes the range in Danish, e.g. "op til og med 1 time om ugen".
func (h HoursRange) Text() string {
	switch {
	case h.Max == nil:
		return fmt.Sprintf("over %s timer om ugen", hoursText(h.Min))
	case h.Min == 0:
		return fmt.Sprintf("op til og med %s time%s om ugen", hoursText(*h.Max), plural(*h.Max))
	}
	return fmt.Sprintf("over %s og op til og med %s timer om ugen", hoursText(h.Min), hoursText(*h.Max))
}
