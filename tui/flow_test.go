package tui

import (
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
)

// A whole case by keys, as a caseworker would: new case, interview,
// suggestion, decision, draft saved, back to the list.
func TestWholeCaseByKeys(t *testing.T) {
	st, files := newFakeStore(), &fakeFiles{}
	m := newTestModel(t, st, files)
	m = drive(t, m, resize(80, 24), m.Init()())
	m = drive(t, m, keys("n")...)
	if m.screen != screenNewCase {
		t.Fatalf("n opened %v", m.screen)
	}
	// Kommune: Ishøj (ballerup → gentofte → ishoj), then the citizen.
	m = drive(t, m, keys("<up>", "<right>", "<right>", "<tab>", "Mette Hansen", "<tab>", "150391-1234", "<tab>", "<tab>", "<ctrl+u>", "05-10-2026", "<ctrl+s>")...)
	if m.screen != screenInterview {
		t.Fatalf("after the form: %v (err %v)", m.screen, m.err)
	}
	m = drive(t, m, keys(
		"x", "<ctrl+n>", // fysisk: ikke relevant
		"2", "<tab>", "Jeg tør ikke gå ud.", "<tab>", "Angst; undgår at gå ud alene.", "<ctrl+n>",
		"<ctrl+n>", "2", "<ctrl+n>", // praktiske opgaver
		"1", "<ctrl+n>", "2", // samfundsliv, socialt liv
	)...)
	// Jump to the closing steps through the list.
	for m.interview.current().kind != stepFacts {
		m = drive(t, m, keys("<ctrl+n>")...)
	}
	m = drive(t, m, keys("2,5", "<ctrl+n>", "Handle ind selv", "<enter>", "Få styr på regninger", "<ctrl+s>")...)
	if m.screen != screenDecision {
		t.Fatalf("ctrl+s opened %v (err %v)", m.screen, m.err)
	}
	if p, _ := m.decision.result.Primary(); p.Provision != domain.SEL85 || deref(p.Tier) != "moderat" {
		t.Fatalf("primary = %+v", p)
	}
	m = drive(t, m, keys("<enter>", "<ctrl+s>")...)
	if m.decision.stage != stageDone {
		t.Fatalf("decision stage %v, field errors %v, err %v", m.decision.stage, m.decision.f.errs, m.err)
	}
	rec, _ := st.Case("SAG0001")
	if len(rec.Grants) != 1 || !rec.Grants[0].Decision.FollowedSuggestion || rec.Grants[0].FollowUpDue.String() != "2027-11-25" {
		t.Fatalf("stored grants = %+v", rec.Grants)
	}
	if h, _ := rec.Grants[0].Scope.Amount(domain.UnitHoursPerWeek); h != 2.5 || rec.Grants[0].Tier != "moderat" {
		t.Errorf("scope = %+v tier %q", rec.Grants[0].Scope, rec.Grants[0].Tier)
	}
	cur, _ := rec.Current()
	a := cur.Assessment
	if cur.Kind != domain.FirstAssessment || a.Themes["psykisk_funktionsnedsaettelse"].CitizenView != "Jeg tør ikke gå ud." || !a.Themes["fysisk_funktionsnedsaettelse"].NotRelevant ||
		a.Themes["socialt_liv"].Level != 2 || *a.SupportHoursPerWeek != 2.5 || strings.Join(cur.Goals, "|") != "Handle ind selv|Få styr på regninger" {
		t.Errorf("stored assessment = %+v goals %v", a, cur.Goals)
	}
	if _, ok, _ := st.Draft("SAG0001"); ok {
		t.Error("the draft must be dropped once the assessment is recorded")
	}
	if len(st.visits) != 1 {
		t.Errorf("one interview visit must make one audit entry, got %v", st.visits)
	}
	m = drive(t, m, keys("<enter>", "p", "<enter>")...)
	if m.screen != screenDraft || len(files.saved) != 1 || len(st.drafts) != 1 {
		t.Fatalf("draft: screen %v, files %v, audit %v", m.screen, sortedKeys(files.saved), st.drafts)
	}
	for path, data := range files.saved {
		if !strings.HasSuffix(path, "afgørelse-mette-hansen-2026-11-25.pdf") || !strings.HasPrefix(string(data), "%PDF") {
			t.Errorf("saved %s (%d bytes)", path, len(data))
		}
	}
	m = drive(t, m, keys("<esc>")...)
	if m.screen != screenCard || !strings.Contains(m.View(), "b1 SEL § 85") {
		t.Fatalf("back on the card: %v\n%s", m.screen, m.View())
	}
	m = drive(t, m, keys("<esc>")...)
	if m.screen != screenCases || !strings.Contains(m.View(), "• 25-11-2027") && !strings.Contains(m.View(), "25-11-2027") {
		t.Errorf("back on the list:\n%s", m.View())
	}
}

