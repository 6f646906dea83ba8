package domain

import (
	"strings"
	"time"
)

// EventKind names what happened on a case. A case is the history of its
// events; its current state is derived from them and nothing is changed
// once recorded.
type EventKind string

// The kinds of event a case history holds.
const (
	EventOpened      EventKind = "opened"      // the case was started: citizen, municipality, application
	EventAssessment  EventKind = "assessment"  // a VUM assessment (first or reassessment)
	EventGrant       EventKind = "grant"       // a grant (bevilling), possibly below the need
	EventRefusal     EventKind = "refusal"     // an application refused (afslag)
	EventChange      EventKind = "change"      // a grant's scope changed
	EventTermination EventKind = "termination" // a grant ended (ophør)
	EventFollowUp    EventKind = "follow_up"   // a follow-up carried out on a grant
	EventCorrection  EventKind = "correction"  // the citizen's details corrected
	EventHandover    EventKind = "handover"    // the case handed to another caseworker
	EventLetter      EventKind = "letter"      // a decision letter's fields filled in
)

// Label returns the kind in Danish, for histories and the audit trail.
func (k EventKind) Label() string {
	switch k {
	case EventOpened:
		return "sag oprettet"
	case EventAssessment:
		return "udredning"
	case EventGrant:
		return "bevilling"
	case EventRefusal:
		return "afslag"
	case EventChange:
		return "ændring af omfang"
	case EventTermination:
		return "ophør"
	case EventFollowUp:
		return "opfølgning"
	case EventCorrection:
		return "rettelse af oplysninger"
	case EventHandover:
		return "overdragelse"
	case EventLetter:
		return "brev udfyldt"
	}
	return string(k)
}

// Event is one recorded step in a case. Seq numbers a case's events from 1;
// the case's version is the Seq of its last event. Exactly one of the
// pointers is set, matching Kind.
type Event struct {
	Seq      int       `json:"seq"`
	Kind     EventKind `json:"kind"`
	Recorded time.Time `json:"recorded"`
	User     string    `json:"user"`
	// Grant is the grant the event concerns (grant, change, termination,
	// follow-up).
	Grant string `json:"grant,omitempty"`

	Opening     *Opening         `json:"opening,omitempty"`
	Assessment  *AssessmentEvent `json:"assessment,omitempty"`
	Decision    *Decision        `json:"decision,omitempty"`
	Termination *Termination     `json:"termination,omitempty"`
	FollowUp    *FollowUp        `json:"follow_up,omitempty"`
	Correction  *Correction      `json:"correction,omitempty"`
	Handover    *Handover        `json:"handover,omitempty"`
	Letter      *LetterFilled    `json:"letter,omitempty"`
}

// Handover hands a case to another responsible caseworker. From and To
// are the caseworkers' user names (database roles on a shared store).
type Handover struct {
	From   string `json:"from"`
	To     string `json:"to"`
	Reason string `json:"reason,omitempty"`
}

// Opening is what a case starts with.
type Opening struct {
	Municipality    string  `json:"municipality"`
	Citizen         Citizen `json:"citizen"`
	ApplicationDate Date    `json:"application_date"`
}

// Assessment kinds.
const (
	FirstAssessment = "første"
	Reassessment    = "revurdering"
)

// AssessmentEvent is a VUM assessment as it was recorded on a day. Living
// is set when the citizen's living situation changed at a reassessment.
type AssessmentEvent struct {
	Date       Date       `json:"date"`
	Kind       string     `json:"kind"`
	Assessment Assessment `json:"assessment"`
	Goals      []string   `json:"goals,omitempty"`
	Living     Living     `json:"living,omitempty"`
	// Method and MethodVersion are the assessment method it was made
	// under; empty in histories from before methods were recorded, which
	// were all made under VUM's original method.
	Method        string `json:"method,omitempty"`
	MethodVersion string `json:"method_version,omitempty"`
}

// Termination ends a grant (ophør): decided on Date, the grant's last day
// is End.
type Termination struct {
	Provision ProvisionID `json:"provision"`
	Date      Date        `json:"date"`
	End       Date        `json:"end"`
	Reason    string      `json:"reason"`
}

// Outcome is what a follow-up concluded for its grant.
type Outcome string

// Follow-up outcomes.
const (
	OutcomeContinue Outcome = "continue" // the grant goes on as it is
	OutcomeChange   Outcome = "change"   // the scope changes (a change event follows)
	OutcomeEnd      Outcome = "end"      // the grant ends (a termination follows)
	// OutcomeEndReassess ends the grant and opens a new assessment: the
	// need, the target group or the kind of offer has changed.
	OutcomeEndReassess Outcome = "end_reassess"
)

// Label returns the outcome in Danish.
func (o Outcome) Label() string {
	switch o {
	case OutcomeContinue:
		return "fortsætter uændret"
	case OutcomeChange:
		return "omfanget ændres"
	case OutcomeEnd:
		return "ophører"
	case OutcomeEndReassess:
		return "ophører, ny udredning"
	}
	return string(o)
}

// Valid reports whether o is a known outcome.
func (o Outcome) Valid() bool {
	return o == OutcomeContinue || o == OutcomeChange || o == OutcomeEnd || o == OutcomeEndReassess
}

// Ends reports whether the outcome ends the grant.
func (o Outcome) Ends() bool { return o == OutcomeEnd || o == OutcomeEndReassess }

// FollowUp is a follow-up carried out on one grant.
type FollowUp struct {
	Provision  ProvisionID `json:"provision"`
	Due        Date        `json:"due"`
	Done       Date        `json:"done"`
	Outcome    Outcome     `json:"outcome"`
	Note       string      `json:"note,omitempty"`
	Reassessed bool        `json:"reassessed,omitempty"`
	// Next is the next follow-up; zero when the grant ends.
	Next     Date   `json:"next,omitzero"`
	NextNote string `json:"next_note,omitempty"`
}

// Correction changes the citizen's details, the case's municipality or
// application date, with the reason.
type Correction struct {
	Date    Date          `json:"date"`
	Changes []FieldChange `json:"changes"`
	Reason  string        `json:"reason"`
}

// FieldChange is one corrected field with its value before and after.
type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// The fields a correction may change.
const (
	FieldName         = "name"
	FieldCPR          = "cpr"
	FieldBirthDate    = "birth_date"
	FieldAddress      = "address"
	FieldLiving       = "living"
	FieldMunicipality = "municipality"
)

// FieldLabel returns a correctable field's Danish name.
func FieldLabel(field string) string {
	switch field {
	case FieldName:
		return "navn"
	case FieldCPR:
		return "CPR-nummer"
	case FieldBirthDate:
		return "fødselsdato"
	case FieldAddress:
		return "adresse"
	case FieldLiving:
		return "boform"
	case FieldMunicipality:
		return "kommune"
	}
	return field
}

// HandoverEvent hands case c to caseworker to, with the reason.
func (c Case) HandoverEvent(to, reason string) (Event, error) {
	to = strings.TrimSpace(to)
	h := &Handover{From: c.Responsible, To: to, Reason: strings.TrimSpace(reason)}
	probe := c
	probe.Events = nil
	if err := probe.apply(Event{Seq: c.Version + 1, Kind: EventHandover, Handover: h}); err != nil {
		return Event{}, err
	}
	return Event{Kind: EventHandover, Handover: h}, nil
}
