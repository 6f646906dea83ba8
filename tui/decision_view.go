package tui

import (
	"fmt"
	"strings"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
)

func (m decisionModel) View(height int) string {
	s := m.c.styles
	c := m.task.cas.Citizen
	title := "vum · Forslag og afgørelse"
	if m.task.change != "" {
		title = "vum · Ændring af bevilling"
	}
	header := s.Title.Render(title) + s.Subtle.Render(" · ") +
		s.Subtle.Render(fmt.Sprintf("%s (%s) · %s", c.Name, c.MaskedID(), m.c.shortMunicipality(m.task.cas.Municipality)))
	var body string
	switch {
	case m.stale != nil:
		body = s.Warning.Render(wrapText("! "+m.stale.Error(), m.width())) + "\n\n" +
			wrapText("Tryk ctrl+g for at genindlæse sagen; det, du har udfyldt, bevares. Esc går tilbage til sagen.", m.width())
	case m.err != nil:
		body = s.Error.Render("✗ " + m.err.Error())
	case m.stage == stageSuggestions:
		body = m.suggestionsView(height - 1)
	case m.stage == stageProvision && m.refusing:
		body = m.pickView("Afslag: vælg den ydelse, der er søgt om", m.provisionLabels(), height-1)
	case m.stage == stageProvision:
		body = m.pickView("Vælg ydelse", m.provisionLabels(), height-1)
	case m.stage == stageTier:
		body = m.pickView("Vælg niveau for "+lawName(m.provision), m.tierLabels(), height-1)
	case m.stage == stageForm:
		body = scrollToFocus(m.formView(), m.width(), height-1, map[bool]int{true: m.reason.Height() + 3}[m.f.focus == formReason]) // +3: an error above the field
	default:
		body = m.doneView()
	}
	return s.App.Render(header + "\n" + body)
}

func lawName(p domain.ProvisionID) string {
	law, _ := domain.LookupProvision(p)
	return law.Law + " " + law.Title
}

func (m decisionModel) width() int { return m.c.width - 4 }

func (m decisionModel) suggestionsView(height int) string {
	text, from, to := m.suggestionsText()
	pane := newScrollPane()
	pane.SetSize(m.width(), height)
	pane.SetContent(text)
	pane.Show(from, to) // the chosen option, then as far as pgdn went
	pane.ScrollBy(m.scroll)
	return pane.View()
}

// suggestionsText is the whole suggestion screen, with the lines of the
// option the cursor is on.
func (m decisionModel) suggestionsText() (text string, from, to int) {
	s := m.c.styles
	w := m.width()
	var b strings.Builder
	warnings := m.result.Warnings
	cf := m.task.caseFile()
	if c := cf.Assessment.CompletenessUnder(m.c.cat.MethodOf(cf.Method)); c.Partial() {
		warnings = append([]string{c.Warning()}, warnings...)
	}
	for _, warning := range warnings {
		b.WriteString(s.Warning.Render(wrapIndent("! ", "  ", warning, w)) + "\n")
	}
	if len(m.result.Suggestions) == 0 {
		b.WriteString(wrapText("vum har intet forslag. Vælg en ydelse (a) eller et afslag (r), og begrund afgørelsen.", w) + "\n")
	}
	option := func(i int, line string) {
		if i == m.cursor {
			from = strings.Count(b.String(), "\n")
		}
		b.WriteString(m.option(i, line) + "\n")
		if i == m.cursor {
			to = strings.Count(b.String(), "\n") - 1
		}
	}
	for i, sg := range m.result.Suggestions {
		line := fmt.Sprintf("%d. %s %s · %s", i+1, sg.Law, sg.Title, sg.Role.Label())
		if sg.Tier != nil {
			line += " · " + *sg.Tier
		}
		for _, g := range m.task.cas.ActiveOf(sg.Provision) {
			line += " · bevilget (" + g.ID + ")"
		}
		option(i, line)
	}
	option(len(m.result.Suggestions), "Anden ydelse eller andet niveau … (a)")
	option(len(m.result.Suggestions)+1, "Afslag … (r)")
	if m.cursor < len(m.result.Suggestions) {
		b.WriteString(s.Subtle.Render(strings.Repeat("─", w)) + "\n" + m.suggestionDetail(m.result.Suggestions[m.cursor], w))
	}
	return strings.TrimRight(b.String(), "\n"), from, to
}

// maxScroll is how far pgdn can take the suggestion screen past the
// chosen option.
func (m decisionModel) maxScroll() int {
	text, from, to := m.suggestionsText()
	pane := newScrollPane()
	pane.SetSize(m.width(), m.c.height-2)
	pane.SetContent(text)
	pane.Show(from, to)
	start := pane.Offset()
	pane.ScrollBy(len(text))
	return pane.Offset() - start
}

