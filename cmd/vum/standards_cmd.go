package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
)

func (a *app) standardsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "standards",
		Short: "Vis de kvalitetsstandarder, vum bruger",
		Long: `Viser udredningsmetoderne, kommunerne, den metode hver kommune udreder
efter, og de ydelser, deres kvalitetsstandarder dækker. Med --standards
MAPPE (eller VUM_STANDARDS) lægges kommunens opdaterede filer oven på de
indlejrede; alle filer kontrolleres, når de indlæses. En kommune vælger
VUM 2.0 med method = "vum2" øverst i sin standardfil.`,
		Example: `  vum standards
  vum standards show gentofte sel104
  vum standards method vum2
  vum --standards ./mine-standarder standards`,
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := a.standards()
			if err != nil {
				return err
			}
			return writeStandardsList(a.stdout, cat)
		},
	}
	show := &cobra.Command{
		Use:     "show KOMMUNE YDELSE",
		Short:   "Vis én kommunes serviceniveau for én ydelse",
		Example: "  vum standards show ishoj sel85",
		Args:    exactArgs("KOMMUNE", "YDELSE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := a.standards()
			if err != nil {
				return err
			}
			std, mu, ok := cat.ForMunicipality(args[0])
			if !ok {
				return cat.UnknownMunicipality(args[0])
			}
			p, ok := std.Provision(domain.ProvisionID(args[1]))
			if !ok {
				return fmt.Errorf("%s har ingen kvalitetsstandard for %q i vum; standarden dækker: %s",
					mu.Name, args[1], strings.Join(provisionIDs(std), ", "))
			}
			return writeProvisionStandard(a.stdout, std, mu, p)
		},
	}
	method := &cobra.Command{
		Use:     "method METODE",
		Short:   "Vis en udredningsmetodes temaer, underemner og skalaer",
		Example: "  vum standards method vum2",
		Args:    exactArgs("METODE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := a.standards()
			if err != nil {
				return err
			}
			m, ok := cat.MethodByID(args[0])
			if !ok {
				var ids []string
				for _, m := range cat.Methods() {
					ids = append(ids, m.ID)
				}
				return fmt.Errorf("ukendt metode %q; kendte metoder: %s", args[0], strings.Join(ids, ", "))
			}
			return writeMethod(a.stdout, m)
		},
	}
	cmd.AddCommand(show, method)
	return cmd
}

// methodSummary is one line on a method: its themes and scales.
func methodSummary(m *domain.Method) string {
	lo, hi := m.LevelRange()
	parts := []string{domain.Count(len(m.Themes), "tema", "temaer")}
	if len(m.Groups) > 0 {
		parts[0] += fmt.Sprintf(" i %d grupper", len(m.Groups))
	}
	parts = append(parts, fmt.Sprintf("%s %d-%d", strings.ToLower(m.Term(func(t domain.Terms) string { return t.Level })), lo, hi))
	if len(m.SupportLevels) > 0 {
		parts = append(parts, strings.ToLower(m.Term(func(t domain.Terms) string { return t.Support })))
	}
	if len(m.GoalTypes) > 0 {
		parts = append(parts, "indsatsformål og indsatsmål")
	}
	return strings.Join(parts, " · ")
}

