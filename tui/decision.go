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

// decisionStage is where the caseworker is in deciding.
type decisionStage int

const (
	stageSuggestions decisionStage = iota // pick a suggestion, another provision, or a refusal
	stageProvision                        // pick any provision
	stageTier                             // pick the standard's tier
	stageForm                             // dates and reason
	stageDone                             // stored
)

// Form fields.
const (
	formDate = iota
	formStart
	formFollowUp
	formAmount
	formOffer
	formReason
	formFields
)

type decisionKeys struct {
	Up, Down, Choose, Other, Refuse, Next, Prev, Save, Back, Draft, More, Less, Another, Reload key.Binding
}

func newDecisionKeys() decisionKeys {
	return decisionKeys{
		Up:      binding([]string{"up", "k"}, "↑/k", "op"),
		Down:    binding([]string{"down", "j"}, "↓/j", "ned"),
		Choose:  binding([]string{"enter"}, "enter", "vælg"),
		Other:   binding([]string{"a"}, "a", "anden"),
		Refuse:  binding([]string{"r"}, "r", "afslag"),
		Next:    binding([]string{"tab"}, "tab", "felt"),
		Prev:    binding([]string{"shift+tab"}, "shift+tab", "forrige felt"),
		Save:    binding([]string{"ctrl+s"}, "ctrl+s", "gem"),
		Back:    binding([]string{"esc"}, "esc", "tilbage"),
		Draft:   binding([]string{"enter", "u"}, "enter", "vis udkast"),
		More:    binding([]string{"pgdown"}, "pgdn", "mere"),
		Less:    binding([]string{"pgup"}, "pgup", "op"),
		Another: binding([]string{"b"}, "b", "ny bevilling"),
		Reload:  binding([]string{"ctrl+g"}, "ctrl+g", "genindlæs"),
	}
}

// decisionModel shows vum's suggestions with their reasons and records the
// caseworker's decision: a new grant (a suggestion as it is, or another
// provision, level or scope), a refusal, or a change of one grant's
// scope. The reason is required whenever the decision departs from a
// suggestion or grants less than it.
type decisionModel struct {
	c      *common
	keys   decisionKeys
	task   decisionTask
	result standards.Result
	err    error
	stage  decisionStage
	cursor int
	scroll int

	provision domain.ProvisionID
	tier      string
	refused   bool
	refusing  bool // picking the provision a refusal is about
	tiers     []string

	inputs    [formReason]textinput.Model
	reason    textarea.Model
	f         fieldSet
	stdDue    domain.Date // the standard's follow-up date for the start, zero if none
	stdStated bool
	// check is the decision as Decide completes it from the form so far.
	check      decisionCheck
	notes      []string
	saving     bool
	stale      *store.StaleError
	decided    domain.Decision
	decidedSeq int
	provisions []domain.Provision
	// origChange is the grant the screen was opened to change, if any.
	origChange string
}

// decisionCheck is what Decide says of the form as it stands.
type decisionCheck struct {
	d            domain.Decision
	needsReason  bool
	notes        []string
	valid        bool
	reasonReason string // why a reason is required
}

func newDecisionModel(c *common, task decisionTask) decisionModel {
	m := decisionModel{c: c, keys: newDecisionKeys(), task: task, provisions: domain.Provisions, origChange: task.change,
		f: newFieldSet(formFields, 20, formReason, formDate)}
	m.result, m.err = c.cat.Suggest(task.caseFile())
	for i := range formAmount {
		m.inputs[i] = newInput("DD-MM-ÅÅÅÅ", 10, 12)
	}
	m.inputs[formAmount] = newInput("fx 2,5", 6, 8)
	m.inputs[formOffer] = newInput("valgfrit: tilbud eller leverandør", 80, 40)
	m.reason = newArea("Begrundelse for afgørelsen")
	m.reason.SetHeight(3)
	m.reason.SetWidth(c.width - 6)
	if g, ok := task.grant(); ok {
		sg, found := m.result.Find(g.Provision)
		var from *standards.Suggestion
		if found && sg.Role != standards.Alternative {
			from = &sg
		}
		m, _ = m.startForm(g.Provision, g.Tier, false, from)
		if from == nil {
			m.setScope(g.Provision, g.Scope)
		}
		m.inputs[formOffer].SetValue(g.Scope.Offer)
		m.refreshCheck()
	}
	return m
}

// caseFile is the case as the suggestion reads it: with the assessment
// about to be recorded, when there is one.
func (t decisionTask) caseFile() domain.CaseFile {
	cf := t.cas.File()
	if a := t.assessment; a != nil {
		cf.Assessment, cf.Goals = a.Assessment, a.Goals
		cf.Method, cf.MethodVersion = a.Method, a.MethodVersion
		if a.Living != "" {
			cf.Citizen.Living = a.Living
		}
	}
	return cf
}

