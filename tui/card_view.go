package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vumdk/vum/domain"
)

// layout renders the card into the viewport at the window's width and
// keeps the selected item in view.
func (m *cardModel) layout() {
	m.vp.Width = m.c.width - 2
	m.vp.Height = max(3, m.c.height-4) // header, status and help lines
	m.vp.SetContent(m.content())
	if m.cursor < len(m.itemLine) {
		line := m.itemLine[m.cursor]
		switch {
		case line < m.vp.YOffset:
			m.vp.SetYOffset(line)
		case line+2 >= m.vp.YOffset+m.vp.Height:
			m.vp.SetYOffset(line + 3 - m.vp.Height)
		}
	}
}

func (m cardModel) View(height int) string {
	s := m.c.styles
	cz := m.cas.Citizen
	header := s.Title.Render("vum · Sag") + s.Subtle.Render(" · "+fmt.Sprintf("%s (%s)", cz.Name, cz.MaskedID()))
	status := ""
	if m.vp.TotalLineCount() > m.vp.Height {
		status = s.Subtle.Render(fmt.Sprintf("%d%% · pgdn/pgup ruller", int(m.vp.ScrollPercent()*100)))
	}
	if m.status != "" {
		status = s.Success.Render(fit(m.status, m.c.width-4))
	}
	vp := m.vp
	vp.Height = max(1, height-2)
	return s.App.Render(header + "\n" + vp.View() + "\n" + status)
}

// content is the card's text; it records where each item starts.
func (m *cardModel) content() string {
	s := m.c.styles
	c := m.cas
	w := m.c.width - 4
	var lines []string
	add := func(text string) { lines = append(lines, strings.Split(text, "\n")...) }
	field := func(label, value string) {
		add(s.Label.Render(fit(label, 18)) + wrapIndent("", strings.Repeat(" ", 18), value, w-18))
	}
	field("Sag", c.ID)
	field("Kommune", m.c.municipalityName(c.Municipality))
	field("Ansøgt", fmt.Sprintf("%s · %d år · bor %s", c.ApplicationDate.Danish(), c.File().AgeAtApplication(), c.Citizen.Living.Phrase()))
	if c.Citizen.Address != "" {
		field("Adresse", c.Citizen.Address)
	}
	due, _ := c.NextDue()
	field("Næste opfølgning", m.dueText(due))
	if m.pending != "" {
		field("Udredning i gang", m.pending+"; v fortsætter. Den registreres med en opfølgning eller afgørelse.")
	} else if d := c.ReassessmentDue; !d.IsZero() {
		field("Ny udredning", "afventer: opfølgningen "+d.Danish()+" lod bevillingen ophøre med ny udredning; v begynder den.")
	}

	m.itemLine = make([]int, len(m.items))
	add("")
	add(s.Subtitle.Render("Bevillinger"))
	if len(c.Grants) == 0 {
		add(s.Subtle.Render("  Ingen bevillinger endnu; tryk b for at bevilge."))
	}
	for i, it := range m.items {
		if it.grant == "" {
			if i == 0 || m.items[i-1].grant != "" {
				add("")
				add(s.Subtitle.Render("Afslag"))
			}
			m.itemLine[i] = len(lines)
			add(m.refusalText(i, it.refusal, w))
			continue
		}
		m.itemLine[i] = len(lines)
		add(m.grantText(i, it.grant, w))
	}
	add("")
	add(m.assessmentText(w))
	add("")
	add(s.Subtitle.Render("Historik") + s.Subtle.Render("  (nyeste først)"))
	for i := len(c.Events) - 1; i >= 0; i-- {
		e := c.Events[i]
		head := e.Recorded.Local().Format("02-01-2006 15:04") + "  "
		text := eventText(e)
		if e.Assessment != nil && domain.MethodID(e.Assessment.Method) != domain.DefaultMethodID {
			text += ", efter " + m.c.cat.MethodOf(e.Assessment.Method).Name // a switch of method shows
		}
		add(s.Subtle.Render(wrapIndent(head, strings.Repeat(" ", len(head)), text+" · "+e.User, w)))
	}
	return strings.Join(lines, "\n")
}

func (m cardModel) mark(i int) string {
	if i == m.cursor {
		return "> "
	}
	return "  "
}

func (m cardModel) grantText(i int, id string, w int) string {
	s := m.c.styles
	g, _ := m.cas.Grant(id)
	title := m.mark(i) + g.ID + " " + lawName(g.Provision)
	state := "aktiv"
	if !g.Active() {
		state = "ophørt " + g.End.Danish()
	}
	line := fit(title, max(10, w-len([]rune(state))-1)) + " " + state
	if i == m.cursor {
		line = s.Selected.Render(line)
	}
	var parts []string
	if scope := g.Scope.Danish(g.Provision, g.Tier); scope != "" {
		parts = append(parts, scope)
	}
	parts = append(parts, "start "+g.Start.Danish())
	if g.Active() {
		parts = append(parts, "opfølgning "+m.dueText(g.FollowUpDue))
	}
	detail := strings.Join(parts, " · ")
	if g.Decision.BelowNeed {
		detail += " · delvis afslag"
	}
	if t := g.Termination; t != nil {
		detail += " · ophør besluttet " + t.Date.Danish() + ": " + t.Reason
	}
	return line + "\n" + wrapIndent("     ", "     ", detail, w)
}

func (m cardModel) refusalText(i, seq int, w int) string {
	s := m.c.styles
	for _, r := range m.cas.Refusals {
		if r.Seq != seq {
			continue
		}
		line := m.mark(i) + "Afslag på " + lawName(r.Provision) + " · " + r.Date.Danish()
		if i == m.cursor {
			line = s.Selected.Render(fit(line, w))
		}
		return line + "\n" + wrapIndent("     ", "     ", r.Reason, w)
	}
	return ""
}

