package tui

import (
	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
)

// Store is what the screens need from the case store. The command line
// implements it so that the file is held only while reading or writing;
// tests use a fake.
type Store interface {
	// FirstPage returns what the start screen shows before everything is
	// read: the cases with a follow-up due by last, and the n newest.
	FirstPage(last domain.Date, n int) ([]store.Summary, error)
	Summaries() ([]store.Summary, error)
	// CitizenCases returns the cases about the citizen with this CPR
	// number (looked up without the number being a key in the file).
	CitizenCases(cpr domain.CPR) ([]store.Summary, error)
	Case(id string) (store.CaseRecord, error)
	History(id string) (store.History, error)
	AddCase(cf domain.CaseFile) (store.CaseRecord, error)
	UpdateCase(id string, cf domain.CaseFile) (store.CaseRecord, error)
	SavePending(id string, a *domain.Assessment) error
	Decide(id string, d domain.Decision) (store.DecisionRecord, error)
	CompleteFollowUp(id string, res store.FollowUpResult) (store.FollowUpRecord, error)
	RecordDraft(caseID, format, target string) error
	// LogAccess notes in the access log that the screen showed, searched
	// or listed citizens' data. It must return at once: the entry is
	// written later, in a batch, and none is lost when vum quits.
	LogAccess(e store.AccessEntry)
}

// Files saves documents the caseworker asks for.
type Files interface {
	Save(path string, data []byte) error
}
