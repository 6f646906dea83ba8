package tui

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
)

// dueHorizon is how many days ahead the start screen marks follow-ups.
const dueHorizon = 30

type casesKeys struct {
	Up, Down, PageUp, PageDown, Open, New, Filter, ClearFilter, DueOnly key.Binding
}

func newCasesKeys() casesKeys {
	return casesKeys{
		Up:          binding([]string{"up", "k"}, "↑/k", "op"),
		Down:        binding([]string{"down", "j"}, "↓/j", "ned"),
		PageUp:      binding([]string{"pgup"}, "pgup", "side op"),
		PageDown:    binding([]string{"pgdown"}, "pgdn", "side ned"),
		Open:        binding([]string{"enter"}, "enter", "åbn sag"),
		New:         binding([]string{"n"}, "n", "ny sag"),
		Filter:      binding([]string{"/"}, "/", "søg"),
		ClearFilter: binding([]string{"esc"}, "esc", "ryd søgning"),
		DueOnly:     binding([]string{"f"}, "f", "kun opfølgninger"),
	}
}

// caseRow is a summary with what the list needs precomputed once.
type caseRow struct {
	sum    store.Summary
	search string // lower-case text the filter matches against
	label  string // provision as shown
}

// casesModel is the start screen: every case, follow-ups due soon first,
// with a filter that narrows the list as the caseworker types.
type casesModel struct {
	c       *common
	keys    casesKeys
	rows    []caseRow
	visible []int // indexes into rows after filtering
	cursor  int
	offset  int
	filter  textinput.Model
	typing  bool
	dueOnly bool
	loading bool
	status  string
}

func newCasesModel(c *common) casesModel {
	f := textinput.New()
	f.Prompt = "Søg: "
	f.Placeholder = "navn, CPR, kommune eller ydelse"
	f.CharLimit = 60
	return casesModel{c: c, keys: newCasesKeys(), filter: f, loading: true}
}

// casesLoadedMsg carries the summaries read from the store.
type casesLoadedMsg struct{ rows []caseRow }

func (m casesModel) Init() tea.Cmd {
	c := m.c
	return func() tea.Msg {
		sums, err := c.store.Summaries()
		if err != nil {
			return errMsg{err}
		}
		return casesLoadedMsg{rows: buildRows(c, sums)}
	}
}

// buildRows precomputes the search text and sorts: follow-ups due within
// the horizon first (overdue at the top), then the rest, newest first.
func buildRows(c *common, sums []store.Summary) []caseRow {
	rows := make([]caseRow, len(sums))
	for i, s := range sums {
		label := provisionLabel(s.Provision, s.Tier, s.Refused)
		rows[i] = caseRow{sum: s, label: label,
			search: strings.ToLower(s.Name + " " + s.MaskedID + " " + c.shortMunicipality(s.Municipality) + " " + label + " " + s.ID)}
	}
	horizon := c.today.AddDays(dueHorizon)
	soon := func(r caseRow) bool { return !r.sum.NextDue.IsZero() && !r.sum.NextDue.After(horizon) }
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if soon(a) != soon(b) {
			return soon(a)
		}
		if soon(a) {
			return a.sum.NextDue.Before(b.sum.NextDue)
		}
		return a.sum.Updated.After(b.sum.Updated)
	})
	return rows
}

func provisionLabel(p domain.ProvisionID, tier string, refused bool) string {
	if p == "" {
		return "ikke afgjort"
	}
	law, _ := domain.LookupProvision(p)
	label := law.Section
	if p == domain.SEL107Relief {
		label = "aflastning"
	}
	if tier != "" {
		label += " " + tier
	}
	if refused {
		label = "afslag " + label
	}
	return label
}

func (m casesModel) Update(msg tea.Msg) (casesModel, tea.Cmd) {
	switch msg := msg.(type) {
	case casesLoadedMsg:
		m.rows, m.loading = msg.rows, false
		m.applyFilter()
		return m, nil
	case tea.KeyMsg:
		if m.typing {
			return m.updateFilter(msg)
		}
		return m.updateList(msg)
	}
	return m, nil
}

