package tui

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/vumdk/vum/domain"
)

// Twelve seconds of typing, a key every 100 ms, with the real delay and
// maximum wait: a save starts at least every 2 seconds, not only after
// the typing stops.
func TestAutosaveSavesDuringContinuousTyping(t *testing.T) {
	start := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	now := start
	a := newAutosave(defaultSaveDelay, defaultSaveMaxWait, func() time.Time { return now })
	type tick struct {
		at  time.Time
		seq int
	}
	var ticks []tick
	var saves []time.Time
	fire := func(until time.Time) {
		slices.SortFunc(ticks, func(x, y tick) int { return x.at.Compare(y.at) })
		for len(ticks) > 0 && !ticks[0].at.After(until) {
			tk := ticks[0]
			ticks = ticks[1:]
			now = tk.at
			if a.Due(saveTickMsg{tk.seq}) && !a.dirtySince.IsZero() {
				a.Saving()
				_ = a.Saved()
				saves = append(saves, now)
			}
		}
		now = until
	}
	for at := start; at.Before(start.Add(12 * time.Second)); at = at.Add(100 * time.Millisecond) {
		fire(at)
		wait, seq := a.edited()
		ticks = append(ticks, tick{now.Add(max(0, wait)), seq})
	}
	fire(start.Add(20 * time.Second))
	if len(saves) < 6 {
		t.Fatalf("12 s of typing saved %d times: %v", len(saves), saves)
	}
	last := start
	for _, s := range saves {
		if gap := s.Sub(last); gap > defaultSaveMaxWait {
			t.Errorf("%v without a save (until %v)", gap, s.Sub(start))
		}
		last = s
	}
	if end := saves[len(saves)-1].Sub(start); end > 12*time.Second+defaultSaveDelay {
		t.Errorf("the last keystroke was saved at %v", end)
	}
}

// A save refused while the store is busy is retried by itself; the
// screen says "gemmer igen …" until it succeeds.
func TestAutosaveRetriesRefusedSave(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Mette Hansen", "150391-1234", domain.Date{}, map[string]int{})
	m := drive(t, newTestModel(t, st, nil), resize(80, 24), openCaseMsg{id: id})
	st.failNext = errors.New("databasen er i brug af en anden vum")
	step := func(msg tea.Msg) []tea.Msg {
		model, cmd := m.Update(msg)
		m = model.(Model)
		return runCmd(cmd)
	}
	msgs := step(keys("3")[0]) // edited: the tick
	msgs = step(msgs[0])       // tick: the save
	msgs = step(msgs[0])       // refused: retry tick and the error
	if !strings.Contains(m.View(), "gemmer igen …") {
		t.Fatalf("while refused:\n%s", m.View())
	}
	level := domain.ThemeField("fysisk_funktionsnedsaettelse", domain.PartLevel)
	if d, _, _ := st.Draft(id); d.Fields[level].Value != "" {
		t.Fatal("the refused save was stored")
	}
	// The error shows at once, the retry comes after its delay.
	var ordered []tea.Msg
	for _, msg := range msgs {
		if _, ok := msg.(errMsg); ok {
			ordered = append([]tea.Msg{msg}, ordered...)
		} else {
			ordered = append(ordered, msg)
		}
	}
	m = drive(t, m, ordered...) // the retry runs by itself
	if d, _, _ := st.Draft(id); d.Fields[level].Value != "3" || strings.Contains(m.View(), "gemme") || !strings.Contains(m.View(), "✓ gemt") {
		t.Errorf("after the retry: %+v\n%s", d.Fields, m.View())
	}
}
