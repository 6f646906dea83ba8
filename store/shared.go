package store

import (
	"errors"
	"strings"
	"time"

	"github.com/vumdk/vum/domain"
)

// The functions below are the rules every backend shares, so that a case
// written through any backend has the same events, summary, index entries
// and audit lines.

// NormID returns a case id as stored: upper case, without spaces.
func NormID(id string) string { return normID(id) }

// Summarize returns the summary lists show of c.
func Summarize(c domain.Case, updated time.Time) Summary { return summarize(c, updated) }

// DescribeOpening is the audit line of a new case.
func DescribeOpening(o domain.Opening, a *domain.AssessmentEvent) string {
	return describeOpening(o, a)
}

// CitizenHash is the keyed hash a citizen's CPR number is looked up by;
// empty when the citizen has none.
func CitizenHash(key []byte, cpr domain.CPR) string {
	k := citizenKeyWith(key, domain.Citizen{CPR: cpr}, "")
	return strings.TrimSuffix(string(k), "/")
}

// Stale returns the StaleError for a write made on version read of c.
func Stale(c domain.Case, read int) *StaleError {
	return &StaleError{CaseID: c.ID, Read: read, Current: c.Version, Since: sinceVersion(c, read)}
}

// Next applies ch's events to old, numbering them and filling in when
// and by whom they were recorded. old is the case as stored (ID set,
// Version 0 for a new case).
func Next(old domain.Case, ch Change, now time.Time, user string) (domain.Case, error) {
	if len(ch.Events) == 0 {
		return domain.Case{}, errors.New("intet at gemme")
	}
	if ch.Version != old.Version {
		return old, Stale(old, ch.Version)
	}
	next := old
	for _, e := range ch.Events {
		e.Seq = next.Version + 1
		if e.Recorded.IsZero() {
			e.Recorded = now
		}
		if e.User == "" {
			e.User = user
		}
		if err := next.Apply(e); err != nil {
			return old, err
		}
	}
	return next, nil
}

// ChangeAudit returns the audit action and detail of writing next over
// old with ch.
func ChangeAudit(old, next domain.Case, ch Change) (action, detail string) {
	detail = ch.Audit
	if detail == "" {
		var parts []string
		for _, e := range next.Events[old.Version:] {
			parts = append(parts, describeEvent(e))
		}
		detail = strings.Join(parts, "; ")
	}
	action = "sag ændret"
	if old.Version == 0 {
		action = "sag oprettet"
	} else if k := next.Events[old.Version].Kind; k != domain.EventAssessment {
		action = k.Label()
	}
	if ch.Action != "" {
		action = ch.Action
	}
	return action, detail
}

// PrepareImport checks one record to import and replays its case.
func PrepareImport(r ImportRecord) (ExportCase, domain.Case, error) {
	it, err := prepareImport(r)
	return it.ec, it.c, err
}

// SameExport reports whether two exported cases are the same, as an
// import compares a case with the one already stored under its id.
func SameExport(a, b ExportCase) (bool, error) { return sameExport(a, b) }
