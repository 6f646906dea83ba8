package tui

import (
	"fmt"
	"strings"

	"github.com/vumdk/vum/domain"
)

func (m followUpModel) View(height int) string {
	s := m.c.styles
	w := m.c.width - 4
	c := m.rec.Case.Citizen
	var b strings.Builder
	b.WriteString(s.Title.Render("vum · Opfølgning") + s.Subtle.Render(" · "+fmt.Sprintf("%s (%s)", c.Name, c.MaskedID())) + "\n\n")
	b.WriteString(s.Subtitle.Render("Før og nu") + "\n")
	b.WriteString(m.comparison())
	if sg, ok := m.result.Primary(); ok {
		text := "vum foreslår nu " + sg.Law + " " + sg.Title
		if sg.Tier != nil {
			text += " (" + *sg.Tier + ")"
		}
		if d := m.rec.Decision; d != nil && (d.Provision != sg.Provision || d.Tier != deref(sg.Tier)) {
			text += ". Det afviger fra den gældende afgørelse; træf en ny afgørelse på sagen (a) efter opfølgningen."
		} else {
			text += ", som den gældende afgørelse."
		}
		b.WriteString("\n" + s.Subtle.Render(wrapText(text, w)) + "\n")
	}
	b.WriteString("\n" + m.label(fuDone, "Opfølgningsdato") + m.done.View() + m.errText(fuDone) + "\n")
	b.WriteString(m.label(fuOutcome, "Resultat") + m.errText(fuOutcome) + "\n" + m.outcome.View() + "\n")
	b.WriteString(m.label(fuNext, "Næste opfølgning") + m.next.View() + m.errText(fuNext) + "\n")
	b.WriteString(s.Subtle.Render(wrapIndent("  ", "  ", m.nextHint+" Tøm feltet, hvis indsatsen afsluttes.", w)))
	if m.confirmBack {
		b.WriteString("\n\n" + s.Warning.Render("! Resultatet er ikke gemt. Tryk esc igen for at kassere det og gå tilbage."))
	}
	return s.App.Render(b.String())
}

// comparison lists the themes whose levels changed, the earlier level
// beside the new one.
func (m followUpModel) comparison() string {
	if m.rec.Pending == nil {
		return "  Ingen revurdering er registreret.\n"
	}
	var b strings.Builder
	changed := 0
	for _, slug := range m.c.method.ThemeSlugs() {
		before, after := m.levelText(m.rec.Case.Assessment.Themes, slug), m.levelText(m.rec.Pending.Themes, slug)
		if before == after {
			continue
		}
		changed++
		b.WriteString("  " + fit(m.c.method.ThemeName(slug), 30) + fit(before, 14) + "→ " + after + "\n")
	}
	before, after := m.rec.Case.Assessment.SupportHoursPerWeek, m.rec.Pending.SupportHoursPerWeek
	if hoursText(before) != hoursText(after) {
		changed++
		b.WriteString("  " + fit("Støttebehov om ugen", 30) + fit(hoursText(before), 14) + "→ " + hoursText(after) + "\n")
	}
	if changed == 0 {
		return "  Ingen ændringer i niveauer eller timer.\n"
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

func (m followUpModel) label(f int, text string) string {
	if f == m.focus {
		return m.c.styles.Focused.Render("> " + fit(text, 20))
	}
	return m.c.styles.Label.Render("  " + fit(text, 20))
}

func (m followUpModel) errText(f int) string {
	if m.errs[f] == "" {
		return ""
	}
	return "  " + m.c.styles.Error.Render("✗ "+m.errs[f])
}