// writeMethod prints a method: its groups, themes with sub-themes, and
// its scales and lists.
func writeMethod(w io.Writer, m *domain.Method) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)\n%s\n", m.Label(), m.ID, methodSummary(m))
	theme := func(t domain.Theme) {
		fmt.Fprintf(&b, "  %-20s %s", t.Slug, t.Name)
		if t.FFBCode != "" {
			fmt.Fprintf(&b, " [FFB %s]", t.FFBCode)
		}
		b.WriteString("\n")
		if len(t.Subthemes) > 0 {
			b.WriteString(wrap("      ", "      ", strings.Join(t.Subthemes, "; ")))
		}
	}
	if len(m.Groups) == 0 {
		b.WriteString("\nTemaer:\n")
		for _, t := range m.Themes {
			theme(t)
		}
	}
	for _, g := range m.Groups {
		note := ""
		switch g.Level {
		case domain.LevelOptional:
			note = " (beskrives med ord; niveau kan angives)"
		case domain.LevelNone:
			note = " (beskrives med ord)"
		}
		fmt.Fprintf(&b, "\n%s%s:\n", g.Name, note)
		for _, t := range m.Themes {
			if t.Group == g.ID {
				theme(t)
			}
		}
	}
	scale := func(title string, levels []domain.LevelDef) {
		if len(levels) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s:\n", title)
		for _, l := range levels {
			fmt.Fprintf(&b, "  %d  %s\n", l.Value, l.Label)
		}
	}
	scale(m.Term(func(t domain.Terms) string { return t.Level }), m.Levels)
	scale(m.Term(func(t domain.Terms) string { return t.Support }), m.SupportLevels)
	choices := func(title string, list []domain.Choice) {
		if len(list) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s:\n", title)
		for _, c := range list {
			fmt.Fprintf(&b, "  %-16s %s\n", c.ID, c.Label)
		}
	}
	choices("Kilder til udsagn", m.Sources)
	choices("Måltyper", m.GoalTypes)
	_, err := io.WriteString(w, b.String())
	return err
}

func provisionIDs(s *standards.Standard) []string {
	out := make([]string, len(s.Provisions))
	for i, p := range s.Provisions {
		out[i] = string(p.ID)
	}
	return out
}

