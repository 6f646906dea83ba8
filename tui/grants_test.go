package tui

import (
	"strings"
	"testing"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
)

const (
	psy = "psykisk_funktionsnedsaettelse"
	soc = "socialt_liv"
)

// From the card a second grant is added: the complementary suggestion
// (§ 104 beside § 85) needs no reason, its days come from the
// suggestion, and the card lists both grants.
func TestComplementaryGrantBesideTheFirst(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Mette Hansen", "150391-1234", domain.NewDate(2027, 10, 20), map[string]int{psy: 3, soc: 3})
	m := drive(t, newTestModel(t, st, nil), resize(80, 24), openCaseMsg{id: id})
	m = drive(t, m, keys("b")...)
	if m.screen != screenDecision || !strings.Contains(m.View(), "bevilget") {
		t.Fatalf("b opened %v:\n%s", m.screen, m.View())
	}
	for m.decision.cursor < len(m.decision.result.Suggestions) && m.decision.result.Suggestions[m.decision.cursor].Provision != domain.SEL104 {
		m = drive(t, m, keys("<down>")...)
	}
	m = drive(t, m, keys("<enter>")...)
	if m.decision.check.needsReason || !strings.Contains(m.View(), "supplerende forslag; ingen begrundelse kræves") {
		t.Fatalf("a complementary suggestion needs no reason:\n%s", m.View())
	}
	if m.decision.inputs[formAmount].Value() == "" || !strings.Contains(m.View(), "Dage om ugen") {
		t.Errorf("the days must be prefilled from the suggestion:\n%s", m.View())
	}
	m = drive(t, m, keys("<ctrl+s>")...)
	if m.decision.stage != stageDone {
		t.Fatalf("not saved: %v %v", m.decision.f.errs, m.err)
	}
	c, _ := st.Case(id)
	if len(c.Grants) != 2 || c.Grants[1].Provision != domain.SEL104 || c.Grants[1].Decision.SuggestionRole != "complementary" || c.Grants[1].Decision.Reason != "" {
		t.Fatalf("grants = %+v", c.Grants)
	}
	if g := c.Grants[0]; !g.Active() || g.FollowUpDue != domain.NewDate(2027, 10, 20) || len(g.Seqs) != 1 {
		t.Errorf("recording a grant changed the other: %+v", g)
	}
	m = drive(t, m, keys("<esc>")...)
	view := m.View()
	if m.screen != screenCard || !strings.Contains(view, "b1 SEL § 85") || !strings.Contains(view, "b2 SEL § 104") || !strings.Contains(view, "dage om ugen") {
		t.Errorf("the card must list both grants:\n%s", view)
	}
}

// Ending one grant leaves the other as it was; the letter preview of the
// end follows.
func TestEndOneGrantLeavesTheOther(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Mette Hansen", "150391-1234", domain.NewDate(2027, 10, 20), map[string]int{psy: 3, soc: 3})
	c, _ := st.Case(id)
	m := drive(t, newTestModel(t, st, nil), resize(80, 24), suggestMsg{task: decisionTask{cas: c}})
	for m.decision.result.Suggestions[m.decision.cursor].Provision != domain.SEL104 {
		m = drive(t, m, keys("<down>")...)
	}
	m = drive(t, m, keys("<enter>", "<ctrl+s>", "<esc>")...)
	before, _ := st.Case(id)
	m = drive(t, m, keys("<down>", "s")...)
	if m.screen != screenEnd || !strings.Contains(m.View(), "b2 SEL § 104") {
		t.Fatalf("s must end the selected grant:\n%s", m.View())
	}
	m = drive(t, m, keys("<ctrl+s>")...)
	if !strings.Contains(m.View(), "skriv begrundelsen for ophøret") {
		t.Errorf("a reason is required:\n%s", m.View())
	}
	m = drive(t, m, keys("<tab>", "<tab>", "<ctrl+u>", "31-12-2026", "<tab>", "Borgeren er begyndt i job.", "<ctrl+s>")...)
	c, _ = st.Case(id)
	b1, _ := c.Grant("b1")
	b2, _ := c.Grant("b2")
	if b2.Active() || b2.End != domain.NewDate(2026, 12, 31) || b2.Termination.Reason != "Borgeren er begyndt i job." {
		t.Fatalf("b2 = %+v (err %v)", b2, m.err)
	}
	old, _ := before.Grant("b1")
	if !b1.Active() || b1.FollowUpDue != old.FollowUpDue || len(b1.Seqs) != len(old.Seqs) {
		t.Errorf("ending b2 changed b1: %+v", b1)
	}
	m = drive(t, m, keys("<enter>")...)
	if m.screen != screenDraft || m.draft.letter == nil || !strings.Contains(m.draft.letter.Markdown(), "Afgørelse om ophør") {
		t.Errorf("the letter of the end:\n%s", m.View())
	}
	m = drive(t, m, keys("<esc>")...)
	if !strings.Contains(m.View(), "ophørt 31-12-2026") || !strings.Contains(m.View(), "aktiv") {
		t.Errorf("card after the end:\n%s", m.View())
	}
}

