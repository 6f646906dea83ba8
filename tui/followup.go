package tui

import (
	"errors"
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
	fuNote
	fuNext
	fuFields
)

// outcomes in the order the form offers them.
var outcomes = []domain.Outcome{domain.OutcomeContinue, domain.OutcomeChange, domain.OutcomeEnd, domain.OutcomeEndReassess}

type followUpKeys struct {
	Next, Prev, Left, Right, Save, Reassess, Back key.Binding
}

// followUpModel records a follow-up on one grant: the date, what it
// showed, whether the grant continues, changes or ends, and the next
// follow-up. A reassessment made in the interview (the draft) is recorded
// with it, the earlier levels shown beside the new.
type followUpModel struct {
	c        *common
	keys     followUpKeys
	cas      domain.Case
	grant    domain.Grant
	reassess *domain.AssessmentEvent // the draft, when a reassessment is in progress
	result   standards.Result
	done     textinput.Model
	next     textinput.Model
	note     textarea.Model
	outcome  int
	f        fieldSet
	saving   bool
	stale    *store.StaleError
	// confirmBack: esc was pressed with a result typed; esc again drops it.
	confirmBack bool
	nextHint    string // where the proposed next date comes from
}

// followUpReadyMsg carries the case and the reassessment in progress.
type followUpReadyMsg struct {
	cas      domain.Case
	grant    string
	draft    domain.Draft
	hasDraft bool
}

func loadFollowUpCmd(st Store, msg followUpMsg) tea.Cmd {
	return func() tea.Msg {
		c, err := st.Case(msg.cas.ID)
		if err != nil {
			return errMsg{err}
		}
		if g, ok := c.Grant(msg.grant); !ok || !g.Active() {
			return errMsg{fmt.Errorf("bevilling %s er ikke længere aktiv på sagen", msg.grant)}
		}
		d, ok, err := st.Draft(c.ID)
		if err != nil {
			return errMsg{err}
		}
		return followUpReadyMsg{cas: c, grant: msg.grant, draft: d, hasDraft: ok && d.Kind == domain.Reassessment}
	}
}

func newFollowUpModel(c *common, r followUpReadyMsg) followUpModel {
	g, _ := r.cas.Grant(r.grant)
	m := followUpModel{c: c, cas: r.cas, grant: g, keys: followUpKeys{
		Next:     binding([]string{"tab"}, "tab", "felt"),
		Prev:     binding([]string{"shift+tab"}, "shift+tab", "forrige felt"),
		Left:     binding([]string{"left"}, "←", "forrige valg"),
		Right:    binding([]string{"right"}, "→", "næste valg"),
		Save:     binding([]string{"ctrl+s"}, "ctrl+s", "gem"),
		Reassess: binding([]string{"ctrl+r"}, "ctrl+r", "revurdering"),
		Back:     binding([]string{"esc"}, "esc", "sagen"),
	}}
	cf := r.cas.File()
	if r.hasDraft {
		if a, goals, living, err := domain.ParseDraft(r.draft.Values()); err == nil {
			method := c.cat.MethodFor(r.cas.Municipality)
			e := domain.AssessmentEvent{Date: c.today, Kind: domain.Reassessment, Assessment: a, Goals: goals,
				Method: method.ID, MethodVersion: method.Version}
			cf.Method, cf.MethodVersion = method.ID, method.Version
			if living != "" && living != r.cas.Citizen.Living {
				e.Living = living
				cf.Citizen.Living = living
			}
			if len(goals) == 0 {
				e.Goals = cf.Goals
			}
			m.reassess = &e
			cf.Assessment = a
		}
	}
	m.result, _ = c.cat.Suggest(cf)
	m.done = dateInput(c.today.Danish())
	next, hint := m.proposedNext()
	m.next, m.nextHint = dateInput(next.Danish()), hint
	m.note = newArea("Hvad viste opfølgningen? Er målene nået?")
	m.note.SetHeight(3)
	m.note.SetWidth(c.width - 6)
	m.f = newFieldSet(fuFields, 20, -1, fuNote)
	m.note.Focus()
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
	if std, mu, ok := m.c.cat.ForMunicipality(m.cas.Municipality); ok {
		if p, ok := std.Provision(m.grant.Provision); ok && p.FollowUp().Months != nil {
			months := *p.FollowUp().Months
			return m.c.today.AddMonths(months), fmt.Sprintf("Efter %s kvalitetsstandard: hver %d. måned.", mu.Name+"s", months)
		}
	}
	return m.c.today.AddMonths(standards.DefaultFollowUpMonths),
		fmt.Sprintf("Standarden angiver intet fast interval for de næste opfølgninger; forslag: %d måneder.", standards.DefaultFollowUpMonths)
}

func (m followUpModel) Init() tea.Cmd { return nil }

func (m followUpModel) Typing() bool { return m.f.focus != fuOutcome }
func (m followUpModel) Flush() error { return nil }

func (m followUpModel) Unsaved() string {
	if strings.TrimSpace(m.note.Value()) != "" {
		return "Resultatet af opfølgningen"
	}
	return ""
}