func writeStandardsList(w io.Writer, cat *standards.Catalog) error {
	var b strings.Builder
	b.WriteString("Metoder:\n")
	for _, m := range cat.Methods() {
		fmt.Fprintf(&b, "  %-6s %s: %s\n", m.ID, m.Label(), methodSummary(m))
	}
	for _, s := range cat.Standards() {
		var names []string
		for _, m := range s.Municipalities {
			names = append(names, fmt.Sprintf("%s (%s)", m.Name, m.ID))
		}
		fmt.Fprintf(&b, "\n%s  [%s] · metode %s\n", strings.Join(names, ", "), s.Origin, s.MethodID())
		for _, p := range s.Provisions {
			law, _ := domain.LookupProvision(p.ID)
			fmt.Fprintf(&b, "  %-18s %-18s %s%s\n", p.ID, law.Law, law.Title, onlyFor(s, p))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// onlyFor names the municipalities a provision's standard is limited to,
// where the file serves more than those: " (kun Ishøj Kommune)".
func onlyFor(s *standards.Standard, p *standards.ProvisionStandard) string {
	if len(p.Municipalities) == 0 || len(p.Municipalities) >= len(s.Municipalities) {
		return ""
	}
	var names []string
	for _, id := range p.Municipalities {
		if mu, ok := s.Municipality(id); ok {
			names = append(names, mu.Name)
		}
	}
	return " (kun " + strings.Join(names, ", ") + ")"
}

func writeProvisionStandard(w io.Writer, s *standards.Standard, mu standards.Municipality, p *standards.ProvisionStandard) error {
	law, _ := domain.LookupProvision(p.ID)
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s %s\n", mu.Name, law.Law, law.Title)
	src := p.Source
	year := "årstal ikke angivet"
	if src.Year != 0 {
		year = fmt.Sprint(src.Year)
	}
	fmt.Fprintf(&b, "Kilde: »%s«, %s, %s\n", src.Title, src.Issuer, year)
	if p.FFBCode != "" {
		fmt.Fprintf(&b, "FFB-kode: %s\n", p.FFBCode)
	}
	if d := src.InForceDate(); !d.IsZero() {
		fmt.Fprintf(&b, "I kraft: %s\n", d.Danish())
	}
	field := func(label, value string) {
		if value != "" {
			b.WriteString(wrap(label+": ", "  ", value))
		}
	}
	list := func(label string, items []string) {
		if len(items) == 0 {
			return
		}
		b.WriteString(label + ":\n")
		for _, it := range items {
			b.WriteString(wrap("  - ", "    ", it))
		}
	}
	b.WriteString("\n")
	field("Målgruppe", p.TargetGroup)
	field("Alder", ageText(p))
	field("Boform", livingText(p))
	field("Servicemål", targetText(p))
	field("Opfølgning", strings.TrimSpace(followUpStandardText(p)+" "+p.FollowUpNote))
	list("Dage om ugen", p.DaysPerWeekNotes)
	field("Døgn om året", p.DaysPerYearNote)
	if p.DurationMaxMonths != nil {
		field("Varighed", fmt.Sprintf("højst %d måneder", *p.DurationMaxMonths))
	}
	if len(p.Tiers) > 0 {
		b.WriteString("Niveauer:\n")
		for _, t := range p.Tiers {
			fmt.Fprintf(&b, "  - %s: %s\n", t.Name, t.Text())
		}
	}
	list("Krav", p.Requirements)
	list("Indhold", p.Content)
	list("Indgår ikke", p.NotIncluded)
	field("Leverandør", p.Supplier)
	field("Frit valg", boolText(p.FreeChoice, "ja", "nej")+suffix(p.FreeChoiceNote))
	field("Egenbetaling", boolText(p.UserPayment, "ja", "nej"))
	list("Borgeren betaler selv", p.UserCosts)
	list("Kommunen betaler", p.MunicipalityPays)
	list("Borgerens ansvar", p.CitizenDuties)
	list("Ophører når", p.EndsWhen)
	field("Kombination", p.CombinationNote)
	list("Bemærk", p.Notes)
	field("Klage", appealStandardText(p.Appeal))
	_, err := io.WriteString(w, b.String())
	return err
}

func suffix(note string) string {
	if note == "" {
		return ""
	}
	return ". " + note
}

func boolText(b *bool, yes, no string) string {
	switch {
	case b == nil:
		return "standarden angiver intet"
	case *b:
		return yes
	}
	return no
}

func ageText(p *standards.ProvisionStandard) string {
	var parts []string
	if p.AgeMin != nil {
		parts = append(parts, fmt.Sprintf("fra %d år", *p.AgeMin))
	}
	if p.AgeMax != nil {
		parts = append(parts, fmt.Sprintf("til %d år", *p.AgeMax))
	}
	if p.AgeMaxPension {
		parts = append(parts, "under folkepensionsalderen")
	}
	if len(parts) > 0 && p.AgeNote != "" {
		parts = append(parts, "("+p.AgeNote+")")
	}
	return strings.Join(parts, " ")
}

func livingText(p *standards.ProvisionStandard) string {
	if len(p.Living) == 0 {
		return ""
	}
	parts := make([]string, len(p.Living))
	for i, l := range p.Living {
		parts[i] = l.Label()
	}
	text := strings.Join(parts, ", ")
	if p.LivingNote != "" {
		text += " (" + p.LivingNote + ")"
	}
	return text
}

func targetText(p *standards.ProvisionStandard) string {
	switch {
	case p.DecisionTargetDays != nil:
		return fmt.Sprintf("afgørelse inden for %d dage efter ansøgningen", *p.DecisionTargetDays)
	case p.DecisionTargetWeeks != nil:
		return fmt.Sprintf("afgørelse inden for %d uger efter ansøgningen", *p.DecisionTargetWeeks)
	}
	if p.HowToApply != "" {
		return "intet angivet. " + p.HowToApply
	}
	return "standarden angiver intet"
}

func followUpStandardText(p *standards.ProvisionStandard) string {
	f := p.FollowUp()
	switch {
	case f.Window != nil:
		return fmt.Sprintf("inden for %d-%d måneder efter start.", f.Window.Min, f.Window.Max)
	case f.Months != nil:
		return fmt.Sprintf("hver %d. måned.", *f.Months)
	}
	return "standarden angiver intet interval."
}

func appealStandardText(a standards.Appeal) string {
	var parts []string
	if a.Appealable != nil && *a.Appealable {
		parts = append(parts, fmt.Sprintf("kan påklages til %s inden %d uger", a.To, *a.Weeks))
		if a.ReconsiderationWeeks != nil {
			parts = append(parts, fmt.Sprintf("kommunen genvurderer inden %d uger", *a.ReconsiderationWeeks))
		}
	} else if a.Appealable != nil {
		parts = append(parts, "kan ikke påklages til anden administrativ myndighed")
	}
	if a.Note != "" {
		parts = append(parts, a.Note)
	}
	return strings.Join(parts, "; ")
}
