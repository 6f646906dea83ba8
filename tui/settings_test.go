package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/vumdk/vum/domain"
)

func newSettingsModel(t *testing.T, st Store, set Settings) Model {
	return New(Config{Store: st, Standards: catalog(t), Today: today, SaveDelay: time.Millisecond, Settings: set})
}

// The new-case form is kept like the interview: ctrl+c quits at once and
// the next start finds the form as it was; creating the case drops the
// draft and remembers the municipality for the next case.
func TestNewCaseFormKeptAndMunicipalityRemembered(t *testing.T) {
	st, set := newFakeStore(), &memorySettings{}
	m := drive(t, newSettingsModel(t, st, set), resize(80, 24))
	m = drive(t, m, keys("n", "<up>", "<right>", "<right>", "<tab>", "Mette Hansen", "<tab>", "150391-12")...)
	_, cmd := m.Update(keys("<ctrl+c>")[0])
	if cmd == nil {
		t.Fatal("ctrl+c in the form must quit: the form is kept")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("ctrl+c did not quit")
	}
	d, ok, _ := set.LoadDraft()
	if !ok || d.Name != "Mette Hansen" || d.ID != "150391-12" || d.Municipality != "ishoj" {
		t.Fatalf("draft = %+v (%v)", d, ok)
	}

	m = drive(t, newSettingsModel(t, st, set), resize(80, 24))
	m = drive(t, m, keys("n")...)
	if v := m.View(); !strings.Contains(v, "Genoptaget fra sidst") || !strings.Contains(v, "Mette Hansen") || !strings.Contains(v, "Ishøj Kommune") {
		t.Fatalf("the form was not restored:\n%s", v)
	}
	m = drive(t, m, keys("<tab>", "34", "<tab>", "<tab>", "<ctrl+u>", "05-10-2026", "<ctrl+s>")...)
	if m.screen != screenInterview {
		t.Fatalf("create: %v %v\n%s", m.screen, m.err, m.View())
	}
	if _, ok, _ := set.LoadDraft(); ok {
		t.Error("the draft outlived the case")
	}
	if p, _ := set.Load(); p.Municipality != "ishoj" {
		t.Errorf("profile = %+v", p)
	}
	m = drive(t, newSettingsModel(t, st, set), resize(80, 24))
	m = drive(t, m, keys("n")...)
	if v := m.View(); !strings.Contains(v, "‹ Ishøj Kommune") || strings.Contains(v, "Genoptaget") {
		t.Errorf("the next case must start on Ishøj, empty:\n%s", v)
	}
	// Dropping the form with esc twice drops the draft too.
	m = drive(t, m, keys("Peter", "<esc>", "<esc>")...)
	if _, ok, _ := set.LoadDraft(); ok || m.screen != screenCases {
		t.Errorf("esc esc kept the draft (screen %v)", m.screen)
	}
}

// The draft is written while typing, without quitting, so a crash loses
// at most the last moment.
func TestNewCaseDraftWrittenWhileTyping(t *testing.T) {
	set := &memorySettings{}
	m := drive(t, newSettingsModel(t, newFakeStore(), set), resize(80, 24))
	m = drive(t, m, keys("n", "Søren Østergård")...)
	d, ok, _ := set.LoadDraft()
	if !ok || d.Name != "Søren Østergård" || d.Living != string(domain.Livings[0]) {
		t.Errorf("draft while typing = %+v (%v)", d, ok)
	}
	drive(t, m, keys("<tab>", "<tab>", "<right>")...)
	if d, _, _ := set.LoadDraft(); d.Living != string(domain.Livings[1]) {
		t.Errorf("a choice is kept too: %+v", d)
	}
}