// option is one choice; a long one wraps, so nothing at its end (such
// as "(ingen standard i kommunen)") is hidden.
func (m decisionModel) option(i int, text string) string {
	text = wrapIndent("", "  ", text, m.width()-2)
	if i == m.cursor {
		return m.c.styles.Selected.Render("> " + text)
	}
	return "  " + text
}

// suggestionDetail shows the service level and the reasons.
func (m decisionModel) suggestionDetail(sg standards.Suggestion, w int) string {
	s := m.c.styles
	var lines []string
	add := func(label, value string) {
		lines = append(lines, s.Label.Render(fit(label, 18))+wrapIndent("", strings.Repeat(" ", 18), value, w-18))
	}
	if !sg.Covered {
		add("Serviceniveau", "kommunen har ingen kvalitetsstandard for ydelsen i vum")
	}
	if sg.Tier != nil {
		est := ""
		if sg.TierEstimated {
			est = " (skønnet)"
		}
		add("Niveau", *sg.Tier+", "+sg.HoursPerWeek.Text()+est)
	}
	if sg.DaysPerWeekMax != nil {
		add("Dage om ugen", sg.DaysPerWeekText())
	}
	if sg.DaysPerYearMax != nil {
		add("Døgn om året", fmt.Sprintf("højst %d", *sg.DaysPerYearMax))
	}
	if sg.DurationMaxMonths != nil {
		add("Varighed", fmt.Sprintf("højst %d måneder", *sg.DurationMaxMonths))
	}
	if sg.Covered {
		add("Afgørelse senest", sg.DeadlineText(m.c.today))
		add("Opfølgning", sg.FollowUpText())
		add("Klage", sg.AppealText())
	}
	lines = append(lines, s.Subtitle.Render("Hvorfor"))
	for _, r := range sg.Rationale {
		lines = append(lines, wrapIndent("• ", "  ", r, w))
	}
	if len(sg.Notes) > 0 {
		lines = append(lines, s.Subtitle.Render("Standarden siger også"))
		for _, n := range sg.Notes {
			lines = append(lines, s.Subtle.Render(wrapIndent("· ", "  ", n, w)))
		}
	}
	return strings.Join(lines, "\n")
}

func (m decisionModel) pickView(title string, labels []string, height int) string {
	var b strings.Builder
	b.WriteString(m.c.styles.Subtitle.Render(wrapText(title, m.width())) + "\n")
	from, to := 0, 0
	for i, l := range labels {
		if i == m.cursor {
			from = strings.Count(b.String(), "\n")
		}
		b.WriteString(m.option(i, l) + "\n")
		if i == m.cursor {
			to = strings.Count(b.String(), "\n") - 1
		}
	}
	pane := newScrollPane()
	pane.SetSize(m.width(), height)
	pane.SetContent(b.String())
	pane.Show(from, to)
	return pane.View()
}

func (m decisionModel) provisionLabels() []string {
	std, _, _ := m.c.cat.ForMunicipality(m.task.cas.Municipality)
	out := make([]string, len(m.provisions))
	for i, p := range m.provisions {
		out[i] = p.Law + " " + p.Title
		if _, ok := std.Provision(p.ID); !ok {
			out[i] += " (ingen standard i kommunen)"
		}
	}
	return out
}

func (m decisionModel) tierLabels() []string {
	std, _, _ := m.c.cat.ForMunicipality(m.task.cas.Municipality)
	p, _ := std.Provision(m.provision)
	out := make([]string, len(p.Tiers))
	for i, t := range p.Tiers {
		out[i] = t.Name + " (" + t.Text() + ")"
	}
	return out
}

func (m decisionModel) formView() string {
	s := m.c.styles
	w := m.width()
	var b strings.Builder
	what := lawName(m.provision)
	if tier := m.check.d.Tier; tier != "" && !m.refused {
		what += ", " + tier
	}
	switch {
	case m.refused:
		what = "Afslag på " + what
	case m.task.change != "":
		what = "Ændring af " + m.task.change + ": " + what
	}
	b.WriteString(s.Subtitle.Render(what) + "\n")
	b.WriteString(m.verdict(w) + "\n")
	for _, n := range m.check.notes {
		if strings.HasPrefix(n, "Advarsel") {
			b.WriteString(s.Warning.Render(wrapText("! "+n, w)) + "\n")
		}
	}
	b.WriteString("\n")
	labels := map[int]string{formDate: "Afgørelsesdato", formStart: "Start", formFollowUp: "Første opfølgning",
		formAmount: amountLabel(m.provision), formOffer: "Tilbud"}
	if m.task.change != "" {
		labels[formStart], labels[formFollowUp] = "Gælder fra", "Næste opfølgning"
	}
	for _, f := range m.fields() {
		if f == formReason {
			continue
		}
		b.WriteString(m.f.row(s, f, labels[f], m.inputs[f].View(), w) + "\n")
		if f == formFollowUp {
			b.WriteString(s.Subtle.Render(wrapIndent("  ", "  ", m.followUpHint(), w)) + "\n")
		}
	}
	reasonLabel := "Begrundelse (valgfri)"
	if m.check.needsReason {
		reasonLabel = "Begrundelse (skal udfyldes)"
	}
	b.WriteString("\n" + m.f.above(s, formReason, reasonLabel, w) + "\n")
	b.WriteString(m.reason.View() + "\n")
	b.WriteString("\n" + s.Subtle.Render("Tryk ctrl+s for at gemme afgørelsen."))
	return b.String()
}

