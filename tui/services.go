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
	// OtherUnits returns, on a database shared by units, the other
	// units with cases about the citizen that the caseworker may not
	// see, and how many; none for a store of one's own.
	OtherUnits(cpr domain.CPR) ([]store.OtherUnit, error)

	// Case returns a case as its events make it now.
	Case(id string) (domain.Case, error)
	// Create starts a case with its opening and optional first assessment.
	Create(o domain.Opening, a *domain.AssessmentEvent) (domain.Case, error)
	// Append records events on the version of the case the screen read;
	// a case that moved on since is refused with a *store.StaleError.
	Append(id string, ch store.Change) (domain.Case, error)
	// Delete removes a case created by mistake.
	Delete(id string, version int, reason string) error

	// Draft returns the assessment in progress; SaveDraft saves answers
	// field by field (a field another writer changed is refused with a
	// *store.StaleError naming it); DiscardDraft drops it.
	Draft(id string) (domain.Draft, bool, error)
	SaveDraft(id, kind, visit string, edits []domain.DraftEdit) (domain.Draft, error)
	DiscardDraft(id string) error

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
