package tui

import (
	"strings"
	"testing"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
)

// On the letter screen the caseworker fills the letter's open fields; a
// save is stored with the case (on the version read: a case changed
// meanwhile is refused, reloaded, and saved again with what was typed),
// so a new start shows the finished letter.
func TestLetterFieldsFilledAndStored(t *testing.T) {
	st, id, _ := sampleStore(t)
	c, _ := st.Case(id)
	m := drive(t, newTestModel(t, st, &fakeFiles{}), resize(80, 24), draftMsg{cas: c, seq: 3})
	if m.draft.letter.Complete() || !strings.Contains(m.View(), "u udfyld felter") {
		t.Fatalf("the sample letter must lack something, with the key to fill it:\n%s", m.View())
	}
	m = drive(t, m, keys("u")...)
	v := m.View()
	for _, want := range []string{"Udfyld brevet", "> Borgerens adresse · mangler i brevet", "Borgerens egen vurdering · mangler i brevet", "ctrl+s gem"} {
		if !strings.Contains(v, want) {
			t.Fatalf("the form lacks %q:\n%s", want, v)
		}
	}
	// Another writer records on the case while the form is open.
	other, _ := st.Case(id)
	if _, err := st.Append(id, store.Change{Version: other.Version, Events: []domain.Event{mustFill(t, other, 3, domain.LetterFill{Transport: "Du sørger selv for transport"})}}); err != nil {
		t.Fatal(err)
	}
	m = drive(t, m, keys("Ishøj Bygade 12, 2635 Ishøj", "<tab>", "Jeg vil gerne handle ind selv.", "<ctrl+s>")...)
	if !strings.Contains(m.View(), "ctrl+g") {
		t.Fatalf("a save on an old version must be refused with a way to reload:\n%s", m.View())
	}
	m = drive(t, m, keys("<ctrl+g>", "<ctrl+s>")...)
	if m.draft.fill != nil || !strings.Contains(m.View(), "Brevets felter er gemt") {
		t.Fatalf("after the save:\n%s", m.View())
	}
	stored, _ := st.Case(id)
	f, ok := stored.LetterFill(3)
	if !ok || f.CitizenAddress != "Ishøj Bygade 12, 2635 Ishøj" || f.CitizenView != "Jeg vil gerne handle ind selv." {
		t.Fatalf("stored fill = %+v %v", f, ok)
	}
	if f.Transport != "Du sørger selv for transport" {
		t.Errorf("the other writer's field was lost: %+v", f)
	}

	// A new start finds the fields: the letter is finished.
	m = drive(t, newTestModel(t, st, &fakeFiles{}), resize(80, 24), draftMsg{cas: stored, seq: 3})
	l := m.draft.letter
	if !l.Complete() || len(l.Placeholders()) > 0 {
		t.Errorf("the stored fields do not finish the letter: %v %v", l.Missing(), l.Placeholders())
	}
	if md := l.Markdown(); !strings.Contains(md, "Jeg vil gerne handle ind selv.") || !strings.Contains(md, "Ishøj Bygade 12") {
		t.Errorf("the letter does not use the stored fields:\n%s", md)
	}

	// Typed but not saved: esc warns once, a second esc drops it.
	m = drive(t, m, keys("u", "x", "<esc>")...)
	if m.draft.fill == nil || !strings.Contains(m.View(), "ikke gemt") {
		t.Fatalf("esc with unsaved fields:\n%s", m.View())
	}
	m = drive(t, m, keys("<esc>")...)
	if m.draft.fill != nil || m.screen != screenDraft {
		t.Errorf("second esc: fill %v screen %v", m.draft.fill != nil, m.screen)
	}
	if after, _ := st.Case(id); after.Version != stored.Version {
		t.Errorf("dropped fields were stored (version %d, was %d)", after.Version, stored.Version)
	}
}

// A hearing date that cannot be read is refused beside its field, and
// nothing is stored.
func TestLetterFieldBadDate(t *testing.T) {
	st, id, _ := sampleStore(t)
	c, _ := st.Case(id)
	d := domain.Decision{Provision: domain.SEL85, Refused: true, Date: today, Reason: "Du klarer dig med den hjælp, du har", SuggestedProvision: domain.SEL85}
	c, err := st.Append(id, store.Change{Version: c.Version, Events: []domain.Event{{Kind: domain.EventRefusal, Decision: &d}}})
	if err != nil {
		t.Fatal(err)
	}
	m := drive(t, newTestModel(t, st, &fakeFiles{}), resize(80, 30), draftMsg{cas: c, seq: c.Version})
	m = drive(t, m, keys("u")...)
	if !strings.Contains(m.View(), "Partshøring foretaget den") {
		t.Fatalf("a refusal asks for the hearing:\n%s", m.View())
	}
	for !strings.Contains(m.View(), "> Partshøring foretaget den") {
		m = drive(t, m, keys("<tab>")...)
	}
	m = drive(t, m, keys("31-02-2026", "<ctrl+s>")...)
	if m.draft.fill == nil || !strings.Contains(m.View(), "✗") {
		t.Fatalf("a bad date must be refused beside the field:\n%s", m.View())
	}
	if after, _ := st.Case(id); after.Version != c.Version {
		t.Error("a refused fill was stored")
	}
}

func mustFill(t *testing.T, c domain.Case, seq int, f domain.LetterFill) domain.Event {
	t.Helper()
	e, err := c.LetterFillEvent(seq, f)
	if err != nil {
		t.Fatal(err)
	}
	return e
}
