package standards

import (
	"fmt"
	"strings"

	"github.com/vumdk/vum/domain"
)

// build fills in the municipality's service level for a candidate.
func (s *suggester) build(c candidate, role Role) Suggestion {
	law, _ := domain.LookupProvision(c.id)
	sg := Suggestion{
		Provision: c.id, Law: law.Law, Title: law.Title, Role: role, need: c.need,
		Themes: s.themeLevels(c.themes), Rationale: append([]string{}, c.reason...),
		Notes: []string{},
	}
	if len(c.themes) > 0 {
		sg.Rationale = append(sg.Rationale, "Temaer: "+s.themeText(c.themes)+".")
	}
	p, ok := s.std.Provision(c.id)
	if !ok {
		sg.Rationale = append(sg.Rationale, roleReason(role, c),
			fmt.Sprintf("Serviceniveau: %s har ingen kvalitetsstandard for %s i vum, så niveau, frister, opfølgning og klageadgang er ikke angivet.", s.mu.Name, law.Law))
		s.warn("%s har ingen kvalitetsstandard for %s (%s). vum låner ikke en anden kommunes serviceniveau: tjek kommunens egne regler, før der træffes afgørelse.",
			s.mu.Name, law.Law, law.Title)
		if s.mu.Referral != "" {
			s.warn("%s siger: %s", s.mu.Name, s.mu.Referral)
		}
		return sg
	}
	sg.Covered = true
	s.level(&sg, p, c)
	s.days(&sg, p)
	s.deadline(&sg, p)
	s.followUp(&sg, p)
	s.appeal(&sg, p)
	s.ageBounds(p)
	sg.Rationale = append(sg.Rationale, roleReason(role, c), s.sourceReason(&sg, p))
	return sg
}

func roleReason(role Role, c candidate) string {
	switch role {
	case Primary:
		return "Primær anbefaling: den mindst indgribende indsats, der dækker det højest vurderede behov (mindst indgribende foranstaltning)."
	case Alternative:
		return "Alternativ: mindre indgribende, men dækker næppe et behov af dette omfang; kan overvejes, hvis borgeren bliver i eget hjem."
	}
	if len(c.themes) == 0 {
		return "Supplerende: dækker et behov hos de pårørende, som den primære indsats ikke dækker."
	}
	return "Supplerende: dækker et behov, som den primære indsats ikke dækker."
}

func (s *suggester) themeLevels(themes []domain.ScoredTheme) []ThemeLevel {
	out := make([]ThemeLevel, len(themes))
	for i, t := range themes {
		out[i] = ThemeLevel{Slug: t.Slug, Name: s.method.ThemeName(t.Slug), Level: t.Level}
	}
	return out
}

func (s *suggester) themeText(themes []domain.ScoredTheme) string {
	parts := make([]string, len(themes))
	for i, t := range themes {
		parts[i] = fmt.Sprintf("%s %s", s.method.ThemeName(t.Slug), s.method.LevelLabel(t.Level))
	}
	return strings.Join(parts, "; ")
}

