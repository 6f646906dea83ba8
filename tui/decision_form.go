package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
	"github.com/vumdk/vum/store"
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
	if std, _, ok := m.c.cat.ForMunicipality(m.task.cas.Municipality); ok {
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
	return focusOnly(m.f.focus, &m.inputs[formDate], &m.inputs[formStart], &m.inputs[formFollowUp],
		&m.inputs[formAmount], &m.inputs[formOffer], &m.reason)
}

// fields lists the form's fields; a refusal has no follow-up or scope,
// a provision without a measured amount no amount.
func (m decisionModel) fields() []int {
	if m.refused {
		return []int{formDate, formReason}
	}
	if m.provision.Unit() == domain.UnitNone {
		return []int{formDate, formStart, formFollowUp, formOffer, formReason}
	}
	return []int{formDate, formStart, formFollowUp, formAmount, formOffer, formReason}
}

func (m decisionModel) moveFocus(delta int) (decisionModel, tea.Cmd) {
	m.f.move(m.fields(), delta)
	return m, m.focusField()
}

func (m decisionModel) updateForm(msg tea.KeyMsg) (decisionModel, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Back):
		if m.task.change != "" && m.task.pre != nil {
			return m, send(openCaseMsg{id: m.task.cas.ID}) // a change from a follow-up
		}
		m.stage, m.cursor, m.task.change = stageSuggestions, 0, m.origChange
		return m, nil
	case key.Matches(msg, m.keys.Save):
		return m.save()
	case key.Matches(msg, m.keys.Next):
		return m.moveFocus(1)
	case key.Matches(msg, m.keys.Prev):
		return m.moveFocus(-1)
	}
	var cmd tea.Cmd
	if m.f.focus == formReason {
		m.reason, cmd = m.reason.Update(msg)
		return m, cmd
	}
	if msg.String() == "enter" {
		return m.moveFocus(1)
	}
	m.inputs[m.f.focus], cmd = m.inputs[m.f.focus].Update(msg)
	m.f.errs[m.f.focus] = ""
	switch m.f.focus {
	case formAmount:
		if _, err := m.amount(); err != nil {
			m.f.errs[formAmount] = err.Error()
		}
	case formOffer:
	default:
		if _, err := domain.ParseDanishDate(m.inputs[m.f.focus].Value()); err != nil {
			m.f.errs[m.f.focus] = err.Error()
		} else if m.f.focus == formStart {
			m.refreshFollowUp(false)
		}
	}
	m.refreshCheck()
	return m, cmd
}

// amount reads the scope's amount; ok is false when the field is empty.
func (m decisionModel) amount() (domain.Scope, error) {
	s := domain.Scope{Offer: strings.TrimSpace(m.inputs[formOffer].Value())}
	text := strings.TrimSpace(m.inputs[formAmount].Value())
	if text == "" || m.refused || m.provision.Unit() == domain.UnitNone {
		return s, nil
	}
	v, err := domain.ParseNumber(text)
	if err != nil {
		return s, fmt.Errorf("skriv %s som et tal, fx 2,5", m.provision.Unit().Label())
	}
	return s.WithAmount(m.provision.Unit(), v), nil
}

// input reads the form into what Decide takes; bad fields are marked.
func (m *decisionModel) input(mark bool) (standards.DecisionInput, bool) {
	in := standards.DecisionInput{Provision: m.provision, Tier: m.tier, Refused: m.refused,
		Reason: strings.TrimSpace(m.reason.Value()), Today: m.c.today, Active: m.task.cas.Active(), Change: m.task.change}
	dates := map[int]*domain.Date{formDate: &in.Date, formStart: &in.Start, formFollowUp: &in.FollowUp}
	ok := true
	for _, f := range m.fields() {
		if f == formAmount || f == formOffer {
			scope, err := m.amount()
			if err != nil {
				ok = false
				if mark {
					m.f.errs[f] = err.Error()
				}
			}
			in.Scope = scope
			continue
		}
		target, isDate := dates[f]
		if !isDate {
			continue
		}
		d, err := domain.ParseDanishDate(m.inputs[f].Value())
		if err != nil {
			ok = false
			if mark {
				m.f.errs[f] = err.Error()
			}
			continue
		}
		*target = d
	}
	if in.FollowUp.Equal(m.stdDue) && m.stdStated {
		in.FollowUp = domain.Date{} // the standard's own date
	}
	return in, ok
}