// A save refused because another screen changed the same answer says so
// in Danish; reloading takes the other writer's other answers and keeps
// what was typed here, marked as a conflict.
func TestStaleSaveReloadKeepsTyping(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Mette Hansen", "150391-1234", domain.Date{}, map[string]int{})
	m := drive(t, newTestModel(t, st, nil), resize(80, 24), openCaseMsg{id: id})
	m = drive(t, m, keys("2", "<tab>", "Første")...) // fysisk: level and the citizen's view, saved
	view := domain.ThemeField("fysisk_funktionsnedsaettelse", domain.PartCitizenView)
	level := domain.ThemeField("sundhed", domain.PartLevel)
	// Another screen changes the same answer and another one.
	d, _, _ := st.Draft(id)
	if d.Values()[view] != "Første" {
		t.Fatalf("draft = %v", d.Values())
	}
	if _, err := st.SaveDraft(id, domain.FirstAssessment, "andet-vindue", d.Edits(map[string]string{view: "Fra det andet vindue", level: "3"})); err != nil {
		t.Fatal(err)
	}
	m = drive(t, m, keys(" og mere")...)
	if m.interview.stale == nil || !strings.Contains(m.View(), "Ændret i et andet vindue: Fysisk") || !strings.Contains(m.View(), "borgerens egen") {
		t.Fatalf("the stale save must say what changed:\n%s", m.View())
	}
	m = drive(t, m, keys("<ctrl+g>")...)
	if got := m.interview.view.Value(); got != "Første og mere" {
		t.Errorf("reload lost the typing: %q", got)
	}
	if !m.interview.conflicts[view] || !strings.Contains(m.View(), "Også ændret i et andet vindue") {
		t.Errorf("the conflict must be marked:\n%s", m.View())
	}
	if m.interview.work.Assessment.Themes["sundhed"].Level != 3 {
		t.Errorf("the other writer's answer must be taken: %+v", m.interview.work.Assessment.Themes["sundhed"])
	}
	d, _, _ = st.Draft(id)
	if d.Values()[view] != "Første og mere" || d.Values()[level] != "3" {
		t.Errorf("after reload the draft = %v", d.Values())
	}
}

// A correction of the citizen's details is recorded as an event with the
// old and new values, and the card shows it.
func TestCorrectionIsRecorded(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Mette Hansen", "150391-1234", domain.NewDate(2027, 10, 20), map[string]int{psy: 2})
	m := drive(t, newTestModel(t, st, nil), resize(80, 24), openCaseMsg{id: id})
	m = drive(t, m, keys("r", "<ctrl+u>", "Mette Hansen Berg", "<tab>", "<tab>", "Strandvej 4, 2635 Ishøj", "<ctrl+s>")...)
	if !strings.Contains(m.View(), "skriv hvorfor oplysningerne rettes") {
		t.Fatalf("a reason is required:\n%s", m.View())
	}
	m = drive(t, m, keys("<tab>", "<tab>", "<tab>", "Navneændring", "<ctrl+s>")...)
	c, _ := st.Case(id)
	last := c.Events[len(c.Events)-1]
	if c.Citizen.Name != "Mette Hansen Berg" || c.Citizen.Address != "Strandvej 4, 2635 Ishøj" || last.Kind != domain.EventCorrection ||
		len(last.Correction.Changes) != 2 || last.Correction.Changes[0].Old != "Mette Hansen" || last.Correction.Reason != "Navneændring" {
		t.Fatalf("correction = %+v, citizen %+v (err %v)", last.Correction, c.Citizen, m.err)
	}
	if m.screen != screenCard || !strings.Contains(m.View(), "Rettelsen er gemt") {
		t.Errorf("card:\n%s", m.View())
	}
}

