package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/vumdk/vum/store"
)

// Messages between screens and the root. Each names one event.
type (
	// showCasesMsg returns to the start screen and reloads it.
	showCasesMsg struct{ status string }
	// newCaseMsg opens the new-case form.
	newCaseMsg struct{}
	// openCaseMsg opens a case by id: the interview when it is undecided,
	// otherwise the case card.
	openCaseMsg struct{ id string }
	// caseLoadedMsg carries a case read from the store, with where to show it.
	caseLoadedMsg struct {
		rec  store.CaseRecord
		hist store.History
		to   screen
	}
	// interviewMsg opens the interview on a case (reassess: at a follow-up).
	interviewMsg struct {
		rec      store.CaseRecord
		reassess bool
	}
	// suggestMsg opens the suggestion and decision screen.
	suggestMsg struct{ rec store.CaseRecord }
	// draftMsg opens the draft preview of a decided case.
	draftMsg struct{ rec store.CaseRecord }
	// followUpMsg opens the follow-up form after a reassessment.
	followUpMsg struct{ rec store.CaseRecord }
	// errMsg reports a failure the user must see.
	errMsg struct{ err error }
)

func send(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// loadCaseCmd reads a case and its history for the given screen.
func loadCaseCmd(s Store, id string, to screen) tea.Cmd {
	return func() tea.Msg {
		rec, err := s.Case(id)
		if err != nil {
			return errMsg{err}
		}
		hist, err := s.History(rec.ID)
		if err != nil {
			return errMsg{err}
		}
		return caseLoadedMsg{rec: rec, hist: hist, to: to}
	}
}
