package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/vumdk/vum/domain"
)

func TestScrollPane(t *testing.T) {
	var lines []string
	for i := 1; i <= 30; i++ {
		lines = append(lines, fmt.Sprintf("linje nummer %d med en lang hale af tekst", i))
	}
	p := newScrollPane()
	p.SetSize(30, 10)
	p.SetContent(strings.Join(lines, "\n"))
	view := strings.Split(p.View(), "\n")
	if len(view) != 10 || !strings.HasPrefix(view[9], "↓ mere") || !strings.HasSuffix(view[0], "…") {
		t.Fatalf("first window:\n%s", p.View())
	}
	for _, l := range view {
		if lipgloss.Width(l) != 30 {
			t.Errorf("line %q is %d wide", l, lipgloss.Width(l))
		}
	}
	p.Show(20, 22)
	if p.Offset() != 14 || !strings.Contains(p.View(), "linje nummer 23") || !strings.Contains(p.View(), "↑↓ mere · linje 15-23 af 30") {
		t.Errorf("Show(20, 22): offset %d\n%s", p.Offset(), p.View())
	}
	p.Show(2, 2)
	if p.Offset() != 2 {
		t.Errorf("Show(2, 2): offset %d", p.Offset())
	}
	p.ScrollBy(100)
	if p.Offset() != 21 || !strings.Contains(p.View(), "↑ mere · linje 22-30 af 30") {
		t.Errorf("bottom: offset %d\n%s", p.Offset(), p.View())
	}
	p.SetContent("kort")
	if p.Scrollable() || p.Offset() != 0 || strings.Contains(p.View(), "mere") {
		t.Errorf("short text:\n%s", p.View())
	}
}

// At every size from the minimum, the field being typed in is on screen
// with what was typed, and the theme's guiding questions can all be read
// (on screen or by scrolling).
func TestInterviewFieldAlwaysVisible(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Mette Hansen", "150391-1234", domain.Date{}, map[string]int{})
	for _, size := range [][2]int{{minWidth, minHeight}, {70, 20}, {80, 24}, {120, 40}} {
		w, h := size[0], size[1]
		m := drive(t, newTestModel(t, st, nil), resize(w, h), openCaseMsg{id: id})
		theme := m.interview.current().theme
		seen := detailText(m)
		for range 12 {
			m = drive(t, m, keys("j")...)
			seen += detailText(m)
		}
		for _, p := range theme.Prompts {
			if !strings.Contains(strings.Join(strings.Fields(strings.ReplaceAll(seen, "│", " ")), " "), p) {
				t.Errorf("%dx%d: guiding question %q never shown", w, h, p)
			}
		}
		m = drive(t, m, keys("2", "<tab>", "Borgerens ord")...)
		checkFits(t, "view", m.View(), w, h)
		if !strings.Contains(m.View(), "Borgerens ord") || !strings.Contains(m.View(), "> Borgerens egen vurdering") {
			t.Errorf("%dx%d: typing in the citizen's view:\n%s", w, h, m.View())
		}
		m = drive(t, m, keys("<tab>", "Linje 1", "<enter>", "Linje 2", "<enter>", "Linje 3", "<enter>", "Linje 4", "<enter>", "Linje 5", "<enter>", "Linje 6", "<enter>", "Linje 7 sidst")...)
		checkFits(t, "note", m.View(), w, h)
		if !strings.Contains(m.View(), "Linje 7 sidst") || !strings.Contains(m.View(), "> Faglig vurdering") {
			t.Errorf("%dx%d: typing in the note:\n%s", w, h, m.View())
		}
		for m.interview.current().kind != stepGoals {
			m = drive(t, m, keys("<ctrl+n>")...)
		}
		m = drive(t, m, keys("<tab>", "Handle ind", "<enter>", "Gå en tur", "<enter>", "Ringe til sin søster")...)
		checkFits(t, "goals", m.View(), w, h)
		if !strings.Contains(m.View(), "Ringe til sin søster") {
			t.Errorf("%dx%d: typing a goal:\n%s", w, h, m.View())
		}
	}
}

