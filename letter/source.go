package letter

import (
	"fmt"
	"strconv"
	"strings"
)

// source names the standard the decision rests on, so the citizen can
// look it up.
func (b *builder) source() {
	sec := Section{Heading: HeadingSource, Level: 1}
	if !b.covered() || b.p.Source == nil {
		sec.Blocks = []Block{
			para(fmt.Sprintf("Afgørelsen er truffet efter %s og %s serviceniveau:", b.lawRef(), b.genitive())),
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
	fs = append(fs, field("Lovgrundlag", basis))
	sec.Blocks = append(sec.Blocks,
		para(fmt.Sprintf("Afgørelsen er truffet efter %s og bygger på dette serviceniveau:", b.lawRef())),
		fields(fs...))
	if b.mu.Note != "" {
		sec.Blocks = append(sec.Blocks, para(b.mu.Note))
	}
	sec.Blocks = append(sec.Blocks, para("Du kan få kvalitetsstandarden ved at kontakte os."))
	b.add(sec)
}

func (b *builder) closing() {
	var contact string
	switch {
	case !b.covered():
		contact = placeholder("afdelingens kontaktoplysninger")
	case b.std.Contact != "":
		contact = b.std.Contact
	default:
		contact = strings.Join(b.l.Sender, ", ")
	}
	signature := []string{"Med venlig hilsen", "", placeholder("sagsbehandlerens navn")}
	switch {
	case !b.covered():
		signature = append(signature, placeholder("afdeling"))
	case b.std.Unit != "":
		signature = append(signature, b.std.Unit)
	}
	signature = append(signature, b.mu.Name)
	b.add(Section{Blocks: []Block{
		para(fmt.Sprintf("Har du spørgsmål til afgørelsen, er du velkommen til at kontakte os: %s.", strings.TrimSuffix(contact, "."))),
		lines(signature...),
	}})
}
