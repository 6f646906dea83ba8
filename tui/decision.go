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
	formReason
	formFields
)

type decisionKeys struct {
	Up, Down, Choose, Other, Refuse, Next, Prev, Save, Back, Draft, More, Less key.Binding
}

func newDecisionKeys() decisionKeys {
	return decisionKeys{
		Up:     binding([]string{"up", "k"}, "↑/k", "op"),
		Down:   binding([]string{"down", "j"}, "↓/j", "ned"),
		Choose: binding([]string{"enter"}, "enter", "vælg"),
		Other:  binding([]string{"a"}, "a", "anden"),
		Refuse: binding([]string{"r"}, "r", "afslag"),
		Next:   binding([]string{"tab"}, "tab", "felt"),
		Prev:   binding([]string{"shift+tab"}, "shift+tab", "forrige felt"),
		Save:   binding([]string{"ctrl+s"}, "ctrl+s", "gem"),
		Back:   binding([]string{"esc"}, "esc", "tilbage"),
		Draft:  binding([]string{"enter", "u"}, "enter", "vis udkast"),
		More:   binding([]string{"pgdown"}, "pgdn", "mere"),
		Less:   binding([]string{"pgup"}, "pgup", "op"),
	}
}

// decisionModel shows vum's suggestions with their reasons and records the
// caseworker's decision: a suggestion as it is, or another provision or
// level, or a refusal, with the reason required whenever it differs.
type decisionModel struct {
	c      *common
	keys   decisionKeys
	rec    store.CaseRecord
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

	inputs     [formFields]textinput.Model
	reason     textarea.Model
	focus      int
	fieldErr   [formFields]string
	stdDue     domain.Date // the standard's follow-up date for the start, zero if none
	stdStated  bool
	notes      []string
	saving     bool
	decided    domain.Decision
	provisions []domain.Provision
}

func newDecisionModel(c *common, rec store.CaseRecord) decisionModel {
	m := decisionModel{c: c, keys: newDecisionKeys(), rec: rec, provisions: domain.Provisions}
	m.result, m.err = c.cat.Suggest(rec.Case)
	for i := range formReason {
		m.inputs[i] = newInput("DD-MM-ÅÅÅÅ", 10, 12)
	}
	m.reason = newArea("Begrundelse for afgørelsen")
	m.reason.SetHeight(3)
	m.reason.SetWidth(c.width - 6)
	return m
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
	rec store.CaseRecord
	err error
}

func (m decisionModel) Update(msg tea.Msg) (decisionModel, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.reason.SetWidth(m.c.width - 6)
		return m, nil
	case decidedMsg:
		m.saving = false
		if msg.err != nil {
			return m, send(errMsg{fmt.Errorf("afgørelsen kunne ikke gemmes: %w", msg.err)})
		}
		m.stage, m.decided, m.rec = stageDone, msg.d, msg.rec
		return m, nil
	case tea.KeyMsg:
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

func (m decisionModel) updateSuggestions(msg tea.KeyMsg) (decisionModel, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Back):
		if m.rec.Decision != nil {
			return m, send(openCaseMsg{id: m.rec.ID}) // a decided case goes back to its card
		}
		return m, send(interviewMsg{rec: m.rec})
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
			return m.startForm(sg.Provision, deref(sg.Tier), false)
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
		return m.startForm(m.provisions[m.cursor].ID, "", true)
	case key.Matches(msg, m.keys.Choose) && m.stage == stageProvision:
		p := m.provisions[m.cursor].ID
		if tiers := m.tierNames(p); len(tiers) > 0 {
			m.provision, m.tiers, m.stage, m.cursor = p, tiers, stageTier, 0
			return m, nil
		}
		return m.startForm(p, "", false)
	case key.Matches(msg, m.keys.Choose):
		return m.startForm(m.provision, m.tiers[m.cursor], false)
	}
	return m, nil
}

func (m decisionModel) tierNames(p domain.ProvisionID) []string {
	std, _, ok := m.c.cat.ForMunicipality(m.rec.Case.Municipality)
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

// startForm opens the form for the chosen provision, with dates filled in.
func (m decisionModel) startForm(p domain.ProvisionID, tier string, refused bool) (decisionModel, tea.Cmd) {
	m.stage, m.provision, m.tier, m.refused = stageForm, p, tier, refused
	m.inputs[formDate].SetValue(m.c.today.Danish())
	m.inputs[formStart].SetValue(m.c.today.Danish())
	m.refreshFollowUp(true)
	m.fieldErr = [formFields]string{}
	m.focus = formDate
	if m.needsReason() {
		m.focus = formReason
	}
	return m, m.focusField()
}

// followed reports whether the choice is the primary suggestion.
func (m decisionModel) followed() bool {
	sg, ok := m.result.Primary()
	return ok && !m.refused && sg.Provision == m.provision && deref(sg.Tier) == m.tier
}

func (m decisionModel) needsReason() bool { return !m.followed() }