// level picks the tier from the support hours a week: the case's own
// estimate, or for the support rule an estimate from the theme levels.
func (s *suggester) level(sg *Suggestion, p *ProvisionStandard, c candidate) {
	isSupport := c.id == s.rules.Support.Provision
	if !isSupport && len(p.Tiers) == 0 {
		return
	}
	hours, given := 0.0, s.cf.Assessment.SupportHoursPerWeek != nil
	if given {
		hours = *s.cf.Assessment.SupportHoursPerWeek
		sg.NeedHoursPerWeek = &hours
	}
	if given && hours == 0 && len(c.themes) > 0 && c.themes[0].Level >= s.rules.Support.MinLevel {
		// 0 hours beside a theme that needs support is a contradiction to
		// resolve, not a level: no tier is derived from it.
		sg.NeedHoursPerWeek = nil
		s.warn("Støttebehovet er angivet til 0 timer om ugen, men %s er vurderet til niveau %d; ret timerne eller temaerne. vum foreslår intet niveau for %s ud fra 0 timer.",
			s.method.ThemeName(c.themes[0].Slug), c.themes[0].Level, p.ID.Law())
		return
	}
	if len(p.Tiers) == 0 {
		sg.Rationale = append(sg.Rationale, fmt.Sprintf("Niveau: %s kvalitetsstandard fastsætter ingen timeniveauer for %s, så vum angiver intet niveau og låner ikke en anden kommunes; omfanget fastsættes ved den konkrete vurdering.",
			s.mu.Name+"s", p.ID.Law()))
		return
	}
	if !given {
		hours = s.estimateHours(c.themes)
		sg.TierEstimated = true
		s.warn("Støttebehovet i timer om ugen er ikke angivet, så niveauet for %s er skønnet ud fra temaernes niveauer (%s timer). Angiv timer om ugen for et sikrere forslag.",
			p.ID.Law(), hoursText(hours))
	}
	t, ok := tierFor(p.Tiers, hours)
	if !ok {
		return
	}
	name := t.Name
	sg.Tier = &name
	sg.HoursPerWeek = &HoursRange{Min: deref(t.HoursMin), Max: t.HoursMax}
	basis := fmt.Sprintf("et behov på %s time%s om ugen", hoursText(hours), plural(hours))
	if !given {
		basis = fmt.Sprintf("et skønnet behov på %s time%s om ugen (%s)", hoursText(hours), plural(hours), s.estimateText())
	}
	sg.Rationale = append(sg.Rationale, fmt.Sprintf("Niveau: %s (%s) ud fra %s.", name, t.Text(), basis))
}

// estimateHours implements the documented estimate: each theme scores
// level_points[level] points, and each point counts hours_per_point hours.
func (s *suggester) estimateHours(themes []domain.ScoredTheme) float64 {
	r := s.rules.Support
	points := 0
	for _, t := range themes {
		if t.Level >= 0 && t.Level < len(r.LevelPoints) {
			points += r.LevelPoints[t.Level]
		}
	}
	return float64(points) * r.HoursPerPoint
}

func (s *suggester) estimateText() string {
	r := s.rules.Support
	var parts []string
	for level, pts := range r.LevelPoints {
		if pts > 0 {
			parts = append(parts, fmt.Sprintf("niveau %d = %d", level, pts))
		}
	}
	return fmt.Sprintf("point pr. tema: %s; %s time pr. point", strings.Join(parts, ", "), hoursText(r.HoursPerPoint))
}

func tierFor(tiers []Tier, hours float64) (Tier, bool) {
	for _, t := range tiers {
		lo := deref(t.HoursMin)
		above := hours > lo || (t.HoursMin == nil && hours >= 0)
		if above && (t.HoursMax == nil || hours <= *t.HoursMax) {
			return t, true
		}
	}
	return Tier{}, false
}

func plural(h float64) string {
	if h == 1 {
		return ""
	}
	return "r"
}

func deref(f *float64) float64 {
	if f == nil {
		return 0
	}
	return *f
}

func (s *suggester) days(sg *Suggestion, p *ProvisionStandard) {
	sg.DaysPerWeekMin = p.DaysPerWeekMin
	if n, ok := p.DaysPerWeekByLiving[string(s.cf.Citizen.Living)]; ok {
		sg.DaysPerWeekMax = &n
		text := fmt.Sprintf("Omfang: højst %d dage om ugen, når borgeren bor %s", n, s.cf.Citizen.Living.Phrase())
		if sp, ok := p.DaysPerWeekSpecial[string(s.cf.Citizen.Living)]; ok {
			text += fmt.Sprintf("; op til %d dage kun ved særlige hensyn, som skal begrundes konkret", sp)
		}
		sg.Rationale = append(sg.Rationale, text+".")
	} else if p.DaysPerWeekMax != nil {
		sg.DaysPerWeekMax = p.DaysPerWeekMax
		sg.Rationale = append(sg.Rationale, fmt.Sprintf("Omfang: %s dage om ugen.", dayRange(p.DaysPerWeekMin, *p.DaysPerWeekMax)))
	}
	sg.Notes = append(sg.Notes, p.DaysPerWeekNotes...)
	if p.DaysPerYearMax != nil {
		sg.DaysPerYearMax = p.DaysPerYearMax
		sg.Rationale = append(sg.Rationale, fmt.Sprintf("Omfang: højst %d døgn om året.", *p.DaysPerYearMax))
	}
	if p.DurationMaxMonths != nil {
		sg.DurationMaxMonths = p.DurationMaxMonths
		sg.Rationale = append(sg.Rationale, fmt.Sprintf("Varighed: højst %d måneder.", *p.DurationMaxMonths))
	}
}

