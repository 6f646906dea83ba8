package store

import (
	"fmt"
	"iter"
	"strings"

	"github.com/vumdk/vum/domain"
)

// Backend is what the screen and the commands need of a case store. The
// bbolt file (Store) is the default; every backend passes the suite in
// backend_suite_test.go.
type Backend interface {
	// Create starts a case with its opening and optional first assessment.
	Create(o domain.Opening, a *domain.AssessmentEvent) (domain.Case, error)
	// Case returns a case as its events make it now.
	Case(id string) (domain.Case, error)
	// Append records events; ch.Version is the version the caller read.
	Append(id string, ch Change) (domain.Case, error)
	// Delete removes a case created by mistake, keeping that it happened
	// in the audit trail.
	Delete(id string, version int, reason string) error

	// Draft returns the assessment in progress; SaveDraft saves answers
	// field by field; DiscardDraft drops it.
	Draft(id string) (domain.Draft, bool, error)
	SaveDraft(id, kind, visit string, edits []domain.DraftEdit) (domain.Draft, error)
	DiscardDraft(id string) error

	Summaries(fn func(Summary) bool) error
	LatestSummaries(n int) ([]Summary, error)
	SummariesOf(ids []string) ([]Summary, error)
	CasesByCPR(cpr domain.CPR) ([]string, error)
	DueBefore(last domain.Date, fn func(Due) bool) error
	Count() (int, error)

	Log(caseID string, fn func(AuditEntry) bool) error
	RecordDraft(caseID, format, target string) error

	Export(format string, fn func(ExportCase) error) error
	Import(records iter.Seq2[ImportRecord, error], opt ImportOptions) (ImportResult, error)

	Close() error
}

var _ Backend = (*Store)(nil)

// AccessLogger is the access log a backend keeps beside its cases.
type AccessLogger interface {
	RecordAccess(entries ...AccessEntry) error
	AccessLog(fn func(AccessEntry) bool) error
	CitizenAccess(cpr domain.CPR) (cases []string, entries []AccessEntry, err error)
	AccessRetention() (int, error)
	SetAccessRetention(months int) error
	PruneAccess() (int, error)
}

// DB is a store the commands and the screen open: the bbolt file or a
// shared database. Path names it in messages.
type DB interface {
	Backend
	AccessLogger
	Path() string
	ReadOnly() bool
	// Secret returns the secret kept under name, made on first use.
	Secret(name string, make func() (string, error)) (string, error)
}

var _ DB = (*Store)(nil)

// OtherUnit is what a shared database tells a caseworker about a
// citizen's cases in a unit they may not see: the unit and how many.
type OtherUnit struct {
	Unit  string // "" when the case's caseworker is in no unit
	Cases int
}

// UnitLookup is a store shared by units: it finds a citizen's cases in
// other units than the caseworker's, without showing them.
type UnitLookup interface {
	OtherUnitsByCPR(cpr domain.CPR) ([]OtherUnit, error)
}

// DescribeOtherUnits tells a caseworker, in Danish, that the citizen has
// cases in units they may not see, and what to do instead of opening
// another: "" when there are none.
func DescribeOtherUnits(units []OtherUnit) string {
	n := 0
	var where []string
	for _, u := range units {
		n += u.Cases
		name := u.Unit
		if name == "" {
			name = "uden enhed"
		}
		if len(units) > 1 {
			name += fmt.Sprintf(": %d", u.Cases)
		}
		where = append(where, name)
	}
	if n == 0 {
		return ""
	}
	if len(units) == 1 {
		return fmt.Sprintf("Borgeren har %s i en anden enhed (%s), som du ikke har adgang til. Kontakt enheden, før du opretter en ny sag.",
			domain.Count(n, "sag", "sager"), where[0])
	}
	return fmt.Sprintf("Borgeren har %s i andre enheder (%s), som du ikke har adgang til. Kontakt enhederne, før du opretter en ny sag.",
		domain.Count(n, "sag", "sager"), strings.Join(where, ", "))
}
