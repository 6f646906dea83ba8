package standards

import (
	"fmt"
	"sort"

	"github.com/vumdk/vum/domain"
)

// Suggest applies the municipality's rules to a validated case file. It
// suggests; the caseworker decides.
func (c *Catalog) Suggest(cf domain.CaseFile) (Result, error) {
	std, mu, ok := c.ForMunicipality(cf.Municipality)
	if !ok {
		return Result{}, c.UnknownMunicipality(cf.Municipality)
	}
	s := &suggester{method: std.MethodDef, std: std, mu: mu, cf: cf, rules: std.Rules}
	if s.method == nil {
		s.method = c.Method
	}
	if id := domain.MethodID(cf.Method); id != std.MethodID() {
		// An assessment made under another method than the municipality's
		// present one (a case from before a switch) is read with its own
		// method and that method's rules.
		if e, ok := c.methods[id]; ok {
			s.method, s.rules = e.method, e.rules
			s.warn("Udredningen er lavet efter %s, men %s udreder nu efter %s: forslaget bygger på reglerne for %s. Overvej en ny udredning efter %s.",
				e.method.Name, mu.Name, std.MethodDef.Name, e.method.Name, std.MethodDef.Name)
		}
	}
	s.run()
	return Result{
		Municipality:     mu.ID,
		MunicipalityName: mu.Name,
		Method:           domain.MethodID(s.method.ID),
		MethodName:       s.method.Name,
		Suggestions:      append([]Suggestion{}, s.suggestions...),
		Warnings:         append([]string{}, s.warnings...),
	}, nil
}

// candidate is a provision a rule pointed to, before the standard's
// service level is filled in.
type candidate struct {
	id     domain.ProvisionID
	themes []domain.ScoredTheme
	reason []string // why the rule fired
	need   int
}

type suggester struct {
	method      *domain.Method
	std         *Standard
	mu          Municipality
	cf          domain.CaseFile
	rules       Rules
	age         int
	warnings    []string
	suggestions []Suggestion
}

func (s *suggester) warn(format string, args ...any) {
	s.warnings = append(s.warnings, fmt.Sprintf(format, args...))
}

func (s *suggester) run() {
	s.age = s.cf.AgeAtApplication()
	if s.age < s.rules.AdultAge {
		s.warn("Borgeren er %d år og dermed under %d: ingen voksenydelser foreslås. Støtte til børn og unge gives efter Barnets lov.", s.age, s.rules.AdultAge)
		return
	}
	for _, slug := range s.cf.Assessment.Unscored() {
		if s.method.ThemeLevel(slug) != domain.LevelRequired {
			continue // described in words, as the method intends
		}
		s.warn("Temaet %s er påbegyndt, men har intet niveau og indgår ikke i forslaget.", s.method.ThemeName(slug))
	}
	scored := s.cf.Assessment.Scored()
	if len(scored) == 0 {
		s.warn("Ingen temaer er vurderet med et niveau, så vum kan ikke foreslå en ydelse. Vurdér de relevante temaer først.")
		return
	}
	residential, found := s.residential(scored)
	day := s.dayOffers()
	cands := day
	if found {
		cands = append(cands, residential)
	}
	if support, ok := s.support(scored, day); ok {
		cands = append(cands, support)
	}
	cands = append(cands, s.early(scored)...)
	if relief, ok := s.relief(); ok {
		cands = append(cands, relief)
	}
	s.order(cands, found)
	s.combinationWarnings()
	s.besideLimits()
}

// besideLimits lowers a suggestion's days a week where the standard caps
// them beside another suggested provision (§ 103 beside a § 104 club or
// evening offer).
func (s *suggester) besideLimits() {
	for i := range s.suggestions {
		sg := &s.suggestions[i]
		p, ok := s.std.Provision(sg.Provision)
		if !ok {
			continue
		}
		for other, n := range p.DaysPerWeekBeside {
			if !containsSuggestion(s.suggestions, other) || (sg.DaysPerWeekMax != nil && *sg.DaysPerWeekMax <= n) {
				continue
			}
			sg.DaysPerWeekMax = &n
			sg.Rationale = append(sg.Rationale, fmt.Sprintf("Omfang: højst %d dage om ugen ved siden af %s.", n, other.Law()))
		}
	}
}

