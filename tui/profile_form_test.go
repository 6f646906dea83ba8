package tui

import (
	"strings"
	"testing"
	"time"
)

// The first letter shown without a profile asks who signs it; the answer
// is kept in the caseworker's settings (not the case store), keeps the
// municipality new cases start on, and signs the letter. Skipped, it is
// not asked again in the same run; `i` opens it again.
func TestProfileAskedOnFirstUse(t *testing.T) {
	st, id, _ := sampleStore(t)
	c, _ := st.Case(id)
	set := &memorySettings{}
	set.profile.Municipality = "ballerup"
	newModel := func() Model {
		return New(Config{Store: st, Files: &fakeFiles{}, Standards: catalog(t), Today: today, SaveDelay: time.Millisecond, Settings: set})
	}
	m := drive(t, newModel(), resize(80, 24), draftMsg{cas: c, seq: 3})
	if v := m.View(); !strings.Contains(v, "Første gang: hvem underskriver brevene?") || !strings.Contains(v, "> Dit navn") {
		t.Fatalf("no first-use question:\n%s", v)
	}
	m = drive(t, m, keys("<ctrl+s>")...)
	if !strings.Contains(m.View(), "skriv dit navn") {
		t.Fatalf("an empty name was accepted:\n%s", m.View())
	}
	m = drive(t, m, keys("Lone Madsen", "<tab>", "Socialrådgiver", "<tab>", "<tab>", "lone", "<ctrl+s>")...)
	if !strings.Contains(m.View(), "har et @") {
		t.Fatalf("an e-mail without @ was accepted:\n%s", m.View())
	}
	m = drive(t, m, keys("@ishoj.example", "<ctrl+s>")...)
	p, _ := set.Load()
	if p.Name != "Lone Madsen" || p.Title != "Socialrådgiver" || p.Email != "lone@ishoj.example" || p.Municipality != "ballerup" {
		t.Fatalf("profile = %+v", p)
	}
	if m.draft.profile != nil || !strings.Contains(m.draft.letter.Markdown(), "Lone Madsen") || !strings.Contains(m.View(), "Din profil er gemt") {
		t.Errorf("the letter is not signed:\n%s", m.View())
	}

	// Skipped: not asked again in this run, but i opens it.
	set2 := &memorySettings{}
	m = drive(t, New(Config{Store: st, Files: &fakeFiles{}, Standards: catalog(t), Today: today, SaveDelay: time.Millisecond, Settings: set2}),
		resize(80, 24), draftMsg{cas: c, seq: 3})
	m = drive(t, m, keys("<esc>")...)
	if m.draft.profile != nil || m.screen != screenDraft {
		t.Fatalf("esc did not skip the question:\n%s", m.View())
	}
	m = drive(t, m, keys("<esc>")...)
	m = drive(t, m, draftMsg{cas: c, seq: 3})
	if m.draft.profile != nil {
		t.Error("a skipped question was asked again")
	}
	m = drive(t, m, keys("i")...)
	if m.draft.profile == nil || strings.Contains(m.View(), "Første gang") {
		t.Errorf("i does not open the profile:\n%s", m.View())
	}
}
