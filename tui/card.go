package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/vumdk/vum/store"
)

type cardKeys struct {
	Draft, FollowUp, Decide, Back key.Binding
}

func newCardKeys() cardKeys {
	return cardKeys{
		Draft:    binding([]string{"u"}, "u", "udkast"),
		FollowUp: binding([]string{"o"}, "o", "opfølgning"),
		Decide:   binding([]string{"a"}, "a", "ny afgørelse"),
		Back:     binding([]string{"esc"}, "esc", "sager"),
	}
}

// cardModel shows a decided case: citizen, decision, next follow-up, the
// current assessment and the history, with what can be done next.
type cardModel struct {
	c    *common
	keys cardKeys
	rec  store.CaseRecord
	hist store.History
}

func newCardModel(c *common, rec store.CaseRecord, hist store.History) cardModel {
	return cardModel{c: c, keys: newCardKeys(), rec: rec, hist: hist}
}

func (m cardModel) Typing() bool    { return false }
func (m cardModel) Flush() error    { return nil }
func (m cardModel) Unsaved() string { return "" }

func (m cardModel) Update(msg tea.Msg) (cardModel, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	switch {
	case key.Matches(k, m.keys.Back):
		return m, send(showCasesMsg{})
	case key.Matches(k, m.keys.Draft):
		return m, send(draftMsg{rec: m.rec})
	case key.Matches(k, m.keys.FollowUp) && m.canFollowUp():
		return m, send(interviewMsg{rec: m.rec, reassess: true})
	case key.Matches(k, m.keys.Decide):
		return m, send(suggestMsg{rec: m.rec})
	}
	return m, nil
}

// canFollowUp: a refusal has nothing to follow up.
func (m cardModel) canFollowUp() bool { return m.rec.Decision != nil && !m.rec.Decision.Refused }

func (m cardModel) ShortHelp() []key.Binding {
	if !m.canFollowUp() {
		return []key.Binding{m.keys.Draft, m.keys.Decide, m.keys.Back}
	}
	return []key.Binding{m.keys.FollowUp, m.keys.Draft, m.keys.Decide, m.keys.Back}
}

func (m cardModel) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

func (m cardModel) View(height int) string {
	s := m.c.styles
	cf := m.rec.Case
	w := m.c.width - 4
	var b strings.Builder
	b.WriteString(s.Title.Render("vum · Sag") + s.Subtle.Render(" · "+fmt.Sprintf("%s (%s)", cf.Citizen.Name, cf.Citizen.MaskedID())) + "\n\n")
	field := func(label, value string) {
		b.WriteString(s.Label.Render(fit(label, 18)) + wrapIndent("", strings.Repeat(" ", 18), value, w-18) + "\n")
	}
	field("Kommune", m.c.municipalityName(cf.Municipality))
	field("Ansøgt", fmt.Sprintf("%s · %d år · bor %s", cf.ApplicationDate.Danish(), cf.AgeAtApplication(), cf.Citizen.Living.Phrase()))
	if d := m.rec.Decision; d != nil {
		text := lawName(d.Provision)
		if d.Tier != "" {
			text += ", " + d.Tier
		}
		if d.Refused {
			text = "afslag på " + text
		}
		text += " · " + d.Date.Danish()
		if d.FollowedSuggestion {
			text += " · som foreslået"
		} else {
			text += " · afviger fra forslaget: " + d.Reason
		}
		field("Afgørelse", text)
	}
	field("Næste opfølgning", m.dueText())
	if m.rec.Pending != nil {
		field("Revurdering", "påbegyndt; tryk o for at fortsætte")
	}
	b.WriteString("\n" + s.Subtitle.Render("Udredning") + s.Subtle.Render(fmt.Sprintf("  (vurderet %s)", m.rec.Assessed.Recorded.Local().Format("02-01-2006"))) + "\n")
	for _, slug := range m.c.method.ThemeSlugs() {
		t, ok := cf.Assessment.Themes[slug]
		if !ok {
			continue
		}
		level := "ikke relevant"
		switch {
		case t.Unscored:
			level = "intet niveau"
		case t.Scored():
			level = m.c.method.LevelLabel(t.Level)
		}
		b.WriteString("  " + fit(m.c.method.ThemeName(slug), 32) + level + "\n")
	}
	if len(cf.Goals) > 0 {
		b.WriteString("\n" + s.Subtitle.Render("Mål") + "\n")
		for _, g := range cf.Goals {
			b.WriteString(wrapIndent("  • ", "    ", g, w) + "\n")
		}
	}
	b.WriteString("\n" + s.Subtle.Render(fmt.Sprintf("Historik: %s, %s, %s.", plural(len(m.hist.Assessments), "vurdering", "vurderinger"),
		plural(len(m.hist.Decisions), "afgørelse", "afgørelser"), plural(len(m.hist.FollowUps), "opfølgning", "opfølgninger"))))
	for _, f := range m.hist.FollowUps {
		b.WriteString("\n" + s.Subtle.Render(wrapIndent("  Opfølgning "+f.Done.Danish()+": ", "    ", f.Outcome, w)))
	}
	return s.App.Render(b.String())
}

// dueText marks an overdue follow-up with "!" so it shows without colour.
func (m cardModel) dueText() string {
	due := m.rec.FollowUpDue
	switch {
	case due.IsZero() && m.rec.Decision != nil && m.rec.Decision.Refused:
		return "ingen (afslag)"
	case due.IsZero() && m.rec.Decision != nil:
		return "ingen; indsatsen er afsluttet ved sidste opfølgning"
	case due.IsZero():
		return "ingen planlagt"
	}
	days := m.c.today.DaysUntil(due)
	switch {
	case days < 0:
		return m.c.styles.Overdue.Render(fmt.Sprintf("! %s (forfalden for %d dage siden)", due.Danish(), -days))
	case days <= dueHorizon:
		return m.c.styles.DueSoon.Render(fmt.Sprintf("• %s (om %d dage)", due.Danish(), days))
	}
	return due.Danish()
}