func (m cardModel) assessmentText(w int) string {
	s := m.c.styles
	cur, ok := m.cas.Current()
	if !ok {
		return s.Subtitle.Render("Udredning") + "\n" + s.Subtle.Render("  Ingen udredning registreret.")
	}
	var b strings.Builder
	method := m.c.cat.MethodOf(cur.Method)
	when := fmt.Sprintf("  (%s, %s)", cur.Kind, cur.Date.Danish())
	if domain.MethodID(cur.Method) != domain.DefaultMethodID {
		when = fmt.Sprintf("  (%s, %s, %s)", cur.Kind, cur.Date.Danish(), method.Name)
	}
	b.WriteString(s.Subtitle.Render("Udredning") + s.Subtle.Render(when) + "\n")
	group := ""
	for _, th := range method.Themes {
		slug := th.Slug
		t, ok := cur.Assessment.Themes[slug]
		if !ok {
			continue
		}
		if g, ok := method.Group(th.Group); ok && g.ID != group {
			group = g.ID
			b.WriteString(s.Label.Render("  "+g.Name) + "\n")
		}
		level := "ikke relevant"
		switch {
		case t.Unscored && method.ThemeLevel(slug) != domain.LevelRequired:
			level = "beskrevet med ord"
		case t.Unscored:
			level = "intet niveau"
		case t.Scored():
			level = method.LevelLabel(t.Level)
		}
		b.WriteString("  " + fit(method.ThemeName(slug), 32) + level + "\n")
		if t.Support != nil {
			if l, ok := method.SupportLevel(*t.Support); ok {
				b.WriteString("  " + fit("", 32) + s.Subtle.Render(method.Term(func(t domain.Terms) string { return t.Support })+": "+l.Label) + "\n")
			}
		}
		for _, st := range t.Statements {
			b.WriteString(s.Subtle.Render(wrapIndent("    "+method.SourceLabel(st.Source)+": »", "      ", st.Text+"«", w)) + "\n")
		}
	}
	if h := cur.Assessment.SupportHoursPerWeek; h != nil {
		label := "Støttebehov"
		if len(method.SupportLevels) > 0 {
			label = "Støttetimer" // VUM 2.0 gives støttebehov per theme
		}
		b.WriteString("  " + fit(label, 32) + domain.FormatNumber(*h) + " timer om ugen\n")
	}
	if len(cur.Goals) > 0 {
		goals := "Mål"
		if method.Terms.Goals != "" {
			goals = method.Terms.Goals
		}
		b.WriteString("\n" + s.Subtitle.Render(goals) + "\n")
		for _, g := range cur.Goals {
			b.WriteString(wrapIndent("  • ", "    ", g, w) + "\n")
		}
	}
	a := cur.Assessment
	for _, part := range []struct{ term, text string }{
		{method.Term(func(t domain.Terms) string { return t.Situation }), a.Situation},
		{method.Term(func(t domain.Terms) string { return t.Purpose }), a.Purpose},
	} {
		if part.text != "" {
			b.WriteString("\n" + s.Subtitle.Render(part.term) + "\n" + wrapIndent("  ", "  ", part.text, w) + "\n")
		}
	}
	if len(a.Targets) > 0 {
		b.WriteString("\n" + s.Subtitle.Render(method.Term(func(t domain.Terms) string { return t.Targets })) + "\n")
		for _, t := range a.Targets {
			themes := method.ThemeName(t.Theme)
			for _, sec := range t.Secondary {
				themes += ", " + method.ThemeName(sec)
			}
			b.WriteString(wrapIndent("  • ", "    ", t.Text, w) + "\n")
			b.WriteString(s.Subtle.Render(wrapIndent("    ", "    ", themes+" · "+method.GoalTypeLabel(t.Type), w)) + "\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// eventText describes an event for the history.
func eventText(e domain.Event) string {
	text := e.Kind.Label()
	switch {
	case e.Decision != nil:
		text += " " + e.Decision.Provision.Law()
		if scope := e.Decision.Scope.Danish(e.Decision.Provision, e.Decision.Tier); scope != "" {
			text += ", " + scope
		}
		if e.Decision.BelowNeed {
			text += " (delvis afslag)"
		}
	case e.Letter != nil:
		text += " for hændelse " + strconv.Itoa(e.Letter.Event)
	case e.Termination != nil:
		text += " " + e.Termination.Provision.Law() + " pr. " + e.Termination.End.Danish()
	case e.FollowUp != nil:
		text += " " + e.FollowUp.Provision.Law() + ": " + e.FollowUp.Outcome.Label()
		if e.FollowUp.Reassessed {
			text += ", med revurdering"
		}
		if !e.FollowUp.Next.IsZero() {
			text += ", næste " + e.FollowUp.Next.Danish()
		}
		if e.FollowUp.Note != "" {
			text += " – " + e.FollowUp.Note
		}
	case e.Assessment != nil:
		text += " (" + e.Assessment.Kind + ")"
	case e.Correction != nil:
		var fields []string
		for _, ch := range e.Correction.Changes {
			fields = append(fields, domain.FieldLabel(ch.Field))
		}
		text += ": " + strings.Join(fields, ", ") + " (" + e.Correction.Reason + ")"
	}
	if e.Grant != "" {
		text = e.Grant + " " + text
	}
	return text
}

// dueText marks an overdue follow-up with "!" so it shows without colour.
func (m cardModel) dueText(due domain.Date) string {
	if due.IsZero() {
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
