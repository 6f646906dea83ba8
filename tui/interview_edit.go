package tui

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/vumdk/vum/domain"
)

// updateLevel sets the theme's level: 0-4 directly, ←/→ step by one, x
// marks the theme not relevant, delete clears it.
func (m interviewModel) updateLevel(msg tea.KeyMsg) (interviewModel, tea.Cmd) {
	slug := m.current().theme.Slug
	t, had := m.work.Assessment.Themes[slug]
	lo, hi := m.method.LevelRange()
	switch s := msg.String(); {
	case len(s) == 1 && s[0] >= '0' && s[0] <= '9':
		level := int(s[0] - '0')
		if _, ok := m.method.Level(level); !ok {
			return m, nil
		}
		t.Level, t.NotRelevant, t.Unscored = level, false, false
	case s == "left" || s == "right":
		if !had || !t.Scored() {
			t.Level = lo
		} else if s == "left" {
			t.Level = max(lo, t.Level-1)
		} else {
			t.Level = min(hi, t.Level+1)
		}
		t.NotRelevant, t.Unscored = false, false
	case key.Matches(msg, m.keys.NotRelevant):
		t.NotRelevant, t.Unscored, t.Level = !t.NotRelevant, false, 0
		if !t.NotRelevant {
			t.Unscored = true
		}
	case key.Matches(msg, m.keys.Clear):
		t.Level, t.NotRelevant, t.Unscored = 0, false, true
	case key.Matches(msg, m.keys.Select):
		m.focusArea(areaView)
		return m, nil
	default:
		return m, nil
	}
	m.setTheme(slug, t)
	m.layout() // the level's description changes the room left for notes
	return m, m.edited()
}

// setTheme stores a theme, dropping it when nothing is left of it.
func (m *interviewModel) setTheme(slug string, t domain.ThemeAssessment) {
	if t.Unscored && t.Note == "" && t.CitizenView == "" && t.Support == nil && len(t.Statements) == 0 {
		delete(m.work.Assessment.Themes, slug)
		return
	}
	m.work.Assessment.Themes[slug] = t
}

func (m interviewModel) updateToggle(msg tea.KeyMsg) (interviewModel, tea.Cmd) {
	if !key.Matches(msg, m.keys.Toggle) {
		return m, nil
	}
	a := &m.work.Assessment
	switch m.area {
	case areaPermanent:
		a.Permanent = !a.Permanent
	case areaRelief:
		a.RelativesNeedRelief = !a.RelativesNeedRelief
	case areaLiving:
		m.living = cycleLiving(m.living, msg.String() == "left")
	}
	return m, m.edited()
}

// cycleLiving steps through the living situations.
func cycleLiving(l domain.Living, back bool) domain.Living {
	i := 0
	for j, x := range domain.Livings {
		if x == l {
			i = j
		}
	}
	n := len(domain.Livings)
	if back {
		return domain.Livings[(i+n-1)%n]
	}
	return domain.Livings[(i+1)%n]
}

// updateText passes keys to the focused text field and copies its value
// into the working case at once.
func (m interviewModel) updateText(msg tea.KeyMsg) (interviewModel, tea.Cmd) {
	var cmd tea.Cmd
	switch m.area {
	case areaView, areaNote:
		slug := m.current().theme.Slug
		before := m.view.Value() + "\x00" + m.note.Value()
		if m.area == areaView {
			m.view, cmd = m.view.Update(msg)
		} else {
			m.note, cmd = m.note.Update(msg)
		}
		if before == m.view.Value()+"\x00"+m.note.Value() {
			return m, cmd
		}
		t, had := m.work.Assessment.Themes[slug]
		if !had {
			t.Unscored = true
		}
		t.CitizenView, t.Note = strings.TrimSpace(m.view.Value()), strings.TrimSpace(m.note.Value())
		m.setTheme(slug, t)
	case areaGoals:
		before := m.goals.Value()
		m.goals, cmd = m.goals.Update(msg)
		if before == m.goals.Value() {
			return m, cmd
		}
	case areaStatement, areaTargetText, areaSituation, areaPurpose:
		return m.updateChainText(msg)
	case areaHours:
		before := m.hours.Value()
		m.hours, cmd = m.hours.Update(msg)
		if before == m.hours.Value() {
			return m, cmd
		}
		if !m.applyHours() {
			return m, cmd
		}
	}
	return m, tea.Batch(cmd, m.edited())
}

// applyHours reads the hours field; an invalid value is shown and not
// saved, a cleared field removes the estimate.
func (m *interviewModel) applyHours() bool {
	text := strings.TrimSpace(m.hours.Value())
	if text == "" {
		m.hoursErr, m.work.Assessment.SupportHoursPerWeek = "", nil
		return true
	}
	h, err := domain.ParseNumber(text)
	if err != nil || h < 0 || h > 168 {
		m.hoursErr = "skriv timer om ugen som et tal mellem 0 og 168, fx 2,5"
		return false
	}
	m.hoursErr = ""
	m.work.Assessment.SupportHoursPerWeek = &h
	return true
}

// nowTime is the wall clock, for "gemt kl."; tests do not depend on it.
func (c *common) nowTime() time.Time { return time.Now() }
