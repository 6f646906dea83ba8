package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/vumdk/vum/domain"
	draft "github.com/vumdk/vum/letter"
	"github.com/vumdk/vum/standards"
	"github.com/vumdk/vum/store"
)

// buildDraft builds the letter for a case's latest decision, signed with
// the caseworker's profile and completed with the fill, if any.
func buildDraft(cat *standards.Catalog, rec store.CaseRecord, today domain.Date, profile domain.Profile, fill draft.Fill, hearing bool) (*draft.Letter, error) {
	if rec.Decision == nil {
		return nil, fmt.Errorf("sagen %s har endnu ingen afgørelse; registrér den med »vum decide %s --provision ...«", rec.ID, rec.ID)
	}
	return draft.BuildFile(draft.FileInput{CaseID: rec.ID, Case: rec.Case, Decision: *rec.Decision, Catalog: cat, Today: today,
		Profile: profile, Fill: fill, Hearing: hearing})
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
	if err := json.Unmarshal(data, &f); err != nil {
		return f, fmt.Errorf("--fill: %s er ikke gyldig JSON med brevets felter: %v", path, err)
	}
	return f, nil
}