// order assigns roles: a residential offer, when its rule fires, is primary
// because § 85 in the home cannot meet that need; otherwise the suggestion
// meeting the highest level of need is primary, ties going to the least
// intrusive. The rest follow by need, then intrusiveness.
func (s *suggester) order(cands []candidate, residential bool) {
	rank := func(id domain.ProvisionID) int {
		for i, o := range s.rules.Order {
			if o == id {
				return i
			}
		}
		return len(s.rules.Order)
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].need != cands[j].need {
			return cands[i].need > cands[j].need
		}
		return rank(cands[i].id) < rank(cands[j].id)
	})
	primary := 0
	if residential {
		for i, c := range cands {
			if c.id == s.rules.Residential.Permanent || c.id == s.rules.Residential.Temporary {
				primary = i
			}
		}
	}
	roles := make([]Role, len(cands))
	for i, c := range cands {
		switch {
		case i == primary:
			roles[i] = Primary
		case residential && c.id == s.rules.Support.Provision:
			roles[i] = Alternative
		default:
			roles[i] = Complementary
		}
	}
	for _, want := range []Role{Primary, Complementary, Alternative} {
		for i, c := range cands {
			if roles[i] == want {
				s.suggestions = append(s.suggestions, s.build(c, want))
			}
		}
	}
}

func maxLevel(themes []domain.ScoredTheme) int {
	m := 0
	for _, t := range themes {
		m = max(m, t.Level)
	}
	return m
}

func atLeast(themes []domain.ScoredTheme, level int) []domain.ScoredTheme {
	var out []domain.ScoredTheme
	for _, t := range themes {
		if t.Level >= level {
			out = append(out, t)
		}
	}
	return out
}

func (s *suggester) residential(scored []domain.ScoredTheme) (candidate, bool) {
	r := s.rules.Residential
	heavy := atLeast(scored, r.ThemeLevel)
	if len(heavy) < r.MinThemes || maxLevel(heavy) < r.RequiresLevel {
		return candidate{}, false
	}
	c := candidate{themes: heavy, need: maxLevel(heavy)}
	c.reason = []string{fmt.Sprintf("Regel: mindst %d temaer på niveau %d eller derover, heraf mindst ét på niveau %d, peger på et botilbud frem for støtte i eget hjem.",
		r.MinThemes, r.ThemeLevel, r.RequiresLevel)}
	if s.cf.Assessment.Permanent {
		c.id = r.Permanent
		c.reason = append(c.reason, "Funktionsnedsættelsen er vurderet som betydelig og varig, derfor et længerevarende botilbud.")
	} else {
		c.id = r.Temporary
		c.reason = append(c.reason, "Funktionsnedsættelsen er ikke vurderet som varig, derfor et midlertidigt botilbud.")
	}
	return c, true
}

// dayOffers applies the employment (§ 103) and activity (§ 104) rules.
func (s *suggester) dayOffers() []candidate {
	var out []candidate
	emp := s.rules.Employment
	if level, ok := s.cf.Assessment.Level(emp.Theme); ok && level >= emp.MinLevel {
		birth := s.cf.Citizen.Birth()
		pension := domain.PensionAge(birth)
		if s.cf.ApplicationDate.Before(domain.PensionDate(birth)) {
			out = append(out, candidate{id: emp.Provision, need: level,
				themes: []domain.ScoredTheme{{Slug: emp.Theme, Level: level}},
				reason: []string{fmt.Sprintf("Regel: %s på niveau %d eller derover hos en borger under folkepensionsalderen (%s; borgeren er %d år) peger på beskyttet beskæftigelse.",
					s.method.ThemeName(emp.Theme), emp.MinLevel, pension.Label(), s.age)}})
		} else {
			s.warn("%s er ikke foreslået: borgeren har nået folkepensionsalderen (%s), og beskyttet beskæftigelse gives kun til borgere under den.",
				emp.Provision.Law(), pension.Label())
		}
	}
	act := s.rules.Activity
	if level, ok := s.cf.Assessment.Level(act.Theme); ok && level >= act.MinLevel {
		out = append(out, candidate{id: act.Provision, need: level,
			themes: []domain.ScoredTheme{{Slug: act.Theme, Level: level}},
			reason: []string{fmt.Sprintf("Regel: %s på niveau %d eller derover peger på aktivitets- og samværstilbud.",
				s.method.ThemeName(act.Theme), act.MinLevel)}})
	}
	return out
}

