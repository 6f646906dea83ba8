package tui

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"

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
	areaLiving
	// A method with støttebehov, statement sources and the goal chain
	// (VUM 2.0) adds these.
	areaSupport     // the theme's støttebehov
	areaSource      // the source of the next statement
	areaStatement   // the next statement's text
	areaSituation   // vurdering af borgerens situation
	areaPurpose     // indsatsformål
	areaTargetText  // the next indsatsmål's text
	areaTargetTheme // its primary theme
	areaTargetType  // its måltype
)

// stepKind tells the theme steps from the two closing steps.
type stepKind int

const (
	stepTheme stepKind = iota
	stepFacts          // support hours, permanence, relatives' relief
	stepGoals          // the citizen's goals
	stepChain          // the sagsvurdering: situation, indsatsformål, indsatsmål
)

type step struct {
	kind  stepKind
	theme domain.Theme
}

type interviewKeys struct {
	NextArea, PrevArea, NextStep, PrevStep, Up, Down, Select, Level, NotRelevant, Clear, Toggle, Suggest, Back, Reload key.Binding
	// A method with støttebehov, statement sources and the goal chain.
	Support, ClearSupport, Choose, Add, RemoveLast key.Binding
}

func newInterviewKeys() interviewKeys {
	return interviewKeys{
		NextArea:     binding([]string{"tab"}, "tab", "felt"),
		PrevArea:     binding([]string{"shift+tab"}, "shift+tab", "forrige felt"),
		NextStep:     binding([]string{"ctrl+n", "pgdown"}, "ctrl+n", "næste tema"),
		PrevStep:     binding([]string{"ctrl+p", "pgup"}, "ctrl+p", "forrige tema"),
		Up:           binding([]string{"up", "k"}, "↑/k", "op i listen"),
		Down:         binding([]string{"down", "j"}, "↓/j", "ned i listen"),
		Select:       binding([]string{"enter"}, "enter", "vælg tema"),
		Level:        binding([]string{"0", "1", "2", "3", "4", "left", "right"}, "0-4", "niveau"),
		NotRelevant:  binding([]string{"x"}, "x", "ikke relevant"),
		Clear:        binding([]string{"backspace", "delete"}, "del", "fjern niveau"),
		Toggle:       binding([]string{" ", "enter", "left", "right"}, "mellemrum", "skift"),
		Suggest:      binding([]string{"ctrl+s"}, "ctrl+s", "forslag"),
		Back:         binding([]string{"esc"}, "esc", "gem og tilbage"),
		Reload:       binding([]string{"ctrl+g"}, "ctrl+g", "genindlæs"),
		Support:      binding([]string{"0", "1", "2", "3", "4", "left", "right"}, "0-4", "støttebehov"),
		ClearSupport: binding([]string{"backspace", "delete"}, "del", "fjern støttebehov"),
		Choose:       binding([]string{"left", "right", " "}, "←/→", "vælg"),
		Add:          binding([]string{"enter"}, "enter", "tilføj"),
		RemoveLast:   binding([]string{"delete", "backspace"}, "del", "fjern sidste"),
	}
}

// interviewModel walks the caseworker through the themes, then support
// hours, permanence, relief and goals. Each answer is saved as its own
// draft field shortly after it is made, so leaving (or a crash) loses
// nothing, and another screen on the same case changing other answers
// never overwrites these.
type interviewModel struct {
	c    *common
	keys interviewKeys
	cas  domain.Case
	// method is the method the assessment is made under: the
	// municipality's present one, also at a reassessment of a case
	// assessed under another method before a switch.
	method   *domain.Method
	kind     string // domain.FirstAssessment or domain.Reassessment
	grant    string // the grant whose follow-up this reassessment is for
	visit    string // one id per visit, for the audit trail
	base     domain.Draft
	hadDraft bool
	work     domain.CaseFile // the case with the assessment as edited
	living   domain.Living   // at a reassessment, the living situation
	reassess bool
	previous domain.Assessment // the assessment being reassessed
	// previousMethod names the method of the assessment being reassessed
	// when it is not the one the reassessment is made under.
	previousMethod string
	steps          []step
	step           int
	area           area
	view           textarea.Model
	note           textarea.Model
	goals          textarea.Model
	hours          textinput.Model
	hoursErr       string
	// The further answers of a method like VUM 2.0: the next statement
	// and its source, the sagsvurdering's texts and the next indsatsmål.
	statement   textinput.Model
	source      int
	situation   textarea.Model
	purpose     textarea.Model
	targetText  textinput.Model
	targetTheme int
	targetType  int
	chainErr    string
	// detailOffset is how far the step's text is scrolled.
	detailOffset int

	// stale is a save refused because another writer changed the same
	// answers; conflicts are answers both changed, where this screen's
	// text was kept on reload.
	stale     *store.StaleError
	conflicts map[string]bool
	// moved says what was recorded on the case since the screen read it,
	// found on reload.
	moved string

	dirty    bool
	saving   bool
	inflight []domain.DraftEdit // the edits of the save under way
	autosave autosave
	savedAt  time.Time
	saveErr  error
}