// Fewer hours than the assessed need is a partial refusal: the screen
// says so and a reason is required.
func TestDecisionBelowNeedNeedsReason(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Mette Hansen", "150391-1234", domain.Date{}, map[string]int{"psykisk_funktionsnedsaettelse": 2, "socialt_liv": 2})
	m := drive(t, newTestModel(t, st, nil), resize(80, 24))
	c, _ := st.Case(id)
	m = drive(t, m, suggestMsg{task: decisionTask{cas: c}})
	m = drive(t, m, keys("<enter>")...) // the primary: § 85, 2,5 hours prefilled
	if got := m.decision.inputs[formAmount].Value(); got != "2,5" {
		t.Fatalf("hours prefilled %q, want the assessed 2,5", got)
	}
	m = drive(t, m, keys("<tab>", "<tab>", "<tab>", "<backspace>", "<backspace>", "<backspace>", "1")...)
	if !m.decision.check.d.BelowNeed || !strings.Contains(m.View(), "Delvis afslag") {
		t.Fatalf("1 hour against a need of 2,5 must show a partial refusal:\n%s", m.View())
	}
	m = drive(t, m, keys("<ctrl+s>")...)
	if !strings.Contains(m.decision.f.errs[formReason], "delvist afslag") {
		t.Fatalf("reason error %q", m.decision.f.errs[formReason])
	}
	if r, _ := st.Case(id); len(r.Grants) != 0 {
		t.Fatal("a decision without its reason was stored")
	}
	m = drive(t, m, keys("<tab>", "<tab>", "Tilbud om gruppeforløb dækker resten.", "<ctrl+s>")...)
	r, _ := st.Case(id)
	if len(r.Grants) != 1 || !r.Grants[0].Decision.BelowNeed || r.Grants[0].Decision.Reason != "Tilbud om gruppeforløb dækker resten." {
		t.Errorf("stored = %+v (err %v)", r.Grants, m.err)
	}
}

// A theme without an interval in the standard: the form proposes 12
// months and says the standard states none.
func TestDecisionProposesFollowUpWhereStandardIsSilent(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Jonas Berg", "020798-1233", domain.Date{}, map[string]int{"psykisk_funktionsnedsaettelse": 1})
	c, _ := st.Case(id)
	m := drive(t, newTestModel(t, st, nil), resize(80, 24), suggestMsg{task: decisionTask{cas: c}})
	m = drive(t, m, keys("<enter>")...)
	view := m.View()
	if m.decision.provision != domain.SEL82a || !strings.Contains(view, "25-11-2027") || !strings.Contains(view, "Standarden angiver intet opfølgningsinterval") {
		t.Errorf("form:\n%s", view)
	}
}