func (m followUpModel) Update(msg tea.Msg) (followUpModel, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.note.SetWidth(m.c.width - 6)
		return m, nil
	case appendedMsg:
		m.saving = false
		var stale *store.StaleError
		if errors.As(msg.err, &stale) {
			m.stale = stale
			return m, nil
		}
		if msg.err != nil {
			return m, send(errMsg{fmt.Errorf("opfølgningen kunne ikke gemmes: %w", msg.err)})
		}
		return m, send(openCaseMsg{id: m.cas.ID, status: "Opfølgningen er gemt."})
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
			return m, send(openCaseMsg{id: m.cas.ID})
		case key.Matches(msg, m.keys.Save):
			return m.save()
		case key.Matches(msg, m.keys.Reassess):
			return m, send(interviewMsg{cas: m.cas, kind: domain.Reassessment, grant: m.grant.ID})
		case key.Matches(msg, m.keys.Next):
			return m.moveFocus(1)
		case key.Matches(msg, m.keys.Prev):
			return m.moveFocus(-1)
		}
		var cmd tea.Cmd
		switch m.f.focus {
		case fuDone:
			m.done, cmd = m.done.Update(msg)
		case fuNext:
			m.next, cmd = m.next.Update(msg)
		case fuOutcome:
			switch {
			case key.Matches(msg, m.keys.Left):
				m.outcome = (m.outcome + len(outcomes) - 1) % len(outcomes)
			case key.Matches(msg, m.keys.Right), msg.String() == " ":
				m.outcome = (m.outcome + 1) % len(outcomes)
			}
		default:
			m.note, cmd = m.note.Update(msg)
		}
		return m, cmd
	}
	return m, nil
}

func (m followUpModel) moveFocus(delta int) (followUpModel, tea.Cmd) {
	m.f.move(fieldOrder(fuFields), delta)
	return m, focusOnly(m.f.focus, &m.done, nil, &m.note, &m.next)
}

// save records the follow-up on its grant. A change goes on to the
// decision screen and an end to the termination form, which record the
// follow-up together with what it decided.
func (m followUpModel) save() (followUpModel, tea.Cmd) {
	if m.saving {
		return m, nil
	}
	m.f.clearErrors()
	done, err := domain.ParseDanishDate(m.done.Value())
	if err != nil {
		m.f.errs[fuDone] = err.Error()
	} else if m.c.today.Before(done) {
		m.f.errs[fuDone] = "datoen ligger i fremtiden"
	}
	outcome := outcomes[m.outcome]
	var next domain.Date
	if text := strings.TrimSpace(m.next.Value()); !outcome.Ends() && text != "" {
		if next, err = domain.ParseDanishDate(text); err != nil {
			m.f.errs[fuNext] = err.Error()
		} else if !next.After(done) {
			m.f.errs[fuNext] = "næste opfølgning skal ligge efter denne"
		}
	} else if !outcome.Ends() {
		m.f.errs[fuNext] = "angiv næste opfølgning; vælg »ophører«, hvis bevillingen skal slutte"
	}
	note := strings.TrimSpace(m.note.Value())
	if note == "" {
		m.f.errs[fuNote] = "skriv, hvad opfølgningen viste"
	}
	if m.f.failed() {
		return m, nil
	}
	fu := domain.Event{Kind: domain.EventFollowUp, Grant: m.grant.ID, FollowUp: &domain.FollowUp{
		Provision: m.grant.Provision, Due: m.grant.FollowUpDue, Done: done, Outcome: outcome, Note: note,
		Reassessed: m.reassess != nil, Next: next}}
	var events []domain.Event
	if m.reassess != nil {
		events = append(events, domain.Event{Kind: domain.EventAssessment, Assessment: m.reassess})
	}
	switch outcome {
	case domain.OutcomeChange:
		return m, send(suggestMsg{task: decisionTask{cas: m.cas, assessment: m.reassess, pre: []domain.Event{fu},
			change: m.grant.ID, dropDraft: m.reassess != nil}})
	case domain.OutcomeEnd, domain.OutcomeEndReassess:
		return m, send(endGrantMsg{cas: m.cas, grant: m.grant.ID, pre: append(events, fu), dropDraft: m.reassess != nil})
	}
	m.saving = true
	ch := store.Change{Version: m.cas.Version, Events: append(events, fu), DropDraft: m.reassess != nil}
	return m, appendCmd(m.c.store, m.cas.ID, ch)
}

func (m followUpModel) ShortHelp() []key.Binding {
	if m.f.focus == fuOutcome {
		return []key.Binding{m.keys.Right, m.keys.Next, m.keys.Save, m.keys.Reassess, m.keys.Back}
	}
	return []key.Binding{m.keys.Next, m.keys.Save, m.keys.Reassess, m.keys.Back}
}

func (m followUpModel) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Next, m.keys.Prev, m.keys.Left, m.keys.Right}, {m.keys.Save, m.keys.Reassess, m.keys.Back}}
}