// grant returns the grant whose scope the task changes.
func (t decisionTask) grant() (domain.Grant, bool) {
	if t.change == "" {
		return domain.Grant{}, false
	}
	return t.cas.Grant(t.change)
}

func (m decisionModel) Init() tea.Cmd { return nil }

// options on the first stage: the suggestions, then another provision,
// then a refusal.
func (m decisionModel) optionCount() int { return len(m.result.Suggestions) + 2 }

func (m decisionModel) Typing() bool {
	return m.stage == stageForm
}

func (m decisionModel) Flush() error { return nil }

func (m decisionModel) Unsaved() string {
	if m.stage == stageForm && strings.TrimSpace(m.reason.Value()) != "" {
		return "Begrundelsen for afgørelsen"
	}
	return ""
}

// decidedMsg reports the stored decision.
type decidedMsg struct {
	d   domain.Decision
	cas domain.Case
	err error
}

// decisionReloadedMsg carries the case as it is now.
type decisionReloadedMsg struct {
	cas domain.Case
	err error
}

func (m decisionModel) Update(msg tea.Msg) (decisionModel, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.reason.SetWidth(m.c.width - 6)
		return m, nil
	case decidedMsg:
		m.saving = false
		var stale *store.StaleError
		if errors.As(msg.err, &stale) {
			m.stale = stale
			return m, nil
		}
		if msg.err != nil {
			return m, send(errMsg{fmt.Errorf("afgørelsen kunne ikke gemmes: %w", msg.err)})
		}
		m.stage, m.decided, m.task.cas = stageDone, msg.d, msg.cas
		m.decidedSeq = msg.cas.Version
		return m, nil
	case decisionReloadedMsg:
		if msg.err != nil {
			return m, send(errMsg{fmt.Errorf("sagen kunne ikke genindlæses: %w", msg.err)})
		}
		m.task.cas, m.stale = msg.cas, nil
		m.result, m.err = m.c.cat.Suggest(m.task.caseFile())
		m.refreshCheck()
		return m, nil
	case tea.KeyMsg:
		if key.Matches(msg, m.keys.Reload) && m.stale != nil {
			st, id := m.c.store, m.task.cas.ID
			return m, func() tea.Msg {
				c, err := st.Case(id)
				return decisionReloadedMsg{cas: c, err: err}
			}
		}
		switch m.stage {
		case stageSuggestions:
			return m.updateSuggestions(msg)
		case stageProvision, stageTier:
			return m.updatePick(msg)
		case stageForm:
			return m.updateForm(msg)
		case stageDone:
			return m.updateDone(msg)
		}
	}
	return m, nil
}

// back leaves the screen: to the interview the assessment comes from, or
// to the case card.
func (m decisionModel) back() tea.Cmd {
	if m.task.dropDraft && m.task.change == "" {
		kind := domain.FirstAssessment
		if m.task.assessment != nil {
			kind = m.task.assessment.Kind
		}
		return send(interviewMsg{cas: m.task.cas, kind: kind})
	}
	return send(openCaseMsg{id: m.task.cas.ID})
}

func (m decisionModel) updateSuggestions(msg tea.KeyMsg) (decisionModel, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Back):
		return m, m.back()
	case key.Matches(msg, m.keys.Up):
		m.cursor, m.scroll = max(0, m.cursor-1), 0
	case key.Matches(msg, m.keys.Down):
		m.cursor, m.scroll = min(m.optionCount()-1, m.cursor+1), 0
	case key.Matches(msg, m.keys.More):
		m.scroll = min(m.scroll+5, m.maxScroll())
	case key.Matches(msg, m.keys.Less):
		m.scroll = max(0, m.scroll-5)
	case key.Matches(msg, m.keys.Other):
		m.stage, m.cursor = stageProvision, 0
	case key.Matches(msg, m.keys.Refuse):
		return m.chooseRefusal()
	case key.Matches(msg, m.keys.Choose):
		switch n := len(m.result.Suggestions); {
		case m.cursor < n:
			sg := m.result.Suggestions[m.cursor]
			return m.startForm(sg.Provision, deref(sg.Tier), false, &sg)
		case m.cursor == n:
			m.stage, m.cursor = stageProvision, 0
		default:
			return m.chooseRefusal()
		}
	}
	return m, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// chooseRefusal asks which provision is refused (what the citizen
// applied for), starting at the primary suggestion.
func (m decisionModel) chooseRefusal() (decisionModel, tea.Cmd) {
	m.stage, m.refusing, m.cursor = stageProvision, true, 0
	if sg, ok := m.result.Primary(); ok {
		for i, p := range m.provisions {
			if p.ID == sg.Provision {
				m.cursor = i
			}
		}
	}
	return m, nil
}

