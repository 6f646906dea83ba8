package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-isatty"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
	"github.com/vumdk/vum/store/pgstore"
	"github.com/vumdk/vum/store/safefile"
	"github.com/vumdk/vum/tui"
)

// runTUI opens the screens on the store. The store is opened once here so
// that a locked or damaged file is reported before the screen takes over.
func (a *app) runTUI(theme string) error {
	if !isatty.IsTerminal(os.Stdout.Fd()) || !isatty.IsTerminal(os.Stdin.Fd()) {
		return usagef("vum uden kommando åbner skærmbilledet og kræver en terminal")
	}
	cat, today, err := a.rules()
	if err != nil {
		return err
	}
	sess := &sessionStore{path: a.dbPath(), opt: a.storeOptions(false), pg: a.pgOptions()}
	if err := sess.touch(); err != nil {
		return err
	}
	defer sess.close()
	if err := screenRenderer(theme); err != nil {
		return err
	}
	sess.access.start(sess.writeAccess, a.accessPurpose())
	model := tui.New(tui.Config{Store: sess, Files: fileSaver{}, Settings: a.settings(), Standards: cat, Today: today})
	err = runProgram(model)
	if ferr := sess.access.stop(); ferr != nil && err == nil {
		err = ferr
	}
	return err
}

// screenQueryTimeout bounds how long the screen waits for a terminal to
// answer its query for the background colour.
const screenQueryTimeout = 100 * time.Millisecond

// screenRenderer makes the renderer the screen's styles use, from the
// terminal and environment as they are now (TERM, NO_COLOR), and sets its
// background: asked of the terminal for "auto", waiting at most
// screenQueryTimeout. The renderer made while the program started saw a
// TERM of "dumb" (see quietterm) and is not used.
func screenRenderer(theme string) error {
	r := lipgloss.NewRenderer(os.Stdout)
	switch theme {
	case "light":
		r.SetHasDarkBackground(false)
	case "dark":
		r.SetHasDarkBackground(true)
	case "auto":
		r.SetHasDarkBackground(terminalIsDark(os.Stdin, os.Stdout, screenQueryTimeout))
	default:
		return usagef("--theme skal være auto, light eller dark (fik %q)", theme)
	}
	lipgloss.SetDefaultRenderer(r)
	return nil
}

// sessionStore opens the store for each read or write and closes it at
// once, so the CLI and another vum can use the file while the screen is
// open.
type sessionStore struct {
	path   string
	opt    store.Options
	access accessBatch
	// shared is a PostgreSQL database, kept open for the session: a
	// server has no file to let go of between operations.
	shared store.DB
	pg     pgstore.Options
}

func (s *sessionStore) open(readOnly bool) (store.DB, error) {
	opt := s.opt
	opt.ReadOnly = readOnly
	return store.Open(s.path, opt)
}

// touch creates the store if needed and checks it can be opened. An
// existing store is opened for reading, which reads only its first pages;
// the first write opens it for writing and checks it whole.
func (s *sessionStore) touch() error {
	if pgstore.IsURL(s.path) {
		st, err := pgstore.Open(s.path, s.pg)
		if err != nil {
			return err
		}
		s.shared = st
		return nil
	}
	info, err := os.Stat(s.path)
	st, err := s.open(err == nil && info.Mode().IsRegular() && info.Size() > 0)
	if err != nil {
		return err
	}
	return st.Close()
}

// close lets go of a database kept open for the session.
func (s *sessionStore) close() {
	if s.shared != nil {
		s.shared.Close()
	}
}

func useStore[T any](s *sessionStore, readOnly bool, fn func(store.DB) (T, error)) (T, error) {
	if s.shared != nil {
		return fn(s.shared)
	}
	st, err := s.open(readOnly)
	if err != nil {
		var zero T
		return zero, err
	}
	defer st.Close()
	return fn(st)
}

func (s *sessionStore) Summaries() ([]store.Summary, error) {
	return useStore(s, true, func(st store.DB) ([]store.Summary, error) {
		var out []store.Summary
		err := st.Summaries(func(sum store.Summary) bool { out = append(out, sum); return true })
		return out, err
	})
}

