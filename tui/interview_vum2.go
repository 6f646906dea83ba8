package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/vumdk/vum/domain"
)

// A method like VUM 2.0 adds to each theme the støttebehov and statements
// tagged with their source, and closes with the sagsvurdering: the
// overall assessment, the indsatsformål and the indsatsmål, each with its
// primary theme and måltype. A method without them (VUM) shows none of it.

func (m interviewModel) hasSupport() bool { return len(m.method.SupportLevels) > 0 }
func (m interviewModel) hasSources() bool { return len(m.method.Sources) > 0 }
func (m interviewModel) hasChain() bool {
	return len(m.method.GoalTypes) > 0 && len(m.method.GoalThemes()) > 0
}

func (m interviewModel) term(get func(domain.Terms) string) string { return m.method.Term(get) }

// updateSupport sets the theme's støttebehov: 0-4 directly, ←/→ step by
// one, delete clears it.
func (m interviewModel) updateSupport(msg tea.KeyMsg) (interviewModel, tea.Cmd) {
	slug := m.current().theme.Slug
	t, had := m.work.Assessment.Themes[slug]
	if !had {
		t.Unscored = true
	}
	lo, hi := supportRange(m.method)
	switch s := msg.String(); {
	case len(s) == 1 && s[0] >= '0' && s[0] <= '9':
		v := int(s[0] - '0')
		if _, ok := m.method.SupportLevel(v); !ok {
			return m, nil
		}
		t.Support = &v
	case s == "left" || s == "right":
		v := lo
		if t.Support != nil && s == "left" {
			v = max(lo, *t.Support-1)
		} else if t.Support != nil {
			v = min(hi, *t.Support+1)
		}
		t.Support = &v
	case key.Matches(msg, m.keys.ClearSupport):
		if t.Support == nil {
			return m, nil
		}
		t.Support = nil
	case key.Matches(msg, m.keys.Select):
		m.focusArea(areaView)
		return m, nil
	default:
		return m, nil
	}
	m.setTheme(slug, t)
	m.layout()
	return m, m.edited()
}

func supportRange(method *domain.Method) (lo, hi int) {
	for i, l := range method.SupportLevels {
		if i == 0 {
			lo, hi = l.Value, l.Value
		}
		lo, hi = min(lo, l.Value), max(hi, l.Value)
	}
	return lo, hi
}

// updateChoice steps through a closed list (the statement's source, the
// indsatsmål's primary theme and måltype), adds with enter and removes the
// last statement or indsatsmål with delete.
func (m interviewModel) updateChoice(msg tea.KeyMsg) (interviewModel, tea.Cmd) {
	back := msg.String() == "left"
	switch {
	case key.Matches(msg, m.keys.Choose):
		switch m.area {
		case areaSource:
			m.source = step1(m.source, len(m.method.Sources), back)
		case areaTargetTheme:
			m.targetTheme = step1(m.targetTheme, len(m.method.GoalThemes()), back)
		case areaTargetType:
			m.targetType = step1(m.targetType, len(m.method.GoalTypes), back)
		}
		return m, nil
	case key.Matches(msg, m.keys.Add):
		if m.area == areaSource {
			if strings.TrimSpace(m.statement.Value()) == "" {
				m.focusArea(areaStatement)
				return m, nil
			}
			return m.addStatement()
		}
		return m.addTarget()
	case key.Matches(msg, m.keys.RemoveLast):
		if m.area == areaSource {
			slug := m.current().theme.Slug
			t, ok := m.work.Assessment.Themes[slug]
			if !ok || len(t.Statements) == 0 {
				return m, nil
			}
			t.Statements = append([]domain.Statement(nil), t.Statements[:len(t.Statements)-1]...)
			m.setTheme(slug, t)
			return m, m.edited()
		}
		a := &m.work.Assessment
		if len(a.Targets) == 0 {
			return m, nil
		}
		a.Targets = append([]domain.Target(nil), a.Targets[:len(a.Targets)-1]...)
		return m, m.edited()
	}
	return m, nil
}

// step1 moves i one step through n choices, round.
func step1(i, n int, back bool) int {
	if n == 0 {
		return 0
	}
	if back {
		return (i + n - 1) % n
	}
	return (i + 1) % n
}

// addStatement adds the typed statement to the theme with its source.
func (m interviewModel) addStatement() (interviewModel, tea.Cmd) {
	text := strings.TrimSpace(m.statement.Value())
	if text == "" || len(m.method.Sources) == 0 {
		return m, nil
	}
	slug := m.current().theme.Slug
	t, had := m.work.Assessment.Themes[slug]
	if !had {
		t.Unscored = true
	}
	t.Statements = append(append([]domain.Statement(nil), t.Statements...),
		domain.Statement{Source: m.method.Sources[m.source].ID, Text: text})
	m.setTheme(slug, t)
	m.statement.SetValue("")
	m.layout()
	return m, m.edited()
}

