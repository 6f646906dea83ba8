package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
)

// refreshFollowUp proposes the first follow-up from the start date: the
// standard's interval, or 12 months where it states none (and says so).
// force replaces what the caseworker typed.
func (m *decisionModel) refreshFollowUp(force bool) {
	start, err := domain.ParseDanishDate(m.inputs[formStart].Value())
	if err != nil {
		return
	}
	previous := m.stdDue
	m.stdDue, m.stdStated = start.AddMonths(standards.DefaultFollowUpMonths), false
	if std, _, ok := m.c.cat.ForMunicipality(m.rec.Case.Municipality); ok {
		if p, ok := std.Provision(m.provision); ok {
			m.stdDue, m.stdStated = p.FirstFollowUp(start)
		}
	}
	current := m.inputs[formFollowUp].Value()
	if force || current == "" || current == previous.Danish() {
		m.inputs[formFollowUp].SetValue(m.stdDue.Danish())
	}
}

func (m *decisionModel) focusField() tea.Cmd {
	for i := range formReason {
		m.inputs[i].Blur()
	}
	m.reason.Blur()
	if m.focus == formReason {
		return m.reason.Focus()
	}
	return m.inputs[m.focus].Focus()
}

// fields lists the form's fields; a refusal has no follow-up.
func (m decisionModel) fields() []int {
	if m.refused {
		return []int{formDate, formReason}
	}
	return []int{formDate, formStart, formFollowUp, formReason}
}

func (m decisionModel) moveFocus(delta int) (decisionModel, tea.Cmd) {
	fields := m.fields()
	i := 0
	for j, f := range fields {
		if f == m.focus {
			i = j
		}
	}
	m.focus = fields[(i+delta+len(fields))%len(fields)]
	return m, m.focusField()
}

func (m decisionModel) updateForm(msg tea.KeyMsg) (decisionModel, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Back):
		m.stage, m.cursor = stageSuggestions, 0
		return m, nil
	case key.Matches(msg, m.keys.Save):
		return m.save()
	case key.Matches(msg, m.keys.Next):
		return m.moveFocus(1)
	case key.Matches(msg, m.keys.Prev):
		return m.moveFocus(-1)
	}
	var cmd tea.Cmd
	if m.focus == formReason {
		m.reason, cmd = m.reason.Update(msg)
		return m, cmd
	}
	if msg.String() == "enter" {
		return m.moveFocus(1)
	}
	m.inputs[m.focus], cmd = m.inputs[m.focus].Update(msg)
	m.fieldErr[m.focus] = ""
	if _, err := domain.ParseDanishDate(m.inputs[m.focus].Value()); err != nil {
		m.fieldErr[m.focus] = err.Error()
	} else if m.focus == formStart {
		m.refreshFollowUp(false)
	}
	return m, cmd
}

// save checks the decision with the same rules as »vum decide« and
// stores it.
func (m decisionModel) save() (decisionModel, tea.Cmd) {
	if m.saving {
		return m, nil
	}
	in := standards.DecisionInput{Provision: m.provision, Tier: m.tier, Refused: m.refused,
		Reason: strings.TrimSpace(m.reason.Value()), Today: m.c.today}
	m.fieldErr = [formFields]string{}
	dates := map[int]*domain.Date{formDate: &in.Date, formStart: &in.Start, formFollowUp: &in.FollowUp}
	bad := false
	for _, f := range m.fields() {
		target, ok := dates[f]
		if !ok {
			continue
		}
		d, err := domain.ParseDanishDate(m.inputs[f].Value())
		if err != nil {
			m.fieldErr[f], bad = err.Error(), true
			continue
		}
		*target = d
	}
	if bad {
		return m, nil
	}
	if in.FollowUp.Equal(m.stdDue) && m.stdStated {
		in.FollowUp = domain.Date{} // the standard's own date
	}
	d, notes, err := m.c.cat.Decide(m.rec.Case, in)
	if err != nil {
		return m.showProblems(err)
	}
	m.saving, m.notes = true, notes
	st, id, seen := m.c.store, m.rec.ID, m.rec.DecisionMeta
	return m, func() tea.Msg {
		// Someone may have decided the case meanwhile (another vum, the
		// command line); never stack a second decision on theirs unseen.
		now, err := st.Case(id)
		if err != nil {
			return decidedMsg{err: err}
		}
		if now.DecisionMeta != nil && (seen == nil || now.DecisionMeta.ID != seen.ID) {
			return decidedMsg{err: fmt.Errorf("sagen er afgjort i mellemtiden (%s, %s); gå tilbage og se sagen, før du træffer en ny afgørelse",
				lawName(now.Decision.Provision), now.Decision.Date.Danish())}
		}
		if _, err := st.Decide(id, d); err != nil {
			return decidedMsg{err: err}
		}
		rec, err := st.Case(id)
		return decidedMsg{d: d, rec: rec, err: err}
	}
}

// showProblems puts each problem beside its field.
func (m decisionModel) showProblems(err error) (decisionModel, tea.Cmd) {
	ps, ok := err.(domain.Problems)
	if !ok {
		return m, send(errMsg{err})
	}
	fields := map[string]int{"date": formDate, "start": formStart, "follow-up": formFollowUp, "reason": formReason}
	var other []string
	for _, p := range ps {
		if f, ok := fields[p.Field]; ok {
			m.fieldErr[f] = p.Message
		} else {
			other = append(other, p.Message)
		}
	}
	if len(other) > 0 {
		return m, send(errMsg{fmt.Errorf("%s", strings.Join(other, "; "))})
	}
	return m, nil
}

func (m decisionModel) updateDone(msg tea.KeyMsg) (decisionModel, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Draft):
		return m, send(draftMsg{rec: m.rec})
	case key.Matches(msg, m.keys.Back):
		return m, send(showCasesMsg{status: fmt.Sprintf("Afgørelsen for %s er gemt.", m.rec.Case.Citizen.Name)})
	}
	return m, nil
}

func (m decisionModel) ShortHelp() []key.Binding {
	switch m.stage {
	case stageSuggestions:
		return []key.Binding{m.keys.Choose, m.keys.Down, m.keys.Other, m.keys.Refuse, m.keys.More, m.keys.Back}
	case stageProvision, stageTier:
		return []key.Binding{m.keys.Up, m.keys.Down, m.keys.Choose, m.keys.Back}
	case stageForm:
		return []key.Binding{m.keys.Next, m.keys.Save, m.keys.Back}
	}
	return []key.Binding{m.keys.Draft, binding([]string{"esc"}, "esc", "sager")}
}

// FullHelp lists the keys of the current stage only.
func (m decisionModel) FullHelp() [][]key.Binding {
	switch m.stage {
	case stageSuggestions:
		return [][]key.Binding{{m.keys.Up, m.keys.Down, m.keys.Choose}, {m.keys.Other, m.keys.Refuse}, {m.keys.More, m.keys.Less, m.keys.Back}}
	case stageForm:
		return [][]key.Binding{{m.keys.Next, m.keys.Prev}, {m.keys.Save, m.keys.Back}}
	}
	return [][]key.Binding{m.ShortHelp()}
}