// verdict says whether the decision follows a suggestion, and why a
// reason is needed when it does not.
func (m decisionModel) verdict(w int) string {
	s := m.c.styles
	d := m.check.d
	switch {
	case m.refused:
		return s.Warning.Render(wrapText("! Et afslag skal begrundes.", w))
	case d.BelowNeed:
		return s.Warning.Render(wrapText("! Delvis afslag: afgørelsen giver mindre end forslaget. Skriv en begrundelse; den står i afgørelsen.", w))
	case !m.check.needsReason && d.SuggestionRole == string(standards.Complementary):
		return s.Success.Render(wrapText("✓ Følger vums supplerende forslag; ingen begrundelse kræves.", w))
	case !m.check.needsReason && d.FollowedSuggestion:
		return s.Success.Render(wrapText("✓ Følger vums forslag; ingen begrundelse kræves.", w))
	case !m.check.needsReason:
		return s.Success.Render(wrapText("✓ Ingen begrundelse kræves.", w))
	case m.check.reasonReason != "":
		return s.Warning.Render(wrapText("! "+upperFirst(m.check.reasonReason)+".", w))
	}
	return s.Warning.Render(wrapText("! Afviger fra vums forslag"+m.primaryText()+": skriv en begrundelse.", w))
}

func upperFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// amountLabel names the scope field in the provision's unit.
func amountLabel(p domain.ProvisionID) string {
	switch p.Unit() {
	case domain.UnitHoursPerWeek:
		return "Timer om ugen"
	case domain.UnitDaysPerWeek:
		return "Dage om ugen"
	case domain.UnitDaysPerYear:
		return "Døgn om året"
	case domain.UnitMonths:
		return "Måneder"
	}
	return "Omfang"
}

func (m decisionModel) primaryText() string {
	if sg, ok := m.result.Primary(); ok {
		text := " (" + sg.Law
		if sg.Tier != nil {
			text += " " + *sg.Tier
		}
		return text + ")"
	}
	return ""
}

func (m decisionModel) followUpHint() string {
	if m.stdStated {
		return fmt.Sprintf("Efter kvalitetsstandarden senest %s; du kan vælge en tidligere dato.", m.stdDue.Danish())
	}
	return fmt.Sprintf("Standarden angiver intet opfølgningsinterval. Forslag: %d måneder efter start (%s); ret datoen efter borgerens plan.",
		standards.DefaultFollowUpMonths, m.stdDue.Danish())
}

func (m decisionModel) doneView() string {
	s := m.c.styles
	d := m.decided
	var b strings.Builder
	what := lawName(d.Provision)
	if scope := d.Scope.Danish(d.Provision, d.Tier); scope != "" {
		what += ", " + scope
	} else if d.Tier != "" {
		what += ", " + d.Tier
	}
	switch {
	case d.Refused:
		b.WriteString(s.Success.Render(wrapText("✓ Afslag på "+what+" er gemt.", m.width())) + "\n")
	case m.task.change != "":
		b.WriteString(s.Success.Render(wrapText("✓ Ændringen er gemt: "+what+".", m.width())) + "\n")
	default:
		b.WriteString(s.Success.Render(wrapText("✓ Bevillingen er gemt: "+what+".", m.width())) + "\n")
	}
	if d.BelowNeed {
		b.WriteString(s.Warning.Render("Delvis afslag: mindre end forslaget.") + "\n")
	}
	if !d.Refused {
		b.WriteString(fmt.Sprintf("\nNæste opfølgning: %s\n", s.Bold.Render(d.FollowUpDue.Danish())))
	}
	for _, n := range m.notes {
		b.WriteString(s.Subtle.Render(wrapText(n, m.width())) + "\n")
	}
	b.WriteString("\n" + wrapText("Tryk enter for at se udkastet til afgørelsen, b for endnu en bevilling, eller esc for at gå til sagen.", m.width()))
	return b.String()
}