func (s *sessionStore) Case(id string) (domain.Case, error) {
	return useStore(s, true, func(st store.DB) (domain.Case, error) { return st.Case(id) })
}

func (s *sessionStore) Create(o domain.Opening, a *domain.AssessmentEvent) (domain.Case, error) {
	return useStore(s, false, func(st store.DB) (domain.Case, error) { return st.Create(o, a) })
}

func (s *sessionStore) Append(id string, ch store.Change) (domain.Case, error) {
	return useStore(s, false, func(st store.DB) (domain.Case, error) { return st.Append(id, ch) })
}

func (s *sessionStore) Delete(id string, version int, reason string) error {
	_, err := useStore(s, false, func(st store.DB) (struct{}, error) { return struct{}{}, st.Delete(id, version, reason) })
	return err
}

// draftRead is a draft with whether the case has one.
type draftRead struct {
	d  domain.Draft
	ok bool
}

func (s *sessionStore) Draft(id string) (domain.Draft, bool, error) {
	r, err := useStore(s, true, func(st store.DB) (draftRead, error) {
		d, ok, err := st.Draft(id)
		return draftRead{d, ok}, err
	})
	return r.d, r.ok, err
}

func (s *sessionStore) SaveDraft(id, kind, visit string, edits []domain.DraftEdit) (domain.Draft, error) {
	return useStore(s, false, func(st store.DB) (domain.Draft, error) { return st.SaveDraft(id, kind, visit, edits) })
}

func (s *sessionStore) DiscardDraft(id string) error {
	_, err := useStore(s, false, func(st store.DB) (struct{}, error) { return struct{}{}, st.DiscardDraft(id) })
	return err
}

func (s *sessionStore) RecordDraft(caseID, format, target string) error {
	_, err := useStore(s, false, func(st store.DB) (struct{}, error) {
		return struct{}{}, st.RecordDraft(caseID, format, target)
	})
	return err
}

// fileSaver writes documents the caseworker saves from the screen.
type fileSaver struct{}

func (fileSaver) Save(path string, data []byte) error {
	if info, err := os.Stat(filepath.Dir(path)); err != nil || !info.IsDir() {
		return fmt.Errorf("mappen %s findes ikke; vælg en mappe, der findes", filepath.Dir(path))
	}
	return safefile.Write(path, data, safefile.Options{})
}

// FirstPage reads the due follow-ups and the newest cases only.
func (s *sessionStore) FirstPage(last domain.Date, n int) ([]store.Summary, error) {
	return useStore(s, true, func(st store.DB) ([]store.Summary, error) {
		var ids []string
		if err := st.DueBefore(last, func(d store.Due) bool { ids = append(ids, d.CaseID); return true }); err != nil {
			return nil, err
		}
		due, err := st.SummariesOf(ids)
		if err != nil {
			return nil, err
		}
		latest, err := st.LatestSummaries(n)
		if err != nil {
			return nil, err
		}
		seen := map[string]bool{}
		out := make([]store.Summary, 0, len(due)+len(latest))
		for _, sum := range append(due, latest...) {
			if !seen[sum.ID] {
				seen[sum.ID] = true
				out = append(out, sum)
			}
		}
		return out, nil
	})
}

// OtherUnits finds a citizen's cases in units the caseworker may not see,
// on a shared database; a file of one's own has no units.
func (s *sessionStore) OtherUnits(cpr domain.CPR) ([]store.OtherUnit, error) {
	if s.shared == nil {
		return nil, nil
	}
	if u, ok := s.shared.(store.UnitLookup); ok {
		return u.OtherUnitsByCPR(cpr)
	}
	return nil, nil
}

// CitizenCases finds a citizen's cases by CPR number.
func (s *sessionStore) CitizenCases(cpr domain.CPR) ([]store.Summary, error) {
	return useStore(s, true, func(st store.DB) ([]store.Summary, error) {
		ids, err := st.CasesByCPR(cpr)
		if err != nil {
			return nil, err
		}
		return st.SummariesOf(ids)
	})
}
