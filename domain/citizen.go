package domain

// Living is the citizen's housing situation, which decides which
// provisions and how many days a week a standard allows.
type Living string

// The living situations a case file may state.
const (
	OwnHome     Living = "own_home"    // private home, living alone or with a partner
	WithFamily  Living = "with_family" // at home with parents or other relatives
	Residential Living = "residential" // in a residential offer (botilbud)
	ABL105      Living = "abl105"      // almen bolig under almenboligloven § 105
)

// Livings lists every living situation in display order.
var Livings = []Living{OwnHome, WithFamily, Residential, ABL105}

// Valid reports whether l is one of the known living situations.
func (l Living) Valid() bool {
	for _, k := range Livings {
		if k == l {
			return true
		}
	}
	return false
}

// Label returns the Danish description of l.
func (l Living) Label() string {
	switch l {
	case OwnHome:
		return "eget hjem"
	case WithFamily:
		return "hjemme hos familie eller pårørende"
	case Residential:
		return "botilbud"
	case ABL105:
		return "almen bolig (almenboligloven § 105)"
	}
	return string(l)
}

// Phrase returns l as it reads after "bor": "i eget hjem", "i botilbud".
func (l Living) Phrase() string {
	switch l {
	case OwnHome:
		return "i eget hjem"
	case WithFamily:
		return "hjemme hos familie eller pårørende"
	case Residential:
		return "i botilbud"
	case ABL105:
		return "i almen bolig (almenboligloven § 105)"
	}
	return string(l)
}

// Citizen is the person the case is about. Either CPR or BirthDate is set;
// when CPR is set, BirthDate is derived from it.
type Citizen struct {
	Name      string `json:"name"`
	CPR       CPR    `json:"cpr,omitzero"`
	BirthDate Date   `json:"birth_date,omitzero"`
	Living    Living `json:"living"`
	Address   string `json:"address,omitempty"`
}

// Birth returns the citizen's date of birth, from the CPR number when known.
func (c Citizen) Birth() Date {
	if !c.CPR.IsZero() {
		return c.CPR.BirthDate()
	}
	return c.BirthDate
}

// MaskedID returns what lists may show to identify the citizen: the masked
// CPR number, or the birth date when there is none.
func (c Citizen) MaskedID() string {
	if !c.CPR.IsZero() {
		return c.CPR.Masked()
	}
	return c.BirthDate.Danish()
}
