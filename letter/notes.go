package letter

import (
	"github.com/vumdk/vum/domain"
)

// caseworkerNotes lists what the caseworker must check or fill in.
func (b *builder) caseworkerNotes() {
	if !b.covered() {
		b.note("%s har ingen kvalitetsstandard for %s (%s) i vum. Serviceniveauet er ikke lånt fra en anden kommune: udfyld omfang, leverandør, betaling, opfølgning, klageadresse og kvalitetsstandard efter kommunens egne regler.",
			b.mu.Name, b.law.Law, b.law.Title)
	}
	if or(b.in.Fill.CitizenAddress, b.cf.Citizen.Address) == "" {
		b.note("Borgerens adresse står ikke i sagen.")
	}
	if b.covered() && b.grants() && !b.p.FollowUp().Stated() {
		b.note("Kvalitetsstandarden angiver intet opfølgningsinterval; opfølgningsdatoen er sagsbehandlerens.")
	}
	if b.covered() && b.grants() && b.p.DurationMaxMonths != nil && !b.start.IsZero() {
		end := b.start.AddMonths(*b.p.DurationMaxMonths)
		if due := b.followUpDue(); due.After(end) {
			b.note("Første opfølgning (%s) ligger efter forløbets længste varighed (til %s); overvej en tidligere dato.", due.DanishLong(), end.DanishLong())
		}
	}
	if b.covered() {
		b.ageNotes()
		b.appealNotes()
	}
	if b.mu.Note != "" && b.covered() && b.std.ID != b.mu.ID {
		b.note("%s Afdeling, adresse og klageadresse er %s egne og lånes ikke fra kataloget; sæt dem i kommunens indstillinger eller udfyld dem her.", b.mu.Note, b.genitive())
	}
	if missing := b.l.Missing(); len(missing) > 0 {
		names := make([]string, len(missing))
		for i, c := range missing {
			names[i] = c.Element
		}
		b.note("UDKAST: brevet mangler %s og kan ikke sendes som endelig afgørelse endnu.", joinAnd(names))
	}
	if n := len(b.l.Placeholders()); n > 0 {
		b.note("Udkastet har %d felt%s markeret UDFYLD, som skal udfyldes før afsendelse.", n, pluralT(n))
	}
}

func pluralT(n int) string {
	if n == 1 {
		return ""
	}
	return "er"
}

func (b *builder) ageNotes() {
	p := b.p
	if b.cf.Citizen.Birth().IsZero() || b.cf.ApplicationDate.IsZero() {
		return
	}
	age := b.cf.AgeAtApplication()
	note := ""
	if p.AgeNote != "" {
		note = " " + p.AgeNote
	}
	if p.AgeMin != nil && age < *p.AgeMin {
		b.note("Borgeren var %d år ved ansøgningen; kvalitetsstandarden gælder%s borgere fra %d år.", age, note, *p.AgeMin)
	}
	if p.AgeMax != nil && age > *p.AgeMax {
		b.note("Borgeren var %d år ved ansøgningen; kvalitetsstandarden gælder%s borgere op til %d år.", age, note, *p.AgeMax)
	}
	if p.AgeMaxPension && !b.cf.ApplicationDate.Before(domain.PensionDate(b.cf.Citizen.Birth())) {
		b.note("Borgeren havde nået folkepensionsalderen ved ansøgningen; %s gives kun til borgere under den.", b.law.Law)
	}
}