// updatePick handles the provision and tier lists.
func (m decisionModel) updatePick(msg tea.KeyMsg) (decisionModel, tea.Cmd) {
	count := len(m.provisions)
	if m.stage == stageTier {
		count = len(m.tiers)
	}
	switch {
	case key.Matches(msg, m.keys.Back):
		m.stage, m.cursor, m.refusing = stageSuggestions, 0, false
	case key.Matches(msg, m.keys.Up):
		m.cursor = max(0, m.cursor-1)
	case key.Matches(msg, m.keys.Down):
		m.cursor = min(count-1, m.cursor+1)
	case key.Matches(msg, m.keys.Choose) && m.stage == stageProvision && m.refusing:
		m.refusing = false
		return m.startForm(m.provisions[m.cursor].ID, "", true, nil)
	case key.Matches(msg, m.keys.Choose) && m.stage == stageProvision:
		p := m.provisions[m.cursor].ID
		// § 85's tier follows from the hours entered in the form.
		if tiers := m.tierNames(p); len(tiers) > 0 && p.Unit() != domain.UnitHoursPerWeek {
			m.provision, m.tiers, m.stage, m.cursor = p, tiers, stageTier, 0
			return m, nil
		}
		return m.startForm(p, "", false, m.suggestionFor(p))
	case key.Matches(msg, m.keys.Choose):
		return m.startForm(m.provision, m.tiers[m.cursor], false, m.suggestionFor(m.provision))
	}
	return m, nil
}

// suggestionFor returns the suggestion of p, if vum suggests it.
func (m decisionModel) suggestionFor(p domain.ProvisionID) *standards.Suggestion {
	if sg, ok := m.result.Find(p); ok {
		return &sg
	}
	return nil
}

func (m decisionModel) tierNames(p domain.ProvisionID) []string {
	std, _, ok := m.c.cat.ForMunicipality(m.task.cas.Municipality)
	if !ok {
		return nil
	}
	ps, ok := std.Provision(p)
	if !ok {
		return nil
	}
	var out []string
	for _, t := range ps.Tiers {
		out = append(out, t.Name)
	}
	return out
}

// startForm opens the form for the chosen provision, with dates and the
// scope filled in from the suggestion where it gives a figure.
func (m decisionModel) startForm(p domain.ProvisionID, tier string, refused bool, sg *standards.Suggestion) (decisionModel, tea.Cmd) {
	m.stage, m.provision, m.tier, m.refused = stageForm, p, tier, refused
	if active := m.task.cas.ActiveOf(p); len(active) > 0 && !refused && m.task.change == "" {
		// The citizen has the provision already: a new decision on it
		// changes that grant's scope.
		m.task.change = active[0].ID
	}
	if p.Unit() == domain.UnitHoursPerWeek {
		m.tier = "" // follows from the hours
	}
	m.inputs[formDate].SetValue(m.c.today.Danish())
	m.inputs[formStart].SetValue(m.c.today.Danish())
	m.inputs[formAmount].SetValue("")
	m.inputs[formOffer].SetValue("")
	if !refused {
		m.setScope(p, suggestedScope(p, sg, m.task.caseFile().Assessment))
	}
	m.refreshFollowUp(true)
	m.f = newFieldSet(formFields, 20, formReason, formDate)
	m.refreshCheck()
	if m.check.needsReason {
		m.f.focus = formReason
	}
	return m, m.focusField()
}

// setScope fills the amount field from a scope.
func (m *decisionModel) setScope(p domain.ProvisionID, s domain.Scope) {
	m.inputs[formAmount].SetValue("")
	if v, ok := s.Amount(p.Unit()); ok {
		m.inputs[formAmount].SetValue(domain.FormatNumber(v))
	}
}

// suggestedScope is the figure the suggestion gives in the provision's
// unit: the assessed hours for § 85, the most days or months the
// standard suggests for the others.
func suggestedScope(p domain.ProvisionID, sg *standards.Suggestion, a domain.Assessment) domain.Scope {
	var s domain.Scope
	u := p.Unit()
	set := func(v float64) domain.Scope { return s.WithAmount(u, v) }
	switch u {
	case domain.UnitHoursPerWeek:
		if sg != nil && sg.NeedHoursPerWeek != nil {
			return set(*sg.NeedHoursPerWeek)
		}
		if a.SupportHoursPerWeek != nil && *a.SupportHoursPerWeek > 0 {
			return set(*a.SupportHoursPerWeek)
		}
	case domain.UnitDaysPerWeek:
		if sg != nil && sg.DaysPerWeekMax != nil {
			return set(float64(*sg.DaysPerWeekMax))
		}
		if sg != nil && sg.DaysPerWeekMin != nil {
			return set(float64(*sg.DaysPerWeekMin))
		}
	case domain.UnitDaysPerYear:
		if sg != nil && sg.DaysPerYearMax != nil {
			return set(float64(*sg.DaysPerYearMax))
		}
	case domain.UnitMonths:
		if sg != nil && sg.DurationMaxMonths != nil {
			return set(float64(*sg.DurationMaxMonths))
		}
	}
	return s
}
