package tui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/vumdk/vum/domain"
)

// draftReloadedMsg carries the case and its draft as they are now, after
// another writer changed them.
type draftReloadedMsg struct {
	cas      domain.Case
	draft    domain.Draft
	hasDraft bool
	err      error
}

func reloadDraftCmd(st Store, id string) tea.Cmd {
	return func() tea.Msg {
		c, err := st.Case(id)
		if err != nil {
			return draftReloadedMsg{err: err}
		}
		d, ok, err := st.Draft(id)
		return draftReloadedMsg{cas: c, draft: d, hasDraft: ok, err: err}
	}
}

// reloaded merges the draft as saved now with what this screen holds:
// answers the other writer changed are taken from the store unless this
// screen has unsaved edits in them; then this screen's text is kept and
// the answer marked as a conflict. Nothing typed is lost.
func (m interviewModel) reloaded(msg draftReloadedMsg) (interviewModel, tea.Cmd) {
	if msg.err != nil {
		return m, send(errMsg{fmt.Errorf("sagen kunne ikke genindlæses: %w", msg.err)})
	}
	mine := m.values()
	unsaved := map[string]bool{}
	for _, e := range m.base.Edits(mine) {
		unsaved[e.Field] = true
	}
	theirs := msg.draft
	if !msg.hasDraft {
		theirs = domain.Draft{Kind: m.kind}
	}
	merged := theirs.Values()
	for f, v := range mine {
		_, saved := theirs.Fields[f]
		switch {
		case unsaved[f]:
			if saved && theirs.Fields[f].Value != v && theirs.Fields[f].Rev != m.base.Fields[f].Rev {
				m.conflicts[f] = true
			}
			merged[f] = v
		case !saved:
			merged[f] = v // nobody else has it: keep it
		}
	}
	if msg.cas.Version > m.cas.Version {
		var what []string
		for _, e := range msg.cas.Events[m.cas.Version:] {
			what = append(what, eventText(e)+" ("+e.User+")")
		}
		m.moved = strings.Join(what, "; ")
	}
	m.cas, m.base, m.stale, m.saveErr = msg.cas, theirs, nil, nil
	m.work.Citizen, m.work.Municipality = msg.cas.Citizen, msg.cas.Municipality
	if !m.reassess {
		m.living = msg.cas.Citizen.Living
	}
	m.setValues(merged)
	m.fillInputs()
	m.loadStep()
	m.hoursErr = ""
	if len(m.base.Edits(m.values())) == 0 {
		m.dirty = false
		return m, nil
	}
	return m, m.edited()
}

// staleError says in Danish which answers another writer changed.
func (m interviewModel) staleError() error {
	return fmt.Errorf("udredningen er ændret i et andet vindue (%s); tryk ctrl+g for at genindlæse – det, du har skrevet, bevares",
		m.fieldNames(m.stale.Fields))
}

func (m interviewModel) fieldNames(fields []string) string {
	var names []string
	for _, f := range fields {
		names = append(names, domain.DraftFieldLabel(f, m.method.ThemeName))
	}
	if len(names) == 0 {
		return "sagen er gået videre"
	}
	return strings.Join(names, ", ")
}

// stepConflicts lists the answers of the current step both this screen
// and another writer changed.
func (m interviewModel) stepConflicts() []string {
	var out []string
	for f := range m.conflicts {
		switch st := m.current(); st.kind {
		case stepTheme:
			if strings.HasPrefix(f, "theme."+st.theme.Slug+".") {
				out = append(out, f)
			}
		case stepFacts:
			if f == domain.DraftHours || f == domain.DraftPermanent || f == domain.DraftRelief || f == domain.DraftLiving {
				out = append(out, f)
			}
		case stepGoals:
			if f == domain.DraftGoals {
				out = append(out, f)
			}
		case stepChain:
			if f == domain.DraftSituation || f == domain.DraftPurpose || f == domain.DraftTargets {
				out = append(out, f)
			}
		}
	}
	return out
}
