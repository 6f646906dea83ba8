package tui

import (
	"fmt"
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
)

// area is the part of the interview that has the keyboard.
type area int

const (
	areaList area = iota
	areaLevel
	areaView
	areaNote
	areaHours
	areaPermanent
	areaRelief
	areaGoals
)

// stepKind tells the theme steps from the two closing steps.
type stepKind int

const (
	stepTheme stepKind = iota
	stepFacts          // support hours, permanence, relatives' relief
	stepGoals          // the citizen's goals
)

type step struct {
	kind  stepKind
	theme domain.Theme
}

type interviewKeys struct {
	NextArea, PrevArea, NextStep, PrevStep, Up, Down, Select, Level, NotRelevant, Clear, Toggle, Suggest, Back key.Binding
}

func newInterviewKeys() interviewKeys {
	return interviewKeys{
		NextArea:    binding([]string{"tab"}, "tab", "felt"),
		PrevArea:    binding([]string{"shift+tab"}, "shift+tab", "forrige felt"),
		NextStep:    binding([]string{"ctrl+n", "pgdown"}, "ctrl+n", "næste tema"),
		PrevStep:    binding([]string{"ctrl+p", "pgup"}, "ctrl+p", "forrige tema"),
		Up:          binding([]string{"up", "k"}, "↑/k", "op i listen"),
		Down:        binding([]string{"down", "j"}, "↓/j", "ned i listen"),
		Select:      binding([]string{"enter"}, "enter", "vælg tema"),
		Level:       binding([]string{"0", "1", "2", "3", "4", "left", "right"}, "0-4", "niveau"),
		NotRelevant: binding([]string{"x"}, "x", "ikke relevant"),
		Clear:       binding([]string{"backspace", "delete"}, "del", "fjern niveau"),
		Toggle:      binding([]string{" ", "enter"}, "mellemrum", "skift ja/nej"),
		Suggest:     binding([]string{"ctrl+s"}, "ctrl+s", "forslag"),
		Back:        binding([]string{"esc"}, "esc", "gem og tilbage"),
	}
}

// interviewModel walks the caseworker through the themes, then support
// hours, permanence, relief and goals. Every change is saved shortly
// after it is made, so leaving (or a crash) loses nothing.
type interviewModel struct {
	c        *common
	keys     interviewKeys
	rec      store.CaseRecord
	work     domain.CaseFile // the case as edited
	reassess bool
	previous domain.Assessment // the assessment being reassessed
	steps    []step
	step     int
	area     area
	view     textarea.Model
	note     textarea.Model
	goals    textarea.Model
	hours    textinput.Model
	hoursErr string
	// detailOffset is how far the step's text is scrolled.
	detailOffset int

	dirty    bool
	saving   bool
	autosave autosave
	savedAt  time.Time
	saveErr  error
}

func newInterviewModel(c *common, rec store.CaseRecord, reassess bool) interviewModel {
	m := interviewModel{c: c, keys: newInterviewKeys(), rec: rec, work: rec.Case, reassess: reassess,
		autosave: newAutosave(c.saveDelay, c.saveMaxWait, c.nowTime)}
	m.work.Assessment = cloneAssessment(rec.Case.Assessment)
	if reassess {
		m.previous = rec.Case.Assessment
		if rec.Pending != nil {
			m.work.Assessment = cloneAssessment(*rec.Pending)
		}
	}
	for _, t := range c.method.Themes {
		m.steps = append(m.steps, step{kind: stepTheme, theme: t})
	}
	m.steps = append(m.steps, step{kind: stepFacts})
	if !reassess {
		m.steps = append(m.steps, step{kind: stepGoals})
	}
	m.view = newArea("Hvad siger borgeren selv?")
	m.note = newArea("Din faglige vurdering")
	m.goals = newArea("Ét mål pr. linje")
	m.goals.SetValue(strings.Join(rec.Case.Goals, "\n"))
	m.hours = newInput("fx 2,5", 6, 8)
	if h := m.work.Assessment.SupportHoursPerWeek; h != nil {
		m.hours.SetValue(domain.FormatNumber(*h))
	}
	if !reassess {
		m.step = m.firstOpenStep() // resume where the caseworker left off
	} else {
		m.keys.Suggest.SetHelp("ctrl+s", "opfølgning")
	}
	m.area = areaLevel
	m.loadStep()
	return m
}