// A follow-up that ends its grant goes on to the end form; both are
// recorded together on that grant, with the reassessment and the new
// living situation.
func TestFollowUpEndsGrantWithNewLiving(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Mette Hansen", "150391-1234", domain.NewDate(2026, 11, 20), map[string]int{psy: 2})
	m := drive(t, newTestModel(t, st, nil), resize(80, 24), openCaseMsg{id: id})
	m = drive(t, m, keys("o", "<ctrl+r>")...)
	for m.interview.current().kind != stepFacts {
		m = drive(t, m, keys("<ctrl+n>")...)
	}
	m = drive(t, m, keys("<tab>", "<tab>", "<tab>", "<right>")...)
	if m.interview.area != areaLiving || m.interview.living != domain.WithFamily || !strings.Contains(m.View(), "Borgeren bor") {
		t.Fatalf("living at a reassessment: area %v living %q\n%s", m.interview.area, m.interview.living, m.View())
	}
	m = drive(t, m, keys("<ctrl+s>")...)
	if m.screen != screenFollowUp || !strings.Contains(m.View(), "Boform") {
		t.Fatalf("the follow-up must show the new living:\n%s", m.View())
	}
	m = drive(t, m, keys("Borgeren er flyttet hjem til familien.", "<shift+tab>", "<right>", "<right>", "<ctrl+s>")...)
	if m.screen != screenEnd {
		t.Fatalf("outcome end must open the end form: %v\n%s", m.screen, m.View())
	}
	m = drive(t, m, keys("Familien overtager støtten.", "<ctrl+s>")...)
	c, _ := st.Case(id)
	n := len(c.Events)
	if n < 3 || c.Events[n-3].Kind != domain.EventAssessment || c.Events[n-2].Kind != domain.EventFollowUp || c.Events[n-1].Kind != domain.EventTermination {
		t.Fatalf("events = %+v (err %v)", c.Events, m.err)
	}
	if fu := c.Events[n-2].FollowUp; fu.Outcome != domain.OutcomeEnd || !fu.Reassessed || !fu.Next.IsZero() {
		t.Errorf("follow-up = %+v", fu)
	}
	if c.Citizen.Living != domain.WithFamily || c.Grants[0].Active() {
		t.Errorf("living %q, grant %+v", c.Citizen.Living, c.Grants[0])
	}
	if _, ok, _ := st.Draft(id); ok {
		t.Error("the reassessment draft must be dropped")
	}
}

// A combination the standard forbids is warned of on the form (Ishøj
// does not combine § 103 and § 104); the grant may still be made.
func TestCombinationWarningShown(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Mette Hansen", "150391-1234", domain.Date{}, map[string]int{soc: 3, "samfundsliv": 4})
	c, _ := st.Case(id)
	d := domain.Decision{Provision: domain.SEL103, Scope: domain.Scope{}.WithAmount(domain.UnitDaysPerWeek, 3), Date: today,
		Reason: "Beskæftigelse", FollowUpDue: today.AddMonths(12)}
	c, _ = st.Append(id, store.Change{Version: c.Version, Events: []domain.Event{c.GrantEvent(d)}})
	m := drive(t, newTestModel(t, st, nil), resize(100, 30), suggestMsg{task: decisionTask{cas: c}})
	for m.decision.result.Suggestions[m.decision.cursor].Provision != domain.SEL104 {
		m = drive(t, m, keys("<down>")...)
	}
	m = drive(t, m, keys("<enter>")...)
	if v := strings.Join(strings.Fields(m.View()), " "); !strings.Contains(v, "Advarsel: Ishøj Kommunes kvalitetsstandard") {
		t.Errorf("no combination warning:\n%s", m.View())
	}
}

// The letter of a refusal is built from the refusal recorded on the case.
func TestRefusalLetterPreview(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Jonas Berg", "020798-1233", domain.Date{}, map[string]int{soc: 1})
	c, _ := st.Case(id)
	d := domain.Decision{Provision: domain.SEL85, Refused: true, Date: today, Reason: "Behovet dækkes af gruppetilbuddet."}
	c, _ = st.Append(id, store.Change{Version: c.Version, Events: []domain.Event{c.GrantEvent(d)}})
	m := drive(t, newTestModel(t, st, nil), resize(80, 24), openCaseMsg{id: id})
	if !strings.Contains(m.View(), "Afslag på SEL § 85") {
		t.Fatalf("card:\n%s", m.View())
	}
	m = drive(t, m, keys("u")...)
	if m.screen != screenDraft || m.draft.letter == nil || !strings.Contains(m.draft.letter.Markdown(), "Afgørelse om afslag") {
		t.Errorf("refusal letter: %v\n%s", m.draft.err, m.View())
	}
}

