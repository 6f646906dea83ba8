package domain

import (
	"encoding/json"
	"sort"
)

// CaseSchema is the version of the case file format this code writes.
// Version 2 added the assessment method ("method"); a version 1 file is
// read as assessed under VUM's original method.
const CaseSchema = 2

// CaseSchemaV1 is the first case file format, still read.
const CaseSchemaV1 = 1

// CaseFile is one citizen's case as a caseworker exports or imports it:
// who, where, when the application came, and the VUM assessment.
type CaseFile struct {
	Schema       int    `json:"schema"`
	Municipality string `json:"municipality"`
	// Method is the assessment method the assessment is made under
	// ("vum1", "vum2"); empty means VUM's original method. MethodVersion
	// is the method's version, filled in from the loaded method.
	Method          string     `json:"method,omitempty"`
	MethodVersion   string     `json:"-"`
	Citizen         Citizen    `json:"citizen"`
	ApplicationDate Date       `json:"application_date"`
	Assessment      Assessment `json:"assessment"`
	Goals           []string   `json:"goals,omitempty"`
}

// Assessment is the caseworker's VUM assessment and the facts the rules use.
type Assessment struct {
	// Themes holds the themes the caseworker looked at, by slug. A theme
	// that is absent was not assessed.
	Themes map[string]ThemeAssessment `json:"themes"`
	// SupportHoursPerWeek is the caseworker's estimate of the need; nil
	// when not estimated.
	SupportHoursPerWeek *float64 `json:"support_hours_per_week,omitempty"`
	// Permanent: significantly and permanently reduced function (§ 108).
	Permanent bool `json:"permanent"`
	// RelativesNeedRelief: relatives caring at home need relief (aflastning).
	RelativesNeedRelief bool `json:"relatives_need_relief"`
	// The sagsvurdering of a method with a goal chain (VUM 2.0): the
	// overall assessment of the citizen's situation, the indsatsformål
	// (purpose of the whole effort) and the indsatsmål. The citizen's own
	// wishes and goals are the case's Goals, in the citizen's words.
	Situation string   `json:"situation,omitempty"`
	Purpose   string   `json:"purpose,omitempty"`
	Targets   []Target `json:"targets,omitempty"`
}

// Target is an indsatsmål: a concrete goal with one primary theme (an
// Aktivitet og deltagelse theme in VUM 2.0), possibly secondary ones, and
// its måltype (fastholde, udvikle, begrænse tab af funktionsevne).
type Target struct {
	Text      string   `json:"text"`
	Theme     string   `json:"theme"`
	Secondary []string `json:"secondary_themes,omitempty"`
	Type      string   `json:"type"`
}

// Statement is one statement on a theme with who made it (borger,
// sagsbehandler, pårørende, udfører, andre); the citizen's words are kept
// as said.
type Statement struct {
	Source string `json:"source"`
	Text   string `json:"text"`
}

// ThemeAssessment is the result for one theme.
type ThemeAssessment struct {
	Level       int
	NotRelevant bool   // looked at and found not relevant: carries no level
	Unscored    bool   // begun (notes written) but no level chosen yet
	Note        string // the caseworker's professional assessment
	CitizenView string // the citizen's own view
	// Support is the støttebehov on the method's support scale; nil when
	// not assessed or the method has none.
	Support *int
	// Statements are further statements with their sources.
	Statements []Statement
}

// Scored reports whether the theme carries a level.
func (t ThemeAssessment) Scored() bool { return !t.NotRelevant && !t.Unscored }

type themeJSON struct {
	Level       *int        `json:"level,omitempty"`
	NotRelevant bool        `json:"not_relevant,omitempty"`
	Note        string      `json:"note,omitempty"`
	CitizenView string      `json:"citizen_view,omitempty"`
	Support     *int        `json:"support,omitempty"`
	Statements  []Statement `json:"statements,omitempty"`
}

// MarshalJSON leaves out the level of a theme marked not relevant.
func (t ThemeAssessment) MarshalJSON() ([]byte, error) {
	j := themeJSON{NotRelevant: t.NotRelevant, Note: t.Note, CitizenView: t.CitizenView, Support: t.Support, Statements: t.Statements}
	if t.Scored() {
		j.Level = &t.Level
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads what MarshalJSON writes. Untrusted input goes
// through DecodeCaseFile, which checks it field by field.
func (t *ThemeAssessment) UnmarshalJSON(b []byte) error {
	var j themeJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*t = ThemeAssessment{NotRelevant: j.NotRelevant, Note: j.Note, CitizenView: j.CitizenView, Support: j.Support, Statements: j.Statements}
	if j.Level != nil {
		t.Level = *j.Level
	} else if !j.NotRelevant {
		t.Unscored = true
	}
	return nil
}

// ScoredTheme is an assessed theme with its level.
type ScoredTheme struct {
	Slug  string
	Level int
}

// Scored returns the themes that carry a level, highest level first, then
// by slug, so reasons read the most severe needs first.
func (a Assessment) Scored() []ScoredTheme {
	out := make([]ScoredTheme, 0, len(a.Themes))
	for slug, t := range a.Themes {
		if t.Scored() {
			out = append(out, ScoredTheme{slug, t.Level})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Level != out[j].Level {
			return out[i].Level > out[j].Level
		}
		return out[i].Slug < out[j].Slug
	})
	return out
}

// Level returns the level of theme slug and whether it was assessed.
func (a Assessment) Level(slug string) (int, bool) {
	t, ok := a.Themes[slug]
	if !ok || !t.Scored() {
		return 0, false
	}
	return t.Level, true
}

// AgeAtApplication returns the citizen's age on the application date.
func (c CaseFile) AgeAtApplication() int {
	return AgeAt(c.Citizen.Birth(), c.ApplicationDate)
}

// Unscored returns the themes begun but not yet given a level, sorted.
func (a Assessment) Unscored() []string {
	var out []string
	for slug, t := range a.Themes {
		if t.Unscored {
			out = append(out, slug)
		}
	}
	sort.Strings(out)
	return out
}

// Opening returns what the case file says about the case's start.
func (c CaseFile) Opening() Opening {
	return Opening{Municipality: c.Municipality, Citizen: c.Citizen, ApplicationDate: c.ApplicationDate}
}

// FirstAssessment returns the case file's assessment as the case's first,
// made on date; nil when no theme was looked at.
func (c CaseFile) FirstAssessment(date Date) *AssessmentEvent {
	a := c.Assessment
	if len(a.Themes) == 0 && a.SupportHoursPerWeek == nil && len(c.Goals) == 0 &&
		!a.Permanent && !a.RelativesNeedRelief && a.Situation == "" && a.Purpose == "" && len(a.Targets) == 0 {
		return nil
	}
	return &AssessmentEvent{Date: date, Kind: FirstAssessment, Assessment: c.Assessment, Goals: c.Goals,
		Method: c.Method, MethodVersion: c.MethodVersion}
}
