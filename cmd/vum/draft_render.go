package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"

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

func isDecision(e domain.Event) bool { return e.IsDecision() }

// buildDraft builds the letter for one decision on a case (event seq, or
// the newest decision when seq is 0), signed with the caseworker's profile
// and completed with the fill, if any.
func buildDraft(cat *standards.Catalog, c domain.Case, seq int, today domain.Date, profile domain.Profile, fill draft.Fill, hearing bool) (*draft.Letter, error) {
	e, err := letterEvent(c, seq)
	if err != nil {
		return nil, err
	}
	return draft.Build(draft.Input{Catalog: cat, Case: c, Seq: e.Seq, Today: today, Profile: profile, Fill: fill, Hearing: hearing})
}

// renderDraft lays the letter out in format.
func renderDraft(letter *draft.Letter, format string) ([]byte, error) {
	switch format {
	case "pdf":
		return letter.PDF()
	case "txt":
		return []byte(letter.Text()), nil
	}
	return []byte(letter.Markdown()), nil
}

// readFill reads what the caseworker has completed for a letter from a
// JSON file (the fields of letter.Fill).
func readFill(path string) (draft.Fill, error) {
	var f draft.Fill
	if path == "" {
		return f, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return f, fmt.Errorf("--fill: kan ikke læse %s: %v", path, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return f, fmt.Errorf("--fill: %s er ikke gyldig JSON med brevets felter: %v", path, err)
	}
	return f, nil
}
