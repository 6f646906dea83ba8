package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/vumdk/vum/domain"
)

// Messages between screens and the root. Each names one event.
type (
	// showCasesMsg returns to the start screen and reloads it.
	showCasesMsg struct{ status string }
	// newCaseMsg opens the new-case form.
	newCaseMsg struct{}
	// openCaseMsg opens a case by id: the interview when nothing is
	// decided yet, otherwise the case card with status on it.
	openCaseMsg struct {
		id     string
		status string
	}
	// caseLoadedMsg carries a case read from the store.
	caseLoadedMsg struct {
		cas    domain.Case
		status string
		// pending is the kind of an assessment in progress, if any.
		pending string
	}
	// interviewMsg opens the interview on a case. kind is the draft's kind
	// (domain.FirstAssessment or domain.Reassessment); grant is set when
	// the reassessment belongs to a follow-up on that grant, which the
	// interview returns to.
	interviewMsg struct {
		cas   domain.Case
		kind  string
		grant string
	}
	// suggestMsg opens the suggestion and decision screen.
	suggestMsg struct{ task decisionTask }
	// draftMsg opens the letter preview of the decision recorded by the
	// event with this seq.
	draftMsg struct {
		cas domain.Case
		seq int
	}
	// followUpMsg opens the follow-up form on one grant.
	followUpMsg struct {
		cas   domain.Case
		grant string
	}
	// endGrantMsg opens the termination form on one grant; pre are events
	// recorded with it (a follow-up that ends the grant).
	endGrantMsg struct {
		cas       domain.Case
		grant     string
		pre       []domain.Event
		dropDraft bool
	}
	// correctMsg opens the correction form for the citizen's details.
	correctMsg struct{ cas domain.Case }
	// errMsg reports a failure the user must see.
	errMsg struct{ err error }
)

// decisionTask is what the decision screen records: a new grant or
// refusal, or a change of one grant's scope, on the case as read.
// assessment is a draft to record first (with the draft dropped); pre
// are events recorded before the decision (a follow-up with the change).
type decisionTask struct {
	cas        domain.Case
	assessment *domain.AssessmentEvent
	pre        []domain.Event
	change     string
	// dropDraft removes the assessment in progress when the decision is
	// recorded (it is recorded with it, or was the current one unchanged).
	dropDraft bool
}

func send(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// loadCaseCmd reads a case for the card.
func loadCaseCmd(s Store, id, status string) tea.Cmd {
	return func() tea.Msg {
		c, err := s.Case(id)
		if err != nil {
			return errMsg{err}
		}
		d, ok, err := s.Draft(id)
		if err != nil {
			return errMsg{err}
		}
		msg := caseLoadedMsg{cas: c, status: status}
		if ok {
			msg.pending = d.Kind
		}
		return msg
	}
}