func TestQuitLosesNothing(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Mette Hansen", "150391-1234", domain.Date{}, map[string]int{})
	m := drive(t, newTestModel(t, st, nil), resize(80, 24), openCaseMsg{id: id})
	if m.screen != screenInterview {
		t.Fatalf("an undecided case opens its interview, got %v", m.screen)
	}
	m = drive(t, m, keys("3", "<tab>", "Skrevet lige før ctrl+c")...)
	// No save has run yet when ctrl+c comes: the root flushes.
	next, _ := m.Update(keys("<ctrl+c>")[0])
	_ = next
	d, _, _ := st.Draft(id)
	if v := d.Values()[domain.ThemeField("fysisk_funktionsnedsaettelse", domain.PartCitizenView)]; v != "Skrevet lige før ctrl+c" {
		t.Errorf("quit lost the typing: %q", v)
	}
}

func TestQIsACharacterWhileTyping(t *testing.T) {
	m := drive(t, newTestModel(t, newFakeStore(), nil), resize(80, 24))
	m = drive(t, m, keys("n", "Qasim q")...)
	if got := m.form.inputs[fieldName].Value(); got != "Qasim q" {
		t.Errorf("name = %q; q must be typed, not quit", got)
	}
	if m.screen != screenNewCase {
		t.Errorf("screen = %v", m.screen)
	}
}

func TestNewCaseRefusesBadInput(t *testing.T) {
	st := newFakeStore()
	m := drive(t, newTestModel(t, st, nil), resize(80, 24))
	m = drive(t, m, keys("n", "Mette", "<tab>", "310291-1234", "<ctrl+s>")...)
	if len(st.order) != 0 || m.screen != screenNewCase {
		t.Fatalf("a bad case was stored or the form left: %v", m.screen)
	}
	if !strings.Contains(m.View(), "310291 er ikke en gyldig dato") {
		t.Errorf("the error must show beside the field:\n%s", m.View())
	}
	m = drive(t, m, keys("<tab>", "<tab>", "<backspace>", "<backspace>", "<backspace>", "<backspace>", "2030")...)
	if !strings.Contains(m.View(), "datoen ligger i fremtiden") {
		t.Errorf("future application date:\n%s", m.View())
	}
}

func TestLeaveAndResume(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Mette Hansen", "150391-1234", domain.Date{}, map[string]int{})
	m := drive(t, newTestModel(t, st, nil), resize(80, 24), openCaseMsg{id: id})
	m = drive(t, m, keys("1", "<ctrl+n>", "2", "<ctrl+n>", "x", "<esc>")...)
	if m.screen != screenCases || !strings.Contains(m.View(), "Udredningen er gemt") {
		t.Fatalf("esc: %v\n%s", m.screen, m.View())
	}
	m = drive(t, m, openCaseMsg{id: id})
	if m.interview.current().theme.Slug != "praktiske_opgaver" {
		t.Errorf("resumed at %s, want the first theme not looked at", m.interview.current().theme.Slug)
	}
	if got := m.interview.stepMark(m.interview.steps[1]); got != "2" {
		t.Errorf("psykisk mark = %q", got)
	}
}

