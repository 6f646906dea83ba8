package domain

import (
	"strings"
	"testing"
	"time"
)

// A letter's fill is stored with a decision of the case: the newest one
// for that decision counts, a fill for an event that is not an earlier
// decision is refused, and a fill laid over another keeps what it leaves
// empty.
func TestLetterFill(t *testing.T) {
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	d := NewDate(2026, 11, 20)
	events := []Event{
		{Seq: 1, Kind: EventOpened, Recorded: at, Opening: &Opening{Municipality: "ishoj", Citizen: Citizen{Name: "A"}, ApplicationDate: d}},
		{Seq: 2, Kind: EventGrant, Recorded: at, Grant: GrantID(1), Decision: &Decision{Provision: SEL82a, Date: d, Scope: Scope{Offer: "Gruppeforløb"}}},
	}
	c, err := Replay("1", events)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.LetterFillEvent(1, LetterFill{CitizenView: "x"}); err == nil || !strings.Contains(err.Error(), "ikke en afgørelse") {
		t.Errorf("fill for the opening: %v", err)
	}
	if _, err := c.LetterFillEvent(3, LetterFill{CitizenView: "x"}); err == nil {
		t.Error("fill for an event not yet recorded was accepted")
	}
	first, err := c.LetterFillEvent(2, LetterFill{CitizenAddress: "Vej 1", CitizenView: "før"})
	if err != nil {
		t.Fatal(err)
	}
	first.Seq, first.Recorded = 3, at
	if err := c.Apply(first); err != nil {
		t.Fatal(err)
	}
	stored, _ := c.LetterFill(2)
	second, err := c.LetterFillEvent(2, stored.Over(LetterFill{CitizenView: "efter", Hearing: LetterHearing{NotNeeded: "fuldt medhold"}}))
	if err != nil {
		t.Fatal(err)
	}
	second.Seq, second.Recorded = 4, at
	if err := c.Apply(second); err != nil {
		t.Fatal(err)
	}
	got, ok := c.LetterFill(2)
	if !ok || got.CitizenAddress != "Vej 1" || got.CitizenView != "efter" || !got.Hearing.Stated() {
		t.Errorf("stored fill = %+v, %v", got, ok)
	}
	if _, ok := c.LetterFill(1); ok {
		t.Error("a fill for event 1 was found")
	}
	// A history whose fill names a later event cannot have been recorded.
	bad := append(append([]Event(nil), events...), Event{Seq: 3, Kind: EventLetter, Recorded: at, Letter: &LetterFilled{Event: 3}})
	if _, err := Replay("1", bad); err == nil {
		t.Error("a fill for itself was replayed")
	}
}
