package tui

import (
	"fmt"
	"strings"
	"testing"

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
