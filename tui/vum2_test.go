package tui

import (
	"bytes"
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
	msgs = append(msgs, keys("2", "<tab>", "3", "<tab>", "Handler ikke ind.")...)
	final := runVUM2Golden(t, st, 100, 36, do("Mette Hansen"), do("Underemner", interviewMsg{cas: cas, kind: domain.FirstAssessment}),
		doSaved("Handler ikke ind.", msgs...))
	e, _ := final.interview.assessmentEvent()
	if th := e.Assessment.Themes["praktiske_opgaver"]; e.Method != "vum2" || e.MethodVersion != "2024" || th.Level != 2 || th.Support == nil || *th.Support != 3 {
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

// A whole case in Vumby by keys, in VUM 2.0's terms: a Funktioner og
// forhold theme described in words with a statement from a relative, an
// Aktivitet og deltagelse theme with its level and støttebehov, the
// citizen's own wishes and the sagsvurdering with an indsatsmål; the
// suggestion is the paired VUM 1 case's, and the card shows it all.
func TestWholeVUM2CaseByKeys(t *testing.T) {
	st := newFakeStore()
	cas := vumbyCase(t, st)
	m := drive(t, New(Config{Store: st, Files: &fakeFiles{}, Standards: vumbyCatalog(t), Today: today, SaveDelay: time.Millisecond}),
		resize(100, 36), interviewMsg{cas: cas, kind: domain.FirstAssessment})
	// Mentale funktioner: words only, a statement from a relative.
	m = drive(t, m, keys("<tab>", "<tab>", "<tab>", "Angst; undgår at gå ud alene.", "<tab>", "<right>", "<right>", "<right>", "<tab>",
		"Hun tør ikke tage bussen.", "<enter>")...)
	th := m.interview.work.Assessment.Themes["mentale_funktioner"]
	if th.Note != "Angst; undgår at gå ud alene." || len(th.Statements) != 1 || th.Statements[0].Source != "paaroerende" ||
		th.Statements[0].Text != "Hun tør ikke tage bussen." || !th.Unscored {
		t.Fatalf("Mentale funktioner = %+v (area %v)", th, m.interview.area)
	}
	if !strings.Contains(m.View(), "pårørende: »Hun tør ikke tage bussen.«") || !strings.Contains(m.View(), "✓ Mentale funktioner") {
		t.Errorf("the statement and the described theme must show:\n%s", m.View())
	}
	// Samfundsliv at svært with a high støttebehov; Relationer moderat.
	for m.interview.current().theme.Slug != "samfundsliv" {
		m = drive(t, m, keys("<ctrl+n>")...)
	}
	m = drive(t, m, keys("3", "<tab>", "3", "<ctrl+p>", "2", "<tab>", "<right>", "<right>")...)
	if s := m.interview.work.Assessment.Themes["relationer"].Support; s == nil || *s != 1 {
		t.Fatalf("støttebehov for Relationer: %v", s)
	}
	for m.interview.current().kind != stepGoals {
		m = drive(t, m, keys("<ctrl+n>")...)
	}
	m = drive(t, m, keys("Et arbejde, jeg kan klare", "<ctrl+n>")...)
	if m.interview.current().kind != stepChain {
		t.Fatalf("the sagsvurdering follows the wishes: %v", m.interview.current().kind)
	}
	m = drive(t, m, keys("Angsten begrænser arbejde og samvær.", "<tab>", "Mette får en hverdag med beskæftigelse.",
		"<tab>", "<enter>")...)
	if m.interview.chainErr == "" || len(m.interview.work.Assessment.Targets) != 0 {
		t.Fatal("an indsatsmål without text must be refused")
	}
	// Primary theme: Samfundsliv is the sixth Aktivitet og deltagelse
	// theme; måltype: udvikle (the second).
	m = drive(t, m, keys("Mette arbejder tre dage om ugen.", "<tab>", "<left>", "<tab>", "<right>", "<enter>")...)
	a := m.interview.work.Assessment
	if a.Situation != "Angsten begrænser arbejde og samvær." || a.Purpose != "Mette får en hverdag med beskæftigelse." ||
		len(a.Targets) != 1 || a.Targets[0].Theme != "samfundsliv" || a.Targets[0].Type != "udvikle" {
		t.Fatalf("the sagsvurdering = %+v", a)
	}
	m = drive(t, m, keys("<ctrl+s>")...)
	if m.screen != screenDecision {
		t.Fatalf("ctrl+s opened %v (err %v)", m.screen, m.err)
	}
	p, _ := m.decision.result.Primary()
	if p.Provision != domain.SEL103 || m.decision.result.Method != "vum2" {
		t.Fatalf("Samfundsliv at svært must suggest § 103 on VUM 2.0's rules, as in VUM 1: %s %+v", m.decision.result.Method, p)
	}
	if view := m.View(); strings.Contains(view, "VUM (Voksenudredningsmetoden)") || strings.Contains(view, "mentale_funktioner") ||
		!strings.Contains(view, "svært nedsat funktionsevne") {
		t.Errorf("the suggestions must speak VUM 2.0:\n%s", view)
	}
	m = drive(t, m, keys("<enter>", "<ctrl+s>")...)
	c, _ := st.Case(cas.ID)
	cur, ok := c.Current()
	if !ok || cur.Method != "vum2" || cur.Assessment.Themes["mentale_funktioner"].Statements[0].Source != "paaroerende" ||
		len(cur.Assessment.Targets) != 1 || strings.Join(cur.Goals, "|") != "Et arbejde, jeg kan klare" {
		t.Fatalf("recorded assessment = %+v (err %v)", cur, m.err)
	}
	card := newCardModel(m.c, c, "")
	if !strings.Contains(card.content(), "udredning (første), efter VUM 2.0") {
		t.Errorf("the history names the method of the assessment:\n%s", card.content())
	}
	text := card.assessmentText(90)
	for _, want := range []string{"VUM 2.0", "Funktioner og forhold", "Mentale funktioner", "beskrevet med ord",
		"pårørende: »Hun tør ikke tage bussen.«", "Samfundsliv", "3 (svært nedsat funktionsevne)", "Støttebehov: højt støttebehov",
		"Borgerens egne ønsker og mål", "Indsatsformål", "Mette får en hverdag med beskæftigelse.", "Indsatsmål",
		"Mette arbejder tre dage om ugen.", "Samfundsliv · udvikle funktionsevne"} {
		if !strings.Contains(text, want) {
			t.Errorf("the card lacks %q:\n%s", want, text)
		}
	}
}

// The statements of a theme and the sagsvurdering on screen.
func TestGoldenInterviewVUM2Statements(t *testing.T) {
	st := newFakeStore()
	cas := vumbyCase(t, st)
	msgs := keys("<tab>", "<tab>", "<tab>", "<tab>", "<right>", "<right>", "<right>", "<tab>", "Hun tør ikke tage bussen.", "<enter>",
		"<shift+tab>", "<left>", "<left>", "<left>", "<tab>", "Jeg bliver hjemme.", "<enter>")
	runVUM2Golden(t, st, 100, 36, do("Mette Hansen"), do("Underemner", interviewMsg{cas: cas, kind: domain.FirstAssessment}),
		doSaved("borger: »Jeg bliver hjemme.«", msgs...))
}

func TestGoldenInterviewVUM2Chain(t *testing.T) {
	st := newFakeStore()
	cas := vumbyCase(t, st)
	var msgs []tea.Msg
	for range 13 {
		msgs = append(msgs, keys("<ctrl+n>")...)
	}
	msgs = append(msgs, keys("Angsten begrænser arbejde og samvær.", "<tab>", "Mette får en hverdag med beskæftigelse.",
		"<tab>", "Mette arbejder tre dage om ugen.", "<tab>", "<left>", "<tab>", "<right>", "<enter>")...)
	// The goal added, then back to the field for the next one: the last
	// step waits for the focus to be there and for any save it started.
	back := keys("<shift+tab>", "<shift+tab>")
	focused, left, saved, saving := []byte("> Nyt indsatsmål"), []byte("> Primært tema"), []byte("✓ gemt"), []byte("gemmer …")
	runVUM2Golden(t, st, 100, 36, do("Mette Hansen"), do("Underemner", interviewMsg{cas: cas, kind: domain.FirstAssessment}),
		doSaved("1. Mette arbejder tre dage om ugen.", msgs...),
		goldenStep{msgs: back, wait: func(out []byte) bool {
			// out holds what was drawn since the last step: no "gemmer …"
			// after the last "✓ gemt" (or neither) means nothing is unsaved.
			return bytes.LastIndex(out, focused) > bytes.LastIndex(out, left) && bytes.LastIndex(out, saved) >= bytes.LastIndex(out, saving)
		}})
}

// A reassessment under VUM 2.0 sets the earlier answers beside the new:
// the level (or that the theme was described in words) and the
// støttebehov.
func TestReassessVUM2ShowsEarlierSupport(t *testing.T) {
	st := newFakeStore()
	c, _ := domain.ParseCPR("150391-1234")
	two := 2
	a := domain.Assessment{Themes: map[string]domain.ThemeAssessment{
		"mentale_funktioner": {Unscored: true, Note: "Angst."},
		"samfundsliv":        {Level: 3, Support: &two},
	}}
	cas, err := st.Create(domain.Opening{Municipality: "vumby", Citizen: domain.Citizen{Name: "Mette Hansen", CPR: c, Living: domain.OwnHome},
		ApplicationDate: domain.NewDate(2026, 10, 5)}, &domain.AssessmentEvent{Date: domain.NewDate(2026, 10, 20), Kind: domain.FirstAssessment,
		Assessment: a, Method: "vum2", MethodVersion: "2024"})
	if err != nil {
		t.Fatal(err)
	}
	m := drive(t, New(Config{Store: st, Files: &fakeFiles{}, Standards: vumbyCatalog(t), Today: today, SaveDelay: time.Millisecond}),
		resize(100, 40), interviewMsg{cas: cas, kind: domain.Reassessment})
	if view := m.View(); !strings.Contains(view, "Tidligere: beskrevet med ord.") {
		t.Errorf("the earlier description in words must show:\n%s", view)
	}
	for m.interview.current().theme.Slug != "samfundsliv" {
		m = drive(t, m, keys("<ctrl+n>")...)
	}
	if view := m.View(); !strings.Contains(view, "Tidligere: 3 (svært nedsat funktionsevne).") || !strings.Contains(view, "Tidligere: 2 moderat støttebehov.") {
		t.Errorf("the earlier level and støttebehov must show:\n%s", view)
	}
}

// After Ishøj moves to VUM 2.0, a case assessed and decided before the
// switch shows the very card it showed before: the golden of TestGoldenCard.
func TestGoldenCardAfterSwitch(t *testing.T) {
	st, id, _ := sampleStore(t)
	dir := t.TempDir()
	writeSwitchedIshoj(t, dir)
	cat, err := standards.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if cat.MethodFor("ishoj").ID != "vum2" {
		t.Fatal("Ishøj should assess with VUM 2.0 in the folder")
	}
	m := New(Config{Store: st, Files: &fakeFiles{}, Standards: cat, Today: today, SaveDelay: time.Millisecond})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	teatest.WaitFor(t, tm.Output(), func(out []byte) bool { return bytes.Contains(out, []byte("Lars Holm")) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
	tm.Send(openCaseMsg{id: id})
	teatest.WaitFor(t, tm.Output(), func(out []byte) bool { return bytes.Contains(out, []byte("Bevillinger")) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	got := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model).View()
	want, err := os.ReadFile(filepath.Join("testdata", "TestGoldenCard.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.ReplaceAll(string(want), "\r\n", "\n") != got {
		t.Errorf("the card changed with the switch:\n%s\n---\n%s", want, got)
	}
}

// A statement or an indsatsmål typed but not added with enter is not
// lost: moving on adds the statement to its theme, and leaving for the
// suggestions records the indsatsmål with the theme and måltype chosen.
func TestTypedStatementAndTargetAreKept(t *testing.T) {
	st := newFakeStore()
	cas := vumbyCase(t, st)
	m := drive(t, New(Config{Store: st, Files: &fakeFiles{}, Standards: vumbyCatalog(t), Today: today, SaveDelay: time.Millisecond}),
		resize(100, 36), interviewMsg{cas: cas, kind: domain.FirstAssessment})
	m = drive(t, m, keys("<tab>", "<tab>", "<tab>", "<tab>", "<tab>", "Jeg klarer mig.", "<ctrl+n>")...)
	if sts := m.interview.work.Assessment.Themes["mentale_funktioner"].Statements; len(sts) != 1 || sts[0].Text != "Jeg klarer mig." || sts[0].Source != "borger" {
		t.Fatalf("the typed statement must be added to the theme left: %+v", sts)
	}
	if m.interview.statement.Value() != "" {
		t.Error("the statement field must be empty on the next theme")
	}
	for m.interview.current().kind != stepChain {
		m = drive(t, m, keys("<ctrl+n>")...)
	}
	m = drive(t, m, keys("<tab>", "<tab>", "Mette handler selv ind.")...)
	d, ok, _ := st.Draft(cas.ID)
	if !ok || !strings.Contains(d.Values()[domain.DraftTargets], "Mette handler selv ind.") {
		t.Errorf("the typed indsatsmål must be saved with the draft: %v", d.Values())
	}
	m = drive(t, m, keys("<ctrl+s>")...)
	if m.screen != screenDecision || m.decision.task.assessment == nil {
		t.Fatalf("ctrl+s opened %v", m.screen)
	}
	if tg := m.decision.task.assessment.Assessment.Targets; len(tg) != 1 || tg[0].Text != "Mette handler selv ind." || tg[0].Theme != "egenomsorg" || tg[0].Type != "fastholde" {
		t.Errorf("the typed indsatsmål must go with the assessment: %+v", tg)
	}
}
