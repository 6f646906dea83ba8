package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/vumdk/vum/domain"
)

// Danish spellings fold in the search: Ostergaard finds Østergård,
// case and hyphens are ignored.
func TestSearchFoldsDanishSpellings(t *testing.T) {
	st := newFakeStore()
	seed(t, st, "Søren Østergård-Kjær", "150391-1234", domain.NewDate(2026, 11, 20), map[string]int{"socialt_liv": 2})
	seed(t, st, "Lars Holm", "030285-2211", domain.NewDate(2027, 9, 1), map[string]int{"socialt_liv": 2})
	for _, q := range []string{"Ostergaard", "oestergard kjaer", "SOREN", "østergårdkjær", "Ostergard-Kjaer"} {
		m := drive(t, newTestModel(t, st, nil), resize(80, 24))
		m = drive(t, m, m.Init()())
		m = drive(t, m, append(keys("/"), keys(q)...)...)
		if got := names(m); len(got) != 1 || got[0] != "Søren Østergård-Kjær" {
			t.Errorf("search %q found %v", q, got)
		}
	}
}

// esc clears the search and the follow-up filter, and says so in the
// words the screen uses.
func TestEscClearsFilterAndSearch(t *testing.T) {
	st := newFakeStore()
	seed(t, st, "Mette Hansen", "150391-1234", domain.NewDate(2026, 11, 20), map[string]int{"socialt_liv": 2})
	seed(t, st, "Lars Holm", "030285-2211", domain.NewDate(2027, 9, 1), map[string]int{"socialt_liv": 2})
	m := drive(t, newTestModel(t, st, nil), resize(80, 24))
	m = drive(t, m, m.Init()())
	m = drive(t, m, keys("f")...)
	if len(m.cases.visible) != 1 || !strings.Contains(m.View(), "esc ryd filteret") {
		t.Fatalf("f: %v\n%s", names(m), m.View())
	}
	m = drive(t, m, keys("<esc>")...)
	if len(m.cases.visible) != 2 || m.cases.dueOnly {
		t.Errorf("esc left the filter on: %v", names(m))
	}
	m = drive(t, m, keys("f", "/", "zzz", "<down>")...)
	view := strings.Join(strings.Fields(m.View()), " ")
	if !strings.Contains(view, "Ingen sager passer til søgningen og filteret. Tryk esc for at rydde søgningen og filteret.") ||
		!strings.Contains(view, "esc ryd søgningen og filteret") {
		t.Errorf("both narrowed:\n%s", view)
	}
	m = drive(t, m, keys("<esc>")...)
	if len(m.cases.visible) != 2 || m.cases.filter.Value() != "" {
		t.Errorf("esc: %v %q", names(m), m.cases.filter.Value())
	}
}

// At the smallest size the list shows the whole follow-up date and cut
// cells end in "…".
func TestListKeepsDateAtMinimum(t *testing.T) {
	st := newFakeStore()
	seed(t, st, "Mette Marie Hansen-Østergård", "150391-1234", domain.NewDate(2027, 1, 10), map[string]int{"socialt_liv": 2})
	for _, w := range []int{minWidth, 70, 80, 120} {
		m := drive(t, newTestModel(t, st, nil), resize(w, minHeight))
		m = drive(t, m, m.Init()())
		view := m.View()
		checkFits(t, "cases", view, w, minHeight)
		if !strings.Contains(view, "10-01-2027") || !strings.Contains(view, "Mette") {
			t.Errorf("at %d columns the date or name is cut:\n%s", w, view)
		}
		if w == minWidth && !strings.Contains(view, "…") {
			t.Errorf("a cut name must end in …:\n%s", view)
		}
	}
}

// The full help wraps into rows: every key of the screen shows at every
// width, with a legend of the marks.
func TestHelpWrapsAndKeepsEveryKey(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Mette Hansen", "150391-1234", domain.Date{}, map[string]int{})
	for _, w := range []int{minWidth, 80, 120} {
		m := drive(t, newTestModel(t, st, nil), resize(w, 40), openCaseMsg{id: id})
		m = drive(t, m, keys("?")...)
		view := m.View()
		checkFits(t, "help", view, w, 40)
		for _, row := range m.interview.FullHelp() {
			for _, b := range row {
				if !strings.Contains(view, b.Help().Key+" "+b.Help().Desc) {
					t.Errorf("at %d columns the help lacks %q:\n%s", w, b.Help().Key+" "+b.Help().Desc, view)
				}
			}
		}
		if !strings.Contains(ansi.Strip(view), "– ikke relevant") {
			t.Errorf("no legend at %d:\n%s", w, view)
		}
	}
	m := drive(t, newTestModel(t, st, nil), resize(80, 24))
	m = drive(t, m, m.Init()())
	m = drive(t, m, keys("?")...)
	if v := m.View(); !strings.Contains(v, "! opfølgning forfalden") || !strings.Contains(v, "• opfølgning inden for 30 dage") {
		t.Errorf("the list's legend:\n%s", v)
	}
}

// Keys typed while the window is too small are kept and take effect once
// it is large enough.
func TestKeysTypedWhileTooSmallAreKept(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Mette Hansen", "150391-1234", domain.Date{}, map[string]int{})
	m := drive(t, newTestModel(t, st, nil), resize(80, 24), openCaseMsg{id: id})
	m = drive(t, m, keys("<tab>")...)
	m = drive(t, m, resize(40, 10))
	m = drive(t, m, keys("Angst", "<tab>", "qx")...)
	if !strings.Contains(m.View(), "8 tastetryk er gemt") {
		t.Errorf("too small:\n%s", m.View())
	}
	m = drive(t, m, resize(80, 24))
	th := m.interview.work.Assessment.Themes["fysisk_funktionsnedsaettelse"]
	if th.CitizenView != "Angst" || th.Note != "qx" {
		t.Errorf("after resize: %+v", th)
	}
}

// A note of 20,000 characters, pasted or typed, survives the interview
// and its saves unchanged.
func TestLongNoteSurvives(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Mette Hansen", "150391-1234", domain.Date{}, map[string]int{})
	var b strings.Builder
	for b.Len() < 20_000 {
		b.WriteString("Borgeren fortæller om sin hverdag og sine ønsker.\n")
	}
	note := strings.TrimSpace(b.String())
	m := drive(t, newTestModel(t, st, nil), resize(80, 24), openCaseMsg{id: id})
	m = drive(t, m, keys("2", "<tab>", "<tab>")...)
	m = drive(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(note), Paste: true})
	m = drive(t, m, keys(" Slut.")...)
	m = drive(t, m, keys("<esc>", "<esc>")...)
	d, _, _ := st.Draft(id)
	if got := d.Values()[domain.ThemeField("fysisk_funktionsnedsaettelse", domain.PartNote)]; got != note+" Slut." {
		t.Errorf("note of %d characters stored as %d", len([]rune(note))+6, len([]rune(got)))
	}
	m = drive(t, m, openCaseMsg{id: id})
	if got := m.interview.work.Assessment.Themes["fysisk_funktionsnedsaettelse"].Note; got != note+" Slut." {
		t.Errorf("reopened: %d characters", len([]rune(got)))
	}
}
