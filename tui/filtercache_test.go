package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/vumdk/vum/domain"
)

// Typing, deleting and retyping in the search gives, at every keystroke,
// the rows a full scan gives: the kept results only save work.
func TestFilterCacheMatchesFullScan(t *testing.T) {
	m := drive(t, newTestModel(t, newFakeStore(), nil), resize(80, 24))
	m = drive(t, m, casesLoadedMsg{rows: buildRows(m.c, summaries(3000))})
	m = drive(t, m, keys("/")...)
	check := func(step string) {
		t.Helper()
		words := strings.Fields(domain.FoldDanish(m.cases.filter.Value()))
		var want []int
		for i, r := range m.cases.rows {
			if matchesAll(r.search, words) {
				want = append(want, i)
			}
		}
		if fmt.Sprint(want) != fmt.Sprint(m.cases.visible) {
			t.Fatalf("after %s (%q): %d rows, a full scan finds %d", step, m.cases.filter.Value(), len(m.cases.visible), len(want))
		}
	}
	for _, step := range []string{"h", "a", "n", "s", "e", "<backspace>", "<backspace>", "l", " ", "1", "<backspace>", "2",
		"<backspace>", "<backspace>", "<backspace>", "<backspace>", "<backspace>", "ø", "s", "t"} {
		m = drive(t, m, keys(step)...)
		check(step)
	}
}

// A keystroke scans only the first rows itself and shows what it found
// there at once; the rest is scanned in the background, its result adds
// the rows after those shown, and the result of a search typed over is
// dropped.
func TestFilterScansRestInBackground(t *testing.T) {
	defer func(n int) { scanPerKey = n }(scanPerKey)
	scanPerKey = 200
	m := drive(t, newTestModel(t, newFakeStore(), nil), resize(100, 30))
	m = drive(t, m, casesLoadedMsg{rows: buildRows(m.c, summaries(3000))})
	m = drive(t, m, keys("/")...)
	fullScan := func(upTo int) []int {
		words := strings.Fields(domain.FoldDanish(m.cases.filter.Value()))
		var want []int
		for i, r := range m.cases.rows[:upTo] {
			if matchesAll(r.search, words) {
				want = append(want, i)
			}
		}
		return want
	}
	press := func(k string) tea.Cmd {
		t.Helper()
		next, cmd := m.Update(keys(k)[0])
		m = next.(Model)
		return cmd
	}

	cmd := press("h")
	if !m.cases.Searching() {
		t.Fatal("a search over 3000 rows with 200 a keystroke is not going on in the background")
	}
	if got, want := fmt.Sprint(m.cases.visible), fmt.Sprint(fullScan(200)); got != want {
		t.Fatalf("the keystroke shows %s, the first 200 rows hold %s", got, want)
	}
	if v := m.View(); !strings.Contains(v, "søger videre") {
		t.Fatalf("the status line does not say the search goes on:\n%s", v)
	}
	shown := m.cases.rows[m.cases.visible[0]].sum.ID
	m = drive(t, m, runCmd(cmd)...)
	if m.cases.Searching() {
		t.Fatal("the search still goes on after its background part ended")
	}
	if got, want := fmt.Sprint(m.cases.visible), fmt.Sprint(fullScan(3000)); got != want {
		t.Fatalf("after the background part: %d rows, a full scan finds %d", len(m.cases.visible), len(fullScan(3000)))
	}
	if m.cases.selectedID() != shown {
		t.Fatal("the case under the cursor changed when the rest of the result came")
	}
	if v := m.View(); strings.Contains(v, "søger videre") {
		t.Fatalf("the status line still says the search goes on:\n%s", v)
	}

	// Typed over: the first search stops and its result is dropped.
	first := press("<backspace>")
	firstGen := m.cases.scanGen
	second := press("x")
	if msgs := runCmd(first); len(msgs) != 0 {
		for _, msg := range msgs {
			if done, ok := msg.(filterDoneMsg); ok && done.gen == firstGen {
				t.Fatal("a search typed over ran to the end")
			}
		}
	}
	before := fmt.Sprint(m.cases.visible)
	m = drive(t, m, filterDoneMsg{gen: firstGen, rest: []int{0, 1, 2}})
	if fmt.Sprint(m.cases.visible) != before || !m.cases.Searching() {
		t.Fatal("the result of a search typed over was taken")
	}
	m = drive(t, m, runCmd(second)...)
	if got, want := fmt.Sprint(m.cases.visible), fmt.Sprint(fullScan(3000)); got != want || m.cases.Searching() {
		t.Fatalf("after typing over: %d rows, a full scan finds %d", len(m.cases.visible), len(fullScan(3000)))
	}
}