// interviewReadyMsg carries the case and its draft, read fresh.
type interviewReadyMsg struct {
	cas      domain.Case
	draft    domain.Draft
	hasDraft bool
	kind     string
	grant    string
}

// loadInterviewCmd reads the case and the assessment in progress.
func loadInterviewCmd(st Store, msg interviewMsg) tea.Cmd {
	return func() tea.Msg {
		c, err := st.Case(msg.cas.ID)
		if err != nil {
			return errMsg{err}
		}
		d, ok, err := st.Draft(c.ID)
		if err != nil {
			return errMsg{err}
		}
		return interviewReadyMsg{cas: c, draft: d, hasDraft: ok, kind: msg.kind, grant: msg.grant}
	}
}

func newInterviewModel(c *common, r interviewReadyMsg) interviewModel {
	kind := r.kind
	if r.hasDraft && r.draft.Kind != "" {
		kind = r.draft.Kind // an assessment in progress keeps its kind
	}
	if kind == "" {
		kind = domain.FirstAssessment
	}
	m := interviewModel{c: c, keys: newInterviewKeys(), cas: r.cas, work: r.cas.File(), kind: kind, grant: r.grant,
		reassess: kind == domain.Reassessment, living: r.cas.Citizen.Living, hadDraft: r.hasDraft,
		visit: fmt.Sprintf("%s-%d", r.cas.ID, time.Now().UnixNano()), conflicts: map[string]bool{},
		autosave: newAutosave(c.saveDelay, c.saveMaxWait, c.nowTime)}
	m.work.Assessment = cloneAssessment(m.work.Assessment)
	m.method = c.cat.MethodFor(r.cas.Municipality)
	m.work.Method, m.work.MethodVersion = m.method.ID, m.method.Version
	if m.reassess {
		m.previous = r.cas.File().Assessment
		if prev := r.cas.File(); c.cat.MethodOf(prev.Method) != m.method {
			m.previous = domain.Assessment{} // another method's themes: nothing to set beside
			m.previousMethod = c.cat.MethodOf(prev.Method).Name
		}
	}
	if r.hasDraft {
		m.base = r.draft
		m.setValues(r.draft.Values())
	}
	for _, t := range m.method.Themes {
		m.steps = append(m.steps, step{kind: stepTheme, theme: t})
	}
	m.steps = append(m.steps, step{kind: stepFacts})
	if !m.reassess {
		m.steps = append(m.steps, step{kind: stepGoals})
	}
	if m.hasChain() {
		m.steps = append(m.steps, step{kind: stepChain})
	}
	m.statement = newInput("Hvad blev der sagt? Enter tilføjer", domain.MaxTextRunes, 40)
	m.targetText = newInput("Fx: Mette handler selv ind to gange om ugen", domain.MaxTextRunes, 40)
	m.situation = newArea("Din samlede faglige vurdering")
	m.purpose = newArea("Formålet med hele indsatsen")
	m.view = newArea("Hvad siger borgeren selv?")
	m.note = newArea("Din faglige vurdering")
	m.goals = newArea("Ét mål pr. linje")
	m.hours = newInput("fx 2,5", 6, 8)
	m.fillInputs()
	if !m.reassess {
		m.step = m.firstOpenStep() // resume where the caseworker left off
	} else if m.grant != "" {
		m.keys.Suggest.SetHelp("ctrl+s", "opfølgning")
	}
	m.area = areaLevel
	m.loadStep()
	return m
}

