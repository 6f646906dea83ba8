package letter

import (
	"strings"

	"github.com/vumdk/vum/domain"
)

// Fill is what the caseworker completes in vum so that a letter needs no
// editing afterwards (see domain.LetterFill); a case keeps it with the
// decision, and Build uses the stored fill under the one it is given.
type Fill = domain.LetterFill

// Hearing records the partshøring before the decision.
type Hearing = domain.LetterHearing

// or returns the first non-empty value.
func or(values ...string) string {
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// orFill returns the first non-empty value, or a placeholder for what.
func orFill(what string, values ...string) string {
	if v := or(values...); v != "" {
		return v
	}
	return placeholder(what)
}

// unit returns the unit that decides: the caseworker's fill, else the
// municipality's setting. A provision the municipality's standard does
// not cover may be decided elsewhere, so its unit is never assumed.
func (b *builder) unit() string {
	if b.covered() {
		return orFill("afdeling", b.in.Fill.Unit, b.mu.Unit)
	}
	return orFill("afdeling", b.in.Fill.Unit)
}

func (b *builder) senderAddress() string {
	if b.covered() {
		return orFill("afdelingens adresse", b.in.Fill.Address, b.mu.Address)
	}
	return orFill("afdelingens adresse", b.in.Fill.Address)
}

// complaintAddress is where a complaint goes: the caseworker's fill, the
// municipality's setting, never another municipality's.
func (b *builder) complaintAddress() string {
	return orFill("adresse for klager", b.in.Fill.ComplaintAddress, b.mu.ComplaintAddress)
}

// contact returns the phone and e-mail a citizen uses: the caseworker's
// own, else the unit's.
func (b *builder) contact() (phone, email string) {
	p := b.in.Profile
	phone = orFill("telefonnummer", p.Phone, b.in.Fill.Phone, b.mu.Phone)
	email = orFill("e-mail", p.Email, b.in.Fill.Email, b.mu.Email)
	return phone, email
}