// addTarget adds the typed indsatsmål with its primary theme and måltype.
func (m interviewModel) addTarget() (interviewModel, tea.Cmd) {
	text := strings.TrimSpace(m.targetText.Value())
	if text == "" {
		m.chainErr = "skriv indsatsmålet først (tab til »Nyt indsatsmål«)"
		return m, nil
	}
	themes := m.method.GoalThemes()
	m.chainErr = ""
	a := &m.work.Assessment
	a.Targets = append(append([]domain.Target(nil), a.Targets...), domain.Target{Text: text,
		Theme: themes[m.targetTheme%len(themes)], Type: m.method.GoalTypes[m.targetType%len(m.method.GoalTypes)].ID})
	m.targetText.SetValue("")
	return m, m.edited()
}

// updateChainText passes keys to the statement, the sagsvurdering's text
// fields and the next indsatsmål; enter adds a statement or indsatsmål.
func (m interviewModel) updateChainText(msg tea.KeyMsg) (interviewModel, tea.Cmd) {
	var cmd tea.Cmd
	switch m.area {
	case areaStatement:
		if key.Matches(msg, m.keys.Add) {
			return m.addStatement()
		}
		before := m.statement.Value()
		if m.statement, cmd = m.statement.Update(msg); before == m.statement.Value() {
			return m, cmd
		}
	case areaTargetText:
		if key.Matches(msg, m.keys.Add) {
			return m.addTarget()
		}
		before := m.targetText.Value()
		if m.targetText, cmd = m.targetText.Update(msg); before == m.targetText.Value() {
			return m, cmd
		}
		if strings.TrimSpace(m.targetText.Value()) != "" {
			m.chainErr = ""
		}
	case areaSituation:
		before := m.situation.Value()
		if m.situation, cmd = m.situation.Update(msg); before == m.situation.Value() {
			return m, cmd
		}
		m.work.Assessment.Situation = strings.TrimSpace(m.situation.Value())
	case areaPurpose:
		before := m.purpose.Value()
		if m.purpose, cmd = m.purpose.Update(msg); before == m.purpose.Value() {
			return m, cmd
		}
		m.work.Assessment.Purpose = strings.TrimSpace(m.purpose.Value())
	}
	return m, tea.Batch(cmd, m.edited())
}

// supportView shows the støttebehov scale with the chosen step in
// brackets, under the functional level.
func (m interviewModel) supportView(width int) string {
	s := m.c.styles
	t, ok := m.work.Assessment.Themes[m.current().theme.Slug]
	var parts []string
	for _, l := range m.method.SupportLevels {
		cell := fmt.Sprintf(" %d ", l.Value)
		if ok && t.Support != nil && *t.Support == l.Value {
			cell = s.Selected.Render(fmt.Sprintf("[%d]", l.Value))
		}
		parts = append(parts, cell)
	}
	desc := "Ikke vurderet endnu."
	if ok && t.Support != nil {
		if l, found := m.method.SupportLevel(*t.Support); found {
			desc = fmt.Sprintf("%d %s", l.Value, l.Label)
		}
	}
	label := fit(m.term(func(t domain.Terms) string { return t.Support }), len([]rune(m.levelTerm())))
	out := m.areaLabel(areaSupport, label+" ") + strings.Join(parts, "") + "\n" + s.Subtle.Render(wrapIndent("  ", "  ", desc, width))
	if m.reassess && m.previousMethod == "" {
		before := "Tidligere: ikke vurderet."
		if p := m.previous.Themes[m.current().theme.Slug].Support; p != nil {
			if l, found := m.method.SupportLevel(*p); found {
				before = fmt.Sprintf("Tidligere: %d %s.", l.Value, l.Label)
			}
		}
		out += "\n" + s.Bold.Render("  "+before)
	}
	return out
}

// statementsView lists the theme's statements with their sources and the
// fields for the next one.
func (m interviewModel) statementsView(width int) string {
	s := m.c.styles
	t := m.work.Assessment.Themes[m.current().theme.Slug]
	var b strings.Builder
	b.WriteString(s.Label.Render("  Udsagn med kilde") + "\n")
	if len(t.Statements) == 0 {
		b.WriteString(s.Subtle.Render("    ingen endnu") + "\n")
	}
	for _, st := range t.Statements {
		b.WriteString(wrapIndent("    "+m.method.SourceLabel(st.Source)+": »", "      ", st.Text+"«", width) + "\n")
	}
	source := "‹ " + m.method.SourceLabel(m.method.Sources[m.source%len(m.method.Sources)].ID) + " ›"
	if m.area == areaSource {
		source = s.Selected.Render(source)
	}
	b.WriteString(m.areaLabel(areaSource, fit("Kilde", 14)) + source + "\n")
	b.WriteString(m.areaLabel(areaStatement, "Nyt udsagn") + "\n  " + m.statement.View() + "\n")
	b.WriteString(s.Subtle.Render(wrapIndent("  ", "  ", "←/→ vælger kilden, enter tilføjer udsagnet, del (på kilden) fjerner det sidste.", width)))
	return b.String()
}

