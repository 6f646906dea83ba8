package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/vumdk/vum/domain"
)

func (m interviewModel) ShortHelp() []key.Binding {
	if m.stale != nil {
		return []key.Binding{m.keys.Reload, m.keys.NextStep, m.keys.NextArea}
	}
	switch m.area {
	case areaList:
		return []key.Binding{m.keys.Up, m.keys.Down, m.keys.Select, m.keys.Suggest, m.keys.Back}
	case areaLevel:
		return []key.Binding{m.keys.Level, m.keys.NotRelevant, m.keys.NextStep, m.keys.Suggest, m.keys.NextArea}
	case areaPermanent, areaRelief, areaLiving:
		return []key.Binding{m.keys.Toggle, m.keys.NextArea, m.keys.Suggest, m.keys.Back}
	case areaSupport:
		return []key.Binding{m.keys.Support, m.keys.ClearSupport, m.keys.NextStep, m.keys.Suggest, m.keys.NextArea}
	case areaSource, areaTargetTheme, areaTargetType:
		return []key.Binding{m.keys.Choose, m.keys.Add, m.keys.RemoveLast, m.keys.NextArea, m.keys.Suggest}
	case areaStatement, areaTargetText:
		return []key.Binding{m.keys.Add, m.keys.NextArea, m.keys.Suggest, binding([]string{"esc"}, "esc", "forlad feltet")}
	}
	return []key.Binding{m.keys.NextStep, m.keys.Suggest, m.keys.NextArea, binding([]string{"esc"}, "esc", "forlad feltet")}
}

func (m interviewModel) FullHelp() [][]key.Binding {
	out := [][]key.Binding{
		{m.keys.NextArea, m.keys.PrevArea, m.keys.NextStep, m.keys.PrevStep},
		{m.keys.Up, m.keys.Down, m.keys.Select},
		{m.keys.Level, m.keys.NotRelevant, m.keys.Clear, m.keys.Toggle},
	}
	var more []key.Binding
	if m.hasSupport() {
		more = append(more, m.keys.Support, m.keys.ClearSupport)
	}
	if m.hasSources() || m.hasChain() {
		more = append(more, m.keys.Choose, m.keys.Add, m.keys.RemoveLast)
	}
	if len(more) > 0 {
		out = append(out, more)
	}
	return append(out, []key.Binding{m.keys.Suggest, m.keys.Back, m.keys.Reload})
}

// Legend explains the marks in the theme list and on the scale.
func (m interviewModel) Legend() string {
	if len(m.method.Groups) > 0 {
		return "· ikke vurderet · 0-4 niveau · – ikke relevant · … noter uden niveau · ✓ udfyldt eller beskrevet med ord · [2] valgt trin"
	}
	return "· ikke vurderet · 0-4 niveau · – ikke relevant · … noter uden niveau · ✓ udfyldt · [2] valgt niveau"
}

// listWidth is the width of the theme list, wider on wide terminals.
func (m interviewModel) listWidth() int {
	switch {
	case m.narrow():
		return m.c.width - 2
	case m.c.width >= 110:
		return 36
	}
	return 27
}

// narrow screens show the theme list and the theme by turns (tab
// switches), so the theme has the whole width for its text.
func (m interviewModel) narrow() bool { return m.c.width < 80 }

// detailWidth is the outer width of the theme box.
func (m interviewModel) detailWidth() int {
	if m.narrow() {
		return m.c.width - 2
	}
	return m.c.width - m.listWidth() - 2
}

func (m interviewModel) View(height int) string {
	header := m.header()
	bodyH := height - lipgloss.Height(header)
	listW, detailW := m.listWidth(), m.detailWidth()
	list := func() string {
		return m.boxStyle(m.area == areaList).Width(listW - 2).Height(bodyH - 2).Render(m.listView(bodyH - 2))
	}
	detail := func() string {
		return m.boxStyle(m.area != areaList).Width(detailW - 2).Height(bodyH - 2).Render(m.detailView(detailW-4, bodyH-2))
	}
	switch {
	case m.narrow() && m.area == areaList:
		return lipgloss.JoinVertical(lipgloss.Left, header, list())
	case m.narrow():
		return lipgloss.JoinVertical(lipgloss.Left, header, detail())
	}
	return lipgloss.JoinVertical(lipgloss.Left, header, lipgloss.JoinHorizontal(lipgloss.Top, list(), detail()))
}

func (m interviewModel) boxStyle(focused bool) lipgloss.Style {
	if focused {
		return m.c.styles.FocusBox
	}
	return m.c.styles.Box
}

