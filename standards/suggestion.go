package standards

import "github.com/vumdk/vum/domain"

// Role says how a suggestion relates to the others.
type Role string

// The roles, in the order suggestions are listed.
const (
	Primary       Role = "primary"       // the least intrusive offer that meets the need
	Complementary Role = "complementary" // meets a need the primary does not
	Alternative   Role = "alternative"   // less intrusive, but does not meet the whole need
)

// Label returns the role in Danish.
func (r Role) Label() string {
	switch r {
	case Primary:
		return "primær anbefaling"
	case Complementary:
		return "supplerende"
	case Alternative:
		return "alternativ"
	}
	return string(r)
}

// HoursRange is a tier's support hours a week: over Min, up to and
// including Max; Max nil means no upper bound.
type HoursRange struct {
	Min float64  `json:"min"`
	Max *float64 `json:"max"`
}

// Window is a span of months, e.g. a follow-up within 3-6 months.
type Window struct {
	Min int `json:"min"`
	Max int `json:"max"`
}

// SourceRef names the standard a suggestion rests on.
type SourceRef struct {
	Municipality string `json:"municipality"`
	Title        string `json:"title"`
	Issuer       string `json:"issuer"`
	Year         *int   `json:"year"`
	LegalBasis   string `json:"legal_basis,omitempty"`
}

// ThemeLevel is a theme that motivated a suggestion.
type ThemeLevel struct {
	Slug  string `json:"slug"`
	Name  string `json:"name"`
	Level int    `json:"level"`
}

// Suggestion is one suggested provision with the municipality's service
// level and the reasons. Pointer fields are null where the standard states
// nothing; Covered is false where the municipality has no standard for the
// provision at all.
type Suggestion struct {
	Provision              domain.ProvisionID `json:"provision"`
	Law                    string             `json:"law"`
	Title                  string             `json:"title"`
	Role                   Role               `json:"role"`
	Covered                bool               `json:"covered_by_standard"`
	Tier                   *string            `json:"tier"`
	TierEstimated          bool               `json:"tier_estimated"`
	HoursPerWeek           *HoursRange        `json:"hours_per_week"`
	NeedHoursPerWeek       *float64           `json:"need_hours_per_week"`
	DaysPerWeekMin         *int               `json:"days_per_week_min"`
	DaysPerWeekMax         *int               `json:"days_per_week_max"`
	DaysPerYearMax         *int               `json:"days_per_year_max"`
	DurationMaxMonths      *int               `json:"duration_max_months"`
	FollowUpMonths         *int               `json:"follow_up_months"`
	FollowUpWindow         *Window            `json:"follow_up_window_months"`
	DecisionDeadline       domain.Date        `json:"decision_deadline"`
	Appealable             *bool              `json:"appealable"`
	ComplaintDeadlineWeeks *int               `json:"complaint_deadline_weeks"`
	Themes                 []ThemeLevel       `json:"themes"`
	Rationale              []string           `json:"rationale"`
	Notes                  []string           `json:"notes"`
	Source                 *SourceRef         `json:"source"`

	need int // the highest level among Themes, for ordering
}

// Result is everything vum suggests for one case.
type Result struct {
	Municipality     string `json:"municipality"`
	MunicipalityName string `json:"municipality_name"`
	// Method is the assessment method the suggestion read the themes
	// with ("vum1", "vum2").
	Method      string       `json:"method"`
	MethodName  string       `json:"method_name"`
	Suggestions []Suggestion `json:"suggestions"`
	Warnings    []string     `json:"warnings"`
}

// Primary returns the primary suggestion, if any.
func (r Result) Primary() (Suggestion, bool) {
	for _, s := range r.Suggestions {
		if s.Role == Primary {
			return s, true
		}
	}
	return Suggestion{}, false
}

// Find returns the suggestion for provision id, if any.
func (r Result) Find(id domain.ProvisionID) (Suggestion, bool) {
	for _, s := range r.Suggestions {
		if s.Provision == id {
			return s, true
		}
	}
	return Suggestion{}, false
}