func dayRange(lo *int, hi int) string {
	if lo == nil {
		return fmt.Sprintf("op til %d", hi)
	}
	return fmt.Sprintf("%d-%d", *lo, hi)
}

func (s *suggester) deadline(sg *Suggestion, p *ProvisionStandard) {
	due, text, ok := p.DecisionDeadline(s.cf.ApplicationDate)
	if ok {
		sg.DecisionDeadline = due
		sg.Notes = append(sg.Notes, fmt.Sprintf("Servicemål: afgørelse inden for %s efter ansøgningen, dvs. senest %s. Det er et mål, ikke en retlig frist.", text, due.Danish()))
		return
	}
	note := "Standarden angiver intet servicemål for sagsbehandlingstiden."
	if p.Visitation != nil && !*p.Visitation {
		note = "Standarden angiver intet servicemål, da der ikke kræves visitation. " + p.HowToApply
	}
	sg.Notes = append(sg.Notes, note)
}

func (s *suggester) followUp(sg *Suggestion, p *ProvisionStandard) {
	f := p.FollowUp()
	switch {
	case f.Window != nil:
		sg.FollowUpMonths, sg.FollowUpWindow = &f.Window.Max, f.Window
	case f.Months != nil:
		sg.FollowUpMonths = f.Months
	default:
		note := []string{"Standarden angiver intet opfølgningsinterval."}
		if p.FollowUpNote != "" {
			note = append(note, p.FollowUpNote)
		}
		note = append(note, fmt.Sprintf("Sagsbehandleren fastsætter første opfølgning ved afgørelsen (forslag: %d måneder).", DefaultFollowUpMonths))
		sg.Notes = append(sg.Notes, strings.Join(note, " "))
		return
	}
	if p.FollowUpNote != "" {
		sg.Notes = append(sg.Notes, p.FollowUpNote)
	}
}

func (s *suggester) appeal(sg *Suggestion, p *ProvisionStandard) {
	sg.Appealable = p.Appeal.Appealable
	if p.Appeal.Appealable != nil && *p.Appeal.Appealable {
		sg.ComplaintDeadlineWeeks = p.Appeal.Weeks
	}
	if p.Appeal.Note != "" {
		sg.Notes = append(sg.Notes, p.Appeal.Note)
	}
}

func (s *suggester) ageBounds(p *ProvisionStandard) {
	note := ""
	if p.AgeNote != "" {
		note = " " + p.AgeNote
	}
	if p.AgeMin != nil && s.age < *p.AgeMin {
		s.warn("Borgeren er %d år; %s %s er%s for borgere fra %d år.", s.age, s.mu.Name+"s", p.ID.Law(), note, *p.AgeMin)
	}
	if p.AgeMax != nil && s.age > *p.AgeMax {
		s.warn("Borgeren er %d år; %s %s er%s for borgere op til %d år. Vurdér konkret, om ydelsen alligevel er den rette.", s.age, s.mu.Name+"s", p.ID.Law(), note, *p.AgeMax)
	}
}

func (s *suggester) sourceReason(sg *Suggestion, p *ProvisionStandard) string {
	src := p.Source
	ref := &SourceRef{Municipality: s.mu.Name, Title: src.Title, Issuer: src.Issuer, LegalBasis: src.LegalBasis}
	year := "årstal ikke angivet"
	if src.Year != 0 {
		y := src.Year
		ref.Year = &y
		year = fmt.Sprint(y)
	}
	sg.Source = ref
	text := fmt.Sprintf("Serviceniveau: »%s«, %s, %s.", src.Title, src.Issuer, year)
	if s.mu.Note != "" {
		text += " " + s.mu.Note
	}
	return text
}

func livingList(list []domain.Living) string {
	parts := make([]string, len(list))
	for i, l := range list {
		parts[i] = l.Phrase()
	}
	if len(parts) <= 1 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " eller " + parts[len(parts)-1]
}
