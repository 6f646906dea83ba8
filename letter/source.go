package letter

import (
	"fmt"
	"strconv"
)

// source names the standard the decision rests on, so the citizen can
// look it up.
func (b *builder) source() {
	sec := Section{Heading: HeadingSource, Level: 1}
	if !b.covered() || b.p.Source == nil {
		sec.Blocks = []Block{
			para(fmt.Sprintf("Afgørelsen er truffet efter %s og %s serviceniveau:", b.lawCited(), b.genitive())),
			fields(field("Kvalitetsstandard", placeholder("titel, udsteder og årstal for kommunens kvalitetsstandard for "+b.title()))),
		}
		b.add(sec)
		return
	}
	src := b.p.Source
	year := "årstal ikke angivet"
	if src.Year != 0 {
		year = strconv.Itoa(src.Year)
	}
	fs := []Field{field("Titel", "»"+src.Title+"«"), field("Udstedt af", src.Issuer), field("Årstal", year)}
	if d := src.InForceDate(); !d.IsZero() {
		fs = append(fs, field("I kraft fra", d.DanishLong()))
	}
	basis := src.LegalBasis
	if basis == "" {
		basis = "ikke angivet i kvalitetsstandarden"
	}
	fs = append(fs, field("Kvalitetsstandardens lovgrundlag", basis))
	sec.Blocks = append(sec.Blocks,
		para(fmt.Sprintf("Afgørelsen er truffet efter %s og bygger på dette serviceniveau:", b.lawCited())),
		fields(fs...))
	if src.LegalBasis != "" {
		sec.Blocks = append(sec.Blocks, para("Kvalitetsstandarden henviser til den udgave af serviceloven, der gjaldt, da den blev vedtaget. Afgørelsen er truffet efter den gældende lov."))
	}
	if b.mu.Note != "" {
		sec.Blocks = append(sec.Blocks, para(b.mu.Note))
	}
	sec.Blocks = append(sec.Blocks, para("Du kan få kvalitetsstandarden ved at kontakte os."))
	b.add(sec)
}

// closing gives the caseworker's contact details and signs with the
// caseworker's name and title from the profile.
func (b *builder) closing() {
	phone, email := b.contact()
	p := b.in.Profile
	signature := []string{"Med venlig hilsen", "", orFill("sagsbehandlerens navn", p.Name)}
	signature = append(signature, orFill("sagsbehandlerens titel", p.Title), b.unit(), b.mu.Name)
	b.add(Section{Blocks: []Block{
		para(fmt.Sprintf("Har du spørgsmål til afgørelsen, er du velkommen til at kontakte mig på telefon %s eller e-mail %s.", phone, email)),
		lines(signature...),
	}})
}
