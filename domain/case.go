package domain

import (
	"fmt"
	"strconv"
	"strings"
)

// Case is a case's current state, derived from its events by Replay.
type Case struct {
	ID string `json:"id"`
	// Version is the Seq of the last event: a write states the version it
	// read, and is refused when the case has moved on.
	Version int `json:"version"`
	// Responsible is the caseworker who has the case: the one who opened
	// it until it is handed over.
	Responsible     string  `json:"responsible,omitempty"`
	Municipality    string  `json:"municipality"`
	Citizen         Citizen `json:"citizen"`
	ApplicationDate Date    `json:"application_date"`
	// Assessments are every recorded assessment, oldest first.
	Assessments []RecordedAssessment `json:"assessments"`
	Grants      []Grant              `json:"grants"`
	Refusals    []RecordedDecision   `json:"refusals"`
	// ReassessmentDue is set when a follow-up ended a grant to assess the
	// citizen anew (end and reassess) and no assessment has been recorded
	// since: the day of that follow-up.
	ReassessmentDue Date    `json:"reassessment_due,omitzero"`
	Events          []Event `json:"events"`
}

// RecordedAssessment is an assessment with the event that recorded it.
type RecordedAssessment struct {
	Seq int `json:"seq"`
	AssessmentEvent
}

// RecordedDecision is a decision with the event that recorded it.
type RecordedDecision struct {
	Seq int `json:"seq"`
	Decision
}

// Grant status values.
const (
	GrantActive = "active"
	GrantEnded  = "ended"
)

// Grant is one provision granted on a case, as it stands after every
// change, follow-up and termination recorded on it.
type Grant struct {
	ID        string      `json:"id"`
	Provision ProvisionID `json:"provision"`
	Status    string      `json:"status"`
	Tier      string      `json:"tier,omitempty"`
	Scope     Scope       `json:"scope"`
	Start     Date        `json:"start"`
	End       Date        `json:"end,omitzero"`
	// FollowUpDue is the next follow-up; zero once the grant has ended.
	FollowUpDue Date `json:"follow_up_due,omitzero"`
	// Decision is the latest decision on the grant (the grant or its last
	// change); Seqs lists every event about it.
	Decision    Decision     `json:"decision"`
	Termination *Termination `json:"termination,omitempty"`
	Seqs        []int        `json:"seqs"`
}

// Active reports whether the grant has not been ended.
func (g Grant) Active() bool { return g.Status == GrantActive }

// GrantID returns the id the n-th grant of a case gets (1-based): "b1".
func GrantID(n int) string { return "b" + strconv.Itoa(n) }

// File returns the case as a case file with its newest assessment, which
// is what the suggestion rules read.
func (c Case) File() CaseFile {
	cf := CaseFile{Schema: CaseSchema, Municipality: c.Municipality, Citizen: c.Citizen, ApplicationDate: c.ApplicationDate}
	if a, ok := c.Current(); ok {
		cf.Assessment, cf.Goals = a.Assessment, a.Goals
		cf.Method, cf.MethodVersion = a.Method, a.MethodVersion
	}
	return cf
}

// Current returns the newest assessment.
func (c Case) Current() (RecordedAssessment, bool) {
	if len(c.Assessments) == 0 {
		return RecordedAssessment{}, false
	}
	return c.Assessments[len(c.Assessments)-1], true
}

// Grant returns the grant with id.
func (c Case) Grant(id string) (Grant, bool) {
	for _, g := range c.Grants {
		if g.ID == id {
			return g, true
		}
	}
	return Grant{}, false
}

// Active returns the grants not ended, in the order granted.
func (c Case) Active() []Grant {
	var out []Grant
	for _, g := range c.Grants {
		if g.Active() {
			out = append(out, g)
		}
	}
	return out
}

// ActiveOf returns the active grants of provision p.
func (c Case) ActiveOf(p ProvisionID) []Grant {
	var out []Grant
	for _, g := range c.Active() {
		if g.Provision == p {
			out = append(out, g)
		}
	}
	return out
}

