package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
	"github.com/vumdk/vum/store"
)

// Fields of the follow-up form.
const (
	fuDone = iota
	fuOutcome
	fuNext
	fuFields
)

type followUpKeys struct {
	Next, Prev, Save, Back key.Binding
}

// followUpModel records a follow-up after the reassessment: the date, the
// outcome and the next follow-up, with the earlier levels beside the new.
type followUpModel struct {
	c       *common
	keys    followUpKeys
	rec     store.CaseRecord
	result  standards.Result
	done    textinput.Model
	next    textinput.Model
	outcome textarea.Model
	focus   int
	errs    [fuFields]string
	saving  bool
	// confirmBack: esc was pressed with a result typed; esc again drops it.
	confirmBack bool
	nextHint    string // where the proposed next date comes from
}

func newFollowUpModel(c *common, rec store.CaseRecord) followUpModel {
	m := followUpModel{c: c, rec: rec, keys: followUpKeys{
		Next: binding([]string{"tab"}, "tab", "felt"),
		Prev: binding([]string{"shift+tab"}, "shift+tab", "forrige felt"),
		Save: binding([]string{"ctrl+s"}, "ctrl+s", "gem"),
		Back: binding([]string{"esc"}, "esc", "revurdering"),
	}}
	reassessed := rec.Case
	if rec.Pending != nil {
		reassessed.Assessment = *rec.Pending
	}
	m.result, _ = c.cat.Suggest(reassessed)
	m.done = dateInput(c.today.Danish())
	next, hint := m.proposedNext()
	m.next, m.nextHint = dateInput(next.Danish()), hint
	m.outcome = newArea("Hvad viste opfølgningen? Er målene nået?")
	m.outcome.SetHeight(3)
	m.outcome.SetWidth(c.width - 6)
	m.focus = fuOutcome
	m.outcome.Focus()
	return m
}

func dateInput(value string) textinput.Model {
	in := newInput("DD-MM-ÅÅÅÅ", 10, 12)
	in.SetValue(value)
	return in
}

// proposedNext is the next follow-up: the standard's fixed interval from
// today, or 12 months where it states none for later follow-ups (a window
// like Gentofte's 3-6 months applies to the first only). The hint says
// which.
func (m followUpModel) proposedNext() (domain.Date, string) {
	if d := m.rec.Decision; d != nil {
		if std, mu, ok := m.c.cat.ForMunicipality(m.rec.Case.Municipality); ok {
			if p, ok := std.Provision(d.Provision); ok && p.FollowUp().Months != nil {
				months := *p.FollowUp().Months
				return m.c.today.AddMonths(months), fmt.Sprintf("Efter %s kvalitetsstandard: hver %d. måned.", mu.Name+"s", months)
			}
		}
	}
	return m.c.today.AddMonths(standards.DefaultFollowUpMonths),
		fmt.Sprintf("Standarden angiver intet fast interval for de næste opfølgninger; forslag: %d måneder.", standards.DefaultFollowUpMonths)
}

func (m followUpModel) Init() tea.Cmd { return nil }

func (m followUpModel) Typing() bool { return true }
func (m followUpModel) Flush() error { return nil }

func (m followUpModel) Unsaved() string {
	if strings.TrimSpace(m.outcome.Value()) != "" {
		return "Resultatet af opfølgningen"
	}
	return ""
}

// followUpDoneMsg reports the stored follow-up.
type followUpDoneMsg struct{ err error }

func (m followUpModel) Update(msg tea.Msg) (followUpModel, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.outcome.SetWidth(m.c.width - 6)
		return m, nil
	case followUpDoneMsg:
		m.saving = false
		if msg.err != nil {
			return m, send(errMsg{fmt.Errorf("opfølgningen kunne ikke gemmes: %w", msg.err)})
		}
		return m, send(openCaseMsg{id: m.rec.ID})
	case tea.KeyMsg:
		if !key.Matches(msg, m.keys.Back) {
			m.confirmBack = false
		}
		switch {
		case key.Matches(msg, m.keys.Back):
			if m.Unsaved() != "" && !m.confirmBack {
				m.confirmBack = true
				return m, nil
			}
			return m, send(interviewMsg{rec: m.rec, reassess: true})
		case key.Matches(msg, m.keys.Save):
			return m.save()
		case key.Matches(msg, m.keys.Next):
			return m.setFocus((m.focus + 1) % fuFields)
		case key.Matches(msg, m.keys.Prev):
			return m.setFocus((m.focus + fuFields - 1) % fuFields)
		}
		var cmd tea.Cmd
		switch m.focus {
		case fuDone:
			m.done, cmd = m.done.Update(msg)
		case fuNext:
			m.next, cmd = m.next.Update(msg)
		default:
			m.outcome, cmd = m.outcome.Update(msg)
		}
		return m, cmd
	}
	return m, nil
}

func (m followUpModel) setFocus(f int) (followUpModel, tea.Cmd) {
	m.focus = f
	m.done.Blur()
	m.next.Blur()
	m.outcome.Blur()
	switch f {
	case fuDone:
		return m, m.done.Focus()
	case fuNext:
		return m, m.next.Focus()
	}
	return m, m.outcome.Focus()
}

func (m followUpModel) save() (followUpModel, tea.Cmd) {
	if m.saving {
		return m, nil
	}
	m.errs = [fuFields]string{}
	done, err := domain.ParseDanishDate(m.done.Value())
	if err != nil {
		m.errs[fuDone] = err.Error()
	} else if m.c.today.Before(done) {
		m.errs[fuDone] = "datoen ligger i fremtiden"
	}
	var next domain.Date
	if text := strings.TrimSpace(m.next.Value()); text != "" {
		if next, err = domain.ParseDanishDate(text); err != nil {
			m.errs[fuNext] = err.Error() + "; tøm feltet for ingen ny opfølgning"
		} else if !next.After(done) {
			m.errs[fuNext] = "næste opfølgning skal ligge efter denne"
		}
	}
	outcome := strings.TrimSpace(m.outcome.Value())
	if outcome == "" {
		m.errs[fuOutcome] = "skriv, hvad opfølgningen viste"
	}
	for _, e := range m.errs {
		if e != "" {
			return m, nil
		}
	}
	m.saving = true
	res := store.FollowUpResult{Done: done, Outcome: outcome, Reassessment: m.rec.Pending, Next: next}
	st, id := m.c.store, m.rec.ID
	return m, func() tea.Msg {
		_, err := st.CompleteFollowUp(id, res)
		return followUpDoneMsg{err}
	}
}

func (m followUpModel) ShortHelp() []key.Binding {
	return []key.Binding{m.keys.Next, m.keys.Save, m.keys.Back}
}

func (m followUpModel) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Next, m.keys.Prev, m.keys.Save, m.keys.Back}}
}