func (m casesModel) updateFilter(msg tea.KeyMsg) (casesModel, tea.Cmd) {
	switch msg.String() {
	case "esc":
		m.typing = false
		m.filter.Blur()
		m.filter.SetValue("")
		m.applyFilter()
		return m, nil
	case "enter", "down", "up":
		m.typing = false
		m.filter.Blur()
		if msg.String() == "enter" {
			return m.open()
		}
		return m.updateList(msg)
	}
	var cmd tea.Cmd
	m.filter, cmd = m.filter.Update(msg)
	m.applyFilter()
	return m, cmd
}

func (m casesModel) updateList(msg tea.KeyMsg) (casesModel, tea.Cmd) {
	page := max(1, m.listHeight(m.c.height)-1)
	switch {
	case key.Matches(msg, m.keys.Up):
		m.move(-1)
	case key.Matches(msg, m.keys.Down):
		m.move(1)
	case key.Matches(msg, m.keys.PageUp):
		m.move(-page)
	case key.Matches(msg, m.keys.PageDown):
		m.move(page)
	case key.Matches(msg, m.keys.Open):
		return m.open()
	case key.Matches(msg, m.keys.New):
		return m, send(newCaseMsg{})
	case key.Matches(msg, m.keys.Filter):
		m.typing = true
		return m, m.filter.Focus()
	case key.Matches(msg, m.keys.DueOnly):
		m.dueOnly = !m.dueOnly
		m.applyFilter()
	case key.Matches(msg, m.keys.ClearFilter) && m.filter.Value() != "":
		m.filter.SetValue("")
		m.applyFilter()
	}
	return m, nil
}

func (m casesModel) open() (casesModel, tea.Cmd) {
	if len(m.visible) == 0 {
		return m, nil
	}
	return m, send(openCaseMsg{id: m.rows[m.visible[m.cursor]].sum.ID})
}

func (m *casesModel) move(delta int) {
	m.cursor = max(0, min(len(m.visible)-1, m.cursor+delta))
	// Keep the window where it is unless the cursor leaves it; View
	// clamps again with the exact height.
	m.offset = m.scroll(m.listHeight(m.c.height - 2))
}

// applyFilter narrows the rows to those matching every word typed. It
// scans precomputed lower-case text, so it stays quick at 100,000 cases.
func (m *casesModel) applyFilter() {
	words := strings.Fields(strings.ToLower(m.filter.Value()))
	horizon := m.c.today.AddDays(dueHorizon)
	m.visible = m.visible[:0]
	for i := range m.rows {
		r := &m.rows[i]
		if m.dueOnly && (r.sum.NextDue.IsZero() || r.sum.NextDue.After(horizon)) {
			continue
		}
		if matchesAll(r.search, words) {
			m.visible = append(m.visible, i)
		}
	}
	m.cursor, m.offset = 0, 0
}

func matchesAll(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// counts returns how many cases are overdue and due within the horizon.
func (m casesModel) counts() (overdue, soon int) {
	horizon := m.c.today.AddDays(dueHorizon)
	for _, r := range m.rows {
		due := r.sum.NextDue
		switch {
		case due.IsZero():
		case due.Before(m.c.today):
			overdue++
		case !due.After(horizon):
			soon++
		}
	}
	return overdue, soon
}

func (m casesModel) Typing() bool { return m.typing }
func (m casesModel) Flush() error { return nil }

func (m casesModel) ShortHelp() []key.Binding {
	if m.typing {
		return []key.Binding{binding([]string{"enter"}, "enter", "åbn"), binding([]string{"esc"}, "esc", "ryd søgning")}
	}
	return []key.Binding{m.keys.Open, m.keys.New, m.keys.Filter, m.keys.DueOnly}
}

func (m casesModel) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Up, m.keys.Down, m.keys.PageUp, m.keys.PageDown}, {m.keys.Open, m.keys.New, m.keys.Filter, m.keys.ClearFilter, m.keys.DueOnly}}
}

// listHeight is the number of rows that fit.
func (m casesModel) listHeight(height int) int {
	return max(1, height-6)
}

func (m casesModel) statusLine() string {
	if m.loading {
		return "Indlæser sager …"
	}
	overdue, soon := m.counts()
	text := fmt.Sprintf("%s sager · %d forfaldne · %d inden for %d dage", thousands(len(m.rows)), overdue, soon, dueHorizon)
	if len(m.visible) != len(m.rows) {
		text += fmt.Sprintf(" · viser %s", thousands(len(m.visible)))
	}
	return text
}