// setValues puts draft values into the working assessment.
func (m *interviewModel) setValues(values map[string]string) {
	a, goals, living, err := domain.ParseDraft(values)
	if err != nil {
		return // the store checked them; a value it holds always parses
	}
	m.work.Assessment, m.work.Goals = a, goals
	if living != "" {
		m.living = living
	}
}

// fillInputs copies the goals and hours into their text fields.
func (m *interviewModel) fillInputs() {
	m.goals.SetValue(strings.Join(m.work.Goals, "\n"))
	m.hours.SetValue("")
	if h := m.work.Assessment.SupportHoursPerWeek; h != nil {
		m.hours.SetValue(domain.FormatNumber(*h))
	}
	m.situation.SetValue(m.work.Assessment.Situation)
	m.purpose.SetValue(m.work.Assessment.Purpose)
}

// values returns the answers as draft fields; a field the draft holds
// that is no longer answered is saved empty.
func (m interviewModel) values() map[string]string {
	cf := m.snapshot()
	var living domain.Living
	if m.reassess {
		living = m.living
	}
	out := domain.DraftValues(cf.Assessment, cf.Goals, living)
	for f := range m.base.Fields {
		if _, ok := out[f]; !ok {
			out[f] = ""
		}
	}
	return out
}

// assessmentEvent is the assessment as answered, to record with a
// decision or a follow-up; changed is false when it is the current one.
func (m interviewModel) assessmentEvent() (e domain.AssessmentEvent, changed bool) {
	cf := m.snapshot()
	e = domain.AssessmentEvent{Date: m.c.today, Kind: m.kind, Assessment: cf.Assessment, Goals: cf.Goals,
		Method: m.method.ID, MethodVersion: m.method.Version}
	if m.reassess && m.living != m.cas.Citizen.Living {
		e.Living = m.living
	}
	cur, has := m.cas.Current()
	if !has || e.Living != "" || m.c.cat.MethodOf(cur.Method) != m.method {
		return e, true
	}
	return e, !reflect.DeepEqual(domain.DraftValues(cur.Assessment, cur.Goals, ""), domain.DraftValues(e.Assessment, e.Goals, ""))
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
	out.Targets = append([]domain.Target(nil), a.Targets...)
	return out
}

