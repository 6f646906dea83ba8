package tui

import (
	"bytes"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
)

// goldenStep is one thing done to the running program and what to wait for
// in its output before the next, so every command has answered.
type goldenStep struct {
	msgs []tea.Msg
	wait func(out []byte) bool
}

// do waits for the text to appear.
func do(wait string, msgs ...tea.Msg) goldenStep {
	want := []byte(wait)
	return goldenStep{msgs: msgs, wait: func(out []byte) bool { return bytes.Contains(out, want) }}
}

// doSaved waits until the typed text is on the screen and the last save
// state the interview wrote is "✓ gemt". The renderer writes only changed
// lines, so the last state written is the one showing: once the text is
// there, every key has been handled, and "✓ gemt" then means the final
// edit is saved. An earlier "✓ gemt" (from a save between two keys) is
// followed by "gemmer …" and does not count.
func doSaved(typed string, msgs ...tea.Msg) goldenStep {
	text, saved, saving := []byte(typed), []byte("✓ gemt"), []byte("gemmer …")
	return goldenStep{msgs: msgs, wait: func(out []byte) bool {
		return bytes.Contains(out, text) && bytes.LastIndex(out, saved) > bytes.LastIndex(out, saving)
	}}
}

// runGolden runs the real Bubble Tea program in teatest, drives it and
// compares the final screen with testdata/<test>.golden (go test ./tui
// -update rewrites them).
func runGolden(t *testing.T, st *fakeStore, w, h int, steps ...goldenStep) {
	t.Helper()
	tm := teatest.NewTestModel(t, newTestModel(t, st, &fakeFiles{}), teatest.WithInitialTermSize(w, h))
	for _, s := range steps {
		for _, msg := range s.msgs {
			tm.Send(msg)
		}
		if s.wait != nil {
			teatest.WaitFor(t, tm.Output(), s.wait,
				teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
		}
	}
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	golden.RequireEqual(t, []byte(final.View()))
}

// sampleStore holds three decided cases: one overdue, one due soon, one
// later, and one case still being assessed.
func sampleStore(t *testing.T) (*fakeStore, string, string) {
	st := newFakeStore()
	due := seed(t, st, "Mette Hansen", "150391-1234", domain.NewDate(2026, 11, 20),
		map[string]int{"psykisk_funktionsnedsaettelse": 2, "praktiske_opgaver": 2, "socialt_liv": 2, "samfundsliv": 1})
	seed(t, st, "Peter Krogh", "110772-1113", domain.NewDate(2026, 12, 10), map[string]int{"sundhed": 2})
	seed(t, st, "Lars Holm", "030285-2211", domain.NewDate(2028, 11, 1), map[string]int{"egenomsorg": 4})
	open := seed(t, st, "Jonas Berg", "020798-1233", domain.Date{}, map[string]int{"socialt_liv": 1})
	return st, due, open
}

func rec(t *testing.T, st *fakeStore, id string) interviewMsg {
	r, _ := st.Case(id)
	return interviewMsg{cas: r, kind: domain.FirstAssessment}
}

func TestGoldenCasesEmpty(t *testing.T) {
	runGolden(t, newFakeStore(), 80, 24, do("Ingen sager endnu"))
}

func TestGoldenCasesList(t *testing.T) {
	st, _, _ := sampleStore(t)
	runGolden(t, st, 80, 24, do("Lars Holm"))
}

func TestGoldenCasesFilter(t *testing.T) {
	st, _, _ := sampleStore(t)
	runGolden(t, st, 80, 24, do("Lars Holm"), do("viser 1", keys("/", "krogh")...))
}

func TestGoldenHelp(t *testing.T) {
	st, _, _ := sampleStore(t)
	runGolden(t, st, 80, 24, do("Lars Holm"), do("side ned", keys("?")...))
}

func TestGoldenNewCaseErrors(t *testing.T) {
	runGolden(t, newFakeStore(), 80, 24, do("Ingen sager"), do("Ny sag", keys("n")...),
		do("ikke en gyldig dato", keys("Mette Hansen", "<tab>", "310291-1234")...))
}

func TestGoldenInterviewTheme(t *testing.T) {
	st, _, open := sampleStore(t)
	r := rec(t, st, open)
	runGolden(t, st, 80, 24, do("Lars Holm"), do("Udredning", r),
		doSaved("Har ikke lyst til at gå ud.", keys("2", "<tab>", "Har ikke lyst til at gå ud.")...))
}

func TestGoldenInterviewWide(t *testing.T) {
	st, _, open := sampleStore(t)
	runGolden(t, st, 120, 40, do("Lars Holm"), do("Udredning", rec(t, st, open)))
}

func TestGoldenInterviewFacts(t *testing.T) {
	st, _, open := sampleStore(t)
	msgs := []tea.Msg{}
	for range 11 {
		msgs = append(msgs, keys("<ctrl+n>")...)
	}
	runGolden(t, st, 80, 24, do("Lars Holm"), do("Udredning", rec(t, st, open)), do("Forhold og timer", msgs...))
}

func TestGoldenSuggestions(t *testing.T) {
	st, id, _ := sampleStore(t)
	r, _ := st.Case(id)
	runGolden(t, st, 80, 24, do("Lars Holm"), do("Hvorfor", suggestMsg{task: decisionTask{cas: r}}))
}

func TestGoldenDecisionOverride(t *testing.T) {
	st, id, _ := sampleStore(t)
	r, _ := st.Case(id)
	runGolden(t, st, 80, 24, do("Lars Holm"), do("Hvorfor", suggestMsg{task: decisionTask{cas: r}}),
		do("Vælg ydelse", keys("a")...), do("Timer om ugen", keys("<down>", "<down>", "<enter>")...),
		do("skal udfyldes", keys("<tab>", "<tab>", "<tab>", "<ctrl+u>", "6")...),
		do("afviger fra forslaget (SEL", keys("<ctrl+s>")...))
}

// The card of a case with two grants, one ended, and a correction.
func TestGoldenCardTwoGrants(t *testing.T) {
	st, id, _ := sampleStore(t)
	c, _ := st.Case(id)
	d := domain.Decision{Provision: domain.SEL104, Scope: domain.Scope{}.WithAmount(domain.UnitDaysPerWeek, 2), Date: today,
		Reason: "Samvær to dage", FollowUpDue: today.AddMonths(6)}
	c, _ = st.Append(id, store.Change{Version: c.Version, Events: []domain.Event{c.GrantEvent(d)}})
	g, _ := c.Grant("b2")
	end, err := domain.EndGrant(g, today, today.AddDays(5), "Borgeren er flyttet")
	if err != nil {
		t.Fatal(err)
	}
	st.Append(id, store.Change{Version: c.Version, Events: []domain.Event{end}})
	runGolden(t, st, 80, 24, do("Lars Holm"), do("Bevillinger", openCaseMsg{id: id}))
}

func TestGoldenDraft(t *testing.T) {
	st, id, _ := sampleStore(t)
	r, _ := st.Case(id)
	runGolden(t, st, 80, 24, do("Lars Holm"), do("Udkast til afgørelse", draftMsg{cas: r, seq: 3}))
}

func TestGoldenCard(t *testing.T) {
	st, id, _ := sampleStore(t)
	runGolden(t, st, 80, 24, do("Lars Holm"), do("Bevillinger", openCaseMsg{id: id}))
}

func TestGoldenFollowUp(t *testing.T) {
	st, id, _ := sampleStore(t)
	r, _ := st.Case(id)
	runGolden(t, st, 80, 24, do("Lars Holm"), do("Revurdering", interviewMsg{cas: r, kind: domain.Reassessment, grant: "b1"}),
		do("Tidligere: 2", keys("<ctrl+n>", "1")...), do("Opfølgning planlagt", keys("<ctrl+s>")...))
}

func TestGoldenTooSmall(t *testing.T) {
	runGolden(t, newFakeStore(), 50, 12, do("for lille"))
}

func TestGoldenInterviewGoals(t *testing.T) {
	st, _, open := sampleStore(t)
	msgs := []tea.Msg{}
	for range 12 {
		msgs = append(msgs, keys("<ctrl+n>")...)
	}
	runGolden(t, st, 80, 24, do("Lars Holm"), do("Udredning", rec(t, st, open)), do("Ét mål pr. linje", msgs...))
}

func TestGoldenDecisionDone(t *testing.T) {
	st, _, open := sampleStore(t)
	r, _ := st.Case(open)
	runGolden(t, st, 80, 24, do("Lars Holm"), do("Hvorfor", suggestMsg{task: decisionTask{cas: r}}),
		do("Følger vums forslag", keys("<enter>")...), do("Næste opfølgning", keys("<ctrl+s>")...))
}

func TestGoldenEnd(t *testing.T) {
	st, id, _ := sampleStore(t)
	r, _ := st.Case(id)
	runGolden(t, st, 80, 24, do("Lars Holm"), do("Sidste dag", endGrantMsg{cas: r, grant: "b1"}),
		do("Flyttet", keys("Flyttet til anden kommune.")...))
}

func TestGoldenCorrect(t *testing.T) {
	st, id, _ := sampleStore(t)
	r, _ := st.Case(id)
	runGolden(t, st, 80, 24, do("Lars Holm"), do("Ret oplysninger", correctMsg{cas: r}),
		do("hjemme hos familie", keys("<tab>", "<tab>", "<tab>", "<right>")...))
}
