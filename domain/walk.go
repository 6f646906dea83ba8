package domain

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
)

// walker decodes a case file field by field into the wire types,
// recording a problem for every field it cannot read. It runs only when
// the strict decode failed, so its cost matters less than its messages.
type walker struct {
	ps  *Problems
	bad map[string]bool // fields with a problem: the rules skip them
}

func (w *walker) fail(field, format string, args ...any) {
	w.ps.Add(field, format, args...)
	w.bad[field] = true
}

func present(raw json.RawMessage) bool {
	return len(raw) > 0 && string(raw) != "null"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// object splits raw into its fields and reports fields not in known (any
// field is allowed when known is nil). Names match known fields the way
// encoding/json matches struct fields, so both decode paths agree: exact
// or ignoring case, the last duplicate winning.
func (w *walker) object(field string, raw json.RawMessage, known []string) map[string]json.RawMessage {
	if !present(raw) {
		return nil
	}
	pairs, err := orderedFields(raw)
	if err != nil {
		w.fail(field, "skal være et JSON-objekt { ... }")
		return nil
	}
	m := make(map[string]json.RawMessage, len(pairs))
	var unknown []string
	for _, p := range pairs {
		name, ok := canonical(p.name, known)
		if !ok {
			unknown = append(unknown, p.name)
			continue
		}
		m[name] = p.value
	}
	sort.Strings(unknown)
	prefix := field + "."
	if field == "" {
		prefix = ""
	}
	for _, k := range unknown {
		w.fail(prefix+k, "ukendt felt; tilladte felter her: %s", strings.Join(known, ", "))
	}
	return m
}

// canonical returns the known field name matches, or name itself when
// any name is allowed.
func canonical(name string, known []string) (string, bool) {
	if known == nil || contains(known, name) {
		return name, true
	}
	for _, k := range known {
		if strings.EqualFold(k, name) {
			return k, true
		}
	}
	return "", false
}

type field struct {
	name  string
	value json.RawMessage
}

// orderedFields reads an object's fields in document order.
func orderedFields(raw json.RawMessage) ([]field, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errors.New("not an object")
	}
	var out []field
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil, err
		}
		out = append(out, field{tok.(string), value})
	}
	return out, nil
}

func (w *walker) text(field string, raw json.RawMessage) *string {
	if !present(raw) {
		return nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		w.fail(field, "skal være tekst i anførselstegn")
		return nil
	}
	return &s
}

func (w *walker) integer(field string, raw json.RawMessage) *int {
	if !present(raw) {
		return nil
	}
	var f float64
	if err := json.Unmarshal(raw, &f); err != nil || f != math.Trunc(f) || math.Abs(f) > 1e9 {
		w.fail(field, "skal være et helt tal")
		return nil
	}
	n := int(f)
	return &n
}

func (w *walker) number(field string, raw json.RawMessage, hint string) *float64 {
	if !present(raw) {
		return nil
	}
	var f float64
	if err := json.Unmarshal(raw, &f); err != nil {
		w.fail(field, "skal være et tal%s", hint)
		return nil
	}
	return &f
}

func (w *walker) boolean(field string, raw json.RawMessage) *bool {
	if !present(raw) {
		return nil
	}
	var b bool
	if err := json.Unmarshal(raw, &b); err != nil {
		w.fail(field, "skal være true eller false")
		return nil
	}
	return &b
}

// list splits a JSON array into its elements.
func (w *walker) list(field string, raw json.RawMessage) []json.RawMessage {
	if !present(raw) {
		return nil
	}
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		w.fail(field, "skal være en liste [ ... ]")
		return nil
	}
	return list
}

