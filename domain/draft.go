package domain

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Draft is an assessment in progress: the interview saves each answer as
// its own field, so two screens on one case never overwrite each other's
// answers. Each field carries a revision; a write states the revision it
// read and is refused when another writer changed the field since.
type Draft struct {
	// Kind is FirstAssessment or Reassessment.
	Kind   string                `json:"kind"`
	Fields map[string]DraftField `json:"fields"`
	// Visit identifies the interview visit that last saved, so the audit
	// trail gets one entry a visit rather than one a save.
	Visit string `json:"visit,omitempty"`
}

// DraftField is one saved answer.
type DraftField struct {
	Value string `json:"v"`
	Rev   int    `json:"r"`
}

// DraftEdit is one answer to save: the field, its new value and the
// revision the writer read (0 for a field it has not seen saved).
type DraftEdit struct {
	Field string
	Value string
	Rev   int
}

// Draft field names. Theme fields are "theme.<slug>.<part>".
const (
	DraftHours     = "hours"
	DraftPermanent = "permanent"
	DraftRelief    = "relief"
	DraftGoals     = "goals"
	DraftLiving    = "living"
	// The sagsvurdering of a method with a goal chain (VUM 2.0); targets
	// are kept as JSON.
	DraftSituation = "situation"
	DraftPurpose   = "purpose"
	DraftTargets   = "targets"
)

// Theme field parts.
const (
	PartLevel       = "level"
	PartNote        = "note"
	PartCitizenView = "citizen_view"
	PartSupport     = "support"    // støttebehov on the method's scale
	PartStatements  = "statements" // statements with their sources, as JSON
)

// ThemeField returns the draft field name of a theme's part.
func ThemeField(slug, part string) string { return "theme." + slug + "." + part }

// NotRelevantValue is the level field's value for a theme found not relevant.
const NotRelevantValue = "x"

// DraftValues writes an assessment, its goals and (when set) the living
// situation as draft field values.
func DraftValues(a Assessment, goals []string, living Living) map[string]string {
	out := map[string]string{}
	for slug, t := range a.Themes {
		switch {
		case t.NotRelevant:
			out[ThemeField(slug, PartLevel)] = NotRelevantValue
		case t.Scored():
			out[ThemeField(slug, PartLevel)] = strconv.Itoa(t.Level)
		default:
			out[ThemeField(slug, PartLevel)] = ""
		}
		out[ThemeField(slug, PartNote)] = t.Note
		out[ThemeField(slug, PartCitizenView)] = t.CitizenView
		// A method's further answers are written only where given, so a
		// VUM assessment's draft holds the fields it always held.
		if t.Support != nil {
			out[ThemeField(slug, PartSupport)] = strconv.Itoa(*t.Support)
		}
		if len(t.Statements) > 0 {
			out[ThemeField(slug, PartStatements)] = jsonValue(t.Statements)
		}
	}
	if a.Situation != "" {
		out[DraftSituation] = a.Situation
	}
	if a.Purpose != "" {
		out[DraftPurpose] = a.Purpose
	}
	if len(a.Targets) > 0 {
		out[DraftTargets] = jsonValue(a.Targets)
	}
	if a.SupportHoursPerWeek != nil {
		out[DraftHours] = strconv.FormatFloat(*a.SupportHoursPerWeek, 'f', -1, 64)
	} else {
		out[DraftHours] = ""
	}
	out[DraftPermanent] = boolValue(a.Permanent)
	out[DraftRelief] = boolValue(a.RelativesNeedRelief)
	out[DraftGoals] = strings.Join(goals, "\n")
	if living != "" {
		out[DraftLiving] = string(living)
	}
	return out
}

func jsonValue(v any) string {
	data, _ := json.Marshal(v) // statements and targets always marshal
	return string(data)
}

func boolValue(b bool) string {
	if b {
		return "ja"
	}
	return "nej"
}

// Values returns the draft's field values.
func (d Draft) Values() map[string]string {
	out := make(map[string]string, len(d.Fields))
	for k, f := range d.Fields {
		out[k] = f.Value
	}
	return out
}

