package tui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/vumdk/vum/domain"
)

func (m followUpModel) View(height int) string {
	s := m.c.styles
	w := m.c.width - 4
	c := m.cas.Citizen
	g := m.grant
	var b strings.Builder
	b.WriteString(s.Title.Render("vum · Opfølgning") + s.Subtle.Render(" · "+fmt.Sprintf("%s (%s)", c.Name, c.MaskedID())) + "\n")
	what := g.ID + " " + lawName(g.Provision)
	if scope := g.Scope.Danish(g.Provision, g.Tier); scope != "" {
		what += " · " + scope
	}
	b.WriteString(s.Subtitle.Render(wrapText(what, w)) + "\n")
	if !g.FollowUpDue.IsZero() {
		b.WriteString(s.Subtle.Render("Opfølgning planlagt "+g.FollowUpDue.Danish()) + "\n")
	}
	if m.stale != nil {
		b.WriteString(s.Warning.Render(wrapText("! "+m.stale.Error()+" Tryk esc for at gå til sagen.", w)) + "\n")
	}
	b.WriteString("\n" + s.Subtitle.Render("Revurdering") + "\n")
	b.WriteString(m.comparison())
	if sg, ok := m.result.Find(g.Provision); ok && m.reassess != nil {
		text := "vum foreslår nu " + sg.Law
		if sg.Tier != nil {
			text += " (" + *sg.Tier + ")"
		}
		if sg.Tier != nil && *sg.Tier != g.Tier {
			text += ", ikke " + g.Tier + " som nu; vælg »omfanget ændres«."
		}
		b.WriteString(s.Subtle.Render(wrapText(text, w)) + "\n")
	}
	b.WriteString("\n" + m.f.row(s, fuDone, "Opfølgningsdato", m.done.View(), w) + "\n")
	b.WriteString(m.f.label(s, fuOutcome, "Bevillingen") + m.outcomeView() + "\n")
	b.WriteString(m.f.above(s, fuNote, "Resultat", w) + "\n" + m.note.View() + "\n")
	if !outcomes[m.outcome].Ends() {
		b.WriteString(m.f.row(s, fuNext, "Næste opfølgning", m.next.View(), w) + "\n")
		b.WriteString(s.Subtle.Render(wrapIndent("  ", "  ", m.nextHint, w)))
	} else {
		b.WriteString(s.Subtle.Render(wrapIndent("  ", "  ", "Ctrl+s fører videre til ophøret (dato og begrundelse).", w)))
	}
	if outcomes[m.outcome] == domain.OutcomeEndReassess {
		b.WriteString("\n" + s.Subtle.Render(wrapIndent("  ", "  ", "Behovet, målgruppen eller tilbuddets art har ændret sig: borgeren udredes på ny, efter kommunens metode, på sagen bagefter.", w)))
	}
	if outcomes[m.outcome] == domain.OutcomeChange {
		b.WriteString("\n" + s.Subtle.Render(wrapIndent("  ", "  ", "Ctrl+s fører videre til det nye omfang.", w)))
	}
	if m.confirmBack {
		b.WriteString("\n\n" + s.Warning.Render("! Resultatet er ikke gemt. Tryk esc igen for at kassere det."))
	}
	return s.App.Render(b.String())
}

// outcomeView lists the outcomes after the label, going on to a new line
// (under the first option) where the window is too narrow for them all.
func (m followUpModel) outcomeView() string {
	room := max(20, m.c.width-4-22)
	var b strings.Builder
	used := 0
	for i, o := range outcomes {
		text := " " + o.Label() + " "
		if i == m.outcome {
			text = "[" + o.Label() + "]"
		}
		n := utf8.RuneCountInString(text)
		if used > 0 && used+1+n > room {
			b.WriteString("\n" + strings.Repeat(" ", 22))
			used = 0
		} else if used > 0 {
			b.WriteString(" ")
			used++
		}
		if i == m.outcome && m.f.focus == fuOutcome {
			text = m.c.styles.Selected.Render(text)
		}
		b.WriteString(text)
		used += n
	}
	return b.String()
}

// comparison lists the themes whose levels changed in the reassessment,
// the earlier level beside the new one.
func (m followUpModel) comparison() string {
	if m.reassess == nil {
		return "  Ingen revurdering; tryk ctrl+r for at revurdere.\n"
	}
	old := m.cas.File()
	before := old.Assessment
	after := m.reassess.Assessment
	method := m.c.cat.MethodOf(m.reassess.Method)
	var b strings.Builder
	changed := 0
	if oldMethod := m.c.cat.MethodOf(old.Method); oldMethod != method {
		// A reassessment under the municipality's new method: the themes
		// differ, so the earlier levels are not set beside the new ones.
		changed++
		b.WriteString("  " + fit("Metode", 30) + fit(oldMethod.Name, 14) + "→ " + method.Name + "\n")
		before = domain.Assessment{}
	}
	for _, slug := range method.ThemeSlugs() {
		was, is := m.levelText(before.Themes, slug), m.levelText(after.Themes, slug)
		if was == is {
			continue
		}
		changed++
		b.WriteString("  " + fit(method.ThemeName(slug), 30) + fit(was, 14) + "→ " + is + "\n")
	}
	if hoursText(before.SupportHoursPerWeek) != hoursText(after.SupportHoursPerWeek) {
		changed++
		b.WriteString("  " + fit("Støttebehov om ugen", 30) + fit(hoursText(before.SupportHoursPerWeek), 14) + "→ " + hoursText(after.SupportHoursPerWeek) + "\n")
	}
	if l := m.reassess.Living; l != "" {
		changed++
		b.WriteString("  " + fit("Boform", 30) + fit(m.cas.Citizen.Living.Label(), 14) + "→ " + l.Label() + "\n")
	}
	if changed == 0 {
		return "  Revurderet uden ændringer i niveauer eller timer.\n"
	}
	return b.String()
}

func (m followUpModel) levelText(themes map[string]domain.ThemeAssessment, slug string) string {
	t, ok := themes[slug]
	switch {
	case !ok:
		return "ikke vurderet"
	case t.NotRelevant:
		return "ikke relevant"
	case t.Unscored:
		return "intet niveau"
	}
	return fmt.Sprintf("niveau %d", t.Level)
}

func hoursText(h *float64) string {
	if h == nil {
		return "ikke angivet"
	}
	return domain.FormatNumber(*h) + " timer"
}
