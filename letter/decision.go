package letter

import (
	"fmt"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
)

// decision states what is granted or refused.
func (b *builder) decision() {
	sec := Section{Heading: HeadingDecision, Level: 1}
	if b.dec.Refused {
		sec.Blocks = append(sec.Blocks,
			para(fmt.Sprintf("Du får afslag på din %s om %s efter %s.", b.request(), b.title(), b.lawRef())),
			para("Begrundelsen for afslaget står nedenfor."))
		b.add(sec)
		return
	}
	sec.Blocks = append(sec.Blocks, para(fmt.Sprintf("Du får bevilget %s efter %s.", b.title(), b.lawRef())))
	fs := []Field{field("Ydelse", fmt.Sprintf("%s (%s)", b.law.Title, b.lawRef()))}
	if v, ok := b.scope(); ok {
		fs = append(fs, field("Omfang", v))
	}
	fs = append(fs, field("Start", dateOr(b.start, "startdato")))
	if b.covered() && b.p.DurationMaxMonths != nil {
		n := *b.p.DurationMaxMonths
		v := fmt.Sprintf("højst %d måneder", n)
		if !b.start.IsZero() {
			v += ", dvs. til senest " + b.start.AddMonths(n).DanishLong()
		}
		fs = append(fs, field("Varighed", v))
	}
	fs = append(fs, field("Leverandør", b.supplier()), field("Frit valg af leverandør", b.freeChoice()))
	fs = append(fs, field("Første opfølgning", dateOr(b.followUpDue(), "dato for første opfølgning")))
	sec.Blocks = append(sec.Blocks, fields(fs...))
	b.add(sec)
}

func dateOr(d domain.Date, what string) string {
	if d.IsZero() {
		return placeholder(what)
	}
	return d.DanishLong()
}

// scope describes how much is granted: the tier with its hours a week,
// days a week by the citizen's living situation, or days a year.
func (b *builder) scope() (string, bool) {
	if !b.covered() {
		v := placeholder("omfang efter kommunens serviceniveau")
		if b.dec.Tier != "" {
			v = fmt.Sprintf("niveau %s, %s", b.dec.Tier, v)
		}
		return v, true
	}
	p := b.p
	switch {
	case b.tier != nil:
		return fmt.Sprintf("%s støtte, %s", b.tier.Name, b.tier.Text()), true
	case len(p.Tiers) > 0:
		return placeholder("niveau: " + tierNames(p.Tiers)), true
	}
	if n, ok := p.DaysPerWeekByLiving[string(b.cf.Citizen.Living)]; ok {
		return fmt.Sprintf("op til %d dage om ugen, da du bor %s", n, b.cf.Citizen.Living.Phrase()), true
	}
	if p.DaysPerWeekMax != nil {
		return fmt.Sprintf("%s dage om ugen (kommunens serviceniveau: %s dage om ugen)",
			placeholder("antal"), dayRange(p.DaysPerWeekMin, *p.DaysPerWeekMax)), true
	}
	if p.DaysPerYearMax != nil {
		return fmt.Sprintf("op til %d døgn om året", *p.DaysPerYearMax), true
	}
	if b.law.ID == domain.SEL85 {
		// Gentofte's § 85 has no hour tiers: the scope is set case by case.
		return placeholder("omfang og form; kvalitetsstandarden fastsætter ingen timeniveauer"), true
	}
	return "", false
}

func tierNames(tiers []standards.Tier) string {
	names := make([]string, len(tiers))
	for i, t := range tiers {
		names[i] = t.Name
	}
	return joinOr(names)
}

func dayRange(lo *int, hi int) string {
	if lo == nil {
		return fmt.Sprintf("op til %d", hi)
	}
	return fmt.Sprintf("%d-%d", *lo, hi)
}

func (b *builder) supplier() string {
	if !b.covered() || b.p.Supplier == "" {
		return placeholder("leverandør")
	}
	return b.p.Supplier
}

func (b *builder) freeChoice() string {
	if !b.covered() || b.p.FreeChoice == nil {
		return placeholder("om der er frit valg af leverandør")
	}
	v := "Nej"
	if *b.p.FreeChoice {
		v = "Ja"
	}
	if b.p.FreeChoiceNote != "" {
		v += ". " + b.p.FreeChoiceNote
	}
	return v
}

// followUpDue returns the first follow-up date: the decision's own, or
// else the latest the standard allows from the start.
func (b *builder) followUpDue() domain.Date {
	if !b.dec.FollowUpDue.IsZero() || !b.covered() || b.start.IsZero() {
		return b.dec.FollowUpDue
	}
	due, _ := b.p.FirstFollowUp(b.start)
	return due
}