// support applies the § 85 rule to the themes at its level that no day
// offer already covers.
func (s *suggester) support(scored []domain.ScoredTheme, day []candidate) (candidate, bool) {
	r := s.rules.Support
	covered := map[string]bool{}
	for _, d := range day {
		for _, t := range d.themes {
			covered[t.Slug] = true
		}
	}
	var themes []domain.ScoredTheme
	for _, t := range atLeast(scored, r.MinLevel) {
		if !covered[t.Slug] {
			themes = append(themes, t)
		}
	}
	if len(themes) == 0 {
		return candidate{}, false
	}
	if !containsLiving(r.Living, s.cf.Citizen.Living) {
		s.warn("%s er ikke foreslået, selv om der er temaer på niveau %d eller derover: borgeren bor %s, og reglen gælder borgere, der bor %s.",
			r.Provision.Law(), r.MinLevel, s.cf.Citizen.Living.Phrase(), livingList(r.Living))
		return candidate{}, false
	}
	return candidate{id: r.Provision, themes: themes, need: maxLevel(themes),
		reason: []string{
			fmt.Sprintf("Regel: mindst ét tema på niveau %d eller derover peger på socialpædagogisk støtte til borgere, der bor %s.", r.MinLevel, livingList(r.Living)),
			"Boform: borgeren bor " + s.cf.Citizen.Living.Phrase() + ".",
		}}, true
}

func (s *suggester) early(scored []domain.ScoredTheme) []candidate {
	r := s.rules.Early
	if maxLevel(scored) > r.MaxLevel {
		return nil
	}
	if maxLevel(scored) == 0 {
		s.warn("Alle vurderede temaer står på niveau %s. Overvej, om borgeren har et behov, der kan begrunde en indsats.", s.method.LevelLabel(0))
	}
	var out []candidate
	for _, id := range r.Provisions {
		out = append(out, candidate{id: id, themes: scored, need: maxLevel(scored),
			reason: []string{fmt.Sprintf("Regel: alle vurderede temaer er på niveau %d eller derunder, hvilket peger på den tidlige, forebyggende indsats.", r.MaxLevel)}})
	}
	return out
}

func (s *suggester) relief() (candidate, bool) {
	r := s.rules.Relief
	if !s.cf.Assessment.RelativesNeedRelief {
		return candidate{}, false
	}
	if !containsLiving(r.Living, s.cf.Citizen.Living) {
		s.warn("Pårørende har brug for aflastning, men %s er ikke foreslået: den forudsætter, at borgeren bor %s.",
			r.Provision.Law(), livingList(r.Living))
		return candidate{}, false
	}
	return candidate{id: r.Provision, need: 0,
		reason: []string{"Regel: borgeren bor hjemme hos pårørende, som har brug for aflastning, så borgeren kan blive boende."}}, true
}

// combinationWarnings flags suggestions the standard says cannot be combined.
func (s *suggester) combinationWarnings() {
	for _, sg := range s.suggestions {
		p, ok := s.std.Provision(sg.Provision)
		if !ok {
			continue
		}
		for _, other := range p.NotCombinableWith {
			if containsSuggestion(s.suggestions, other) {
				s.warn("%s og %s er begge foreslået. %s kvalitetsstandard for %s siger: %s",
					sg.Provision.Law(), other.Law(), s.mu.Name+"s", sg.Provision.Law(), p.CombinationNote)
			}
		}
	}
}

func containsSuggestion(list []Suggestion, id domain.ProvisionID) bool {
	for _, s := range list {
		if s.Provision == id {
			return true
		}
	}
	return false
}

func containsLiving(list []domain.Living, l domain.Living) bool {
	for _, x := range list {
		if x == l {
			return true
		}
	}
	return false
}
