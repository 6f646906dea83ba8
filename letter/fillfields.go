package letter

import (
	"fmt"
	"strings"

	"github.com/vumdk/vum/domain"
)

// FillField is one field of Fill that the caseworker can complete for
// this letter in vum: its key, its Danish label, whether it takes several
// lines, and whether the letter lacks it now.
type FillField struct {
	Key   string
	Label string
	Long  bool
	Open  bool
}

// The keys of the fields of Fill, as in its JSON.
const (
	FillUnit             = "unit"
	FillAddress          = "address"
	FillPhone            = "phone"
	FillEmail            = "email"
	FillComplaintAddress = "complaint_address"
	FillCitizenAddress   = "citizen_address"
	FillCitizenView      = "citizen_view"
	FillConsiderations   = "considerations"
	FillOffer            = "offer"
	FillTransport        = "transport"
	FillAlternatives     = "alternatives"
	FillHearingDone      = "hearing_done"
	FillHearingNotNeeded = "hearing_not_needed"
)

// fillFields lists the fields this letter uses, in reading order: the
// ones every letter has, the ones its kind needs, and the sender's
// settings only where the municipality has none.
func (b *builder) fillFields() []FillField {
	f := b.in.Fill
	var out []FillField
	add := func(key, label string, long, open bool) {
		out = append(out, FillField{Key: key, Label: label, Long: long, Open: open})
	}
	left := map[string]bool{}
	for _, p := range b.l.Placeholders() {
		left[p] = true
	}
	lacks := func(what string) bool { return left[placeholder(what)] }
	// The sender's settings appear only where the letter lacks them or
	// the caseworker has set them.
	for _, s := range []struct{ key, what, label, value string }{
		{FillUnit, "afdeling", "Afdeling, der træffer afgørelsen", f.Unit},
		{FillAddress, "afdelingens adresse", "Afdelingens adresse", f.Address},
		{FillPhone, "telefonnummer", "Afdelingens telefon", f.Phone},
		{FillEmail, "e-mail", "Afdelingens e-mail", f.Email},
		{FillComplaintAddress, "adresse for klager", "Adresse for klager", f.ComplaintAddress},
	} {
		if lacks(s.what) || s.value != "" {
			add(s.key, s.label, false, lacks(s.what))
		}
	}
	add(FillCitizenAddress, "Borgerens adresse", false, lacks("borgerens adresse"))
	add(FillCitizenView, "Borgerens egen vurdering", true, !b.citizenViewGiven())
	if b.discretion() {
		add(FillConsiderations, "Hovedhensyn (de hensyn, afgørelsen bygger på)", true, !b.considered())
	}
	if b.grants() {
		if strings.TrimSpace(b.dec.Scope.Offer) == "" {
			add(FillOffer, "Det konkrete tilbud", false, lacks("det konkrete tilbud"))
		}
		add(FillTransport, "Kørsel (afgørelsen om transport)", true, false)
	}
	if b.kind == KindRefusal || b.kind == KindPartial || b.kind == KindTermination {
		add(FillAlternatives, "Anden hjælp (retssikkerhedslovens § 5)", true, strings.TrimSpace(f.Alternatives) == "")
	}
	if b.needsHearing() {
		open := !f.Hearing.Stated()
		add(FillHearingDone, "Partshøring foretaget den (DD-MM-ÅÅÅÅ)", false, open)
		add(FillHearingNotNeeded, "… eller hvorfor partshøring ikke var nødvendig", true, open)
	}
	return out
}

// FillFields returns the fields of Fill this letter uses, marking the
// ones it still lacks.
func (l *Letter) FillFields() []FillField { return l.fillFields }

// FillValue returns a field of the fill as the caseworker types it.
func FillValue(f Fill, key string) string {
	switch key {
	case FillHearingDone:
		if f.Hearing.Done.IsZero() {
			return ""
		}
		return f.Hearing.Done.Danish()
	case FillHearingNotNeeded:
		return f.Hearing.NotNeeded
	}
	if p := fillText(&f, key); p != nil {
		return *p
	}
	return ""
}

// SetFillValue sets a field of the fill from what the caseworker typed;
// an empty value clears it. A date that cannot be read is refused with a
// Danish message, and the fill is not changed.
func SetFillValue(f *Fill, key, value string) error {
	value = strings.TrimSpace(value)
	switch key {
	case FillHearingDone:
		if value == "" {
			f.Hearing.Done = domain.Date{}
			return nil
		}
		d, err := domain.ParseDanishDate(value)
		if err != nil {
			return err
		}
		f.Hearing.Done = d
		return nil
	case FillHearingNotNeeded:
		f.Hearing.NotNeeded = value
		return nil
	}
	p := fillText(f, key)
	if p == nil {
		return fmt.Errorf("brevet har intet felt %q", key)
	}
	*p = value
	return nil
}

func fillText(f *Fill, key string) *string {
	switch key {
	case FillUnit:
		return &f.Unit
	case FillAddress:
		return &f.Address
	case FillPhone:
		return &f.Phone
	case FillEmail:
		return &f.Email
	case FillComplaintAddress:
		return &f.ComplaintAddress
	case FillCitizenAddress:
		return &f.CitizenAddress
	case FillCitizenView:
		return &f.CitizenView
	case FillConsiderations:
		return &f.Considerations
	case FillOffer:
		return &f.Offer
	case FillTransport:
		return &f.Transport
	case FillAlternatives:
		return &f.Alternatives
	}
	return nil
}