// NextDue returns the earliest follow-up among the active grants.
func (c Case) NextDue() (Date, ProvisionID) {
	var due Date
	var p ProvisionID
	for _, g := range c.Active() {
		if !g.FollowUpDue.IsZero() && (due.IsZero() || g.FollowUpDue.Before(due)) {
			due, p = g.FollowUpDue, g.Provision
		}
	}
	return due, p
}

// Decided reports whether any decision (grant or refusal) was recorded.
func (c Case) Decided() bool { return len(c.Grants) > 0 || len(c.Refusals) > 0 }

// Replay derives a case's state from its events. It refuses a history
// that could not have been recorded: numbering out of order, a case that
// does not start with its opening, an event on a grant that does not
// exist or has ended.
func Replay(id string, events []Event) (Case, error) {
	c := Case{ID: id, Events: events}
	for i, e := range events {
		if e.Seq != i+1 {
			return c, fmt.Errorf("hændelse %d har nummer %d", i+1, e.Seq)
		}
		if err := c.apply(e); err != nil {
			return c, fmt.Errorf("hændelse %d (%s): %w", e.Seq, e.Kind.Label(), err)
		}
		c.Version = e.Seq
	}
	if len(events) == 0 {
		return c, fmt.Errorf("sagen har ingen hændelser")
	}
	return c, nil
}

// Apply adds one event to the case, checked as Replay checks it; the
// case's events are not changed when it is refused.
func (c *Case) Apply(e Event) error {
	if e.Seq != c.Version+1 {
		return fmt.Errorf("hændelsen har nummer %d, men sagen er i version %d", e.Seq, c.Version)
	}
	next := *c
	next.Grants = append([]Grant(nil), c.Grants...)
	if err := next.apply(e); err != nil {
		return err
	}
	next.Events = append(append([]Event(nil), c.Events...), e)
	next.Version = e.Seq
	*c = next
	return nil
}

func (c *Case) apply(e Event) error {
	if (e.Kind == EventOpened) != (e.Seq == 1) {
		return fmt.Errorf("en sag begynder med sin oprettelse og kun dér")
	}
	switch e.Kind {
	case EventOpened:
		if e.Opening == nil {
			return errMissing("opening")
		}
		c.Municipality, c.Citizen, c.ApplicationDate = e.Opening.Municipality, e.Opening.Citizen, e.Opening.ApplicationDate
		c.Responsible = e.User
	case EventAssessment:
		if e.Assessment == nil {
			return errMissing("assessment")
		}
		if e.Assessment.Living != "" {
			c.Citizen.Living = e.Assessment.Living
		}
		c.Assessments = append(c.Assessments, RecordedAssessment{Seq: e.Seq, AssessmentEvent: *e.Assessment})
		c.ReassessmentDue = Date{}
	case EventGrant:
		return c.applyGrant(e)
	case EventRefusal:
		if e.Decision == nil || !e.Decision.Refused {
			return errMissing("decision")
		}
		c.Refusals = append(c.Refusals, RecordedDecision{Seq: e.Seq, Decision: *e.Decision})
	case EventChange:
		return c.onGrant(e, e.Decision != nil, func(g *Grant) error {
			if e.Decision.Provision != g.Provision {
				return fmt.Errorf("bevilling %s er %s, ikke %s", g.ID, g.Provision.Law(), e.Decision.Provision.Law())
			}
			g.Decision, g.Tier, g.Scope = *e.Decision, e.Decision.Tier, e.Decision.Scope
			if !e.Decision.FollowUpDue.IsZero() {
				g.FollowUpDue = e.Decision.FollowUpDue
			}
			return nil
		})
	case EventTermination:
		return c.onGrant(e, e.Termination != nil, func(g *Grant) error {
			if e.Termination.End.Before(g.Start) {
				return fmt.Errorf("ophøret %s ligger før bevillingens start %s", e.Termination.End.Danish(), g.Start.Danish())
			}
			t := *e.Termination
			g.Status, g.End, g.FollowUpDue, g.Termination = GrantEnded, t.End, Date{}, &t
			return nil
		})
	case EventFollowUp:
		return c.onGrant(e, e.FollowUp != nil, func(g *Grant) error {
			g.FollowUpDue = e.FollowUp.Next
			if e.FollowUp.Outcome == OutcomeEndReassess && !e.FollowUp.Reassessed {
				c.ReassessmentDue = e.FollowUp.Done
			}
			return nil
		})
	case EventCorrection:
		if e.Correction == nil {
			return errMissing("correction")
		}
		for _, ch := range e.Correction.Changes {
			if err := c.correct(ch); err != nil {
				return err
			}
		}
	case EventHandover:
		h := e.Handover
		if h == nil {
			return errMissing("handover")
		}
		if strings.TrimSpace(h.To) == "" {
			return fmt.Errorf("angiv, hvem sagen overdrages til")
		}
		if h.To == c.Responsible {
			return fmt.Errorf("sagen har allerede %s som ansvarlig sagsbehandler", h.To)
		}
		if h.From != c.Responsible {
			return fmt.Errorf("sagens ansvarlige er %s, ikke %s", c.Responsible, h.From)
		}
		c.Responsible = h.To
	case EventLetter:
		if err := c.checkLetter(e.Letter, e.Seq); err != nil {
			return err
		}
	default:
		return fmt.Errorf("ukendt hændelse %q", e.Kind)
	}
	return nil
}