// The suggestion screen warns of a thin assessment and scrolls through
// everything; a long option wraps, so its marker is never cut.
func TestSuggestionWarnsAndScrolls(t *testing.T) {
	st := newFakeStore()
	thin := seed(t, st, "Mette Hansen", "150391-1234", domain.Date{}, map[string]int{"psykisk_funktionsnedsaettelse": 2})
	full := map[string]int{}
	for _, th := range catalog(t).Vocabulary(today).Method.Themes[:6] {
		full[th.Slug] = 1
	}
	full["psykisk_funktionsnedsaettelse"] = 2
	enough := seed(t, st, "Lars Holm", "030285-2211", domain.Date{}, full)
	r, _ := st.Case(thin)
	m := drive(t, newTestModel(t, st, nil), resize(minWidth, minHeight), suggestMsg{task: decisionTask{cas: r}})
	if v := strings.Join(strings.Fields(m.View()), " "); !strings.Contains(v, "Udredningen er ufuldstændig: kun 1 af 11 temaer er vurderet") {
		t.Errorf("no warning for 1 of 11:\n%s", m.View())
	}
	if v := ansi.Strip(m.View()); strings.Contains(v, "\n om ugen") || strings.Contains(v, "\n ud fra") {
		t.Errorf("a wrapped value must stay under its column:\n%s", v)
	}
	seen := ""
	for range 10 {
		seen += ansi.Strip(m.View())
		m = drive(t, m, keys("<pgdown>")...)
	}
	checkFits(t, "suggestions", m.View(), minWidth, minHeight)
	if !strings.Contains(seen, "Hvorfor") || !strings.Contains(seen, "Klage") {
		t.Errorf("pgdn never reached the reasons")
	}
	r, _ = st.Case(enough)
	m = drive(t, newTestModel(t, st, nil), resize(80, 24), suggestMsg{task: decisionTask{cas: r}})
	if strings.Contains(m.View(), "ufuldstændig") {
		t.Errorf("warned about 6 of 11:\n%s", m.View())
	}
	// Ishøj has no standard for some provisions: the mark shows whole.
	m = drive(t, m, keys("a")...)
	for range 10 {
		m = drive(t, m, keys("<down>")...)
		checkFits(t, "pick", m.View(), 80, 24)
		for _, l := range strings.Split(ansi.Strip(m.View()), "\n") {
			if strings.Contains(l, "(ingen standard") && !strings.Contains(l, "(ingen standard i kommunen)") {
				t.Errorf("cut marker: %q", l)
			}
		}
	}
}

// A line wider than the screen ends in "…", never silently.
func TestCutLinesEndInEllipsis(t *testing.T) {
	got := cutLines("kort"+strings.Repeat(" ", 50)+"\n"+strings.Repeat("lang ", 30), 40)
	lines := strings.Split(got, "\n")
	if strings.TrimSpace(lines[0]) != "kort" || strings.Contains(lines[0], "…") || !strings.HasSuffix(lines[1], "…") || lipgloss.Width(lines[1]) != 40 {
		t.Errorf("%q", got)
	}
}

// detailText is the theme box of the interview as plain text, without the
// theme list beside it.
func detailText(m Model) string {
	var out []string
	for _, l := range strings.Split(m.View(), "\n") {
		if !m.interview.narrow() {
			l = ansi.Cut(l, m.interview.listWidth(), m.c.width)
		}
		out = append(out, ansi.Strip(l))
	}
	return strings.Join(out, "\n")
}

// The decision form keeps the reason being typed in view at the minimum
// size, with an error above it.
func TestDecisionReasonVisibleAtMinimum(t *testing.T) {
	st := newFakeStore()
	id := seed(t, st, "Mette Hansen", "150391-1234", domain.Date{}, map[string]int{"psykisk_funktionsnedsaettelse": 2, "socialt_liv": 2})
	r, _ := st.Case(id)
	m := drive(t, newTestModel(t, st, nil), resize(minWidth, minHeight), suggestMsg{task: decisionTask{cas: r}})
	m = drive(t, m, keys("a", "<enter>", "<enter>", "<ctrl+s>")...)
	m = drive(t, m, keys("Borgeren ønsker mere støtte", "<enter>", "end sidste linje")...)
	checkFits(t, "reason", m.View(), minWidth, minHeight)
	if v := m.View(); !strings.Contains(v, "end sidste linje") || !strings.Contains(v, "> Begrundelse") {
		t.Errorf("the reason being typed is hidden:\n%s", v)
	}
}
