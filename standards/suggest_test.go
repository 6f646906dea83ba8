package standards

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vumdk/vum/domain"
)

func catalog(t testing.TB) *Catalog {
	t.Helper()
	cat, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// The six example cases and their expected outcomes.
func TestExampleCases(t *testing.T) {
	cat := catalog(t)
	type want struct {
		primary      domain.ProvisionID
		tier         string // "" means null
		hours        string // "min-max", "" means null
		daysWeek     int
		followUp     int // 0 means null
		window       string
		deadline     string
		appealable   bool
		complaintWks int
		also         []domain.ProvisionID
	}
	tests := []struct {
		file string
		want want
	}{
		{"ishoj-moderat.json", want{primary: domain.SEL85, tier: "moderat", hours: "1-4", followUp: 12,
			deadline: "2026-11-30", appealable: true, complaintWks: 4}},
		{"ishoj-let-82a.json", want{primary: domain.SEL82a, deadline: "2026-11-16"}},
		{"ishoj-108.json", want{primary: domain.SEL108, followUp: 24, deadline: "2026-12-22", appealable: true,
			complaintWks: 4, also: []domain.ProvisionID{domain.SEL107Relief}}},
		{"ishoj-103-family.json", want{primary: domain.SEL103, daysWeek: 3, followUp: 12, deadline: "2026-10-12",
			appealable: true, complaintWks: 4}},
		{"gentofte-85.json", want{primary: domain.SEL85, followUp: 6, window: "3-6", appealable: true, complaintWks: 4}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			cf := decodeExample(t, cat, tt.file)
			r, err := cat.Suggest(cf)
			if err != nil {
				t.Fatal(err)
			}
			p, ok := r.Primary()
			if !ok || r.Suggestions[0].Provision != tt.want.primary || p.Provision != tt.want.primary {
				t.Fatalf("primary = %v, want %s first; all: %v", p.Provision, tt.want.primary, ids(r))
			}
			if got := strOr(p.Tier); got != tt.want.tier {
				t.Errorf("tier = %q, want %q", got, tt.want.tier)
			}
			if got := rangeOf(p.HoursPerWeek); got != tt.want.hours {
				t.Errorf("hours = %q, want %q", got, tt.want.hours)
			}
			if got := intOr(p.DaysPerWeekMax); got != tt.want.daysWeek {
				t.Errorf("days/week = %d, want %d", got, tt.want.daysWeek)
			}
			if got := intOr(p.FollowUpMonths); got != tt.want.followUp {
				t.Errorf("follow-up = %d, want %d", got, tt.want.followUp)
			}
			if got := windowOf(p.FollowUpWindow); got != tt.want.window {
				t.Errorf("window = %q, want %q", got, tt.want.window)
			}
			if got := p.DecisionDeadline.String(); got != tt.want.deadline {
				t.Errorf("decision deadline = %q, want %q", got, tt.want.deadline)
			}
			if p.Appealable == nil || *p.Appealable != tt.want.appealable {
				t.Errorf("appealable = %v, want %v", p.Appealable, tt.want.appealable)
			}
			if got := intOr(p.ComplaintDeadlineWeeks); got != tt.want.complaintWks {
				t.Errorf("complaint weeks = %d, want %d", got, tt.want.complaintWks)
			}
			for _, id := range tt.want.also {
				if _, ok := r.Find(id); !ok {
					t.Errorf("%s missing; got %v", id, ids(r))
				}
			}
			if len(p.Rationale) == 0 || p.Source == nil {
				t.Error("a suggestion must carry its reasons and source")
			}
		})
	}
}

