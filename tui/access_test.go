package tui

import (
	"strings"
	"testing"

	"github.com/vumdk/vum/domain"
)

// Every screen that shows a citizen's data, and every CPR search, is
// noted in the access log with the case it concerned.
func TestScreensNoteAccess(t *testing.T) {
	st := newFakeStore()
	undecided := seed(t, st, "Søren Østergaard", "110772-1113", domain.Date{}, map[string]int{"sundhed": 2})
	m := drive(t, newTestModel(t, st, nil), resize(80, 24))
	m = drive(t, m, m.Init()())
	m = drive(t, m, keys("/", "110772-1113")...)
	m = drive(t, m, keys("<enter>")...)
	if m.screen != screenInterview {
		t.Fatalf("enter opened %v", m.screen)
	}
	m = drive(t, m, keys("<esc>", "n", "Peter Krogh", "<tab>", "110772-1113")...)
	want := []string{
		"liste  skærmbilledet sager",
		"søgning " + undecided + " søgning på fuldt CPR-nummer",
		"læst " + undecided + " skærmbilledet udredning",
		"liste  skærmbilledet sager",
		"søgning " + undecided + " opslag på CPR-nummer i ny sag",
	}
	if got := st.accessLog(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("access log:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