func newArea(placeholder string) textarea.Model {
	a := textarea.New()
	a.Placeholder = placeholder
	a.ShowLineNumbers = false
	a.Prompt = "│ "
	a.CharLimit = domain.MaxTextRunes
	a.MaxHeight = 0 // no cap on lines: a long note keeps every paragraph
	a.SetHeight(2)
	a.Cursor.SetMode(cursor.CursorStatic)
	return a
}

func cloneAssessment(a domain.Assessment) domain.Assessment {
	out := a
	out.Themes = make(map[string]domain.ThemeAssessment, len(a.Themes))
	for k, v := range a.Themes {
		out.Themes[k] = v
	}
	if a.SupportHoursPerWeek != nil {
		h := *a.SupportHoursPerWeek
		out.SupportHoursPerWeek = &h
	}
	return out
}

// firstOpenStep resumes at the first theme not yet looked at.
func (m interviewModel) firstOpenStep() int {
	for i, st := range m.steps {
		if st.kind != stepTheme {
			return i
		}
		if t, ok := m.work.Assessment.Themes[st.theme.Slug]; !ok || t.Unscored {
			return i
		}
	}
	return 0
}

func (m interviewModel) Init() tea.Cmd { return nil }

func (m interviewModel) current() step { return m.steps[m.step] }

// loadStep fills the text fields from the working case for the step.
func (m *interviewModel) loadStep() {
	m.layout()
	st := m.current()
	if st.kind == stepTheme {
		t := m.work.Assessment.Themes[st.theme.Slug]
		m.view.SetValue(t.CitizenView)
		m.note.SetValue(t.Note)
	}
	m.focusArea(m.area)
}

// areas lists the areas of the current step in tab order.
func (m interviewModel) areas() []area {
	switch m.current().kind {
	case stepFacts:
		return []area{areaList, areaHours, areaPermanent, areaRelief}
	case stepGoals:
		return []area{areaList, areaGoals}
	}
	return []area{areaList, areaLevel, areaView, areaNote}
}

func (m *interviewModel) focusArea(a area) {
	valid := false
	for _, x := range m.areas() {
		valid = valid || x == a
	}
	if !valid {
		a = m.areas()[1]
	}
	m.area = a
	m.view.Blur()
	m.note.Blur()
	m.goals.Blur()
	m.hours.Blur()
	switch a {
	case areaView:
		m.view.Focus()
	case areaNote:
		m.note.Focus()
	case areaGoals:
		m.goals.Focus()
	case areaHours:
		m.hours.Focus()
	}
	m.resetDetailScroll()
}

// savedMsg reports a finished save.
type savedMsg struct {
	rec store.CaseRecord
	err error
}

// edited marks unsaved work and schedules a save.
func (m *interviewModel) edited() tea.Cmd {
	m.dirty = true
	return m.autosave.Edited()
}

// saveCmd writes the working case; one save runs at a time.
func (m *interviewModel) saveCmd() tea.Cmd {
	if !m.dirty || m.saving {
		return nil
	}
	m.saving, m.dirty = true, false
	m.autosave.Saving()
	st, id, cf, reassess := m.c.store, m.rec.ID, m.snapshot(), m.reassess
	return func() tea.Msg {
		if reassess {
			a := cf.Assessment
			if err := st.SavePending(id, &a); err != nil {
				return savedMsg{err: err}
			}
			rec, err := st.Case(id)
			return savedMsg{rec: rec, err: err}
		}
		rec, err := st.UpdateCase(id, cf)
		return savedMsg{rec: rec, err: err}
	}
}

// snapshot returns the working case with the goals as typed.
func (m interviewModel) snapshot() domain.CaseFile {
	cf := m.work
	cf.Assessment = cloneAssessment(m.work.Assessment)
	if !m.reassess {
		cf.Goals = nil
		for _, g := range strings.Split(m.goals.Value(), "\n") {
			if g = strings.TrimSpace(g); g != "" {
				cf.Goals = append(cf.Goals, g)
			}
		}
	}
	return cf
}

// Flush saves unsaved work at once, for quitting.
func (m interviewModel) Flush() error {
	if !m.dirty && !m.saving {
		return nil
	}
	cf := m.snapshot()
	if m.reassess {
		a := cf.Assessment
		return m.c.store.SavePending(m.rec.ID, &a)
	}
	_, err := m.c.store.UpdateCase(m.rec.ID, cf)
	return err
}