func (w *walker) strings(field string, raw json.RawMessage) []string {
	if !present(raw) {
		return nil
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err != nil {
		w.fail(field, "skal være en liste af tekster [\"...\"]")
		return nil
	}
	return list
}

var (
	caseFields       = []string{"schema", "municipality", "method", "citizen", "application_date", "assessment", "goals"}
	recordFields     = append(append([]string{}, caseFields...), "id", "decision", "follow_up_due")
	citizenFields    = []string{"name", "cpr", "birth_date", "living", "address"}
	assessmentFields = []string{"themes", "support_hours_per_week", "permanent", "relatives_need_relief",
		"situation", "purpose", "targets"}
	themeFields     = []string{"level", "not_relevant", "note", "citizen_view", "support", "statements"}
	statementFields = []string{"source", "text"}
	targetFields    = []string{"text", "theme", "secondary_themes", "type"}
	decisionFields  = []string{"provision", "tier", "date", "start", "refused", "reason", "special_reason", "scope",
		"below_need", "need", "suggestion_role", "followed_suggestion", "suggested_provision", "suggested_tier", "follow_up_due", "follow_up_from_standard"}
)

func (w *walker) caseFields(m map[string]json.RawMessage) caseWire {
	return caseWire{
		Schema:          w.integer("schema", m["schema"]),
		Municipality:    w.text("municipality", m["municipality"]),
		Method:          w.text("method", m["method"]),
		Citizen:         w.citizen(m["citizen"]),
		ApplicationDate: w.text("application_date", m["application_date"]),
		Assessment:      w.assessment(m["assessment"]),
		Goals:           w.strings("goals", m["goals"]),
	}
}

func (w *walker) citizen(raw json.RawMessage) *citizenWire {
	m := w.object("citizen", raw, citizenFields)
	if m == nil {
		return nil
	}
	return &citizenWire{
		Name: w.text("citizen.name", m["name"]), CPR: w.text("citizen.cpr", m["cpr"]),
		BirthDate: w.text("citizen.birth_date", m["birth_date"]), Living: w.text("citizen.living", m["living"]),
		Address: w.text("citizen.address", m["address"]),
	}
}

func (w *walker) assessment(raw json.RawMessage) *assessmentWire {
	m := w.object("assessment", raw, assessmentFields)
	if m == nil {
		return nil
	}
	a := &assessmentWire{
		SupportHoursPerWeek: w.number("assessment.support_hours_per_week", m["support_hours_per_week"], " (timer pr. uge, fx 2.5)"),
		Permanent:           w.boolean("assessment.permanent", m["permanent"]),
		RelativesNeedRelief: w.boolean("assessment.relatives_need_relief", m["relatives_need_relief"]),
		Situation:           w.text("assessment.situation", m["situation"]),
		Purpose:             w.text("assessment.purpose", m["purpose"]),
	}
	for i, raw := range w.list("assessment.targets", m["targets"]) {
		field := fmt.Sprintf("assessment.targets[%d]", i)
		tm := w.object(field, raw, targetFields)
		if tm == nil {
			a.Targets = append(a.Targets, nil)
			continue
		}
		a.Targets = append(a.Targets, &targetWire{Text: w.text(field+".text", tm["text"]), Theme: w.text(field+".theme", tm["theme"]),
			Secondary: w.strings(field+".secondary_themes", tm["secondary_themes"]), Type: w.text(field+".type", tm["type"])})
	}
	themes := w.object("assessment.themes", m["themes"], nil)
	if themes == nil {
		return a
	}
	a.Themes = map[string]*themeWire{}
	for slug, raw := range themes {
		field := "assessment.themes." + slug
		tm := w.object(field, raw, themeFields)
		if tm == nil {
			a.Themes[slug] = nil
			continue
		}
		a.Themes[slug] = &themeWire{
			Level: w.integer(field+".level", tm["level"]), NotRelevant: w.boolean(field+".not_relevant", tm["not_relevant"]),
			Note: w.text(field+".note", tm["note"]), CitizenView: w.text(field+".citizen_view", tm["citizen_view"]),
			Support: w.integer(field+".support", tm["support"]),
		}
		for i, raw := range w.list(field+".statements", tm["statements"]) {
			sf := fmt.Sprintf("%s.statements[%d]", field, i)
			sm := w.object(sf, raw, statementFields)
			var st *statementWire
			if sm != nil {
				st = &statementWire{Source: w.text(sf+".source", sm["source"]), Text: w.text(sf+".text", sm["text"])}
			}
			a.Themes[slug].Statements = append(a.Themes[slug].Statements, st)
		}
	}
	return a
}

func (w *walker) decision(raw json.RawMessage) *decisionWire {
	m := w.object("decision", raw, decisionFields)
	if m == nil {
		return nil
	}
	return &decisionWire{
		Provision: w.text("decision.provision", m["provision"]), Tier: w.text("decision.tier", m["tier"]),
		Date: w.text("decision.date", m["date"]), Start: w.text("decision.start", m["start"]),
		Refused: w.boolean("decision.refused", m["refused"]), Reason: w.text("decision.reason", m["reason"]),
		SpecialReason: w.text("decision.special_reason", m["special_reason"]), Scope: m["scope"],
	}
}
