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
		sec.Blocks = append(sec.Blocks, para(fmt.Sprintf("%s kvalitetsstandard oplyser ikke, om der er egenbetaling. %s",
			b.genitive(), placeholder("egenbetaling, hvis der er nogen"))))
	case *p.UserPayment:
		sec.Blocks = append(sec.Blocks, para(fmt.Sprintf("Der er egenbetaling for %s. Egenbetalingen fastsættes efter de gældende regler: %s",
			b.title(), placeholder("beløb, eller henvisning til særskilt afgørelse om egenbetaling"))))
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
		sec.Blocks = append(sec.Blocks, para(fmt.Sprintf("Holder du ferie med tilbuddet, betaler tilbuddet for personalet i op til %d dage om året.", *p.HolidayDaysPerYear)))
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