func (m interviewModel) header() string {
	s := m.c.styles
	c := m.work.Citizen
	title := "vum · Udredning"
	if m.reassess {
		title = "vum · Revurdering"
	}
	left := s.Title.Render(title) + s.Subtle.Render(" · "+fmt.Sprintf("%s (%s) · %s", c.Name, c.MaskedID(), m.c.shortMunicipality(m.work.Municipality)))
	var state string
	switch {
	case m.stale != nil:
		state = s.Error.Render("! ændret andetsteds")
	case m.autosave.Retrying():
		state = s.Warning.Render("! gemmer igen …")
	case m.saveErr != nil:
		state = s.Error.Render("✗ ikke gemt")
	case m.dirty || m.saving:
		state = s.Subtle.Render("gemmer …")
	case !m.savedAt.IsZero():
		state = s.Success.Render("✓ gemt")
	}
	if room := m.c.width - lipgloss.Width(state) - 2; lipgloss.Width(left) > room {
		left = ansi.Truncate(left, room, "…") // the save state is never cut
	}
	gap := max(1, m.c.width-lipgloss.Width(left)-lipgloss.Width(state)-1)
	return left + strings.Repeat(" ", gap) + state
}

// listView shows every step with its progress: "·" not assessed, the
// level when scored, "–" not relevant, "…" begun without a level. It
// scrolls to keep the current step in view.
func (m interviewModel) listView(height int) string {
	s := m.c.styles
	w := m.listWidth() - 4
	var lines []string
	for i, st := range m.steps {
		mark, name := m.stepMark(st), m.stepName(st)
		line := fit(mark+" "+name, w-2)
		if i == m.step {
			lines = append(lines, s.Selected.Render("> "+line))
		} else {
			lines = append(lines, "  "+line)
		}
	}
	done, total := m.progress()
	lines = append(lines, "", s.Subtle.Render(fmt.Sprintf("%d af %d temaer vurderet", done, total)))
	pane := newScrollPane()
	pane.SetSize(w, height)
	pane.SetContent(strings.Join(lines, "\n"))
	pane.Show(m.step, m.step)
	return pane.View()
}

func (m interviewModel) stepName(st step) string {
	switch st.kind {
	case stepFacts:
		return "Forhold og timer"
	case stepGoals:
		if m.hasChain() {
			return "Egne ønsker og mål"
		}
		return "Borgerens mål"
	case stepChain:
		return "Sagsvurdering"
	}
	return st.theme.Name
}

func (m interviewModel) stepMark(st step) string {
	switch st.kind {
	case stepFacts:
		if m.work.Assessment.SupportHoursPerWeek != nil {
			return "✓"
		}
		return "·"
	case stepGoals:
		if strings.TrimSpace(m.goals.Value()) != "" {
			return "✓"
		}
		return "·"
	case stepChain:
		if a := m.work.Assessment; a.Purpose != "" && len(a.Targets) > 0 {
			return "✓"
		} else if a.Situation != "" || a.Purpose != "" || len(a.Targets) > 0 {
			return "…"
		}
		return "·"
	}
	t, ok := m.work.Assessment.Themes[st.theme.Slug]
	switch {
	case !ok:
		return "·"
	case t.NotRelevant:
		return "–"
	case m.describedInWords(st.theme.Slug, t):
		return "✓"
	case t.Unscored:
		return "…"
	}
	return fmt.Sprint(t.Level)
}

func (m interviewModel) progress() (done, total int) {
	for _, st := range m.steps {
		if st.kind != stepTheme {
			continue
		}
		total++
		if t, ok := m.work.Assessment.Themes[st.theme.Slug]; ok && (!t.Unscored || m.describedInWords(st.theme.Slug, t)) {
			done++
		}
	}
	return done, total
}

func (m interviewModel) detailView(width, height int) string {
	var content string
	switch m.current().kind {
	case stepFacts:
		content = m.factsView(width)
	case stepGoals:
		content = m.goalsView(width, height)
	case stepChain:
		content = m.chainView(width)
	default:
		content = m.themeView(width, height)
	}
	// A warning stays above the pane, in view however far it scrolls.
	notice := m.notice(width)
	n := strings.Count(notice, "\n")
	return notice + m.detailPane(content, width, max(1, height-n)).View()
}

