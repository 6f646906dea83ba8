package domain

import (
	"fmt"
	"strings"
)

// LetterFill is what the caseworker completes in vum so that a decision
// letter needs no editing afterwards: the sender's settings where the
// municipality has none, the citizen's address and own view, the main
// considerations, the concrete offer, the transport decision, other help
// and the hearing. Every field is optional; an empty one leaves the
// letter's field to fill in.
type LetterFill struct {
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
	Hearing LetterHearing `json:"hearing,omitzero"`
	// HearingDeadline is the answer date a partshøring letter gives.
	HearingDeadline Date `json:"hearing_deadline,omitzero"`
}

// LetterHearing records the partshøring before the decision: the day the
// citizen was heard, or why no hearing was needed.
type LetterHearing struct {
	Done      Date   `json:"done,omitzero"`
	NotNeeded string `json:"not_needed,omitempty"`
}

// Stated reports whether the hearing is accounted for.
func (h LetterHearing) Stated() bool {
	return !h.Done.IsZero() || strings.TrimSpace(h.NotNeeded) != ""
}

// Over returns f with every field over sets replaced by over's value:
// a fill given for one letter on top of the fill stored with the case.
func (f LetterFill) Over(over LetterFill) LetterFill {
	set := func(dst *string, v string) {
		if strings.TrimSpace(v) != "" {
			*dst = v
		}
	}
	set(&f.Unit, over.Unit)
	set(&f.Address, over.Address)
	set(&f.Phone, over.Phone)
	set(&f.Email, over.Email)
	set(&f.ComplaintAddress, over.ComplaintAddress)
	set(&f.CitizenAddress, over.CitizenAddress)
	set(&f.CitizenView, over.CitizenView)
	set(&f.Considerations, over.Considerations)
	set(&f.Offer, over.Offer)
	set(&f.Transport, over.Transport)
	set(&f.Alternatives, over.Alternatives)
	if over.Hearing.Stated() {
		f.Hearing = over.Hearing
	}
	if !over.HearingDeadline.IsZero() {
		f.HearingDeadline = over.HearingDeadline
	}
	return f
}

// LetterFilled stores a letter's fill with the case: the fill for the
// letter on decision event Event. The newest one for an event is the
// letter's whole fill.
type LetterFilled struct {
	Event int        `json:"event"`
	Fill  LetterFill `json:"fill"`
}

// IsDecision reports whether the event is a decision a letter is written
// for: a grant, a refusal, a change of scope or a termination.
func (e Event) IsDecision() bool {
	switch e.Kind {
	case EventGrant, EventRefusal, EventChange, EventTermination:
		return true
	}
	return false
}

// LetterFill returns the fill stored for the letter on decision event
// seq; ok is false when none is stored.
func (c Case) LetterFill(seq int) (f LetterFill, ok bool) {
	for i := len(c.Events) - 1; i >= 0; i-- {
		if e := c.Events[i]; e.Kind == EventLetter && e.Letter != nil && e.Letter.Event == seq {
			return e.Letter.Fill, true
		}
	}
	return LetterFill{}, false
}

// LetterFillEvent stores fill with the letter on decision event seq.
func (c Case) LetterFillEvent(seq int, fill LetterFill) (Event, error) {
	e := Event{Kind: EventLetter, Letter: &LetterFilled{Event: seq, Fill: fill}}
	if err := c.checkLetter(e.Letter, c.Version+1); err != nil {
		return Event{}, err
	}
	return e, nil
}

// checkLetter refuses a fill, recorded as event seq, for an event that is
// not an earlier decision of the case.
func (c *Case) checkLetter(l *LetterFilled, seq int) error {
	if l == nil {
		return errMissing("letter")
	}
	if l.Event < 1 || l.Event >= seq || l.Event > len(c.Events) || !c.Events[l.Event-1].IsDecision() {
		return fmt.Errorf("hændelse %d er ikke en afgørelse på sagen; brevets felter hører til en afgørelse", l.Event)
	}
	return nil
}
