package standards

import (
	"encoding/json"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vumdk/vum/domain"
)

// vum2Catalog is the embedded catalogue with every municipality's
// standard switched to VUM 2.0 through a standards folder, as a
// municipality does when it moves to the method: the same service levels,
// read with VUM 2.0's themes.
func vum2Catalog(t *testing.T) *Catalog {
	t.Helper()
	files := map[string]string{}
	for _, name := range []string{"ishoj.toml", "ballerup.toml", "gentofte.toml"} {
		files[name] = "method = \"vum2\"\n" + embeddedText(t, name)
	}
	cat, err := LoadDir(writeDir(t, files))
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// v1ToV2 is how the same citizen's themes are named in the two methods.
var v1ToV2 = map[string]string{
	"fysisk_funktionsnedsaettelse":  "fysiske_funktioner",
	"psykisk_funktionsnedsaettelse": "mentale_funktioner",
	"socialt_problem":               "sociale_forhold",
	"sundhed":                       "sundhedsforhold",
	"socialt_liv":                   "relationer",
	"praktiske_opgaver":             "praktiske_opgaver",
	"samfundsliv":                   "samfundsliv",
	"kommunikation":                 "kommunikation",
	"mobilitet":                     "mobilitet",
	"egenomsorg":                    "egenomsorg",
	"omgivelser":                    "omgivelser",
}

// words marks a VUM 2.0 theme described in words without a level.
const words = -1

type pairedCase struct {
	name        string
	muni        string
	cpr, living string
	hours       *float64
	permanent   bool
	relief      bool
	v1, v2      map[string]int
	want        []domain.ProvisionID // the suggestions in order, both methods
}

func hoursOf(h float64) *float64 { return &h }

var pairedCases = []pairedCase{
	{name: "§ 85 moderat", muni: "ishoj", cpr: "150391-1234", living: "own_home", hours: hoursOf(2.5),
		v1:   map[string]int{"psykisk_funktionsnedsaettelse": 2, "praktiske_opgaver": 2, "samfundsliv": 1, "socialt_liv": 2},
		v2:   map[string]int{"mentale_funktioner": 2, "praktiske_opgaver": 2, "samfundsliv": 1, "relationer": 2},
		want: []domain.ProvisionID{domain.SEL85}},
	{name: "§ 85 with mental functions in words, hours estimated", muni: "ishoj", cpr: "150391-1234", living: "abl105",
		v1:   map[string]int{"praktiske_opgaver": 2, "egenomsorg": 3, "mobilitet": 1},
		v2:   map[string]int{"mentale_funktioner": words, "praktiske_opgaver": 2, "egenomsorg": 3, "mobilitet": 1},
		want: []domain.ProvisionID{domain.SEL85}},
	{name: "Samfundsliv svært gives § 103", muni: "ishoj", cpr: "241100-4382", living: "with_family", hours: hoursOf(1), permanent: true,
		v1:   map[string]int{"samfundsliv": 3, "psykisk_funktionsnedsaettelse": 2},
		v2:   map[string]int{"samfundsliv": 3, "mentale_funktioner": 2, "sociale_forhold": words},
		want: []domain.ProvisionID{domain.SEL103, domain.SEL85}},
	{name: "Relationer svært gives § 104", muni: "ishoj", cpr: "150391-1234", living: "own_home",
		v1:   map[string]int{"socialt_liv": 3, "kommunikation": 2},
		v2:   map[string]int{"relationer": 3, "kommunikation": 2, "omgivelser": words},
		want: []domain.ProvisionID{domain.SEL104, domain.SEL85}},
	{name: "Samfundsliv and Relationer svært both", muni: "gentofte", cpr: "110772-1113", living: "own_home",
		v1:   map[string]int{"socialt_liv": 3, "samfundsliv": 4},
		v2:   map[string]int{"relationer": 3, "samfundsliv": 4},
		want: []domain.ProvisionID{domain.SEL103, domain.SEL104}},
	{name: "residential rule, permanent: § 108", muni: "vallensbaek", cpr: "030285-2211", living: "with_family", hours: hoursOf(40), permanent: true, relief: true,
		v1:   map[string]int{"psykisk_funktionsnedsaettelse": 4, "egenomsorg": 4, "praktiske_opgaver": 4, "kommunikation": 3, "mobilitet": 2},
		v2:   map[string]int{"mentale_funktioner": 4, "egenomsorg": 4, "praktiske_opgaver": 4, "kommunikation": 3, "mobilitet": 2},
		want: []domain.ProvisionID{domain.SEL108, domain.SEL107Relief, domain.SEL85}},
	{name: "residential rule, not permanent: § 107", muni: "ishoj", cpr: "150391-1234", living: "own_home", hours: hoursOf(12),
		v1:   map[string]int{"egenomsorg": 3, "praktiske_opgaver": 3, "mobilitet": 4, "sundhed": 2},
		v2:   map[string]int{"egenomsorg": 3, "praktiske_opgaver": 3, "mobilitet": 4, "sundhedsforhold": 2},
		want: []domain.ProvisionID{domain.SEL107, domain.SEL85}},
	{name: "early offer § 82 a", muni: "ishoj", cpr: "150391-1234", living: "own_home",
		v1:   map[string]int{"praktiske_opgaver": 1, "socialt_liv": 1, "sundhed": 0},
		v2:   map[string]int{"praktiske_opgaver": 1, "relationer": 1, "sundhedsforhold": 0, "mentale_funktioner": words},
		want: []domain.ProvisionID{domain.SEL82a}},
	{name: "Ballerup early offers § 82 a and § 82 b", muni: "ballerup", cpr: "150391-1234", living: "own_home",
		v1:   map[string]int{"socialt_liv": 1, "kommunikation": 0},
		v2:   map[string]int{"relationer": 1, "kommunikation": 0},
		want: []domain.ProvisionID{domain.SEL82a, domain.SEL82b}},
	{name: "Gentofte § 85 without tiers", muni: "gentofte", cpr: "110772-1113", living: "own_home", hours: hoursOf(3),
		v1:   map[string]int{"psykisk_funktionsnedsaettelse": 3, "samfundsliv": 2, "sundhed": 2},
		v2:   map[string]int{"mentale_funktioner": 3, "samfundsliv": 2, "sundhedsforhold": 2},
		want: []domain.ProvisionID{domain.SEL85}},
	{name: "§ 103 not at pension age", muni: "ishoj", cpr: "010150-1233", living: "own_home",
		v1:   map[string]int{"samfundsliv": 3},
		v2:   map[string]int{"samfundsliv": 3, "fysiske_funktioner": words},
		want: []domain.ProvisionID{domain.SEL85}},
	{name: "§ 85 not in a residential offer", muni: "ishoj", cpr: "150391-1234", living: "residential",
		v1:   map[string]int{"praktiske_opgaver": 2, "socialt_liv": 2},
		v2:   map[string]int{"praktiske_opgaver": 2, "relationer": 2},
		want: []domain.ProvisionID{}},
	{name: "aflastning beside § 85", muni: "ishoj", cpr: "150391-1234", living: "with_family", relief: true, hours: hoursOf(5),
		v1:   map[string]int{"praktiske_opgaver": 2, "egenomsorg": 3},
		v2:   map[string]int{"praktiske_opgaver": 2, "egenomsorg": 3},
		want: []domain.ProvisionID{domain.SEL85, domain.SEL107Relief}},
}

// pairedFile writes one side of a paired case as a case file.
func pairedFile(t *testing.T, pc pairedCase, schema int, method string, themes map[string]int) []byte {
	t.Helper()
	ts := map[string]any{}
	for slug, level := range themes {
		if level == words {
			ts[slug] = map[string]any{"note": "Beskrevet med ord."}
		} else {
			ts[slug] = map[string]any{"level": level, "note": "Vurderet."}
		}
	}
	a := map[string]any{"themes": ts, "permanent": pc.permanent, "relatives_need_relief": pc.relief}
	if pc.hours != nil {
		a["support_hours_per_week"] = *pc.hours
	}
	f := map[string]any{"schema": schema, "municipality": pc.muni, "application_date": "2026-10-05",
		"citizen": map[string]any{"name": "Parret Borger", "cpr": pc.cpr, "living": pc.living}, "assessment": a}
	if method != "" {
		f["method"] = method
	}
	data, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func suggestFile(t *testing.T, cat *Catalog, data []byte) Result {
	t.Helper()
	cf, err := domain.DecodeCaseFile(data, cat.Vocabulary(domain.NewDate(2026, 11, 25)))
	if err != nil {
		t.Fatalf("case file refused:\n%v\n%s", err, data)
	}
	r, err := cat.Suggest(cf)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// neutral rewrites a method's theme names and level labels as tokens, so
// the explanations of the two methods can be compared; a list of themes
// is sorted, since the methods' slugs sort differently.
func neutral(m *domain.Method, toKey func(string) string, text string) string {
	if strings.HasPrefix(text, "Serviceniveau:") {
		return text // the standard's own words (Gentofte's "Social og Sundhed")
	}
	for _, th := range m.Themes {
		text = strings.ReplaceAll(text, th.Name, "<"+toKey(th.Slug)+">")
	}
	for _, l := range m.Levels {
		text = strings.ReplaceAll(text, "("+l.Label+")", "(L"+strconv.Itoa(l.Value)+")")
	}
	if rest, ok := strings.CutPrefix(text, "Temaer: "); ok {
		parts := strings.Split(strings.TrimSuffix(rest, "."), "; ")
		sort.Strings(parts)
		text = "Temaer: " + strings.Join(parts, "; ") + "."
	}
	return text
}

func neutralResult(r Result, m *domain.Method, toKey func(string) string) Result {
	r.Method, r.MethodName = "", ""
	r.Suggestions = slices.Clone(r.Suggestions)
	for i := range r.Suggestions {
		sg := &r.Suggestions[i]
		themes := make([]ThemeLevel, len(sg.Themes))
		for j, th := range sg.Themes {
			themes[j] = ThemeLevel{Slug: toKey(th.Slug), Level: th.Level}
		}
		sort.Slice(themes, func(a, b int) bool { return themes[a].Slug < themes[b].Slug })
		sg.Themes = themes
		sg.Rationale = slices.Clone(sg.Rationale)
		for j := range sg.Rationale {
			sg.Rationale[j] = neutral(m, toKey, sg.Rationale[j])
		}
		sg.Notes = slices.Clone(sg.Notes)
		for j := range sg.Notes {
			sg.Notes[j] = neutral(m, toKey, sg.Notes[j])
		}
	}
	r.Warnings = slices.Clone(r.Warnings)
	for j := range r.Warnings {
		r.Warnings[j] = neutral(m, toKey, r.Warnings[j])
	}
	return r
}

// The same citizen assessed in VUM 1 and in VUM 2.0 gets the same
// suggestions: provisions, roles, tiers, hours, days, deadlines, follow-up,
// sources, explanations and warnings, theme names aside.
func TestPairedCasesSuggestTheSame(t *testing.T) {
	cat1, cat2 := catalog(t), vum2Catalog(t)
	m1, m2 := cat1.Method, cat2.MethodFor("ishoj")
	if m2.ID != "vum2" {
		t.Fatalf("the folder's standards should use vum2, got %s", m2.ID)
	}
	for _, pc := range pairedCases {
		t.Run(pc.name, func(t *testing.T) {
			for v1, v2 := range v1ToV2 {
				_, in1 := pc.v1[v1]
				level2, in2 := pc.v2[v2]
				if in1 != (in2 && level2 != words) {
					t.Fatalf("the pair differs on %s/%s", v1, v2)
				}
			}
			r1 := suggestFile(t, cat1, pairedFile(t, pc, 1, "", pc.v1))
			r2 := suggestFile(t, cat2, pairedFile(t, pc, 2, "vum2", pc.v2))
			if r1.Method != "vum1" || r2.Method != "vum2" || r2.MethodName != "VUM 2.0" {
				t.Errorf("methods: %s and %s (%s)", r1.Method, r2.Method, r2.MethodName)
			}
			got := []domain.ProvisionID{}
			for _, sg := range r2.Suggestions {
				got = append(got, sg.Provision)
			}
			if !slices.Equal(got, pc.want) {
				t.Errorf("VUM 2.0 suggests %v, want %v", got, pc.want)
			}
			n1 := neutralResult(r1, m1, func(s string) string { return v1ToV2[s] })
			n2 := neutralResult(r2, m2, func(s string) string { return s })
			if !reflect.DeepEqual(n1, n2) {
				a, _ := json.MarshalIndent(n1, "", " ")
				b, _ := json.MarshalIndent(n2, "", " ")
				t.Errorf("suggestions differ:\nVUM 1:\n%s\nVUM 2.0:\n%s", a, b)
			}
		})
	}
}

func TestMethodsLoaded(t *testing.T) {
	cat := vum2Catalog(t)
	var ids []string
	for _, m := range cat.Methods() {
		ids = append(ids, m.ID)
	}
	if !slices.Equal(ids, []string{"vum1", "vum2"}) {
		t.Fatalf("methods = %v", ids)
	}
	m, _ := cat.MethodByID("vum2")
	if len(m.Themes) != 11 || len(m.Groups) != 3 || len(m.SupportLevels) != 5 || len(m.GoalTypes) != 3 {
		t.Errorf("VUM 2.0: %d themes, %d groups, %d support levels, %d måltyper", len(m.Themes), len(m.Groups), len(m.SupportLevels), len(m.GoalTypes))
	}
	if got := m.GoalThemes(); !slices.Equal(got, []string{"egenomsorg", "praktiske_opgaver", "mobilitet", "kommunikation", "relationer", "samfundsliv"}) {
		t.Errorf("Aktivitet og deltagelse = %v", got)
	}
	if m.ThemeLevel("mentale_funktioner") != domain.LevelOptional || m.ThemeLevel("relationer") != domain.LevelRequired {
		t.Error("Funktioner og forhold carry an optional level, Aktivitet og deltagelse a required one")
	}
	if emb := catalog(t); emb.MethodFor("ishoj").ID != "vum1" || len(emb.MunicipalitiesUsing("vum2")) != 0 {
		t.Error("the embedded standards stay on VUM 1")
	}
	if got := cat.MunicipalitiesUsing("vum2"); !slices.Equal(got, []string{"ballerup", "gentofte", "ishoj", "vallensbaek"}) {
		t.Errorf("on vum2: %v", got)
	}
}

func TestMethodLoadErrors(t *testing.T) {
	vum2 := embeddedText(t, "method-vum2.toml")
	tests := []struct {
		name  string
		files map[string]string
		says  string
	}{
		{"unknown method", map[string]string{"gentofte.toml": "method = \"vum3\"\n" + embeddedText(t, "gentofte.toml")},
			"gentofte.toml: method: ukendt metode \"vum3\"; kendte metoder: vum1, vum2"},
		{"VUM 1 theme in a VUM 2.0 rule", map[string]string{"gentofte.toml": "method = \"vum2\"\n" + embeddedText(t, "gentofte.toml") + "\n[rules.activity]\ntheme = \"socialt_liv\"\n"},
			"gentofte.toml: rules.activity.theme: temaet \"socialt_liv\" findes ikke i metoden"},
		{"theme in an unknown group", map[string]string{"method-vum2.toml": strings.Replace(vum2, `group = "omgivelsesfaktorer"`+"\nname = \"Omgivelser\"", `group = "omverden"`+"\nname = \"Omgivelser\"", 1)},
			"method-vum2.toml: theme[10].group: gruppen \"omverden\" er ikke beskrevet"},
		{"bad level policy", map[string]string{"method-vum2.toml": strings.Replace(vum2, `level = "optional"`, `level = "maybe"`, 1)},
			"method-vum2.toml: group[0].level: ukendt værdi \"maybe\""},
		{"method without id", map[string]string{"method-x.toml": strings.Replace(vum2, `id = "vum2"`, ``, 1)},
			"method-x.toml: id: metoden skal have et id"},
		{"duplicate source", map[string]string{"method-vum2.toml": strings.Replace(vum2, `id = "andre"`, `id = "borger"`, 1)},
			"method-vum2.toml: statement_source[5].id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadDir(writeDir(t, tt.files))
			if err == nil || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("error = %v, want it to say %q", err, tt.says)
			}
		})
	}
}

// A case assessed under VUM 1 before its municipality moved to VUM 2.0
// stays valid, and its suggestion is still read with VUM 1's themes and
// rules (with a warning); a new assessment under VUM 2.0 on the same case
// is recorded with its method.
func TestCaseFromBeforeTheSwitch(t *testing.T) {
	before, after := catalog(t), vum2Catalog(t)
	today := domain.NewDate(2026, 11, 25)
	cf := decodeExample(t, before, "ishoj-moderat.json")
	at := func(d int) time.Time { return time.Date(2026, 10, d, 9, 0, 0, 0, time.UTC) }
	old := *cf.FirstAssessment(domain.NewDate(2026, 10, 6))
	old.Method, old.MethodVersion = "", "" // recorded before methods were named
	events := []domain.Event{
		{Seq: 1, Kind: domain.EventOpened, Recorded: at(5), User: "sb", Opening: ptr(cf.Opening())},
		{Seq: 2, Kind: domain.EventAssessment, Recorded: at(6), User: "sb", Assessment: &old},
	}
	for name, cat := range map[string]*Catalog{"before": before, "after": after} {
		if ps := cat.CheckHistory("s1", events, today); len(ps) > 0 {
			t.Fatalf("%s the switch: %v", name, ps)
		}
	}
	state, err := domain.Replay("s1", events)
	if err != nil {
		t.Fatal(err)
	}
	r1, _ := before.Suggest(state.File())
	r2, _ := after.Suggest(state.File())
	if r2.Method != "vum1" || len(r2.Warnings) != len(r1.Warnings)+1 || !strings.Contains(r2.Warnings[0], "Udredningen er lavet efter VUM (Voksenudredningsmetoden), men Ishøj Kommune udreder nu efter VUM 2.0") {
		t.Errorf("after the switch: method %s, warnings %q", r2.Method, r2.Warnings)
	}
	r2.Warnings = r2.Warnings[1:]
	if !reflect.DeepEqual(r1, r2) {
		t.Errorf("the old assessment's suggestion changed with the switch")
	}
	// A reassessment under VUM 2.0: only the new method's themes pass.
	re := domain.AssessmentEvent{Date: domain.NewDate(2026, 11, 20), Kind: domain.Reassessment, Method: "vum2", MethodVersion: "2024",
		Assessment: domain.Assessment{Themes: map[string]domain.ThemeAssessment{"relationer": {Level: 3}}}}
	events = append(events, domain.Event{Seq: 3, Kind: domain.EventAssessment, Recorded: at(20), User: "sb", Assessment: &re})
	if ps := after.CheckHistory("s1", events, today); len(ps) > 0 {
		t.Fatalf("VUM 2.0 reassessment: %v", ps)
	}
	re.Assessment.Themes = map[string]domain.ThemeAssessment{"socialt_liv": {Level: 3}}
	if ps := after.CheckHistory("s1", events, today); len(ps) != 1 || ps[0].Field != "events[2].assessment.themes.socialt_liv" {
		t.Errorf("a VUM 1 theme in a VUM 2.0 assessment: %v", ps)
	}
	re.Assessment.Themes = map[string]domain.ThemeAssessment{"relationer": {Level: 3, Support: ptr(7),
		Statements: []domain.Statement{{Source: "nabo", Text: "x"}}}}
	re.Assessment.Targets = []domain.Target{{Text: "t", Theme: "mentale_funktioner", Type: "udvikle"}, {Text: "t", Theme: "relationer", Type: "forbedre"}}
	ps := after.CheckHistory("s1", events, today)
	var fields []string
	for _, p := range ps {
		fields = append(fields, p.Field)
	}
	if want := []string{"events[2].assessment.themes.relationer.support", "events[2].assessment.themes.relationer.statements[0].source",
		"events[2].assessment.targets[0].theme", "events[2].assessment.targets[1].type"}; !slices.Equal(fields, want) {
		t.Errorf("problems at %v, want %v", fields, want)
	}
	re.Method = "vum9"
	if ps := after.CheckHistory("s1", events, today); len(ps) != 1 || !strings.Contains(ps[0].Message, "ukendt metode") {
		t.Errorf("unknown method: %v", ps)
	}
}

func ptr[T any](v T) *T { return &v }