// notice warns of answers another screen changed: a save refused until
// reload, or answers where this screen's text was kept.
func (m interviewModel) notice(width int) string {
	if m.stale != nil {
		return m.c.styles.Warning.Render(wrapText("! Ændret i et andet vindue: "+m.fieldNames(m.stale.Fields)+". Tryk ctrl+g for at genindlæse; din tekst bevares.", width)) + "\n"
	}
	if m.moved != "" {
		return m.c.styles.Warning.Render(wrapText("! Sagen er ændret, siden du åbnede den: "+m.moved+". Det, du har skrevet, er bevaret.", width)) + "\n"
	}
	if c := m.stepConflicts(); len(c) > 0 {
		return m.c.styles.Warning.Render(wrapText("! Også ændret i et andet vindue: "+m.fieldNames(c)+". Din tekst er beholdt; ret den, hvis den andens skal med.", width)) + "\n"
	}
	return ""
}

func (m interviewModel) themeView(width, height int) string {
	return m.themeTop(width, height) + m.themeFields()
}

// themeTop is the part of a theme above the text fields: what it covers,
// the guiding questions and the level.
func (m interviewModel) themeTop(width, height int) string {
	s := m.c.styles
	st := m.current().theme
	var b strings.Builder
	b.WriteString(s.Heading.Render(st.Name) + s.Subtle.Render(fmt.Sprintf("  (%d/%d)", m.step+1, len(m.method.Themes))) + "\n")
	if g, ok := m.method.Group(st.Group); ok {
		b.WriteString(s.Subtle.Render(g.Name) + "\n")
	}
	b.WriteString(s.Subtle.Render(wrapText(st.Covers, width)) + "\n")
	if len(st.Subthemes) > 0 {
		b.WriteString(wrapIndent("Underemner: ", "  ", strings.Join(st.Subthemes, "; ")+".", width) + "\n")
	}
	for _, p := range st.Prompts {
		b.WriteString(wrapIndent("• ", "  ", p, width) + "\n")
	}
	b.WriteString(m.levelView(width) + "\n")
	if m.hasSupport() {
		b.WriteString(m.supportView(width) + "\n")
	}
	return b.String()
}

func (m interviewModel) themeFields() string {
	out := m.areaLabel(areaView, "Borgerens egen vurdering") + "\n" + m.view.View() + "\n" +
		m.areaLabel(areaNote, "Faglig vurdering") + "\n" + m.note.View()
	if m.hasSources() {
		out += "\n" + m.statementsView(m.detailWidth()-4)
	}
	return out
}

// layout sizes the text fields to the window. It runs in Update (on
// resize and when the step changes), never in View, so the fields wrap
// and scroll with the same width they are drawn with.
func (m *interviewModel) layout() {
	width := m.detailWidth() - 4
	height := m.c.height - 4 // header, box borders, help line
	m.view.SetWidth(width - 2)
	m.note.SetWidth(width - 2)
	m.goals.SetWidth(width - 2)
	m.goals.SetHeight(max(3, min(10, height-6)))
	m.statement.Width = max(10, width-4)
	m.targetText.Width = max(10, width-4)
	m.situation.SetWidth(width - 2)
	m.purpose.SetWidth(width - 2)
	m.situation.SetHeight(3)
	m.purpose.SetHeight(2)
	if m.current().kind != stepTheme {
		return
	}
	// The fields share what is left: a third to the citizen's view, the
	// rest to the professional assessment.
	// The theme scrolls to the field being typed in, so the fields keep a
	// usable size even where the text above them fills the window.
	top := strings.Count(m.themeTop(width, height), "\n") // it ends with a newline
	room := max(height-top-2, min(8, height-3))
	m.view.SetHeight(max(1, min(room/3, 5)))
	m.note.SetHeight(max(1, min(room-room/3, 10)))
}

func (m interviewModel) areaLabel(a area, text string) string {
	if m.area == a {
		return m.c.styles.Focused.Render("> " + text)
	}
	return m.c.styles.Label.Render("  " + text)
}

// levelView shows the scale with the chosen level in brackets, so the
// choice is visible without colour.
func (m interviewModel) levelView(width int) string {
	s := m.c.styles
	t, ok := m.work.Assessment.Themes[m.current().theme.Slug]
	var parts []string
	for _, l := range m.method.Levels {
		cell := fmt.Sprintf(" %d ", l.Value)
		if ok && t.Scored() && t.Level == l.Value {
			cell = s.Selected.Render(fmt.Sprintf("[%d]", l.Value))
		}
		parts = append(parts, cell)
	}
	nr := " ikke relevant (x) "
	if ok && t.NotRelevant {
		nr = s.Selected.Render("[ikke relevant]")
	}
	line := m.areaLabel(areaLevel, m.levelTerm()+" ") + strings.Join(parts, "") + "  " + nr
	var desc string
	switch {
	case ok && t.Scored():
		def, _ := m.method.Level(t.Level)
		desc = fmt.Sprintf("%d %s: %s", t.Level, def.Label, def.Description)
	case ok && t.NotRelevant:
		desc = "Temaet er ikke relevant for ansøgningen."
	case m.method.ThemeLevel(m.current().theme.Slug) != domain.LevelRequired:
		desc = "Temaet beskrives med ord; et niveau kan angives."
	default:
		desc = "Ikke vurderet endnu."
	}
	out := line + "\n" + s.Subtle.Render(wrapIndent("  ", "  ", desc, width))
	if m.reassess {
		out += "\n" + s.Bold.Render("  "+m.previousLine(m.current().theme.Slug))
	}
	return out
}

