package standards

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vumdk/vum/domain"
)

func TestEmbeddedStandardsLoad(t *testing.T) {
	cat, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(cat.Municipalities(), ","); got != "ballerup,gentofte,ishoj,vallensbaek" {
		t.Errorf("municipalities = %s", got)
	}
	if n := len(cat.Method.Themes); n != 11 {
		t.Errorf("method has %d themes, want VUM's 11", n)
	}
	ishoj, _, _ := cat.ForMunicipality("ishoj")
	vallensbaek, mu, _ := cat.ForMunicipality("vallensbaek")
	if ishoj.ID != vallensbaek.ID || mu.Name != "Vallensbæk Kommune" {
		t.Error("Vallensbæk must use Ishøj's catalogue under its own name")
	}
	if mu.Unit != "" || mu.Address != "" || mu.ComplaintAddress != "" {
		t.Errorf("Vallensbæk must not carry Ishøj's unit, address or complaint address: %+v", mu)
	}
	covered := map[string][]domain.ProvisionID{
		"ishoj":       {domain.SEL82a, domain.SEL85, domain.SEL103, domain.SEL104, domain.SEL107, domain.SEL107Relief, domain.SEL108},
		"vallensbaek": {domain.SEL85, domain.SEL103, domain.SEL104, domain.SEL107, domain.SEL107Relief, domain.SEL108},
		"ballerup":    {domain.SEL82a, domain.SEL82b},
		"gentofte":    {domain.SEL85, domain.SEL104},
	}
	for id, provisions := range covered {
		s, _, _ := cat.ForMunicipality(id)
		if len(s.Provisions) != len(provisions) {
			t.Errorf("%s covers %d provisions, want %d", id, len(s.Provisions), len(provisions))
		}
		for _, p := range provisions {
			if _, ok := s.Provision(p); !ok {
				t.Errorf("%s lacks %s", id, p)
			}
		}
	}
}

// The facts the seeds state, as loaded.
func TestEmbeddedServiceLevels(t *testing.T) {
	cat, _ := Embedded()
	get := func(m string, id domain.ProvisionID) *ProvisionStandard {
		s, _, _ := cat.ForMunicipality(m)
		p, ok := s.Provision(id)
		if !ok {
			t.Fatalf("%s has no %s", m, id)
		}
		return p
	}
	months := func(p *ProvisionStandard) int { n, _ := p.FollowUp().Latest(); return n }
	if p := get("ishoj", domain.SEL85); len(p.Tiers) != 4 || *p.DecisionTargetWeeks != 8 || months(p) != 12 || *p.AgeMax != 65 {
		t.Errorf("Ishøj § 85 = %+v", p)
	}
	if p := get("ishoj", domain.SEL108); months(p) != 24 || !*p.FreeChoice || *p.DecisionTargetWeeks != 16 {
		t.Errorf("Ishøj § 108 = %+v", p)
	}
	if p := get("ishoj", domain.SEL107Relief); *p.DaysPerYearMax != 90 {
		t.Errorf("Ishøj aflastning days = %d", *p.DaysPerYearMax)
	}
	if p := get("ishoj", domain.SEL82a); *p.DecisionTargetDays != 14 || *p.Appeal.Appealable || p.FollowUp().Stated() {
		t.Errorf("Ishøj § 82 a = %+v", p)
	}
	if p := get("ballerup", domain.SEL82b); *p.DurationMaxMonths != 6 || p.DecisionTargetWeeks != nil || p.FollowUp().Stated() {
		t.Errorf("Ballerup § 82 b = %+v", p)
	}
	if p := get("gentofte", domain.SEL85); len(p.Tiers) != 0 || p.FollowUp().Window.Min != 3 || months(p) != 6 {
		t.Errorf("Gentofte § 85 = %+v", p)
	}
	if p := get("gentofte", domain.SEL104); *p.DaysPerWeekMin != 1 || *p.DaysPerWeekMax != 5 || p.FollowUp().Stated() {
		t.Errorf("Gentofte § 104 = %+v", p)
	}
}

func writeDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func embeddedText(t *testing.T, name string) string {
	t.Helper()
	data, err := embedded.ReadFile("data/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestLoadDirReplacesOnlyTheSameStandard(t *testing.T) {
	updated := strings.Replace(embeddedText(t, "gentofte.toml"),
		"follow_up_months_max = 6", "follow_up_months_max = 5", 1)
	cat, err := LoadDir(writeDir(t, map[string]string{"gentofte.toml": updated}))
	if err != nil {
		t.Fatal(err)
	}
	s, _, _ := cat.ForMunicipality("gentofte")
	p, _ := s.Provision(domain.SEL85)
	if n, _ := p.FollowUp().Latest(); n != 5 {
		t.Errorf("updated follow-up = %d, want 5", n)
	}
	if s.Origin == "indlejret" {
		t.Error("origin should name the folder")
	}
	if _, _, ok := cat.ForMunicipality("ishoj"); !ok {
		t.Error("Ishøj must still come from the embedded files")
	}
}

func TestLoadDirMethodFile(t *testing.T) {
	method := strings.Replace(embeddedText(t, "method.toml"), `name = "VUM (Voksenudredningsmetoden)"`, `name = "VUM 2.0"`, 1)
	method = strings.Replace(method, `slug = "omgivelser"`, `slug = "relationer"`, 1)
	cat, err := LoadDir(writeDir(t, map[string]string{"method.toml": method}))
	if err != nil {
		t.Fatal(err)
	}
	if cat.Method.Name != "VUM 2.0" {
		t.Errorf("method = %s", cat.Method.Name)
	}
	if _, ok := cat.Method.Theme("relationer"); !ok {
		t.Error("the folder's own theme list was not used")
	}
}

func TestLoadDirReportsEveryProblemWithFileAndField(t *testing.T) {
	broken := embeddedText(t, "ishoj.toml")
	for _, r := range []struct{ from, to string }{
		{"decision_target_weeks = 8\nfollow_up_months = 12\nfollow_up_note = \"Der følges op mindst én gang", "decision_target_weeks = 8\ndecision_target_days = 10\nfollow_up_months = 12\nfollow_up_note = \"Der følges op mindst én gang"},
		{"name = \"stor\"\nhours_min = 4", "name = \"stor\"\nhours_min = 5"},
		{"days_per_year_max = 90", "days_per_year_max = 900"},
		{"id = \"sel108\"", "id = \"sel109\""},
		{"living = [\"with_family\"]", "living = [\"hjemme\"]"},
		{"year = 2015", "year = 2015\naar = 2015"},
	} {
		if !strings.Contains(broken, r.from) {
			t.Fatalf("fixture text %q not found", r.from)
		}
		broken = strings.Replace(broken, r.from, r.to, 1)
	}
	_, err := LoadDir(writeDir(t, map[string]string{"ishoj.toml": broken}))
	le, ok := err.(*LoadError)
	if !ok {
		t.Fatalf("want *LoadError, got %v", err)
	}
	want := []string{
		"ishoj.toml: provision[sel85].decision_target_days",
		"ishoj.toml: provision[sel85].tier[2].hours_min",
		"ishoj.toml: provision[sel107-aflastning].days_per_year_max",
		"ishoj.toml: provision[sel109].id",
		"ishoj.toml: provision[sel107-aflastning].living",
		"ishoj.toml: source.katalog.aar",
	}
	text := le.Error()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("missing problem at %s in:\n%s", w, text)
		}
	}
}

func TestLoadDirErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		says  string
	}{
		{"syntax", map[string]string{"x.toml": "id = \"x\"\n[[provision]\n"}, "ugyldig TOML i linje 2"},
		{"empty standard", map[string]string{"x.toml": "id = \"x\"\n"}, "angiv mindst én kommune"},
		{"duplicate municipality", map[string]string{"x.toml": strings.Replace(embeddedText(t, "gentofte.toml"), `id = "gentofte"`, `id = "kopi"`, 1)}, "kommunen \"gentofte\" findes også"},
		{"appeal unstated", map[string]string{"gentofte.toml": strings.Replace(embeddedText(t, "gentofte.toml"), "appealable = true", "", 1)}, "appeal.appealable"},
		{"bad rule theme", map[string]string{"gentofte.toml": embeddedText(t, "gentofte.toml") + "\n[rules.activity]\ntheme = \"venner\"\n"}, "rules.activity.theme"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadDir(writeDir(t, tt.files))
			if err == nil || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("error = %v, want it to say %q", err, tt.says)
			}
		})
	}
	if _, err := LoadDir(filepath.Join(t.TempDir(), "mangler")); err == nil || !strings.Contains(err.Error(), "findes ikke") {
		t.Errorf("missing folder: %v", err)
	}
	if _, err := LoadDir(t.TempDir()); err == nil || !strings.Contains(err.Error(), "ingen .toml-filer") {
		t.Errorf("empty folder: %v", err)
	}
}

// A [rules] table overrides only the keys it names and never leaks into
// another municipality's rules.
func TestRuleOverridesStayLocal(t *testing.T) {
	cat, _ := Embedded()
	ballerup, _, _ := cat.ForMunicipality("ballerup")
	ishoj, _, _ := cat.ForMunicipality("ishoj")
	if len(ballerup.Rules.Early.Provisions) != 2 || len(ishoj.Rules.Early.Provisions) != 1 {
		t.Errorf("early provisions: ballerup %v, ishoj %v", ballerup.Rules.Early.Provisions, ishoj.Rules.Early.Provisions)
	}
	if ballerup.Rules.Support.MinLevel != 2 || ballerup.Rules.Residential.MinThemes != 3 {
		t.Error("keys Ballerup does not override must keep the defaults")
	}
}