func TestExampleDetails(t *testing.T) {
	cat := catalog(t)
	r, _ := cat.Suggest(decodeExample(t, cat, "ishoj-108.json"))
	relief, _ := r.Find(domain.SEL107Relief)
	if intOr(relief.DaysPerYearMax) != 90 {
		t.Errorf("aflastning days/year = %v, want 90", relief.DaysPerYearMax)
	}
	if !strings.Contains(strings.Join(r.Suggestions[0].Rationale, " "), "Vallensbæk Kommune bruger Ishøj") {
		t.Error("a Vallensbæk suggestion should say it rests on Ishøj's catalogue")
	}
	g, _ := cat.Suggest(decodeExample(t, cat, "gentofte-85.json"))
	text := strings.Join(g.Suggestions[0].Rationale, " ")
	if g.Suggestions[0].Tier != nil || g.Suggestions[0].HoursPerWeek != nil || !strings.Contains(text, "ingen timeniveauer") {
		t.Errorf("Gentofte § 85 must state it has no tiers rather than borrow Ishøj's: %v", text)
	}
	l, _ := cat.Suggest(decodeExample(t, cat, "ishoj-let-82a.json"))
	if l.Suggestions[0].ComplaintDeadlineWeeks != nil || l.Suggestions[0].FollowUpMonths != nil {
		t.Error("§ 82 a: no complaint deadline and no follow-up interval are stated")
	}
}

func decodeExample(t *testing.T, cat *Catalog, name string) domain.CaseFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "cases", name))
	if err != nil {
		t.Fatal(err)
	}
	cf, err := domain.DecodeCaseFile(data, cat.Vocabulary(domain.NewDate(2026, 11, 25)))
	if err != nil {
		t.Fatal(err)
	}
	return cf
}

// caseOf builds a case: born 1 June 1990, applied 1 October 2026.
func caseOf(municipality string, living domain.Living, levels map[string]int) domain.CaseFile {
	themes := map[string]domain.ThemeAssessment{}
	for slug, l := range levels {
		themes[slug] = domain.ThemeAssessment{Level: l}
	}
	return domain.CaseFile{
		Schema: 1, Municipality: municipality,
		Citizen:         domain.Citizen{Name: "Test", BirthDate: domain.NewDate(1990, 6, 1), Living: living},
		ApplicationDate: domain.NewDate(2026, 10, 1),
		Assessment:      domain.Assessment{Themes: themes},
	}
}

func hours(h float64) *float64 { return &h }