func TestFollowUpWithReassessment(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Mette Hansen", "150391-1234", domain.NewDate(2026, 11, 20), map[string]int{"psykisk_funktionsnedsaettelse": 3, "socialt_liv": 2})
	m := drive(t, newTestModel(t, st, nil), resize(80, 24), openCaseMsg{id: id})
	if m.screen != screenCard || !strings.Contains(m.View(), "! 20-11-2026 (forfalden for 5 dage siden)") {
		t.Fatalf("card:\n%s", m.View())
	}
	m = drive(t, m, keys("o")...)
	if m.screen != screenFollowUp || !strings.Contains(m.View(), "Ingen revurdering") {
		t.Fatalf("follow-up:\n%s", m.View())
	}
	m = drive(t, m, keys("<ctrl+r>", "<ctrl+n>", "2")...)
	if !strings.Contains(m.View(), "Tidligere: 3 (svære begrænsninger).") {
		t.Errorf("the earlier level must show beside the new:\n%s", m.View())
	}
	if r, _ := st.Case(id); len(r.Assessments) != 1 {
		t.Errorf("the reassessment is a draft until the follow-up is recorded: %+v", r.Assessments)
	}
	m = drive(t, m, keys("<ctrl+s>")...)
	if m.screen != screenFollowUp || !strings.Contains(m.View(), "niveau 3      → niveau 2") {
		t.Fatalf("follow-up:\n%s", m.View())
	}
	m = drive(t, m, keys("<ctrl+s>")...)
	if !strings.Contains(m.View(), "skriv, hvad opfølgningen viste") {
		t.Errorf("the outcome is required:\n%s", m.View())
	}
	m = drive(t, m, keys("Bedre; handler selv ind.", "<ctrl+s>")...)
	r, _ := st.Case(id)
	cur, _ := r.Current()
	g := r.Grants[0]
	if len(r.Assessments) != 2 || cur.Kind != domain.Reassessment || cur.Assessment.Themes["psykisk_funktionsnedsaettelse"].Level != 2 || g.FollowUpDue.String() != "2027-11-25" {
		t.Errorf("after the follow-up: %+v, due %s", cur, g.FollowUpDue)
	}
	last := r.Events[len(r.Events)-1]
	if last.Kind != domain.EventFollowUp || last.Grant != "b1" || !last.FollowUp.Reassessed || last.FollowUp.Outcome != domain.OutcomeContinue {
		t.Errorf("follow-up event = %+v", last)
	}
	if _, ok, _ := st.Draft(id); ok {
		t.Error("the reassessment draft must be dropped")
	}
	if m.screen != screenCard || !strings.Contains(m.View(), "Opfølgningen er gemt") {
		t.Errorf("back on the card:\n%s", m.View())
	}
}

func TestFilterAndDueOnly(t *testing.T) {
	st := newFakeStore()
	seed(t, st, "Mette Hansen", "150391-1234", domain.NewDate(2026, 11, 20), map[string]int{"socialt_liv": 2})
	seed(t, st, "Lars Holm", "030285-2211", domain.NewDate(2027, 9, 1), map[string]int{"socialt_liv": 2})
	seed(t, st, "Peter Hansen", "110772-1113", domain.NewDate(2026, 12, 10), map[string]int{"socialt_liv": 2})
	m := drive(t, newTestModel(t, st, nil), resize(80, 24))
	m = drive(t, m, m.Init()())
	if len(m.cases.visible) != 3 || m.cases.rows[0].sum.Name != "Mette Hansen" || m.cases.rows[1].sum.Name != "Peter Hansen" {
		t.Fatalf("order: %v", names(m))
	}
	m = drive(t, m, keys("/", "hansen")...)
	if len(m.cases.visible) != 2 {
		t.Errorf("filter hansen: %v", names(m))
	}
	m = drive(t, m, keys("<esc>", "f")...)
	if len(m.cases.visible) != 2 || !strings.Contains(m.View(), "1 forfalden · 1 inden for 30 dage") {
		t.Errorf("due only: %v\n%s", names(m), m.View())
	}
}

func names(m Model) []string {
	var out []string
	for _, i := range m.cases.visible {
		out = append(out, m.cases.rows[i].sum.Name)
	}
	return out
}

