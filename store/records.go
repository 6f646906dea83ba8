package store

import (
	"fmt"
	"strings"
	"time"

	"github.com/vumdk/vum/domain"
)

// caseHeader is what the cases bucket holds of a case: when it was
// created and its version, the number of its events. The events
// themselves are in the events bucket, one value each, never changed.
type caseHeader struct {
	ID      string    `json:"id"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
	Version int       `json:"version"`
}

// Summary is what lists show of a case. It is kept in its own bucket so
// that listing many cases never reads whole histories. It holds no full
// CPR number.
type Summary struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	MaskedID     string `json:"masked_id"`
	Municipality string `json:"municipality"`
	// Responsible is the caseworker who has the case.
	Responsible string `json:"responsible,omitempty"`
	// Provision and Tier are those of the grant with the next follow-up,
	// else of the newest decision; Refused when that decision refused.
	Provision domain.ProvisionID `json:"provision,omitempty"`
	Tier      string             `json:"tier,omitempty"`
	Refused   bool               `json:"refused,omitempty"`
	// Active lists the provisions of every active grant.
	Active  []domain.ProvisionID `json:"active,omitempty"`
	NextDue domain.Date          `json:"next_due,omitzero"`
	Decided bool                 `json:"decided,omitempty"`
	Version int                  `json:"version"`
	Updated time.Time            `json:"updated"`
}

func summarize(c domain.Case, updated time.Time) Summary {
	s := Summary{
		ID: c.ID, Name: c.Citizen.Name, MaskedID: c.Citizen.MaskedID(), Municipality: c.Municipality, Responsible: c.Responsible,
		Decided: c.Decided(), Version: c.Version, Updated: updated,
	}
	for _, g := range c.Active() {
		s.Active = append(s.Active, g.Provision)
	}
	due, _ := c.NextDue()
	s.NextDue = due
	for i := len(c.Events) - 1; i >= 0; i-- {
		e := c.Events[i]
		if (e.Kind == domain.EventGrant || e.Kind == domain.EventRefusal || e.Kind == domain.EventChange) && e.Decision != nil {
			s.Provision, s.Tier, s.Refused = e.Decision.Provision, e.Decision.Tier, e.Decision.Refused
			break
		}
	}
	for _, g := range c.Active() {
		if !due.IsZero() && g.FollowUpDue.Equal(due) {
			s.Provision, s.Tier, s.Refused = g.Provision, g.Tier, false
			break
		}
	}
	return s
}

// Change is one write to a case: the events to add, and the version of
// the case the writer read. A write on a case that has moved on since is
// refused with a StaleError.
type Change struct {
	Version int
	Events  []domain.Event
	// DropDraft removes the assessment in progress, which the events
	// record (the draft became an assessment event).
	DropDraft bool
	// Audit describes the change in the audit trail; when empty it is
	// made from the events. Action overrides the audit action.
	Audit  string
	Action string
}

// StaleError refuses a write made on an older version of a case; it says
// what was recorded since.
type StaleError struct {
	CaseID  string
	Read    int
	Current int
	Since   []domain.Event
	// Fields are the draft fields another writer changed.
	Fields []string
}

func (e *StaleError) Error() string {
	if len(e.Fields) > 0 {
		return fmt.Sprintf("sagen er ændret i et andet vindue (%s); genindlæs sagen, så bevares det, du har skrevet", strings.Join(e.Fields, ", "))
	}
	var what []string
	for _, ev := range e.Since {
		w := ev.Kind.Label()
		if ev.Decision != nil {
			w += " " + ev.Decision.Provision.Law()
		}
		if ev.User != "" {
			w += " (" + ev.User + ")"
		}
		what = append(what, w)
	}
	return fmt.Sprintf("sagen er ændret, siden du læste den (version %d, nu %d: %s); genindlæs sagen og prøv igen",
		e.Read, e.Current, strings.Join(what, ", "))
}

// Due is one follow-up in the due index: one entry per active grant.
type Due struct {
	CaseID    string             `json:"case_id"`
	Grant     string             `json:"grant"`
	Name      string             `json:"name"`
	Provision domain.ProvisionID `json:"provision"`
	Due       domain.Date        `json:"due"`
	// Responsible is the caseworker who has the case.
	Responsible string `json:"responsible,omitempty"`
}

// dueEntry is the value stored in the due index: enough to list a due
// follow-up without reading the case.
type dueEntry struct {
	Name        string             `json:"n"`
	Provision   domain.ProvisionID `json:"p"`
	Responsible string             `json:"r,omitempty"`
	// Key is keySum of the entry's key (date, case and grant), which the
	// sealed value thereby vouches for; 0 in files written before it.
	Key uint32 `json:"k,omitempty"`
}

// AuditEntry is one line of the audit trail.
type AuditEntry struct {
	ID     string    `json:"id"`
	Time   time.Time `json:"time"`
	User   string    `json:"user"`
	Action string    `json:"action"`
	CaseID string    `json:"case_id,omitempty"`
	Detail string    `json:"detail"`
}

// ExportCase is one case as exported and imported: its id, every event as
// recorded, and the assessment in progress, if any.
type ExportCase struct {
	ID      string         `json:"id"`
	Created time.Time      `json:"created"`
	Events  []domain.Event `json:"events"`
	Draft   *domain.Draft  `json:"draft,omitempty"`
}
