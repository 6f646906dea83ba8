package synth

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
	"github.com/vumdk/vum/store"
)

func generate(t *testing.T, n int, opt Options) []store.ExportCase {
	t.Helper()
	cat, err := standards.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	g := New(cat, n, opt)
	out := make([]store.ExportCase, n)
	for i := range out {
		out[i] = g.Next()
	}
	return out
}

var today = domain.NewDate(2026, 11, 25)

// The same seed gives the same cases; another seed others.
func TestDeterministicBySeed(t *testing.T) {
	a, _ := json.Marshal(generate(t, 200, Options{Seed: 7, Today: today}))
	b, _ := json.Marshal(generate(t, 200, Options{Seed: 7, Today: today}))
	c, _ := json.Marshal(generate(t, 200, Options{Seed: 8, Today: today}))
	if string(a) != string(b) {
		t.Error("the same seed gave different cases")
	}
	if string(a) == string(c) {
		t.Error("another seed gave the same cases")
	}
}

// Every generated case passes vum's own checks of a recorded history,
// and the population spans municipalities, living situations, provisions,
// and every kind of event a case over time has.
func TestCasesAreValidAndVaried(t *testing.T) {
	cat, _ := standards.Embedded()
	munis, livings, provisions := map[string]bool{}, map[domain.Living]bool{}, map[domain.ProvisionID]bool{}
	kinds := map[domain.EventKind]int{}
	overridden, open, several, reassessed := 0, 0, 0, 0
	for _, ec := range generate(t, 2000, Options{Seed: 1, Today: today}) {
		if ps := cat.CheckHistory(ec.ID, ec.Events, today); len(ps) > 0 {
			line, _ := json.Marshal(ec)
			t.Fatalf("generated case refused: %v\n%s", ps, line)
		}
		c, err := domain.Replay(ec.ID, ec.Events)
		if err != nil {
			t.Fatal(err)
		}
		munis[c.Municipality] = true
		livings[c.Citizen.Living] = true
		if !c.Decided() {
			open++
		}
		if len(c.Grants) > 1 {
			several++
		}
		for _, e := range c.Events {
			kinds[e.Kind]++
			if e.Decision != nil {
				provisions[e.Decision.Provision] = true
				if !e.Decision.FollowedSuggestion && !e.Decision.Refused {
					overridden++
				}
			}
			if e.Assessment != nil && e.Assessment.Kind == domain.Reassessment {
				reassessed++
			}
		}
	}
	if len(munis) != 4 || len(livings) != 4 || len(provisions) < 6 || overridden == 0 || open == 0 || several == 0 || reassessed == 0 {
		t.Errorf("munis %v livings %v provisions %v overridden %d open %d several grants %d reassessed %d", munis, livings, provisions, overridden, open, several, reassessed)
	}
	for _, k := range []domain.EventKind{domain.EventGrant, domain.EventRefusal, domain.EventChange, domain.EventTermination, domain.EventFollowUp, domain.EventCorrection} {
		if kinds[k] == 0 {
			t.Errorf("no %s in 2000 cases: %v", k, kinds)
		}
	}
}

// With Due set, exactly that many follow-ups fall within the window, one
// per chosen case, whatever the number of grants.
func TestExactNumberDue(t *testing.T) {
	horizon := today.AddDays(30)
	due := 0
	for _, ec := range generate(t, 3000, Options{Seed: 3, Today: today, Due: 150}) {
		c, err := domain.Replay(ec.ID, ec.Events)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range c.Active() {
			if !g.FollowUpDue.IsZero() && !g.FollowUpDue.After(horizon) {
				due++
			}
		}
	}
	if due != 150 {
		t.Errorf("%d follow-ups due within 30 days, want 150", due)
	}
}

// With a municipality whose standard names VUM 2.0, every case is
// assessed under it, with what VUM 2.0 adds, and passes vum's checks of a
// recorded history; the cases are decided on the VUM 2.0 rules.
func TestVUM2Cases(t *testing.T) {
	cat, err := standards.LoadDir(filepath.Join("..", "..", "..", "testdata", "standards", "vum2"))
	if err != nil {
		t.Fatal(err)
	}
	g := New(cat, 300, Options{Seed: 5, Today: today, Municipalities: []string{"vumby"}})
	support, statements, targets, words, granted, reassessed := 0, 0, 0, 0, 0, 0
	for range 300 {
		ec := g.Next()
		if ps := cat.CheckHistory(ec.ID, ec.Events, today); len(ps) > 0 {
			line, _ := json.Marshal(ec)
			t.Fatalf("generated case refused: %v\n%s", ps, line)
		}
		c, err := domain.Replay(ec.ID, ec.Events)
		if err != nil {
			t.Fatal(err)
		}
		if c.Municipality != "vumby" {
			t.Fatalf("municipality %q", c.Municipality)
		}
		granted += len(c.Grants)
		for _, a := range c.Assessments {
			if a.Method != "vum2" || a.MethodVersion != "2024" {
				t.Fatalf("assessment under %q %q", a.Method, a.MethodVersion)
			}
			if a.Kind == domain.Reassessment {
				reassessed++
			}
			if a.Assessment.Purpose != "" && len(a.Assessment.Targets) > 0 {
				targets++
			}
			for _, tt := range a.Assessment.Targets {
				if m := cat.MethodOf("vum2"); !m.GoalTheme(tt.Theme) {
					t.Errorf("indsatsmål on %s, not an Aktivitet og deltagelse theme", tt.Theme)
				}
			}
			for slug, th := range a.Assessment.Themes {
				if th.Support != nil {
					support++
				}
				statements += len(th.Statements)
				if th.Unscored && cat.MethodOf("vum2").ThemeLevel(slug) != domain.LevelRequired {
					words++
				}
			}
		}
	}
	if support == 0 || statements == 0 || targets == 0 || words == 0 || granted == 0 || reassessed == 0 {
		t.Errorf("support %d statements %d targets %d described in words %d grants %d reassessed %d",
			support, statements, targets, words, granted, reassessed)
	}
}