// firstOpenStep resumes at the first theme not yet looked at.
func (m interviewModel) firstOpenStep() int {
	for i, st := range m.steps {
		if st.kind != stepTheme {
			return i
		}
		if t, ok := m.work.Assessment.Themes[st.theme.Slug]; !ok || (t.Unscored && !m.describedInWords(st.theme.Slug, t)) {
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
		if m.reassess {
			return []area{areaList, areaHours, areaPermanent, areaRelief, areaLiving}
		}
		return []area{areaList, areaHours, areaPermanent, areaRelief}
	case stepGoals:
		return []area{areaList, areaGoals}
	case stepChain:
		return []area{areaList, areaSituation, areaPurpose, areaTargetText, areaTargetTheme, areaTargetType}
	}
	out := []area{areaList, areaLevel}
	if m.hasSupport() {
		out = append(out, areaSupport)
	}
	out = append(out, areaView, areaNote)
	if m.hasSources() {
		out = append(out, areaSource, areaStatement)
	}
	return out
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
	m.statement.Blur()
	m.situation.Blur()
	m.purpose.Blur()
	m.targetText.Blur()
	switch a {
	case areaStatement:
		m.statement.Focus()
	case areaSituation:
		m.situation.Focus()
	case areaPurpose:
		m.purpose.Focus()
	case areaTargetText:
		m.targetText.Focus()
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
	draft domain.Draft
	err   error
}

// edited marks unsaved work and schedules a save.
func (m *interviewModel) edited() tea.Cmd {
	m.dirty = true
	return m.autosave.Edited()
}

// saveCmd writes the answers changed since the draft was read; one save
// runs at a time, and none while a conflict waits for a reload.
func (m *interviewModel) saveCmd() tea.Cmd {
	if !m.dirty || m.saving || m.stale != nil {
		return nil
	}
	edits := m.base.Edits(m.values())
	m.dirty = false
	if len(edits) == 0 {
		return nil
	}
	m.saving, m.inflight = true, edits
	m.autosave.Saving()
	st, id, kind, visit := m.c.store, m.cas.ID, m.kind, m.visit
	return func() tea.Msg {
		d, err := st.SaveDraft(id, kind, visit, edits)
		return savedMsg{draft: d, err: err}
	}
}

// snapshot returns the working case with the goals as typed.
func (m interviewModel) snapshot() domain.CaseFile {
	cf := m.work
	cf.Assessment = cloneAssessment(m.work.Assessment)
	m.withPending(&cf.Assessment)
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

// Flush saves unsaved answers at once, for quitting and leaving.
func (m interviewModel) Flush() error {
	if m.stale != nil {
		return m.staleError()
	}
	values := m.values()
	edits := m.base.Edits(values)
	if len(edits) == 0 {
		return nil
	}
	_, err := m.c.store.SaveDraft(m.cas.ID, m.kind, m.visit, edits)
	var stale *store.StaleError
	if errors.As(err, &stale) && m.saving {
		// The save under way may have landed first: its fields are then
		// one revision on from what this screen read.
		ahead := domain.Draft{Kind: m.base.Kind, Fields: map[string]domain.DraftField{}}
		for k, v := range m.base.Fields {
			ahead.Fields[k] = v
		}
		ahead.Apply(m.inflight)
		if edits = ahead.Edits(values); len(edits) == 0 {
			return nil
		}
		_, err = m.c.store.SaveDraft(m.cas.ID, m.kind, m.visit, edits)
	}
	return err
}

// Unsaved is empty: Flush saves everything typed in the interview.
func (m interviewModel) Unsaved() string { return "" }

func (m interviewModel) Typing() bool {
	switch m.area {
	case areaView, areaNote, areaGoals, areaHours, areaStatement, areaSituation, areaPurpose, areaTargetText:
		return true
	}
	return false
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
		m.saving, m.inflight = false, nil
		var stale *store.StaleError
		if errors.As(msg.err, &stale) {
			m.stale, m.dirty = stale, true
			return m, nil
		}
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
		m.base, m.savedAt, m.saveErr = msg.draft, m.c.nowTime(), nil
		m.dirty = len(m.base.Edits(m.values())) > 0
		return m, tea.Batch(recovered, m.saveCmd()) // and anything typed meanwhile
	case draftReloadedMsg:
		return m.reloaded(msg)
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
	if n, ok := next.(suggestMsg); ok {
		task := decisionTask{cas: m.cas, dropDraft: true}
		if e, changed := m.assessmentEvent(); changed {
			task.assessment = &e
		}
		n.task = task
		next = n
	}
	return m, send(next)
}

func (m interviewModel) updateKey(msg tea.KeyMsg) (interviewModel, tea.Cmd) {
	if key.Matches(msg, m.keys.Reload) || (m.stale != nil && !m.Typing() && msg.String() == "g") {
		return m, reloadDraftCmd(m.c.store, m.cas.ID)
	}
	switch {
	case key.Matches(msg, m.keys.Back):
		if m.area != areaList && m.area != areaLevel && m.Typing() {
			m.focusArea(areaList) // esc first leaves the text field
			return m, nil
		}
		switch {
		case m.grant != "":
			return m.leave(followUpMsg{cas: m.cas, grant: m.grant})
		case m.reassess:
			return m.leave(openCaseMsg{id: m.cas.ID, status: "Revurderingen er gemt som kladde."})
		}
		return m.leave(showCasesMsg{status: "Udredningen er gemt."})
	case key.Matches(msg, m.keys.Suggest):
		if m.grant != "" {
			return m.leave(followUpMsg{cas: m.cas, grant: m.grant})
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
	case areaLevel, areaPermanent, areaRelief, areaSupport, areaSource, areaTargetTheme, areaTargetType:
		if d := scrollDelta(msg, m.keys); d != 0 {
			m.scrollDetail(d)
			return m, nil
		}
	}
	switch m.area {
	case areaLevel:
		return m.updateLevel(msg)
	case areaSupport:
		return m.updateSupport(msg)
	case areaSource, areaTargetTheme, areaTargetType:
		return m.updateChoice(msg)
	case areaPermanent, areaRelief, areaLiving:
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
	if i != m.step {
		m.commitPending() // a statement typed but not added belongs to the theme left
		m.chainErr = ""
	}
	save := m.saveCmd()
	m.step, m.moved = i, ""
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