// Every view fits the terminal exactly, from the smallest usable size to
// a large one, and below it a message asks for more room.
func TestLayoutFitsEverySize(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Mette Hansen", "150391-1234", domain.NewDate(2026, 11, 20), map[string]int{"psykisk_funktionsnedsaettelse": 3})
	rec, _ := st.Case(id)
	toFacts := append([]tea.Msg{interviewMsg{cas: rec, kind: domain.FirstAssessment}}, keys(strings.Repeat("<pgdown>", 1))...)
	for range 10 {
		toFacts = append(toFacts, keys("<pgdown>")...)
	}
	screens := map[string][]tea.Msg{
		"cases":     nil,
		"help":      keys("?"),
		"card":      {openCaseMsg{id: id}},
		"interview": {interviewMsg{cas: rec, kind: domain.FirstAssessment}},
		"facts":     toFacts,
		"decision":  {suggestMsg{task: decisionTask{cas: rec}}},
		"form":      append([]tea.Msg{suggestMsg{task: decisionTask{cas: rec}}}, keys("<enter>")...),
		"change":    {suggestMsg{task: decisionTask{cas: rec, change: "b1"}}},
		"draft":     {draftMsg{cas: rec, seq: 3}},
		"newcase":   {newCaseMsg{}},
		"followup":  {followUpMsg{cas: rec, grant: "b1"}},
		"reassess":  {interviewMsg{cas: rec, kind: domain.Reassessment, grant: "b1"}},
		"end":       {endGrantMsg{cas: rec, grant: "b1"}},
		"correct":   {correctMsg{cas: rec}},
	}
	for name, script := range screens {
		for _, size := range [][2]int{{64, 18}, {80, 24}, {100, 30}, {120, 40}, {200, 60}} {
			m := drive(t, newTestModel(t, st, nil), resize(size[0], size[1]))
			m = drive(t, m, m.Init()())
			m = drive(t, m, script...)
			checkFits(t, name, m.View(), size[0], size[1])
		}
	}
	m := drive(t, newTestModel(t, st, nil), resize(50, 12))
	if !strings.Contains(m.View(), "Vinduet er for lille (50×12)") {
		t.Errorf("too small:\n%s", m.View())
	}
}

func checkFits(t *testing.T, name, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Errorf("%s at %dx%d: %d lines, want %d", name, w, h, len(lines), h)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("%s at %dx%d: line %d is %d wide: %q", name, w, h, i, lw, l)
		}
	}
}

func TestNewDecisionOnDecidedCaseReturnsToCard(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Mette Hansen", "150391-1234", domain.NewDate(2027, 10, 20), map[string]int{"socialt_liv": 2})
	m := drive(t, newTestModel(t, st, nil), resize(80, 24), openCaseMsg{id: id})
	m = drive(t, m, keys("b")...)
	if m.screen != screenDecision {
		t.Fatalf("b opened %v", m.screen)
	}
	m = drive(t, m, keys("<esc>")...)
	if m.screen != screenCard {
		t.Errorf("esc from a decided case's decision went to %v", m.screen)
	}
}

// When the store cannot save at quit, vum says so and stays; a second
// ctrl+c quits anyway.
func TestQuitWhenStoreFails(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Mette Hansen", "150391-1234", domain.Date{}, map[string]int{})
	m := drive(t, newTestModel(t, st, nil), resize(80, 24), openCaseMsg{id: id})
	model, _ := m.Update(keys("2")[0]) // edited; the save has not run yet
	m = model.(Model)
	st.failNext = errors.New("databasen er i brug")
	model, cmd := m.Update(keys("<ctrl+c>")[0])
	m = model.(Model)
	if cmd != nil || !strings.Contains(m.View(), "kunne ikke gemme før afslutning") {
		t.Fatalf("first ctrl+c must stay and explain:\n%s", m.View())
	}
	_, cmd = m.Update(keys("<ctrl+c>")[0])
	if cmd == nil {
		t.Fatal("second ctrl+c must quit")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("second ctrl+c did not quit")
	}
}

func TestRefusalOfTheProvisionAppliedFor(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Jonas Berg", "020798-1233", domain.Date{}, map[string]int{"socialt_liv": 1})
	rec, _ := st.Case(id)
	m := drive(t, newTestModel(t, st, nil), resize(80, 24), suggestMsg{task: decisionTask{cas: rec}})
	m = drive(t, m, keys("r")...)
	if !strings.Contains(m.View(), "Afslag: vælg den ydelse, der er søgt om") {
		t.Fatalf("r must ask which provision is refused:\n%s", m.View())
	}
	m = drive(t, m, keys("<down>", "<down>", "<enter>")...) // § 82 a → § 82 b → § 85
	drive(t, m, keys("Behovet dækkes af gruppetilbuddet.", "<ctrl+s>")...)
	r, _ := st.Case(id)
	if len(r.Refusals) != 1 || r.Refusals[0].Provision != domain.SEL85 || len(r.Grants) != 0 {
		t.Errorf("refusals = %+v", r.Refusals)
	}
}

