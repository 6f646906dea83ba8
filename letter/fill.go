package letter

import (
	"strings"

	"github.com/vumdk/vum/domain"
)

// Fill is what the caseworker completes in vum so that a letter needs no
// editing afterwards: the sender's settings where the municipality has
// none, the citizen's address and own view, the main considerations, the
// concrete offer, the transport decision, other help and the hearing.
// Every field is optional; an empty one leaves the letter's UDFYLD field.
type Fill struct {
	Unit             string `json:"unit,omitempty"`
	Address          string `json:"address,omitempty"`
	Phone            string `json:"phone,omitempty"`
	Email            string `json:"email,omitempty"`
	ComplaintAddress string `json:"complaint_address,omitempty"`

	CitizenAddress string `json:"citizen_address,omitempty"`
	CitizenView    string `json:"citizen_view,omitempty"`
	// Considerations are the main considerations (hovedhensyn) where the
	// decision rests on discretion (forvaltningsloven § 24, stk. 1).
	Considerations string `json:"considerations,omitempty"`
	// Offer is the concrete offer or supplier, when the decision does not
	// name one.
	Offer string `json:"offer,omitempty"`
	// Transport is the decision on transport, where the standard leaves it
	// to a concrete assessment.
	Transport string `json:"transport,omitempty"`
	// Alternatives is the other help considered (retssikkerhedsloven § 5)
	// for a refusal, a partial refusal or a termination.
	Alternatives string `json:"alternatives,omitempty"`
	// Hearing is the partshøring (forvaltningsloven § 19).
	Hearing Hearing `json:"hearing,omitzero"`
	// HearingDeadline is the answer date a partshøring letter gives
	// (default HearingWeeks from the letter's date).
	HearingDeadline domain.Date `json:"hearing_deadline,omitzero"`
}

// Hearing records the partshøring before the decision: the day the
// citizen was heard, or why no hearing was needed.
type Hearing struct {
	Done      domain.Date `json:"done,omitzero"`
	NotNeeded string      `json:"not_needed,omitempty"`
}

// Stated reports whether the hearing is accounted for.
func (h Hearing) Stated() bool { return !h.Done.IsZero() || strings.TrimSpace(h.NotNeeded) != "" }

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
