package synth

import (
	"encoding/json"
	"testing"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
)

func generate(t *testing.T, n int, opt Options) []domain.Record {
	t.Helper()
	cat, err := standards.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	g := New(cat, n, opt)
	out := make([]domain.Record, n)
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

// Every generated line passes vum's own checks, and the population spans
// municipalities, living situations, provisions and decisions.
func TestCasesAreValidAndVaried(t *testing.T) {
	cat, _ := standards.Embedded()
	v := cat.Vocabulary(today)
	munis, livings, provisions := map[string]bool{}, map[domain.Living]bool{}, map[domain.ProvisionID]bool{}
	overridden, refused, open := 0, 0, 0
	for _, r := range generate(t, 2000, Options{Seed: 1, Today: today}) {
		line, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := domain.DecodeRecord(line, v); err != nil {
			t.Fatalf("generated line refused: %v\n%s", err, line)
		}
		munis[r.Case.Municipality] = true
		livings[r.Case.Citizen.Living] = true
		switch d := r.Decision; {
		case d == nil:
			open++
		case d.Refused:
			refused++
		case !d.FollowedSuggestion:
			overridden++
		}
		if r.Decision != nil {
			provisions[r.Decision.Provision] = true
		}
	}
	if len(munis) != 4 || len(livings) != 4 || len(provisions) < 6 || overridden == 0 || refused == 0 || open == 0 {
		t.Errorf("munis %v livings %v provisions %v overridden %d refused %d open %d", munis, livings, provisions, overridden, refused, open)
	}
}

// With Due set, exactly that many follow-ups fall within the window.
func TestExactNumberDue(t *testing.T) {
	horizon := today.AddDays(30)
	due := 0
	for _, r := range generate(t, 3000, Options{Seed: 3, Today: today, Due: 150}) {
		if !r.FollowUpDue.IsZero() && !r.FollowUpDue.After(horizon) {
			due++
		}
	}
	if due != 150 {
		t.Errorf("%d follow-ups due within 30 days, want 150", due)
	}
}