// Edits returns the edits that turn the saved draft into values: every
// field whose value differs, with the revision it was read at.
func (d Draft) Edits(values map[string]string) []DraftEdit {
	var out []DraftEdit
	for k, v := range values {
		if f, ok := d.Fields[k]; !ok || f.Value != v {
			out = append(out, DraftEdit{Field: k, Value: v, Rev: d.Fields[k].Rev})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

// Apply saves edits into the draft. An edit whose revision is not the
// field's current one is a conflict: the field was changed by another
// writer since it was read. Nothing is applied when any edit conflicts.
func (d *Draft) Apply(edits []DraftEdit) (conflicts []string) {
	for _, e := range edits {
		if d.Fields[e.Field].Rev != e.Rev {
			conflicts = append(conflicts, e.Field)
		}
	}
	if len(conflicts) > 0 {
		return conflicts
	}
	if d.Fields == nil {
		d.Fields = map[string]DraftField{}
	}
	for _, e := range edits {
		f := d.Fields[e.Field]
		if f.Value == e.Value && f.Rev > 0 {
			continue
		}
		d.Fields[e.Field] = DraftField{Value: e.Value, Rev: f.Rev + 1}
	}
	return nil
}

// DraftFieldLabel names a draft field in Danish for messages, using the
// theme names of method m when given.
func DraftFieldLabel(field string, themeName func(string) string) string {
	switch field {
	case DraftHours:
		return "støttetimer om ugen"
	case DraftPermanent:
		return "varig nedsat funktionsevne"
	case DraftRelief:
		return "pårørendes behov for aflastning"
	case DraftGoals:
		return "mål"
	case DraftLiving:
		return "boform"
	case DraftSituation:
		return "vurdering af borgerens situation"
	case DraftPurpose:
		return "indsatsformål"
	case DraftTargets:
		return "indsatsmål"
	}
	if rest, ok := strings.CutPrefix(field, "theme."); ok {
		slug, part, _ := strings.Cut(rest, ".")
		name := slug
		if themeName != nil {
			name = themeName(slug)
		}
		switch part {
		case PartLevel:
			return name + ": niveau"
		case PartNote:
			return name + ": faglig vurdering"
		case PartCitizenView:
			return name + ": borgerens egen vurdering"
		case PartSupport:
			return name + ": støttebehov"
		case PartStatements:
			return name + ": udsagn"
		}
	}
	return field
}

// ParseDraft reads draft field values back into an assessment, its goals
// and the living situation ("" when not given). Values the interview
// could not have saved are refused.
func ParseDraft(values map[string]string) (Assessment, []string, Living, error) {
	a := Assessment{Themes: map[string]ThemeAssessment{}}
	var goals []string
	var living Living
	for k, v := range values {
		switch k {
		case DraftHours:
			if strings.TrimSpace(v) == "" {
				continue
			}
			h, err := ParseNumber(v)
			if err != nil || h < 0 || h > 168 {
				return a, nil, "", fmt.Errorf("%s: %q er ikke et antal timer", DraftFieldLabel(k, nil), v)
			}
			a.SupportHoursPerWeek = &h
		case DraftPermanent:
			a.Permanent = v == "ja"
		case DraftRelief:
			a.RelativesNeedRelief = v == "ja"
		case DraftGoals:
			for _, g := range strings.Split(v, "\n") {
				if g = strings.TrimSpace(g); g != "" {
					goals = append(goals, g)
				}
			}
		case DraftLiving:
			living = Living(v)
			if v != "" && !living.Valid() {
				return a, nil, "", fmt.Errorf("ukendt boform %q", v)
			}
		case DraftSituation:
			a.Situation = v
		case DraftPurpose:
			a.Purpose = v
		case DraftTargets:
			if v != "" && json.Unmarshal([]byte(v), &a.Targets) != nil {
				return a, nil, "", fmt.Errorf("%s: kan ikke læses", DraftFieldLabel(k, nil))
			}
		default:
			rest, ok := strings.CutPrefix(k, "theme.")
			slug, part, ok2 := strings.Cut(rest, ".")
			if !ok || !ok2 || slug == "" {
				return a, nil, "", fmt.Errorf("ukendt felt %q i udredningen", k)
			}
			t, seen := a.Themes[slug]
			if !seen {
				t.Unscored = true
			}
			switch part {
			case PartLevel:
				switch v {
				case "":
				case NotRelevantValue:
					t.NotRelevant, t.Unscored = true, false
				default:
					n, err := strconv.Atoi(v)
					if err != nil || n < 0 || n > 4 {
						return a, nil, "", fmt.Errorf("%s: %q er uden for skalaen 0-4", DraftFieldLabel(k, nil), v)
					}
					t.Level, t.Unscored = n, false
				}
			case PartNote:
				t.Note = v
			case PartCitizenView:
				t.CitizenView = v
			case PartSupport:
				if v != "" {
					n, err := strconv.Atoi(v)
					if err != nil || n < 0 || n > 4 {
						return a, nil, "", fmt.Errorf("%s: %q er uden for skalaen 0-4", DraftFieldLabel(k, nil), v)
					}
					t.Support = &n
				}
			case PartStatements:
				if v != "" && json.Unmarshal([]byte(v), &t.Statements) != nil {
					return a, nil, "", fmt.Errorf("%s: kan ikke læses", DraftFieldLabel(k, nil))
				}
			default:
				return a, nil, "", fmt.Errorf("ukendt felt %q i udredningen", k)
			}
			a.Themes[slug] = t
		}
	}
	// A theme with nothing in it was not assessed.
	for slug, t := range a.Themes {
		if t.Unscored && t.Note == "" && t.CitizenView == "" && t.Support == nil && len(t.Statements) == 0 {
			delete(a.Themes, slug)
		}
	}
	return a, goals, living, nil
}