// levelTerm is the method's name for its scale ("Niveau" in VUM), the
// vum 2.0 term shortened to fit beside the scale.
func (m interviewModel) levelTerm() string {
	if t := m.method.Terms.Level; t != "" {
		return t
	}
	return "Niveau"
}

// previousText shows the earlier level beside the new one at a follow-up.
func (m interviewModel) previousText(slug string) string {
	t, ok := m.previous.Themes[slug]
	switch {
	case !ok:
		return "Tidligere: ikke vurderet."
	case t.NotRelevant:
		return "Tidligere: ikke relevant."
	case m.describedInWords(slug, t):
		return "Tidligere: beskrevet med ord."
	case t.Unscored:
		return "Tidligere: intet niveau."
	}
	return fmt.Sprintf("Tidligere: %s.", m.method.LevelLabel(t.Level))
}

// previousLine is the earlier assessment beside the theme, or, where it
// was made under another method, which.
func (m interviewModel) previousLine(slug string) string {
	if m.previousMethod != "" {
		return "Tidligere udredt efter " + m.previousMethod + "."
	}
	return m.previousText(slug)
}

func (m interviewModel) factsView(width int) string {
	s := m.c.styles
	a := m.work.Assessment
	var b strings.Builder
	b.WriteString(s.Heading.Render("Forhold og timer") + "\n\n")
	hours := m.hours.View()
	hoursLabel := "Støttebehov, timer om ugen"
	if m.hasSupport() {
		hoursLabel = "Støttetimer om ugen" // støttebehov is given per theme
	}
	b.WriteString(m.areaLabel(areaHours, fit(hoursLabel, 34)) + hours + "\n")
	if m.hoursErr != "" {
		b.WriteString("  " + s.Error.Render("✗ "+m.hoursErr) + "\n")
	}
	b.WriteString(s.Subtle.Render(wrapIndent("  ", "  ", "Dit skøn over behovet. Det afgør niveauet for § 85; uden skøn beregner vum et og siger det.", width)) + "\n\n")
	b.WriteString(m.areaLabel(areaPermanent, fit("Varigt nedsat funktionsevne", 34)) + yesNo(a.Permanent) + "\n")
	b.WriteString(s.Subtle.Render(wrapIndent("  ", "  ", "Betydelig og varig nedsat funktionsevne (afgør § 108 frem for § 107).", width)) + "\n\n")
	b.WriteString(m.areaLabel(areaRelief, fit("Pårørende har brug for aflastning", 34)) + yesNo(a.RelativesNeedRelief) + "\n")
	b.WriteString(s.Subtle.Render(wrapIndent("  ", "  ", "Pårørende, som borgeren bor hos, har brug for aflastning (§ 107, stk. 1).", width)))
	if m.reassess {
		living := "‹ " + m.living.Label() + " ›"
		if m.area == areaLiving {
			living = s.Selected.Render(living)
		}
		b.WriteString("\n\n" + m.areaLabel(areaLiving, "Borgeren bor (←/→ skifter)") + "\n  " + living)
		next := "Tryk ctrl+s for at se vums forslag."
		if m.grant != "" {
			next = "Tryk ctrl+s for at vende tilbage til opfølgningen."
		}
		b.WriteString("\n\n" + s.Subtle.Render(wrapText(next, width)))
	}
	return b.String()
}

func yesNo(b bool) string {
	if b {
		return "[ja]  nej "
	}
	return " ja  [nej]"
}

func (m interviewModel) goalsView(width, height int) string {
	s := m.c.styles
	return s.Heading.Render(m.method.Term(func(t domain.Terms) string { return t.Goals })) + "\n" +
		s.Subtle.Render(wrapText("Hvad vil borgeren opnå? Ét mål pr. linje; målene kommer med i afgørelsen.", width)) + "\n\n" +
		m.areaLabel(areaGoals, "Mål") + "\n" + m.goals.View() + "\n\n" +
		s.Subtle.Render(wrapText("Tryk ctrl+s for at se vums forslag.", width))
}
