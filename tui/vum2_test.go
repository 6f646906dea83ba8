package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
)

// vumbyCatalog adds Vumby, a test municipality whose standard names VUM 2.0.
func vumbyCatalog(t testing.TB) *standards.Catalog {
	t.Helper()
	cat, err := standards.LoadDir(filepath.Join("..", "testdata", "standards", "vum2"))
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// vumbyCase opens a case in Vumby with no assessment yet.
func vumbyCase(t testing.TB, st *fakeStore) domain.Case {
	t.Helper()
	c, _ := domain.ParseCPR("150391-1234")
	o := domain.Opening{Municipality: "vumby", Citizen: domain.Citizen{Name: "Mette Hansen", CPR: c, Living: domain.OwnHome},
		ApplicationDate: domain.NewDate(2026, 10, 5)}
	cas, err := st.Create(o, nil)
	if err != nil {
		t.Fatal(err)
	}
	return cas
}

func runVUM2Golden(t *testing.T, st *fakeStore, w, h int, steps ...goldenStep) Model {
	t.Helper()
	m := New(Config{Store: st, Files: &fakeFiles{}, Standards: vumbyCatalog(t), Today: today, SaveDelay: time.Millisecond})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
	for _, s := range steps {
		for _, msg := range s.msgs {
			tm.Send(msg)
		}
		if s.wait != nil {
			teatest.WaitFor(t, tm.Output(), s.wait, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
		}
	}
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	golden.RequireEqual(t, []byte(final.View()))
	return final
}

// The interview in a municipality on VUM 2.0 walks its themes: the first,
// Mentale funktioner, is described in words, with its group and
// sub-themes as the guiding structure.
func TestGoldenInterviewVUM2(t *testing.T) {
	st := newFakeStore()
	cas := vumbyCase(t, st)
	runVUM2Golden(t, st, 100, 36, do("Mette Hansen"), do("Underemner", interviewMsg{cas: cas, kind: domain.FirstAssessment}))
}

// An Aktivitet og deltagelse theme scored on the functional level scale.
func TestGoldenInterviewVUM2Level(t *testing.T) {
	st := newFakeStore()
	cas := vumbyCase(t, st)
	msgs := []tea.Msg{}
	for range 5 {
		msgs = append(msgs, keys("<ctrl+n>")...)
	}
	msgs = append(msgs, keys("2", "<tab>", "Handler ikke ind.")...)
	final := runVUM2Golden(t, st, 100, 36, do("Mette Hansen"), do("Underemner", interviewMsg{cas: cas, kind: domain.FirstAssessment}),
		doSaved("Handler ikke ind.", msgs...))
	e, _ := final.interview.assessmentEvent()
	if e.Method != "vum2" || e.MethodVersion != "2024" || e.Assessment.Themes["praktiske_opgaver"].Level != 2 {
		t.Errorf("the assessment must be recorded under VUM 2.0: %+v", e)
	}
}

// A case assessed under VUM 1 before its municipality moved to VUM 2.0 is
// reassessed under VUM 2.0; the earlier levels are not set beside themes
// of another method, and the card still shows the VUM 1 assessment.
func TestReassessAfterSwitch(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Mette Hansen", "150391-1234", domain.NewDate(2027, 10, 20), map[string]int{"socialt_liv": 2})
	cas, _ := st.Case(id)
	dir := t.TempDir()
	writeSwitchedIshoj(t, dir)
	cat, err := standards.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := drive(t, New(Config{Store: st, Files: &fakeFiles{}, Standards: cat, Today: today, SaveDelay: time.Millisecond}),
		resize(100, 40), interviewMsg{cas: cas, kind: domain.Reassessment})
	view := m.View()
	if !strings.Contains(view, "Mentale funktioner") || !strings.Contains(view, "Tidligere udredt efter VUM (Voksenudredningsmetoden).") {
		t.Errorf("reassessment under VUM 2.0:\n%s", view)
	}
	if e, changed := m.interview.assessmentEvent(); e.Method != "vum2" || !changed {
		t.Errorf("the reassessment records its method: %+v", e)
	}
	card := newCardModel(m.c, cas, "")
	if text := card.assessmentText(80); !strings.Contains(text, "Socialt liv") || !strings.Contains(text, "2 (moderate begrænsninger)") {
		t.Errorf("the card shows the VUM 1 assessment in its words:\n%s", text)
	}
}

// writeSwitchedIshoj writes Ishøj's embedded standard naming VUM 2.0.
func writeSwitchedIshoj(t *testing.T, dir string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "standards", "data", "ishoj.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ishoj.toml"), append([]byte("method = \"vum2\"\n"), data...), 0o644); err != nil {
		t.Fatal(err)
	}
}