// Unsaved is empty: Flush saves everything typed in the interview.
func (m interviewModel) Unsaved() string { return "" }

func (m interviewModel) Typing() bool {
	return m.area == areaView || m.area == areaNote || m.area == areaGoals || m.area == areaHours
}

func (m interviewModel) Update(msg tea.Msg) (interviewModel, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.layout()
		return m, nil
	case saveTickMsg:
		if m.autosave.Due(msg) {
			return m, m.saveCmd()
		}
		return m, nil
	case savedMsg:
		m.saving = false
		if msg.err != nil {
			first := !m.autosave.Retrying()
			m.saveErr, m.dirty = msg.err, true
			retry := m.autosave.Failed()
			if first {
				return m, tea.Batch(retry, send(errMsg{fmt.Errorf("udredningen kunne ikke gemmes: %w; vum gemmer igen, så snart det kan", msg.err)}))
			}
			return m, retry
		}
		recovered := m.autosave.Saved()
		m.rec.Updated, m.savedAt, m.saveErr = msg.rec.Updated, m.c.nowTime(), nil
		return m, tea.Batch(recovered, m.saveCmd()) // and anything typed meanwhile
	case tea.KeyMsg:
		return m.updateKey(msg)
	}
	return m, nil
}

// leave saves synchronously and moves on; saving first means the next
// screen always sees what was typed.
func (m interviewModel) leave(next tea.Msg) (interviewModel, tea.Cmd) {
	if err := m.Flush(); err != nil {
		return m, send(errMsg{fmt.Errorf("udredningen kunne ikke gemmes: %w", err)})
	}
	m.dirty = false
	rec := m.rec
	rec.Case = m.snapshot()
	switch n := next.(type) {
	case suggestMsg:
		n.rec = rec
		next = n
	case followUpMsg:
		a := rec.Case.Assessment
		rec.Case.Assessment, rec.Pending = m.previous, &a
		n.rec = rec
		next = n
	}
	return m, send(next)
}

func (m interviewModel) updateKey(msg tea.KeyMsg) (interviewModel, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Back):
		if m.area != areaList && m.area != areaLevel && m.Typing() {
			m.focusArea(areaList) // esc first leaves the text field
			return m, nil
		}
		if m.reassess {
			return m.leave(showCasesMsg{status: "Revurderingen er gemt; den registreres, når opfølgningen gemmes."})
		}
		return m.leave(showCasesMsg{status: "Udredningen er gemt."})
	case key.Matches(msg, m.keys.Suggest):
		if m.reassess {
			return m.leave(followUpMsg{})
		}
		return m.leave(suggestMsg{})
	case key.Matches(msg, m.keys.NextArea):
		return m.cycleArea(1), nil
	case key.Matches(msg, m.keys.PrevArea):
		return m.cycleArea(-1), nil
	case key.Matches(msg, m.keys.NextStep):
		return m.goStep(m.step+1, areaLevel)
	case key.Matches(msg, m.keys.PrevStep):
		return m.goStep(m.step-1, areaLevel)
	}
	switch m.area {
	case areaList:
		return m.updateList(msg)
	case areaLevel, areaPermanent, areaRelief:
		if d := scrollDelta(msg, m.keys); d != 0 {
			m.scrollDetail(d)
			return m, nil
		}
	}
	switch m.area {
	case areaLevel:
		return m.updateLevel(msg)
	case areaPermanent, areaRelief:
		return m.updateToggle(msg)
	}
	return m.updateText(msg)
}

func (m interviewModel) cycleArea(delta int) interviewModel {
	areas := m.areas()
	i := 0
	for j, a := range areas {
		if a == m.area {
			i = j
		}
	}
	m.focusArea(areas[(i+delta+len(areas))%len(areas)])
	return m
}

func (m interviewModel) goStep(i int, a area) (interviewModel, tea.Cmd) {
	if i < 0 || i >= len(m.steps) {
		return m, nil
	}
	save := m.saveCmd()
	m.step = i
	m.area = a
	m.loadStep()
	return m, save
}

func (m interviewModel) updateList(msg tea.KeyMsg) (interviewModel, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Up):
		return m.goStep(m.step-1, areaList)
	case key.Matches(msg, m.keys.Down):
		return m.goStep(m.step+1, areaList)
	case key.Matches(msg, m.keys.Select):
		m.focusArea(m.areas()[1])
	}
	return m, nil
}