func TestRules(t *testing.T) {
	cat := catalog(t)
	const (
		psy  = "psykisk_funktionsnedsaettelse"
		prak = "praktiske_opgaver"
		sam  = "samfundsliv"
		soc  = "socialt_liv"
		ego  = "egenomsorg"
		kom  = "kommunikation"
	)
	tests := []struct {
		name     string
		cf       domain.CaseFile
		edit     func(*domain.CaseFile)
		want     string // provisions in order with roles, e.g. "sel85:primary"
		tier     string // tier of the first suggestion
		days     int    // days/week of the first suggestion
		warnings []string
	}{
		{name: "all at 0 or 1: early offer", cf: caseOf("ishoj", domain.OwnHome, map[string]int{psy: 1, soc: 0}),
			want: "sel82a:primary"},
		{name: "all at 0: early offer, with a warning", cf: caseOf("ishoj", domain.OwnHome, map[string]int{psy: 0}),
			want: "sel82a:primary", warnings: []string{"niveau 0"}},
		{name: "Ballerup early offer includes § 82 b", cf: caseOf("ballerup", domain.OwnHome, map[string]int{soc: 1}),
			want: "sel82a:primary sel82b:complementary"},
		{name: "Gentofte has no § 82 a standard: say so", cf: caseOf("gentofte", domain.OwnHome, map[string]int{soc: 1}),
			want: "sel82a:primary", warnings: []string{"Gentofte Kommune har ingen kvalitetsstandard for SEL § 82 a"}},
		{name: "one theme at 2: § 85, hours estimated", cf: caseOf("ishoj", domain.OwnHome, map[string]int{psy: 2, soc: 1}),
			want: "sel85:primary", tier: "let", warnings: []string{"skønnet"}},
		{name: "three at 2 estimate 3 hours: moderat", cf: caseOf("ishoj", domain.OwnHome, map[string]int{psy: 2, prak: 2, soc: 2}),
			want: "sel85:primary", tier: "moderat"},
		{name: "3+2 at level 3,3,2 estimate 5 hours: stor", cf: caseOf("ishoj", domain.ABL105, map[string]int{psy: 3, prak: 3, ego: 2}),
			want: "sel85:primary", tier: "stor"},
		{name: "hours 0 beside a theme at level 2: flagged, no tier", cf: caseOf("ishoj", domain.OwnHome, map[string]int{psy: 2}),
			edit: func(c *domain.CaseFile) { c.Assessment.SupportHoursPerWeek = hours(0) }, want: "sel85:primary", tier: "",
			warnings: []string{"angivet til 0 timer om ugen", "vum foreslår intet niveau"}},
		{name: "hours 1: let", cf: caseOf("ishoj", domain.OwnHome, map[string]int{psy: 2}),
			edit: func(c *domain.CaseFile) { c.Assessment.SupportHoursPerWeek = hours(1) }, want: "sel85:primary", tier: "let"},
		{name: "hours 1.25: moderat", cf: caseOf("ishoj", domain.OwnHome, map[string]int{psy: 2}),
			edit: func(c *domain.CaseFile) { c.Assessment.SupportHoursPerWeek = hours(1.25) }, want: "sel85:primary", tier: "moderat"},
		{name: "hours 4: moderat", cf: caseOf("ishoj", domain.OwnHome, map[string]int{psy: 2}),
			edit: func(c *domain.CaseFile) { c.Assessment.SupportHoursPerWeek = hours(4) }, want: "sel85:primary", tier: "moderat"},
		{name: "hours 4.5: stor", cf: caseOf("ishoj", domain.OwnHome, map[string]int{psy: 2}),
			edit: func(c *domain.CaseFile) { c.Assessment.SupportHoursPerWeek = hours(4.5) }, want: "sel85:primary", tier: "stor"},
		{name: "hours 10: stor", cf: caseOf("ishoj", domain.OwnHome, map[string]int{psy: 2}),
			edit: func(c *domain.CaseFile) { c.Assessment.SupportHoursPerWeek = hours(10) }, want: "sel85:primary", tier: "stor"},
		{name: "hours 10.5: omfattende", cf: caseOf("ishoj", domain.OwnHome, map[string]int{psy: 2}),
			edit: func(c *domain.CaseFile) { c.Assessment.SupportHoursPerWeek = hours(10.5) }, want: "sel85:primary", tier: "omfattende"},
		{name: "§ 85 not for residents of a residential offer", cf: caseOf("ishoj", domain.Residential, map[string]int{psy: 2}),
			want: "", warnings: []string{"bor i botilbud"}},
		{name: "three at 3 without a 4: no residential offer", cf: caseOf("ishoj", domain.OwnHome, map[string]int{psy: 3, prak: 3, ego: 3}),
			want: "sel85:primary", tier: "stor"},
		{name: "two at 4: too few themes for a residential offer", cf: caseOf("ishoj", domain.OwnHome, map[string]int{psy: 4, ego: 4}),
			want: "sel85:primary"},
		{name: "three at 3+, one at 4, temporary: § 107 ahead of § 85", cf: caseOf("ishoj", domain.OwnHome, map[string]int{psy: 4, ego: 3, kom: 3}),
			want: "sel107:primary sel85:alternative"},
		{name: "three at 3+, one at 4, permanent: § 108", cf: caseOf("ishoj", domain.OwnHome, map[string]int{psy: 4, ego: 3, kom: 3}),
			edit: func(c *domain.CaseFile) { c.Assessment.Permanent = true }, want: "sel108:primary sel85:alternative"},
		{name: "samfundsliv at 2: no § 103", cf: caseOf("ishoj", domain.OwnHome, map[string]int{sam: 2}),
			want: "sel85:primary"},
		{name: "samfundsliv at 3 living alone: § 103, 3 days", cf: caseOf("ishoj", domain.OwnHome, map[string]int{sam: 3}),
			want: "sel103:primary", days: 3},
		{name: "samfundsliv at 3 in ABL § 105: 3 days", cf: caseOf("ishoj", domain.ABL105, map[string]int{sam: 3}),
			want: "sel103:primary", days: 3},
		{name: "samfundsliv at 3, pension age reached: no § 103", cf: caseOf("ishoj", domain.OwnHome, map[string]int{sam: 3}),
			edit: func(c *domain.CaseFile) { c.Citizen.BirthDate = domain.NewDate(1959, 10, 1) }, // 67 on 1 Oct 2026
			want: "sel85:primary", warnings: []string{"folkepensionsalderen (67 år)", "for borgere op til 65 år"}},
		{name: "samfundsliv at 3, the day before pension age: § 103", cf: caseOf("ishoj", domain.OwnHome, map[string]int{sam: 3}),
			edit: func(c *domain.CaseFile) { c.Citizen.BirthDate = domain.NewDate(1959, 10, 2) },
			want: "sel103:primary"},
		{name: "socialt liv at 3: § 104", cf: caseOf("ishoj", domain.OwnHome, map[string]int{soc: 3}),
			want: "sel104:primary", days: 3},
		{name: "§ 103 and § 104 together: § 103 up to 3 days beside a club or evening offer", cf: caseOf("ishoj", domain.WithFamily, map[string]int{soc: 3, sam: 4}),
			want: "sel103:primary sel104:complementary", days: 3, warnings: []string{"kan ikke samtidig få aktivitets- og samværstilbud som dagtilbud", "klub- eller aftentilbud efter § 104 kan gives ved siden af beskyttet beskæftigelse i op til 3 dage"}},
		{name: "tie at level 3: the least intrusive first", cf: caseOf("ishoj", domain.OwnHome, map[string]int{soc: 3, psy: 3}),
			want: "sel85:primary sel104:complementary"},
		{name: "Gentofte § 104: 1-5 days", cf: caseOf("gentofte", domain.OwnHome, map[string]int{soc: 3}),
			want: "sel104:primary", days: 5},
		{name: "Ballerup § 85: no standard, no borrowed level", cf: caseOf("ballerup", domain.OwnHome, map[string]int{psy: 2}),
			edit: func(c *domain.CaseFile) { c.Assessment.SupportHoursPerWeek = hours(3) },
			want: "sel85:primary", warnings: []string{"Ballerup Kommune har ingen kvalitetsstandard for SEL § 85", "Fronten give din sag videre til kommunens myndighedsafdeling, Social Vejledning"}},
		{name: "relatives need relief at home: aflastning", cf: caseOf("ishoj", domain.WithFamily, map[string]int{psy: 2}),
			edit: func(c *domain.CaseFile) {
				c.Assessment.RelativesNeedRelief = true
				c.Assessment.SupportHoursPerWeek = hours(2)
			},
			want: "sel85:primary sel107-aflastning:complementary", tier: "moderat"},
		{name: "relief asked for but citizen lives alone", cf: caseOf("ishoj", domain.OwnHome, map[string]int{psy: 2}),
			edit: func(c *domain.CaseFile) { c.Assessment.RelativesNeedRelief = true },
			want: "sel85:primary", warnings: []string{"forudsætter, at borgeren bor hjemme hos familie"}},
		{name: "17 years old: no adult provision", cf: caseOf("ishoj", domain.WithFamily, map[string]int{psy: 3}),
			edit: func(c *domain.CaseFile) { c.Citizen.BirthDate = domain.NewDate(2008, 10, 2) },
			want: "", warnings: []string{"Barnets lov"}},
		{name: "18 on the application day: adult provisions", cf: caseOf("ishoj", domain.WithFamily, map[string]int{psy: 2}),
			edit: func(c *domain.CaseFile) { c.Citizen.BirthDate = domain.NewDate(2008, 10, 1) },
			want: "sel85:primary"},
		{name: "66 years old: § 85 outside Ishøj's age bounds", cf: caseOf("ishoj", domain.OwnHome, map[string]int{psy: 2}),
			edit: func(c *domain.CaseFile) { c.Citizen.BirthDate = domain.NewDate(1960, 1, 1) },
			want: "sel85:primary", warnings: []string{"som hovedregel for borgere op til 65 år"}},
		{name: "no theme assessed", cf: caseOf("ishoj", domain.OwnHome, map[string]int{}),
			want: "", warnings: []string{"Ingen temaer er vurderet"}},
		{name: "a theme begun without a level is left out, and said so", cf: caseOf("ishoj", domain.OwnHome, map[string]int{psy: 2}),
			edit: func(c *domain.CaseFile) {
				c.Assessment.Themes[soc] = domain.ThemeAssessment{Unscored: true, Note: "Mangler vurdering."}
				c.Assessment.SupportHoursPerWeek = hours(1)
			},
			want: "sel85:primary", warnings: []string{"Socialt liv er påbegyndt, men har intet niveau"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cf := tt.cf
			if tt.edit != nil {
				tt.edit(&cf)
			}
			r, err := cat.Suggest(cf)
			if err != nil {
				t.Fatal(err)
			}
			if got := roles(r); got != tt.want {
				t.Errorf("suggestions = %q, want %q", got, tt.want)
			}
			if tt.tier != "" && (len(r.Suggestions) == 0 || strOr(r.Suggestions[0].Tier) != tt.tier) {
				t.Errorf("tier = %v, want %s", firstTier(r), tt.tier)
			}
			if tt.days != 0 && intOr(r.Suggestions[0].DaysPerWeekMax) != tt.days {
				t.Errorf("days/week = %v, want %d", r.Suggestions[0].DaysPerWeekMax, tt.days)
			}
			all := strings.Join(r.Warnings, "\n")
			for _, w := range tt.warnings {
				if !strings.Contains(all, w) {
					t.Errorf("no warning saying %q; warnings:\n%s", w, all)
				}
			}
			if len(tt.warnings) == 0 && len(r.Warnings) > 0 && !strings.Contains(all, "skønnet") {
				t.Errorf("unexpected warnings:\n%s", all)
			}
		})
	}
}

