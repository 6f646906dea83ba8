package standards

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	"github.com/vumdk/vum/domain"
)

// validator collects problems in one file, each named by file and field.
type validator struct {
	file     string
	problems *domain.Problems
	before   int
}

func newValidator(f *sourceFile, problems *domain.Problems) *validator {
	name := f.name
	if f.origin != "indlejret" {
		name = f.origin + "/" + f.name
	}
	return &validator{file: name, problems: problems, before: len(*problems)}
}

func (v *validator) add(field, format string, args ...any) {
	where := v.file
	if field != "" {
		where += ": " + field
	}
	*v.problems = append(*v.problems, domain.Problem{Field: where, Message: fmt.Sprintf(format, args...)})
}

func (v *validator) failed() bool { return len(*v.problems) > v.before }

func (v *validator) syntax(err error, data []byte) {
	var perr toml.ParseError
	if errors.As(err, &perr) {
		line, col := perr.Position.Line, perr.Position.Col
		if start := perr.Position.Start; start > 0 && start <= len(data) {
			// Count from the byte offset: the parser reports a newline it
			// choked on as the start of the next line.
			before := data[:start]
			line = bytes.Count(before, []byte("\n")) + 1
			col = start - bytes.LastIndexByte(before, '\n')
		}
		v.add("", "ugyldig TOML i linje %d, kolonne %d: %s", line, col, tomlText(perr.Message))
		return
	}
	v.add("", "kan ikke læses: %v", err)
}

// tomlText says in Danish what the TOML parser's message says: the
// character it did not expect where it names one, else what to look for.
func tomlText(msg string) string {
	const check = "tjek klammer, lighedstegn og anførselstegn"
	switch {
	case strings.Contains(msg, "already been defined"):
		return "en nøgle eller tabel er angivet to gange"
	case strings.Contains(msg, "EOF") || strings.Contains(msg, "end of file"):
		return "filen slutter midt i en værdi eller en tabel; " + check
	}
	if _, got, ok := strings.Cut(msg, "but got "); ok {
		got = strings.TrimSuffix(strings.TrimSpace(got), " instead")
		if len(got) >= 3 && got[0] == '\'' && got[len(got)-1] == '\'' {
			return "uventet tegn " + got + "; " + check
		}
	}
	return "ugyldig syntaks; " + check
}

func (v *validator) undecoded(md toml.MetaData) {
	for _, key := range md.Undecoded() {
		v.add(key.String(), "ukendt felt (stavefejl?)")
	}
}

var idPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`) })

func (v *validator) method(m *domain.Method) {
	if !idPattern().MatchString(m.ID) {
		v.add("id", "metoden skal have et id med små bogstaver, fx \"vum2\"")
	}
	if m.Name == "" {
		v.add("name", "metoden skal have et navn")
	}
	seenGroup := map[string]bool{}
	for i, g := range m.Groups {
		field := fmt.Sprintf("group[%d]", i)
		if !idPattern().MatchString(g.ID) || seenGroup[g.ID] {
			v.add(field+".id", "hver gruppe skal have sit eget id med små bogstaver")
		}
		seenGroup[g.ID] = true
		if g.Name == "" {
			v.add(field+".name", "gruppen skal have et navn")
		}
		switch g.Level {
		case "", domain.LevelRequired, domain.LevelOptional, domain.LevelNone:
		default:
			v.add(field+".level", "ukendt værdi %q; brug required, optional eller none", g.Level)
		}
	}
	v.choices("statement_source", m.Sources)
	v.choices("goal_type", m.GoalTypes)
	v.scale("support_level", m.SupportLevels)
	if len(m.Levels) == 0 {
		v.add("level", "skalaen skal have mindst ét niveau")
	}
	seenLevel := map[int]bool{}
	for i, l := range m.Levels {
		field := fmt.Sprintf("level[%d]", i)
		if seenLevel[l.Value] {
			v.add(field+".value", "niveau %d står to gange", l.Value)
		}
		seenLevel[l.Value] = true
		if l.Value < 0 {
			v.add(field+".value", "niveauer kan ikke være negative")
		}
		if l.Label == "" {
			v.add(field+".label", "niveauet skal have en betegnelse")
		}
	}
	if len(m.Themes) == 0 {
		v.add("theme", "metoden skal have mindst ét tema")
	}
	seenTheme := map[string]bool{}
	for i, t := range m.Themes {
		field := fmt.Sprintf("theme[%d]", i)
		if !idPattern().MatchString(t.Slug) {
			v.add(field+".slug", "%q er ikke en gyldig nøgle (små bogstaver, tal, _ og -)", t.Slug)
		}
		if seenTheme[t.Slug] {
			v.add(field+".slug", "temaet %q står to gange", t.Slug)
		}
		seenTheme[t.Slug] = true
		if t.Name == "" {
			v.add(field+".name", "temaet skal have et navn")
		}
		if _, ok := m.Group(t.Group); len(m.Groups) > 0 && !ok {
			v.add(field+".group", "gruppen %q er ikke beskrevet under [[group]]", t.Group)
		} else if len(m.Groups) == 0 && t.Group != "" {
			v.add(field+".group", "metoden har ingen grupper ([[group]])")
		}
	}
}

// choices checks a closed list: each value has its own id and a label.
func (v *validator) choices(field string, list []domain.Choice) {
	seen := map[string]bool{}
	for i, c := range list {
		f := fmt.Sprintf("%s[%d]", field, i)
		if !idPattern().MatchString(c.ID) || seen[c.ID] {
			v.add(f+".id", "hver værdi skal have sit eget id med små bogstaver")
		}
		seen[c.ID] = true
		if c.Label == "" {
			v.add(f+".label", "værdien skal have en betegnelse")
		}
	}
}

// scale checks a scale such as the støttebehov scale.
func (v *validator) scale(field string, levels []domain.LevelDef) {
	seen := map[int]bool{}
	for i, l := range levels {
		f := fmt.Sprintf("%s[%d]", field, i)
		if seen[l.Value] || l.Value < 0 {
			v.add(f+".value", "hvert trin skal have sin egen værdi på 0 eller derover")
		}
		seen[l.Value] = true
		if l.Label == "" {
			v.add(f+".label", "trinnet skal have en betegnelse")
		}
	}
}

func (v *validator) rules(r *Rules, m *domain.Method) {
	lo, hi := m.LevelRange()
	level := func(field string, n int) {
		if _, ok := m.Level(n); !ok {
			v.add(field, "niveau %d findes ikke på skalaen %d-%d", n, lo, hi)
		}
	}
	v.provisionList("rules.order", r.Order)
	if r.AdultAge <= 0 {
		v.add("rules.adult_age", "skal være en alder i år, fx 18")
	}
	level("rules.early.max_level", r.Early.MaxLevel)
	v.provisionList("rules.early.provisions", r.Early.Provisions)
	v.provisionList("rules.support.provision", []domain.ProvisionID{r.Support.Provision})
	level("rules.support.min_level", r.Support.MinLevel)
	v.livings("rules.support.living", r.Support.Living)
	if len(r.Support.LevelPoints) != hi+1 {
		v.add("rules.support.level_points", "skal have ét tal for hvert niveau 0-%d (%d tal)", hi, hi+1)
	}
	if r.Support.HoursPerPoint <= 0 {
		v.add("rules.support.hours_per_point", "skal være et positivt tal")
	}
	if r.Residential.MinThemes <= 0 {
		v.add("rules.residential.min_themes", "skal være mindst 1")
	}
	level("rules.residential.theme_level", r.Residential.ThemeLevel)
	level("rules.residential.requires_level", r.Residential.RequiresLevel)
	v.provisionList("rules.residential", []domain.ProvisionID{r.Residential.Permanent, r.Residential.Temporary})
	for name, tr := range map[string]ThemeRule{"employment": r.Employment, "activity": r.Activity} {
		v.provisionList("rules."+name+".provision", []domain.ProvisionID{tr.Provision})
		if _, ok := m.Theme(tr.Theme); !ok {
			v.add("rules."+name+".theme", "temaet %q findes ikke i metoden", tr.Theme)
		}
		level("rules."+name+".min_level", tr.MinLevel)
	}
	v.provisionList("rules.relief.provision", []domain.ProvisionID{r.Relief.Provision})
	v.livings("rules.relief.living", r.Relief.Living)
}

func (v *validator) provisionList(field string, ids []domain.ProvisionID) {
	for _, id := range ids {
		if _, ok := domain.LookupProvision(id); !ok {
			v.add(field, "ukendt ydelse %q; kendte ydelser: %s", id, strings.Join(domain.ProvisionIDs(), ", "))
		}
	}
}

func (v *validator) livings(field string, list []domain.Living) {
	for _, l := range list {
		if !l.Valid() {
			v.add(field, "ukendt boform %q; brug own_home, with_family, residential eller abl105", l)
		}
	}
}

func (v *validator) standard(s *Standard, m *domain.Method) {
	if !idPattern().MatchString(s.ID) {
		v.add("id", "standarden skal have et id med små bogstaver, fx \"ishoj\"")
	}
	if len(s.Municipalities) == 0 {
		v.add("municipality", "angiv mindst én kommune ([[municipality]] med id og name)")
	}
	for i, mu := range s.Municipalities {
		field := fmt.Sprintf("municipality[%d]", i)
		if !idPattern().MatchString(mu.ID) {
			v.add(field+".id", "%q er ikke et gyldigt kommune-id", mu.ID)
		}
		if mu.Name == "" {
			v.add(field+".name", "kommunen skal have et navn")
		}
	}
	for key, src := range s.Sources {
		if src.Title == "" {
			v.add("source."+key+".title", "kilden skal have en titel")
		}
		if src.Issuer == "" {
			v.add("source."+key+".issuer", "angiv hvem der har udgivet standarden")
		}
		if src.Year != 0 && (src.Year < 1900 || src.Year > 2200) {
			v.add("source."+key+".year", "%d er ikke et gyldigt årstal", src.Year)
		}
	}
	if len(s.Provisions) == 0 {
		v.add("provision", "standarden indeholder ingen ydelser")
	}
	seen := map[domain.ProvisionID]bool{}
	for i, p := range s.Provisions {
		field := fmt.Sprintf("provision[%d]", i)
		if p.ID != "" {
			field = fmt.Sprintf("provision[%s]", p.ID)
		}
		if seen[p.ID] {
			v.add(field+".id", "ydelsen står to gange")
		}
		seen[p.ID] = true
		v.provision(field, p, s)
	}
	v.rules(&s.Rules, m)
}

func (v *validator) provision(field string, p *ProvisionStandard, s *Standard) {
	if _, ok := domain.LookupProvision(p.ID); !ok {
		v.add(field+".id", "ukendt ydelse %q; kendte ydelser: %s", p.ID, strings.Join(domain.ProvisionIDs(), ", "))
	}
	if src, ok := s.Sources[p.SourceKey]; ok {
		p.Source = src
	} else {
		v.add(field+".source", "kilden %q er ikke beskrevet under [source]", p.SourceKey)
	}
	for _, id := range p.Municipalities {
		if _, ok := s.Municipality(id); !ok {
			v.add(field+".municipalities", "kommunen %q bruger ikke denne standard", id)
		}
	}
	if strings.TrimSpace(p.TargetGroup) == "" {
		v.add(field+".target_group", "beskriv målgruppen")
	}
	if p.AgeMin != nil && p.AgeMax != nil && *p.AgeMin > *p.AgeMax {
		v.add(field+".age_max", "den højeste alder (%d) er lavere end den laveste (%d)", *p.AgeMax, *p.AgeMin)
	}
	v.livings(field+".living", p.Living)
	if p.DecisionTargetDays != nil && p.DecisionTargetWeeks != nil {
		v.add(field+".decision_target_days", "angiv servicemålet i enten dage eller uger, ikke begge")
	}
	v.positive(field+".decision_target_days", p.DecisionTargetDays, 365)
	v.positive(field+".decision_target_weeks", p.DecisionTargetWeeks, 104)
	v.followUp(field, p)
	v.days(field, p)
	v.tiers(field, p.Tiers)
	v.provisionList(field+".not_combinable_with", p.NotCombinableWith)
	v.appeal(field+".appeal", p.Appeal)
}

func (v *validator) positive(field string, n *int, max int) {
	if n != nil && (*n <= 0 || *n > max) {
		v.add(field, "%d er uden for det mulige (1-%d)", *n, max)
	}
}

func (v *validator) followUp(field string, p *ProvisionStandard) {
	v.positive(field+".follow_up_months", p.FollowUpMonths, 120)
	v.positive(field+".follow_up_months_min", p.FollowUpMonthsMin, 120)
	v.positive(field+".follow_up_months_max", p.FollowUpMonthsMax, 120)
	window := p.FollowUpMonthsMin != nil || p.FollowUpMonthsMax != nil
	switch {
	case p.FollowUpMonths != nil && window:
		v.add(field+".follow_up_months", "angiv enten follow_up_months eller et vindue (follow_up_months_min/max), ikke begge")
	case window && (p.FollowUpMonthsMin == nil || p.FollowUpMonthsMax == nil):
		v.add(field+".follow_up_months_max", "et opfølgningsvindue skal have både follow_up_months_min og follow_up_months_max")
	case window && *p.FollowUpMonthsMin > *p.FollowUpMonthsMax:
		v.add(field+".follow_up_months_min", "vinduet begynder efter det slutter (%d > %d)", *p.FollowUpMonthsMin, *p.FollowUpMonthsMax)
	}
}

func (v *validator) days(field string, p *ProvisionStandard) {
	v.positive(field+".days_per_week_min", p.DaysPerWeekMin, 7)
	v.positive(field+".days_per_week_max", p.DaysPerWeekMax, 7)
	if p.DaysPerWeekMin != nil && p.DaysPerWeekMax != nil && *p.DaysPerWeekMin > *p.DaysPerWeekMax {
		v.add(field+".days_per_week_min", "flere dage som minimum (%d) end som maksimum (%d)", *p.DaysPerWeekMin, *p.DaysPerWeekMax)
	}
	for living, n := range p.DaysPerWeekByLiving {
		if !domain.Living(living).Valid() {
			v.add(field+".days_per_week_by_living."+living, "ukendt boform; brug own_home, with_family, residential eller abl105")
		}
		if n < 1 || n > 7 {
			v.add(field+".days_per_week_by_living."+living, "%d dage om ugen er ikke muligt (1-7)", n)
		}
	}
	for living, n := range p.DaysPerWeekSpecial {
		f := field + ".days_per_week_special." + living
		rule, ok := p.DaysPerWeekByLiving[living]
		switch {
		case !domain.Living(living).Valid():
			v.add(f, "ukendt boform; brug own_home, with_family, residential eller abl105")
		case n < 1 || n > 7:
			v.add(f, "%d dage om ugen er ikke muligt (1-7)", n)
		case !ok:
			v.add(f, "angiv først reglen for boformen i days_per_week_by_living")
		case n <= rule:
			v.add(f, "dagene ved særlige hensyn (%d) skal være flere end reglens %d", n, rule)
		}
	}
	for other, n := range p.DaysPerWeekBeside {
		f := field + ".days_per_week_beside." + string(other)
		if _, ok := domain.LookupProvision(other); !ok {
			v.add(f, "ukendt ydelse %q", other)
		}
		if n < 1 || n > 7 {
			v.add(f, "%d dage om ugen er ikke muligt (1-7)", n)
		}
	}
	v.positive(field+".days_per_year_max", p.DaysPerYearMax, 366)
	v.positive(field+".duration_max_months", p.DurationMaxMonths, 120)
	if p.HolidayDaysPerYear != nil && (*p.HolidayDaysPerYear < 0 || *p.HolidayDaysPerYear > 366) {
		v.add(field+".holiday_days_per_year", "%d er uden for det mulige (0-366)", *p.HolidayDaysPerYear)
	}
}

// tiers checks that the hour levels follow each other without gaps or
// overlaps, from 0 hours up.
func (v *validator) tiers(field string, tiers []Tier) {
	prevMax := 0.0
	names := map[string]bool{}
	for i, t := range tiers {
		f := fmt.Sprintf("%s.tier[%d]", field, i)
		if t.Name == "" || names[t.Name] {
			v.add(f+".name", "hvert niveau skal have sit eget navn")
		}
		names[t.Name] = true
		lo := 0.0
		if t.HoursMin != nil {
			lo = *t.HoursMin
		}
		if lo != prevMax {
			v.add(f+".hours_min", "skal være %s, hvor niveauet før slutter (fandt %s)", hoursText(prevMax), hoursText(lo))
		}
		if t.HoursMax == nil {
			if i != len(tiers)-1 {
				v.add(f+".hours_max", "kun det sidste niveau kan være uden øvre grænse")
			}
			continue
		}
		if *t.HoursMax <= lo {
			v.add(f+".hours_max", "øvre grænse %s skal være over nedre grænse %s", hoursText(*t.HoursMax), hoursText(lo))
		}
		prevMax = *t.HoursMax
	}
}

func (v *validator) appeal(field string, a Appeal) {
	if a.Appealable == nil {
		v.add(field+".appealable", "angiv om afgørelsen kan påklages (true eller false)")
		return
	}
	if !*a.Appealable {
		return
	}
	if a.Weeks == nil {
		v.add(field+".weeks", "angiv klagefristen i uger")
	}
	v.positive(field+".weeks", a.Weeks, 52)
	v.positive(field+".reconsideration_weeks", a.ReconsiderationWeeks, 52)
	if a.To == "" {
		v.add(field+".to", "angiv hvem klagen behandles af, fx Ankestyrelsen")
	}
}
