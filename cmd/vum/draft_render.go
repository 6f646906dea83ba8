package main

import (
	"fmt"

	"github.com/vumdk/vum/domain"
	draft "github.com/vumdk/vum/letter"
	"github.com/vumdk/vum/standards"
)

// letterEvent picks the decision a letter is written for: the event seq,
// or the case's newest decision (a grant, refusal, change or ending).
func letterEvent(c domain.Case, seq int) (domain.Event, error) {
	if seq > 0 {
		if seq > len(c.Events) {
			return domain.Event{}, fmt.Errorf("sagen %s har ingen hændelse %d; se hændelserne med »vum case show %s«", c.ID, seq, c.ID)
		}
		e := c.Events[seq-1]
		if !isDecision(e) {
			return e, fmt.Errorf("hændelse %d på sagen %s er en %s, ikke en afgørelse", seq, c.ID, e.Kind.Label())
		}
		return e, nil
	}
	for i := len(c.Events) - 1; i >= 0; i-- {
		if isDecision(c.Events[i]) {
			return c.Events[i], nil
		}
	}
	return domain.Event{}, fmt.Errorf("sagen %s har endnu ingen afgørelse; registrér den med »vum decide %s --provision ...«", c.ID, c.ID)
}

func isDecision(e domain.Event) bool {
	switch e.Kind {
	case domain.EventGrant, domain.EventRefusal, domain.EventChange, domain.EventTermination:
		return true
	}
	return false
}

// renderDraft builds the letter for one decision on a case.
func renderDraft(cat *standards.Catalog, c domain.Case, e domain.Event, today domain.Date, format string) ([]byte, error) {
	letter, err := draft.Build(draft.Input{Catalog: cat, Case: c, Seq: e.Seq, Today: today})
	if err != nil {
		return nil, err
	}
	switch format {
	case "pdf":
		return letter.PDF()
	case "txt":
		return []byte(letter.Text()), nil
	}
	return []byte(letter.Markdown()), nil
}
