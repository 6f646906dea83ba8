package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-isatty"
	"github.com/muesli/termenv"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
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
	sess := &sessionStore{path: a.dbPath(), opt: a.storeOptions(false)}
	if err := sess.touch(); err != nil {
		return err
	}
	switch theme {
	case "light":
		lipgloss.SetHasDarkBackground(false)
	case "dark":
		lipgloss.SetHasDarkBackground(true)
	case "auto":
		lipgloss.SetHasDarkBackground(termenv.HasDarkBackground())
	default:
		return usagef("--theme skal være auto, light eller dark (fik %q)", theme)
	}
	sess.access.start(sess.writeAccess, a.accessPurpose())
	model := tui.New(tui.Config{Store: sess, Files: fileSaver{}, Settings: a.settings(), Standards: cat, Today: today})
	err = runProgram(model)
	if ferr := sess.access.stop(); ferr != nil && err == nil {
		err = ferr
	}
	return err
}

// sessionStore opens the store for each read or write and closes it at
// once, so the CLI and another vum can use the file while the screen is
// open.
type sessionStore struct {
	path   string
	opt    store.Options
	access accessBatch
}

func (s *sessionStore) open(readOnly bool) (*store.Store, error) {
	opt := s.opt
	opt.ReadOnly = readOnly
	return store.Open(s.path, opt)
}

// touch creates the store if needed and checks it can be opened.
func (s *sessionStore) touch() error {
	st, err := s.open(false)
	if err != nil {
		return err
	}
	return st.Close()
}

func useStore[T any](s *sessionStore, readOnly bool, fn func(*store.Store) (T, error)) (T, error) {
	st, err := s.open(readOnly)
	if err != nil {
		var zero T
		return zero, err
	}
	defer st.Close()
	return fn(st)
}

func (s *sessionStore) Summaries() ([]store.Summary, error) {
	return useStore(s, true, func(st *store.Store) ([]store.Summary, error) {
		var out []store.Summary
		err := st.Summaries(func(sum store.Summary) bool { out = append(out, sum); return true })
		return out, err
	})
}

func (s *sessionStore) Case(id string) (store.CaseRecord, error) {
	return useStore(s, true, func(st *store.Store) (store.CaseRecord, error) { return st.Case(id) })
}

func (s *sessionStore) History(id string) (store.History, error) {
	return useStore(s, true, func(st *store.Store) (store.History, error) { return st.History(id) })
}

func (s *sessionStore) AddCase(cf domain.CaseFile) (store.CaseRecord, error) {
	return useStore(s, false, func(st *store.Store) (store.CaseRecord, error) { return st.AddCase(cf) })
}

func (s *sessionStore) UpdateCase(id string, cf domain.CaseFile) (store.CaseRecord, error) {
	return useStore(s, false, func(st *store.Store) (store.CaseRecord, error) { return st.UpdateCase(id, cf) })
}

func (s *sessionStore) SavePending(id string, a *domain.Assessment) error {
	_, err := useStore(s, false, func(st *store.Store) (struct{}, error) { return struct{}{}, st.SavePending(id, a) })
	return err
}

func (s *sessionStore) Decide(id string, d domain.Decision) (store.DecisionRecord, error) {
	return useStore(s, false, func(st *store.Store) (store.DecisionRecord, error) { return st.Decide(id, d) })
}

func (s *sessionStore) CompleteFollowUp(id string, res store.FollowUpResult) (store.FollowUpRecord, error) {
	return useStore(s, false, func(st *store.Store) (store.FollowUpRecord, error) { return st.CompleteFollowUp(id, res) })
}

func (s *sessionStore) RecordDraft(caseID, format, target string) error {
	_, err := useStore(s, false, func(st *store.Store) (struct{}, error) {
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
	return useStore(s, true, func(st *store.Store) ([]store.Summary, error) {
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

// CitizenCases finds a citizen's cases by CPR number.
func (s *sessionStore) CitizenCases(cpr domain.CPR) ([]store.Summary, error) {
	return useStore(s, true, func(st *store.Store) ([]store.Summary, error) {
		ids, err := st.CasesByCPR(cpr)
		if err != nil {
			return nil, err
		}
		return st.SummariesOf(ids)
	})
}