// A decision on a case that moved on meanwhile is refused with what was
// recorded; reloading keeps the form, and the decision is then recorded
// beside the other grant.
func TestDecisionOnACaseThatMovedOn(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Mette Hansen", "150391-1234", domain.Date{}, map[string]int{"socialt_liv": 2})
	rec, _ := st.Case(id)
	m := drive(t, newTestModel(t, st, nil), resize(80, 24), suggestMsg{task: decisionTask{cas: rec}})
	m = drive(t, m, keys("<enter>", "<tab>", "<tab>", "<tab>", "<tab>", "Gruppen på biblioteket")...)
	// Meanwhile the command line records a § 104 grant.
	other := domain.Decision{Provision: domain.SEL104, Scope: domain.Scope{}.WithAmount(domain.UnitDaysPerWeek, 2), Date: today, Reason: "CLI"}
	if _, err := st.Append(id, store.Change{Version: rec.Version, Events: []domain.Event{rec.GrantEvent(other)}}); err != nil {
		t.Fatal(err)
	}
	m = drive(t, m, keys("<ctrl+s>")...)
	if m.decision.stale == nil || !strings.Contains(m.View(), "bevilling SEL § 104") {
		t.Fatalf("the stale save must say what changed:\n%s", m.View())
	}
	m = drive(t, m, keys("<ctrl+g>")...)
	if m.decision.stale != nil || m.decision.inputs[formOffer].Value() != "Gruppen på biblioteket" {
		t.Fatalf("reload must keep the form: offer %q", m.decision.inputs[formOffer].Value())
	}
	m = drive(t, m, keys("<ctrl+s>")...)
	r, _ := st.Case(id)
	if len(r.Grants) != 2 || r.Grants[0].Provision != domain.SEL104 || r.Grants[1].Provision != domain.SEL85 || r.Grants[1].Scope.Offer != "Gruppen på biblioteket" {
		t.Errorf("grants = %+v (err %v)", r.Grants, m.err)
	}
}

func TestSearchByFullCPRAndDuplicateWarning(t *testing.T) {
	st := newFakeStore()
	seed(t, st, "Søren Østergaard", "110772-1113", domain.NewDate(2027, 5, 1), map[string]int{"sundhed": 2})
	seed(t, st, "Mette Hansen", "150391-1234", domain.NewDate(2027, 5, 1), map[string]int{"sundhed": 2})
	m := drive(t, newTestModel(t, st, nil), resize(80, 24))
	m = drive(t, m, m.Init()())
	m = drive(t, m, keys("/", "110772-1113")...)
	if got := names(m); len(got) != 1 || got[0] != "Søren Østergaard" {
		t.Errorf("full CPR search found %v", got)
	}
	m = drive(t, m, keys("<esc>", "n", "Peter Krogh", "<tab>", "110772-1113")...)
	if !strings.Contains(m.View(), "der findes allerede 1 sag for dette CPR-nummer: Søren") {
		t.Errorf("no duplicate warning:\n%s", m.View())
	}
	m = drive(t, m, keys("<ctrl+u>", "010110-4001")...)
	if !strings.Contains(m.View(), "borgeren er 16 år") {
		t.Errorf("no age warning:\n%s", m.View())
	}
}

