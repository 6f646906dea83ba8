package main

import (
	"fmt"

	"github.com/vumdk/vum/domain"
	draft "github.com/vumdk/vum/letter"
	"github.com/vumdk/vum/standards"
	"github.com/vumdk/vum/store"
)

// renderDraft builds the letter for a case's latest decision.
func renderDraft(cat *standards.Catalog, rec store.CaseRecord, today domain.Date, format string) ([]byte, error) {
	if rec.Decision == nil {
		return nil, fmt.Errorf("sagen %s har endnu ingen afgørelse; registrér den med »vum decide %s --provision ...«", rec.ID, rec.ID)
	}
	letter, err := draft.BuildFile(draft.FileInput{CaseID: rec.ID, Case: rec.Case, Decision: *rec.Decision, Catalog: cat, Today: today})
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