// When another screen records the assessment and a decision while the
// interview is open, the next save is refused; reloading says what was
// recorded and keeps what was typed.
func TestInterviewOnACaseThatMovedOn(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Mette Hansen", "150391-1234", domain.Date{}, map[string]int{})
	m := drive(t, newTestModel(t, st, nil), resize(80, 24), openCaseMsg{id: id})
	m = drive(t, m, keys("2", "<tab>", "Først")...)
	c, _ := st.Case(id)
	d := domain.Decision{Provision: domain.SEL85, Scope: domain.Scope{}.WithAmount(domain.UnitHoursPerWeek, 2.5), Date: today,
		Reason: "Fra kommandolinjen", FollowUpDue: today.AddMonths(12)}
	if _, err := st.Append(id, store.Change{Version: c.Version, Events: []domain.Event{c.GrantEvent(d)}, DropDraft: true}); err != nil {
		t.Fatal(err)
	}
	m = drive(t, m, keys(" og så")...)
	if m.interview.stale == nil {
		t.Fatalf("a save on a dropped draft must be refused:\n%s", m.View())
	}
	m = drive(t, m, keys("<ctrl+g>")...)
	if !strings.Contains(m.interview.moved, "b1 bevilling SEL § 85") || !strings.Contains(m.View(), "Sagen er ændret, siden du åbnede den") {
		t.Errorf("reload must say what was recorded:\n%s", m.View())
	}
	if got := m.interview.view.Value(); got != "Først og så" {
		t.Errorf("typed text lost: %q", got)
	}
}

// After a follow-up is recorded, the card's history shows what was saved:
// the outcome, the next date and the caseworker's note.
func TestCardShowsFollowUpNote(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Mette Hansen", "150391-1234", domain.Date{}, map[string]int{"psykisk_funktionsnedsaettelse": 2})
	c, _ := st.Case(id)
	d := domain.Decision{Provision: domain.SEL85, Tier: "moderat", Date: today, FollowedSuggestion: true, FollowUpDue: today.AddMonths(12)}
	c, _ = st.Append(id, store.Change{Version: c.Version, Events: []domain.Event{c.GrantEvent(d)}})
	fu := domain.Event{Kind: domain.EventFollowUp, Grant: "b1", FollowUp: &domain.FollowUp{Provision: domain.SEL85, Due: today.AddMonths(12),
		Done: today, Outcome: domain.OutcomeContinue, Next: today.AddMonths(6), Note: "Handler selv ind to gange om ugen."}}
	if _, err := st.Append(id, store.Change{Version: c.Version, Events: []domain.Event{fu}}); err != nil {
		t.Fatal(err)
	}
	m := drive(t, newTestModel(t, st, nil), resize(120, 60), openCaseMsg{id: id})
	v := m.View()
	if !strings.Contains(v, "Handler selv ind to gange om ugen.") || !strings.Contains(v, "næste "+today.AddMonths(6).Danish()) {
		t.Errorf("the card does not show the follow-up:\n%s", v)
	}
}

// A follow-up that ends the grant to assess anew ("ophører, ny
// udredning") leaves the case waiting for a new assessment: the end form
// offers to begin it, and the card says it is due until it is recorded.
func TestEndAndReassessStartsReassessment(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Mette Hansen", "150391-1234", domain.NewDate(2026, 11, 20), map[string]int{psy: 2})
	m := drive(t, newTestModel(t, st, nil), resize(80, 24), openCaseMsg{id: id})
	m = drive(t, m, keys("o", "Behovet er et andet nu.", "<shift+tab>", "<right>", "<right>", "<right>", "<ctrl+s>")...)
	if m.screen != screenEnd {
		t.Fatalf("end and reassess must open the end form: %v\n%s", m.screen, m.View())
	}
	m = drive(t, m, keys("Borgeren skal udredes til et andet tilbud.", "<ctrl+s>")...)
	if !strings.Contains(m.View(), "Tryk v for at begynde") {
		t.Fatalf("the end form must offer the new assessment:\n%s", m.View())
	}
	c, _ := st.Case(id)
	if fu := c.Events[len(c.Events)-2].FollowUp; fu == nil || fu.Outcome != domain.OutcomeEndReassess || c.ReassessmentDue != today {
		t.Fatalf("follow-up %+v, reassessment due %v", fu, c.ReassessmentDue)
	}
	card := drive(t, m, keys("<esc>")...)
	if !strings.Contains(card.View(), "Ny udredning") || !strings.Contains(card.View(), "afventer") {
		t.Errorf("the card must say a new assessment is due:\n%s", card.View())
	}
	m = drive(t, m, keys("v")...)
	if m.screen != screenInterview || !m.interview.reassess {
		t.Fatalf("v must begin the reassessment: %v\n%s", m.screen, m.View())
	}
	m = drive(t, m, keys("3", "<ctrl+s>")...)
	if m.screen != screenDecision {
		t.Fatalf("the reassessment goes on to the suggestions: %v\n%s", m.screen, m.View())
	}
	m = drive(t, m, keys("<enter>", "<ctrl+s>")...)
	c, _ = st.Case(id)
	if cur, _ := c.Current(); cur.Kind != domain.Reassessment || !c.ReassessmentDue.IsZero() {
		t.Errorf("the recorded reassessment must clear what was due: %+v, due %v\n%s", cur, c.ReassessmentDue, m.View())
	}
}