// An uncovered provision carries no service level at all.
func TestUncoveredProvisionBorrowsNothing(t *testing.T) {
	cat := catalog(t)
	cf := caseOf("ballerup", domain.OwnHome, map[string]int{"psykisk_funktionsnedsaettelse": 2})
	cf.Assessment.SupportHoursPerWeek = hours(3)
	r, _ := cat.Suggest(cf)
	s := r.Suggestions[0]
	if s.Covered || s.Tier != nil || s.HoursPerWeek != nil || s.FollowUpMonths != nil ||
		!s.DecisionDeadline.IsZero() || s.Appealable != nil || s.Source != nil {
		t.Errorf("uncovered suggestion carries a service level: %+v", s)
	}
}

func TestUnknownMunicipality(t *testing.T) {
	_, err := catalog(t).Suggest(caseOf("aarhus", domain.OwnHome, nil))
	if err == nil || !strings.Contains(err.Error(), "kendte kommuner: ballerup, gentofte, ishoj, vallensbaek") {
		t.Errorf("err = %v", err)
	}
}

func roles(r Result) string {
	parts := make([]string, len(r.Suggestions))
	for i, s := range r.Suggestions {
		parts[i] = string(s.Provision) + ":" + string(s.Role)
	}
	return strings.Join(parts, " ")
}

func ids(r Result) []domain.ProvisionID {
	var out []domain.ProvisionID
	for _, s := range r.Suggestions {
		out = append(out, s.Provision)
	}
	return out
}

func firstTier(r Result) string {
	if len(r.Suggestions) == 0 {
		return "(none)"
	}
	return strOr(r.Suggestions[0].Tier)
}

func strOr(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func intOr(n *int) int {
	if n == nil {
		return 0
	}
	return *n
}

func rangeOf(h *HoursRange) string {
	if h == nil {
		return ""
	}
	if h.Max == nil {
		return hoursText(h.Min) + "-"
	}
	return hoursText(h.Min) + "-" + hoursText(*h.Max)
}

func windowOf(w *Window) string {
	if w == nil {
		return ""
	}
	return strings.Join([]string{itoa(w.Min), itoa(w.Max)}, "-")
}

func itoa(n int) string { return hoursText(float64(n)) }