// chainView is the sagsvurdering: the citizen's own wishes (from the step
// before) lead to the overall assessment, the indsatsformål and the
// indsatsmål.
func (m interviewModel) chainView(width int) string {
	s := m.c.styles
	a := m.work.Assessment
	var b strings.Builder
	b.WriteString(s.Heading.Render("Sagsvurdering og indsatsmål") + "\n")
	b.WriteString(s.Subtle.Render(wrapText("Fra borgerens egne ønsker og mål til indsatsformål og indsatsmål; hvert indsatsmål har ét primært tema og en måltype.", width)) + "\n")
	if goals := m.snapshot().Goals; len(goals) > 0 {
		b.WriteString(s.Label.Render("  "+m.term(func(t domain.Terms) string { return t.Goals })) + "\n")
		for _, g := range goals {
			b.WriteString(s.Subtle.Render(wrapIndent("    • ", "      ", g, width)) + "\n")
		}
	}
	b.WriteString("\n" + m.areaLabel(areaSituation, m.term(func(t domain.Terms) string { return t.Situation })) + "\n" + m.situation.View() + "\n")
	b.WriteString(m.areaLabel(areaPurpose, m.term(func(t domain.Terms) string { return t.Purpose })) + "\n" + m.purpose.View() + "\n\n")
	b.WriteString(s.Label.Render("  "+m.term(func(t domain.Terms) string { return t.Targets })) + "\n")
	if len(a.Targets) == 0 {
		b.WriteString(s.Subtle.Render("    ingen endnu") + "\n")
	}
	for i, t := range a.Targets {
		b.WriteString(wrapIndent(fmt.Sprintf("    %d. ", i+1), "       ", t.Text, width) + "\n")
		b.WriteString(s.Subtle.Render(wrapIndent("       ", "       ", m.method.ThemeName(t.Theme)+" · "+m.method.GoalTypeLabel(t.Type), width)) + "\n")
	}
	b.WriteString(m.areaLabel(areaTargetText, "Nyt indsatsmål") + "\n  " + m.targetText.View() + "\n")
	if m.chainErr != "" {
		b.WriteString("  " + s.Error.Render("✗ "+m.chainErr) + "\n")
	}
	themes := m.method.GoalThemes()
	theme := "‹ " + m.method.ThemeName(themes[m.targetTheme%len(themes)]) + " ›"
	if m.area == areaTargetTheme {
		theme = s.Selected.Render(theme)
	}
	goalType := "‹ " + m.method.GoalTypes[m.targetType%len(m.method.GoalTypes)].Label + " ›"
	if m.area == areaTargetType {
		goalType = s.Selected.Render(goalType)
	}
	b.WriteString(m.areaLabel(areaTargetTheme, fit("Primært tema", 14)) + theme + "\n")
	b.WriteString(m.areaLabel(areaTargetType, fit("Måltype", 14)) + goalType + "\n")
	b.WriteString(s.Subtle.Render(wrapIndent("  ", "  ", "←/→ vælger, enter tilføjer indsatsmålet, del (på tema eller måltype) fjerner det sidste. Tryk ctrl+s for at se vums forslag.", width)))
	return b.String()
}

// describedInWords reports a theme the method describes in words that has
// been described: it needs no level to be done.
func (m interviewModel) describedInWords(slug string, t domain.ThemeAssessment) bool {
	return t.Unscored && m.method.ThemeLevel(slug) != domain.LevelRequired
}

// pendingStatement is the statement typed but not yet added, with its
// source; ok is false when there is none.
func (m interviewModel) pendingStatement() (domain.Statement, bool) {
	text := strings.TrimSpace(m.statement.Value())
	if text == "" || !m.hasSources() || m.current().kind != stepTheme {
		return domain.Statement{}, false
	}
	return domain.Statement{Source: m.method.Sources[m.source%len(m.method.Sources)].ID, Text: text}, true
}

// pendingTarget is the indsatsmål typed but not yet added, with the
// primary theme and måltype chosen.
func (m interviewModel) pendingTarget() (domain.Target, bool) {
	text := strings.TrimSpace(m.targetText.Value())
	if text == "" || !m.hasChain() {
		return domain.Target{}, false
	}
	themes := m.method.GoalThemes()
	return domain.Target{Text: text, Theme: themes[m.targetTheme%len(themes)],
		Type: m.method.GoalTypes[m.targetType%len(m.method.GoalTypes)].ID}, true
}

// withPending adds to a snapshot what is typed but not yet added, so that
// saving, leaving and quitting keep it: nothing typed is lost.
func (m interviewModel) withPending(a *domain.Assessment) {
	if st, ok := m.pendingStatement(); ok {
		slug := m.current().theme.Slug
		t, had := a.Themes[slug]
		if !had {
			t.Unscored = true
		}
		t.Statements = append(append([]domain.Statement(nil), t.Statements...), st)
		a.Themes[slug] = t
	}
	if tg, ok := m.pendingTarget(); ok {
		a.Targets = append(append([]domain.Target(nil), a.Targets...), tg)
	}
}

// commitPending adds what is typed but not yet added to the working
// assessment, as the caseworker moves to another step.
func (m *interviewModel) commitPending() {
	m.withPending(&m.work.Assessment)
	m.statement.SetValue("")
	m.targetText.SetValue("")
}