// refreshCheck asks Decide what it makes of the form so far: whether a
// reason is needed (a decision below the suggestion is a partial
// refusal), and which combinations it warns of.
func (m *decisionModel) refreshCheck() {
	in, _ := m.input(false)
	in.Reason = ""
	d, notes, err := m.c.cat.Decide(m.task.caseFile(), in)
	m.check = decisionCheck{d: d, notes: notes, valid: err == nil}
	if ps, ok := err.(domain.Problems); ok {
		for _, p := range ps {
			if p.Field == "reason" {
				m.check.needsReason, m.check.reasonReason = true, p.Message
			}
		}
		if m.check.needsReason {
			in.Reason = "-"
			_, notes, _ := m.c.cat.Decide(m.task.caseFile(), in)
			m.check.notes = notes
		}
	}
}

// save checks the decision with the same rules as »vum decide« and
// records it with the assessment it rests on, on the version of the case
// the screen read.
func (m decisionModel) save() (decisionModel, tea.Cmd) {
	if m.saving {
		return m, nil
	}
	m.f.clearErrors()
	in, ok := m.input(true)
	if !ok {
		return m, nil
	}
	d, notes, err := m.c.cat.Decide(m.task.caseFile(), in)
	if err != nil {
		return m.showProblems(err)
	}
	m.saving, m.notes = true, notes
	var events []domain.Event
	if a := m.task.assessment; a != nil {
		events = append(events, domain.Event{Kind: domain.EventAssessment, Assessment: a})
	}
	events = append(events, m.task.pre...)
	if m.task.change != "" {
		events = append(events, domain.ChangeEvent(m.task.change, d))
	} else {
		events = append(events, m.task.cas.GrantEvent(d))
	}
	ch := store.Change{Version: m.task.cas.Version, Events: events, DropDraft: m.task.dropDraft}
	st, id := m.c.store, m.task.cas.ID
	return m, func() tea.Msg {
		c, err := st.Append(id, ch)
		return decidedMsg{d: d, cas: c, err: err}
	}
}

// showProblems puts each problem beside its field.
func (m decisionModel) showProblems(err error) (decisionModel, tea.Cmd) {
	fields := map[string]int{"date": formDate, "start": formStart, "follow-up": formFollowUp, "reason": formReason}
	if m.provision.Unit() != domain.UnitNone {
		fields["scope"], fields["hours"], fields["tier"] = formAmount, formAmount, formAmount
	}
	if err := m.f.problems(err, fields); err != nil {
		return m, send(errMsg{err})
	}
	return m, nil
}

func (m decisionModel) updateDone(msg tea.KeyMsg) (decisionModel, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Draft):
		return m, send(draftMsg{cas: m.task.cas, seq: m.decidedSeq})
	case key.Matches(msg, m.keys.Another):
		return m, send(suggestMsg{task: decisionTask{cas: m.task.cas}})
	case key.Matches(msg, m.keys.Back):
		return m, send(openCaseMsg{id: m.task.cas.ID, status: fmt.Sprintf("Afgørelsen for %s er gemt.", m.task.cas.Citizen.Name)})
	}
	return m, nil
}

func (m decisionModel) ShortHelp() []key.Binding {
	if m.stale != nil {
		return []key.Binding{m.keys.Reload, m.keys.Back}
	}
	switch m.stage {
	case stageSuggestions:
		return []key.Binding{m.keys.Choose, m.keys.Down, m.keys.Other, m.keys.Refuse, m.keys.More, m.keys.Back}
	case stageProvision, stageTier:
		return []key.Binding{m.keys.Up, m.keys.Down, m.keys.Choose, m.keys.Back}
	case stageForm:
		return []key.Binding{m.keys.Next, m.keys.Save, m.keys.Back}
	}
	return []key.Binding{m.keys.Draft, m.keys.Another, binding([]string{"esc"}, "esc", "sagen")}
}

// FullHelp lists the keys of the current stage only.
func (m decisionModel) FullHelp() [][]key.Binding {
	switch m.stage {
	case stageSuggestions:
		return [][]key.Binding{{m.keys.Up, m.keys.Down, m.keys.Choose}, {m.keys.Other, m.keys.Refuse}, {m.keys.More, m.keys.Less, m.keys.Back}}
	case stageForm:
		return [][]key.Binding{{m.keys.Next, m.keys.Prev}, {m.keys.Save, m.keys.Back, m.keys.Reload}}
	}
	return [][]key.Binding{m.ShortHelp()}
}
