package letter

import (
	"fmt"
	"strings"
)

// header fills the sender, the recipient, the reference fields and the
// subject line. The unit and its address are the municipality's own
// settings (or the caseworker's fill), never those of another
// municipality sharing the standard.
func (b *builder) header() {
	l := b.l
	l.Municipality = b.mu.Name
	l.Sender = append([]string{b.unit()}, splitAddress(b.senderAddress())...)
	c := b.cf.Citizen
	address := orFill("borgerens adresse", b.in.Fill.CitizenAddress, c.Address)
	l.Recipient = append([]string{c.Name}, splitAddress(address)...)
	l.CaseID = strings.TrimSpace(b.in.CaseID)
	if l.CaseID == "" {
		l.CaseID = placeholder("sagsnummer")
	}
	l.Facts = []Field{field("Dato", b.in.Today.DanishLong()), field("Sagsnummer", l.CaseID)}
	if !c.CPR.IsZero() {
		l.Facts = append(l.Facts, field("CPR-nummer", c.CPR.String()))
	} else if !c.BirthDate.IsZero() {
		l.Facts = append(l.Facts, field("Fødselsdato", c.BirthDate.DanishLong()))
	} else {
		l.Facts = append(l.Facts, field("CPR-nummer", placeholder("CPR-nummer")))
	}
	switch b.kind {
	case KindPartial:
		l.Subject = fmt.Sprintf("Afgørelse om %s efter %s – delvis afslag", b.title(), b.lawRef())
	case KindRefusal:
		l.Subject = fmt.Sprintf("Afgørelse om afslag på %s efter %s", b.title(), b.lawRef())
	case KindChange:
		l.Subject = fmt.Sprintf("Afgørelse om ændring af %s efter %s", b.title(), b.lawRef())
	case KindTermination:
		l.Subject = fmt.Sprintf("Afgørelse om ophør af %s efter %s", b.title(), b.lawRef())
	default:
		l.Subject = fmt.Sprintf("Afgørelse om %s efter %s", b.title(), b.lawRef())
	}
}

// splitAddress breaks an address written on one line at its commas, as
// it would stand on an envelope.
func splitAddress(a string) []string {
	var out []string
	for _, part := range strings.Split(a, "\n") {
		for _, s := range strings.Split(part, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// noVisitation reports whether the citizen turns to the offer directly,
// without an application.
func (b *builder) noVisitation() bool {
	return b.covered() && b.p.Visitation != nil && !*b.p.Visitation
}

func (b *builder) opening() {
	if b.kind == KindTermination || b.kind == KindChange {
		text := fmt.Sprintf("Vi har truffet afgørelse om %s efter %s.", b.yours(), b.lawRef())
		b.add(Section{Blocks: []Block{para("Kære " + b.cf.Citizen.Name), para(text)}})
		return
	}
	applied := "Du har søgt om hjælp"
	if b.noVisitation() {
		applied = "Du har henvendt dig om hjælp"
	}
	if d := b.cf.ApplicationDate; !d.IsZero() {
		applied += " den " + d.DanishLong()
	}
	text := applied + ", og vi har nu truffet afgørelse i din sag."
	if b.method != nil && b.method.Name != "" && len(b.cf.Assessment.Themes) > 0 {
		if b.cf.Assessment.CompletenessUnder(b.method).Partial() {
			// Fewer than half of the themes assessed: not a full assessment.
			text += fmt.Sprintf(" Afgørelsen bygger på de dele af din situation, vi har vurderet efter %s (se nedenfor).", b.method.Name)
		} else {
			text += fmt.Sprintf(" Afgørelsen bygger på udredningen af din situation efter %s.", b.method.Name)
		}
	}
	blocks := []Block{para("Kære " + b.cf.Citizen.Name), para(text)}
	if late := b.targetPassed(); late != "" {
		blocks = append(blocks, para(late))
	}
	b.add(Section{Blocks: blocks})
}

// targetPassed apologises when the decision came after the municipality's
// case-processing target (retssikkerhedsloven § 3, stk. 2), or is "".
func (b *builder) targetPassed() string {
	if !b.covered() || b.cf.ApplicationDate.IsZero() || b.dec.Date.IsZero() {
		return ""
	}
	due, text, ok := b.p.DecisionDeadline(b.cf.ApplicationDate)
	if !ok || !b.dec.Date.After(due) {
		return ""
	}
	return fmt.Sprintf("Vi beklager, at afgørelsen kommer efter kommunens frist for sagsbehandlingen på %s fra din %s (retssikkerhedslovens § 3, stk. 2).", text, b.request())
}

func (b *builder) request() string {
	if b.noVisitation() {
		return "henvendelse"
	}
	return "ansøgning"
}