func (c *Case) applyGrant(e Event) error {
	d := e.Decision
	if d == nil || d.Refused {
		return errMissing("decision")
	}
	want := GrantID(len(c.Grants) + 1)
	if e.Grant != want {
		return fmt.Errorf("ny bevilling skal have id %s (fik %q)", want, e.Grant)
	}
	c.Grants = append(c.Grants, Grant{
		ID: e.Grant, Provision: d.Provision, Status: GrantActive, Tier: d.Tier, Scope: d.Scope,
		Start: d.StartDate(), FollowUpDue: d.FollowUpDue, Decision: *d, Seqs: []int{e.Seq},
	})
	return nil
}

// onGrant applies fn to the active grant e names; present tells whether
// the event carries its payload, which it must.
func (c *Case) onGrant(e Event, present bool, fn func(*Grant) error) error {
	if !present {
		return errMissing(string(e.Kind))
	}
	for i := range c.Grants {
		g := &c.Grants[i]
		if g.ID != e.Grant {
			continue
		}
		if !g.Active() {
			return fmt.Errorf("bevilling %s (%s) er ophørt", g.ID, g.Provision.Law())
		}
		if err := fn(g); err != nil {
			return err
		}
		g.Seqs = append(g.Seqs, e.Seq)
		return nil
	}
	return fmt.Errorf("sagen har ingen bevilling %q", e.Grant)
}

// correct applies one corrected field to the case.
func (c *Case) correct(ch FieldChange) error {
	switch ch.Field {
	case FieldName:
		c.Citizen.Name = ch.New
	case FieldCPR:
		if ch.New == "" {
			c.Citizen.CPR = CPR{}
			return nil
		}
		cpr, err := ParseCPR(ch.New)
		if err != nil {
			return err
		}
		c.Citizen.CPR, c.Citizen.BirthDate = cpr, Date{}
	case FieldBirthDate:
		d, err := ParseDate(ch.New)
		if err != nil {
			return err
		}
		c.Citizen.BirthDate = d
	case FieldAddress:
		c.Citizen.Address = ch.New
	case FieldLiving:
		l := Living(ch.New)
		if !l.Valid() {
			return fmt.Errorf("ukendt boform %q", ch.New)
		}
		c.Citizen.Living = l
	case FieldMunicipality:
		c.Municipality = ch.New
	default:
		return fmt.Errorf("feltet %q kan ikke rettes", ch.Field)
	}
	return nil
}

func errMissing(what string) error {
	return fmt.Errorf("hændelsen mangler sit indhold (%s)", what)
}
