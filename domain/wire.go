package domain

import (
	"bytes"
	"encoding/json"
	"io"
)

// The wire types mirror the case file format with every field optional.
// A strict decode fills them in one pass; only when it fails are the
// fields decoded one by one, to name each problem (see walk.go). Either
// way the values are then checked by the same rules (validate.go).
type caseWire struct {
	Schema          *int            `json:"schema"`
	Municipality    *string         `json:"municipality"`
	Method          *string         `json:"method"`
	Citizen         *citizenWire    `json:"citizen"`
	ApplicationDate *string         `json:"application_date"`
	Assessment      *assessmentWire `json:"assessment"`
	Goals           []string        `json:"goals"`
}

type citizenWire struct {
	Name      *string `json:"name"`
	CPR       *string `json:"cpr"`
	BirthDate *string `json:"birth_date"`
	Living    *string `json:"living"`
	Address   *string `json:"address"`
}

type assessmentWire struct {
	Themes              map[string]*themeWire `json:"themes"`
	SupportHoursPerWeek *float64              `json:"support_hours_per_week"`
	Permanent           *bool                 `json:"permanent"`
	RelativesNeedRelief *bool                 `json:"relatives_need_relief"`
	Situation           *string               `json:"situation"`
	Purpose             *string               `json:"purpose"`
	Targets             []*targetWire         `json:"targets"`
}

type themeWire struct {
	Level       *int             `json:"level"`
	NotRelevant *bool            `json:"not_relevant"`
	Note        *string          `json:"note"`
	CitizenView *string          `json:"citizen_view"`
	Support     *int             `json:"support"`
	Statements  []*statementWire `json:"statements"`
}

type statementWire struct {
	Source *string `json:"source"`
	Text   *string `json:"text"`
}

type targetWire struct {
	Text      *string  `json:"text"`
	Theme     *string  `json:"theme"`
	Secondary []string `json:"secondary_themes"`
	Type      *string  `json:"type"`
}

// recordWire is an export line: a case file with the fields export adds.
type recordWire struct {
	caseWire
	ID          *string       `json:"id"`
	Decision    *decisionWire `json:"decision"`
	FollowUpDue *string       `json:"follow_up_due"`
}

type decisionWire struct {
	Provision *string `json:"provision"`
	Tier      *string `json:"tier"`
	Date      *string `json:"date"`
	Start     *string `json:"start"`
	Refused   *bool   `json:"refused"`
	Reason    *string `json:"reason"`
	// SpecialReason and Scope are the caseworker's, carried as written.
	SpecialReason *string         `json:"special_reason"`
	Scope         json.RawMessage `json:"scope"`
	// Written by export and worked out again on import.
	BelowNeed            *bool           `json:"below_need"`
	Need                 json.RawMessage `json:"need"`
	SuggestionRole       *string         `json:"suggestion_role"`
	FollowedSuggestion   *bool           `json:"followed_suggestion"`
	SuggestedProvision   *string         `json:"suggested_provision"`
	SuggestedTier        *string         `json:"suggested_tier"`
	FollowUpDue          *string         `json:"follow_up_due"`
	FollowUpFromStandard *bool           `json:"follow_up_from_standard"`
}

// strictDecode decodes data into v in one pass, refusing unknown fields,
// wrong types and anything after the object.
func strictDecode(data []byte, v any) bool {
	if t := bytes.TrimSpace(data); len(t) == 0 || t[0] != '{' {
		return false // "null" and the like: the walk names the problem
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return false
	}
	_, err := dec.Token()
	return err == io.EOF
}
