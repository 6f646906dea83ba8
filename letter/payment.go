package letter

import (
	"fmt"
)

func (b *builder) payment() {
	sec := Section{Heading: HeadingPayment, Level: 1}
	if !b.covered() {
		sec.Blocks = []Block{para(placeholder("egenbetaling og de udgifter, borgeren selv betaler, efter kommunens serviceniveau"))}
		b.add(sec)
		return
	}
	p := b.p
	switch {
	case p.UserPayment == nil:
		// The standard only lists own costs, or states nothing: no
		// sentence about egenbetaling either way.
		if len(p.UserCosts) == 0 && len(p.MunicipalityPays) == 0 && p.HolidayDaysPerYear == nil {
			return
		}
	case *p.UserPayment:
		sec.Blocks = append(sec.Blocks, para(fmt.Sprintf("Der er egenbetaling for %s. Den fastsættes efter de gældende regler, og du får en særskilt afgørelse om den.", b.title())))
	default:
		sec.Blocks = append(sec.Blocks, para(fmt.Sprintf("Der er ingen egenbetaling for %s.", b.title())))
	}
	if len(p.UserCosts) > 0 {
		sec.Blocks = append(sec.Blocks, para("Du skal selv betale:"), list(p.UserCosts...))
	}
	if len(p.MunicipalityPays) > 0 {
		sec.Blocks = append(sec.Blocks, para("Kommunen betaler:"), list(p.MunicipalityPays...))
	}
	if p.HolidayDaysPerYear != nil {
		sec.Blocks = append(sec.Blocks, para(fmt.Sprintf("Holder du ferie i Danmark med tilbuddet, betaler tilbuddet for personalet i op til %d dage om året. Dine egne udgifter til ferien betaler du selv.", *p.HolidayDaysPerYear)))
	}
	if p.HolidayNote != "" {
		sec.Blocks = append(sec.Blocks, para(p.HolidayNote))
	}
	b.add(sec)
}

func (b *builder) duties() {
	sec := Section{Heading: HeadingDuties, Level: 1}
	if !b.covered() {
		sec.Blocks = []Block{para(placeholder("borgerens pligter efter kommunens serviceniveau, hvis der er nogen"))}
		b.add(sec)
		return
	}
	p := b.p
	if len(p.CitizenDuties) > 0 {
		sec.Blocks = append(sec.Blocks, para(fmt.Sprintf("Efter %s kvalitetsstandard gælder:", b.genitive())), list(p.CitizenDuties...))
	}
	if len(p.EndsWhen) > 0 {
		sec.Blocks = append(sec.Blocks, para("Ydelsen ophører, når:"), list(p.EndsWhen...))
	}
	if len(sec.Blocks) > 0 {
		b.add(sec)
	}
}
