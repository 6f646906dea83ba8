package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/charmbracelet/x/ansi"
)

// detailPane puts a step's content in a scrolling pane. The field being
// typed in is always in view; elsewhere the caseworker scrolls with ↑/↓
// from where the step opened (with the level in view).
func (m interviewModel) detailPane(content string, width, height int) scrollPane {
	pane := newScrollPane()
	pane.SetSize(width, height)
	pane.SetContent(content)
	pane.ScrollBy(m.detailOffset)
	if from, to, ok := focusLines(content, m.focusHeight()); ok && m.Typing() {
		pane.Show(from, to)
	}
	return pane
}

// focusLines finds the focused label (drawn with "> ") and the lines of
// its field below it.
func focusLines(content string, fieldHeight int) (from, to int, ok bool) {
	for i, l := range strings.Split(content, "\n") {
		if strings.HasPrefix(strings.TrimLeft(ansi.Strip(l), " "), "> ") {
			return i, i + fieldHeight, true
		}
	}
	return 0, 0, false
}

// focusHeight is the number of lines of the focused field under its label.
func (m interviewModel) focusHeight() int {
	switch m.area {
	case areaView:
		return m.view.Height()
	case areaNote:
		return m.note.Height()
	case areaGoals:
		return m.goals.Height()
	case areaLevel, areaSupport:
		return 2 // the level's description
	case areaSituation:
		return m.situation.Height()
	case areaPurpose:
		return m.purpose.Height()
	case areaStatement, areaTargetText:
		return 1
	}
	return 0
}

// resetDetailScroll opens a step (or an area) scrolled so that the
// focused label is in view, showing as much as possible above it.
func (m *interviewModel) resetDetailScroll() {
	m.detailOffset = 0
	if m.area == areaList || m.c == nil {
		return
	}
	width, height := m.detailWidth()-4, m.c.height-4
	content := m.themeOrStep(width, height)
	pane := newScrollPane()
	pane.SetSize(width, height)
	pane.SetContent(content)
	if from, to, ok := focusLines(content, m.focusHeight()); ok {
		pane.Show(from, to)
	}
	m.detailOffset = pane.Offset()
}

// scrollDetail moves the theme text by n lines outside the text fields.
func (m *interviewModel) scrollDetail(n int) {
	width, height := m.detailWidth()-4, m.c.height-4
	pane := m.detailPane(m.themeOrStep(width, height), width, height)
	pane.ScrollBy(n)
	m.detailOffset = pane.Offset()
}

func (m interviewModel) themeOrStep(width, height int) string {
	switch m.current().kind {
	case stepFacts:
		return m.factsView(width)
	case stepGoals:
		return m.goalsView(width, height)
	case stepChain:
		return m.chainView(width)
	}
	return m.themeView(width, height)
}

// scrollDelta reads ↑/↓ outside the list as scrolling the step's text.
func scrollDelta(msg tea.KeyMsg, k interviewKeys) int {
	switch {
	case key.Matches(msg, k.Up):
		return -1
	case key.Matches(msg, k.Down):
		return 1
	}
	return 0
}
