package tui

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/vumdk/vum/domain"
)

type cardKeys struct {
	Up, Down, PageUp, PageDown, Add, End, FollowUp, Draft, Correct, Reassess, Back key.Binding
}

func newCardKeys() cardKeys {
	return cardKeys{
		Up:       binding([]string{"up", "k"}, "↑/k", "forrige"),
		Down:     binding([]string{"down", "j"}, "↓/j", "næste"),
		PageUp:   binding([]string{"pgup"}, "pgup", "rul op"),
		PageDown: binding([]string{"pgdown", " "}, "pgdn", "rul ned"),
		Add:      binding([]string{"b"}, "b", "ny bevilling"),
		End:      binding([]string{"s"}, "s", "ophør"),
		FollowUp: binding([]string{"o"}, "o", "opfølgning"),
		Draft:    binding([]string{"u"}, "u", "udkast"),
		Correct:  binding([]string{"r"}, "r", "ret oplysninger"),
		Reassess: binding([]string{"v"}, "v", "revurdér"),
		Back:     binding([]string{"esc"}, "esc", "sager"),
	}
}

// cardItem is a grant or a refusal on the card, which the keys act on.
type cardItem struct {
	grant   string // grant id, or "" for a refusal
	refusal int    // the refusal's seq
}

// cardModel shows a case: citizen, every grant (active and ended) with
// its scope and follow-up, refusals, the current assessment and the
// history, newest first. It scrolls; the selected grant is what the
// follow-up, end and draft keys act on.
type cardModel struct {
	c      *common
	keys   cardKeys
	cas    domain.Case
	items  []cardItem
	cursor int
	vp     viewport.Model
	status string
	// pending is the kind of an assessment in progress ("" for none).
	pending string
	// itemLine is the first content line of each item, to keep the
	// selection in view.
	itemLine []int
}

func newCardModel(c *common, cas domain.Case, status string) cardModel {
	m := cardModel{c: c, keys: newCardKeys(), cas: cas, status: status, vp: viewport.New(c.width, c.height)}
	for _, g := range cas.Grants {
		m.items = append(m.items, cardItem{grant: g.ID})
	}
	for _, r := range cas.Refusals {
		m.items = append(m.items, cardItem{refusal: r.Seq})
	}
	// Start on the first active grant: that is what a caseworker acts on.
	for i, it := range m.items {
		if g, ok := cas.Grant(it.grant); ok && g.Active() {
			m.cursor = i
			break
		}
	}
	m.layout()
	return m
}

func (m cardModel) Typing() bool    { return false }
func (m cardModel) Flush() error    { return nil }
func (m cardModel) Unsaved() string { return "" }

// selected returns the selected item's grant when it is one.
func (m cardModel) selected() (domain.Grant, bool) {
	if m.cursor >= len(m.items) {
		return domain.Grant{}, false
	}
	return m.cas.Grant(m.items[m.cursor].grant)
}

func (m cardModel) selectedActive() (domain.Grant, bool) {
	g, ok := m.selected()
	return g, ok && g.Active()
}

// draftSeq is the event whose letter the draft key shows: the latest
// decision on the selected grant, its termination once ended, or the
// selected refusal.
func (m cardModel) draftSeq() int {
	if m.cursor >= len(m.items) {
		return 0
	}
	it := m.items[m.cursor]
	if it.grant == "" {
		return it.refusal
	}
	g, _ := m.cas.Grant(it.grant)
	seq := 0
	for _, s := range g.Seqs {
		switch m.cas.Events[s-1].Kind {
		case domain.EventGrant, domain.EventChange, domain.EventTermination:
			seq = s
		}
	}
	return seq
}

func (m cardModel) Update(msg tea.Msg) (cardModel, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.layout()
		return m, nil
	case tea.KeyMsg:
		m.status = ""
		switch {
		case key.Matches(msg, m.keys.Back):
			return m, send(showCasesMsg{})
		case key.Matches(msg, m.keys.Up):
			if m.cursor > 0 {
				m.cursor--
				m.layout()
			}
			return m, nil
		case key.Matches(msg, m.keys.Down):
			if m.cursor < len(m.items)-1 {
				m.cursor++
				m.layout()
			}
			return m, nil
		case key.Matches(msg, m.keys.Add):
			return m, send(suggestMsg{task: decisionTask{cas: m.cas}})
		case key.Matches(msg, m.keys.Correct):
			return m, send(correctMsg{cas: m.cas})
		case key.Matches(msg, m.keys.Reassess):
			return m, send(interviewMsg{cas: m.cas, kind: domain.Reassessment})
		case key.Matches(msg, m.keys.Draft):
			if seq := m.draftSeq(); seq > 0 {
				return m, send(draftMsg{cas: m.cas, seq: seq})
			}
			return m, nil
		case key.Matches(msg, m.keys.FollowUp):
			if g, ok := m.selectedActive(); ok {
				return m, send(followUpMsg{cas: m.cas, grant: g.ID})
			}
			m.status = "Vælg en aktiv bevilling (↑/↓) for at følge op på den."
			return m, nil
		case key.Matches(msg, m.keys.End):
			if g, ok := m.selectedActive(); ok {
				return m, send(endGrantMsg{cas: m.cas, grant: g.ID})
			}
			m.status = "Vælg en aktiv bevilling (↑/↓) for at lade den ophøre."
			return m, nil
		}
	}
	var cmd tea.Cmd
	m.vp, cmd = m.vp.Update(msg)
	return m, cmd
}

func (m cardModel) ShortHelp() []key.Binding {
	out := []key.Binding{}
	switch {
	case m.cursor < len(m.items)-1:
		out = append(out, m.keys.Down)
	case m.cursor > 0:
		out = append(out, m.keys.Up)
	}
	if _, ok := m.selectedActive(); ok {
		out = append(out, m.keys.FollowUp, m.keys.End)
	}
	return append(out, m.keys.Add, m.keys.Draft, m.keys.Correct, m.keys.Reassess, m.keys.Back)
}

func (m cardModel) FullHelp() [][]key.Binding {
	acts := []key.Binding{m.keys.Add}
	if _, ok := m.selectedActive(); ok {
		acts = append(acts, m.keys.FollowUp, m.keys.End)
	}
	acts = append(acts, m.keys.Draft)
	return [][]key.Binding{
		{m.keys.Up, m.keys.Down, m.keys.PageUp, m.keys.PageDown},
		acts,
		{m.keys.Correct, m.keys.Reassess, m.keys.Back},
	}
}
