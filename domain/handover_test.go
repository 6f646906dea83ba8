package domain

import (
	"strings"
	"testing"
)

func TestHandover(t *testing.T) {
	c, err := Replay("S1", []Event{{Seq: 1, Kind: EventOpened, User: "anna", Opening: &Opening{Municipality: "ishoj"}}})
	if err != nil {
		t.Fatal(err)
	}
	if c.Responsible != "anna" {
		t.Fatalf("responsible after opening = %q, want the one who opened it", c.Responsible)
	}
	ev, err := c.HandoverEvent(" bo ", "Anna går på barsel.")
	if err != nil {
		t.Fatal(err)
	}
	ev.Seq, ev.User = 2, "anna"
	if err := c.Apply(ev); err != nil {
		t.Fatal(err)
	}
	if c.Responsible != "bo" || c.Version != 2 {
		t.Errorf("after handover: %q version %d", c.Responsible, c.Version)
	}
	if _, err := c.HandoverEvent("bo", ""); err == nil || !strings.Contains(err.Error(), "allerede") {
		t.Errorf("handover to the one responsible: %v", err)
	}
	if _, err := c.HandoverEvent("  ", ""); err == nil {
		t.Error("handover to nobody accepted")
	}
	// A history whose handover does not start from the responsible is refused.
	bad := append(append([]Event(nil), c.Events...), Event{Seq: 3, Kind: EventHandover, Handover: &Handover{From: "anna", To: "carl"}})
	if _, err := Replay("S1", bad); err == nil {
		t.Error("handover from someone not responsible replayed")
	}
	again, err := Replay("S1", c.Events)
	if err != nil || again.Responsible != "bo" {
		t.Errorf("replayed: %q, %v", again.Responsible, err)
	}
}
