package store

import (
	"time"

	"github.com/vumdk/vum/domain"
)

// CaseRecord is a stored case: the case file as it stands now, with the
// latest decision and the next follow-up.
type CaseRecord struct {
	ID      string          `json:"id"`
	Case    domain.CaseFile `json:"case"`
	Created time.Time       `json:"created"`
	Updated time.Time       `json:"updated"`
	// Assessed tells when and how the current assessment was made; earlier
	// assessments are in the history.
	Assessed AssessmentMeta `json:"assessed"`
	// Decision is the latest decision; earlier ones are in the history.
	Decision     *domain.Decision `json:"decision,omitempty"`
	DecisionMeta *DecisionMeta    `json:"decision_meta,omitempty"`
	// FollowUpDue is the next follow-up; zero when none is planned.
	FollowUpDue domain.Date `json:"follow_up_due,omitzero"`
	// Pending is a reassessment in progress at a follow-up, saved as the
	// caseworker goes; it replaces the assessment when the follow-up is
	// recorded.
	Pending *domain.Assessment `json:"pending,omitempty"`
}

// AssessmentMeta identifies an assessment in the history.
type AssessmentMeta struct {
	ID       string    `json:"id"`
	Recorded time.Time `json:"recorded"`
	Kind     string    `json:"kind"` // "første" or "revurdering"
}

// DecisionMeta tells who recorded a decision and when.
type DecisionMeta struct {
	ID       string    `json:"id"`
	Recorded time.Time `json:"recorded"`
	User     string    `json:"user"`
}

// Summary is what lists show of a case. It is kept in its own bucket so
// that listing many cases never decodes whole case files. It holds no full
// CPR number.
type Summary struct {
	ID           string             `json:"id"`
	Name         string             `json:"name"`
	MaskedID     string             `json:"masked_id"`
	Municipality string             `json:"municipality"`
	Provision    domain.ProvisionID `json:"provision,omitempty"`
	Tier         string             `json:"tier,omitempty"`
	Refused      bool               `json:"refused,omitempty"`
	NextDue      domain.Date        `json:"next_due,omitzero"`
	Updated      time.Time          `json:"updated"`
}

func summarize(r *CaseRecord) Summary {
	s := Summary{
		ID: r.ID, Name: r.Case.Citizen.Name, MaskedID: r.Case.Citizen.MaskedID(),
		Municipality: r.Case.Municipality, NextDue: r.FollowUpDue, Updated: r.Updated,
	}
	if r.Decision != nil {
		s.Provision, s.Tier, s.Refused = r.Decision.Provision, r.Decision.Tier, r.Decision.Refused
	}
	return s
}

// AssessmentRecord is one assessment in a case's history. A reassessment
// at follow-up moves the assessment it replaces into the history, so none
// is ever lost and the current one is not stored twice.
type AssessmentRecord struct {
	AssessmentMeta
	CaseID     string            `json:"case_id"`
	Assessment domain.Assessment `json:"assessment"`
	Goals      []string          `json:"goals,omitempty"`
}

// DecisionRecord is one decision in a case's history; a new decision
// moves the one it replaces into the history.
type DecisionRecord struct {
	DecisionMeta
	CaseID   string          `json:"case_id"`
	Decision domain.Decision `json:"decision"`
}

// FollowUpRecord is a follow-up that was carried out.
type FollowUpRecord struct {
	ID          string             `json:"id"`
	CaseID      string             `json:"case_id"`
	Recorded    time.Time          `json:"recorded"`
	User        string             `json:"user"`
	Due         domain.Date        `json:"due"`
	Done        domain.Date        `json:"done"`
	Provision   domain.ProvisionID `json:"provision,omitempty"`
	Outcome     string             `json:"outcome"`
	Reassessed  bool               `json:"reassessed"`
	NextDue     domain.Date        `json:"next_due,omitzero"`
	NextDueNote string             `json:"next_due_note,omitempty"`
}

// FollowUpResult is what the caseworker records at a follow-up.
type FollowUpResult struct {
	Done    domain.Date
	Outcome string
	// Reassessment replaces the case's assessment when set; the earlier
	// one stays in the history.
	Reassessment *domain.Assessment
	Goals        []string
	// Next is the next follow-up date; zero ends the follow-ups.
	Next domain.Date
}

// Due is one follow-up in the due index.
type Due struct {
	CaseID    string             `json:"case_id"`
	Name      string             `json:"name"`
	Provision domain.ProvisionID `json:"provision"`
	Due       domain.Date        `json:"due"`
}

// dueEntry is the value stored in the due index: enough to list a due
// follow-up without reading the case.
type dueEntry struct {
	Name      string             `json:"n"`
	Provision domain.ProvisionID `json:"p"`
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

// History is everything recorded on a case over time.
type History struct {
	Assessments []AssessmentRecord `json:"assessments"`
	Decisions   []DecisionRecord   `json:"decisions"`
	FollowUps   []FollowUpRecord   `json:"follow_ups"`
}