// A CPR number whose citizen has cases only in units the caseworker may
// not see finds nothing, and says so in Danish, in the list and in the
// new case's form, with the units and how many cases but nothing of them;
// the access log notes what was told.
func TestSearchByCPRInOtherUnit(t *testing.T) {
	st := newFakeStore()
	seed(t, st, "Mette Hansen", "150391-1234", domain.NewDate(2027, 5, 1), map[string]int{"sundhed": 2})
	cpr, err := domain.ParseCPR("110772-1113")
	if err != nil {
		t.Fatal(err)
	}
	st.others = map[domain.CPR][]store.OtherUnit{cpr: {{Unit: "Socialpsykiatri", Cases: 1}}}
	m := drive(t, newTestModel(t, st, nil), resize(80, 24))
	m = drive(t, m, m.Init()())
	m = drive(t, m, keys("/", "110772-1113")...)
	view := strings.Join(strings.Fields(m.View()), " ")
	if got := names(m); len(got) != 0 {
		t.Errorf("the search found %v", got)
	}
	for _, want := range []string{"Ingen sager passer til søgningen",
		"Borgeren har 1 sag i en anden enhed (Socialpsykiatri), som du ikke har adgang til. Kontakt enheden, før du opretter en ny sag."} {
		if !strings.Contains(view, want) {
			t.Errorf("the list does not say %q:\n%s", want, m.View())
		}
	}
	// Another number: the note goes.
	m = drive(t, m, keys("<backspace>", "4")...)
	if strings.Contains(m.View(), "anden enhed") {
		t.Errorf("the note stays for another number:\n%s", m.View())
	}
	m = drive(t, m, keys("<esc>", "n", "Peter Krogh", "<tab>", "110772-1113")...)
	view = strings.Join(strings.Fields(m.View()), " ")
	if !strings.Contains(view, "Borgeren har 1 sag i en anden enhed (Socialpsykiatri)") {
		t.Errorf("the new case's form does not warn:\n%s", m.View())
	}
	log := strings.Join(st.accessLog(), "\n")
	if !strings.Contains(log, "søgning  søgning på fuldt CPR-nummer; sager i andre enheder: Socialpsykiatri (1)") ||
		!strings.Contains(log, "søgning  opslag på CPR-nummer i ny sag; sager i andre enheder: Socialpsykiatri (1)") {
		t.Errorf("access log:\n%s", log)
	}
}

func TestAskBeforeDroppingTypedInput(t *testing.T) {
	m := drive(t, newTestModel(t, newFakeStore(), nil), resize(80, 24))
	m = drive(t, m, keys("n", "Mette Hansen", "<esc>")...)
	if m.screen != screenNewCase || !strings.Contains(m.View(), "Tryk esc igen") {
		t.Fatalf("first esc must ask:\n%s", m.View())
	}
	m = drive(t, m, keys("<esc>")...)
	if m.screen != screenCases {
		t.Errorf("esc twice should drop the form, got %v", m.screen)
	}
}

// esc with the full help open closes the help and stays on the screen;
// the next esc is the screen's own.
func TestEscClosesHelpFirst(t *testing.T) {
	st := newFakeStore()
	seed(t, st, "Mette Hansen", "150391-1234", domain.NewDate(2026, 12, 1), map[string]int{"praktiske_opgaver_i_hjemmet": 2})
	m := newTestModel(t, st, nil)
	m = drive(t, m, resize(80, 30), m.Init()())
	m = drive(t, m, keys("<enter>")...)
	if m.screen != screenCard {
		t.Fatalf("enter opened %v", m.screen)
	}
	m = drive(t, m, keys("?")...)
	if !m.showHelp {
		t.Fatal("? did not open the help")
	}
	m = drive(t, m, keys("<esc>")...)
	if m.showHelp || m.screen != screenCard {
		t.Fatalf("after esc: help %v, screen %v", m.showHelp, m.screen)
	}
	m = drive(t, m, keys("<esc>")...)
	if m.screen == screenCard {
		t.Fatal("the second esc did not leave the card")
	}
}
