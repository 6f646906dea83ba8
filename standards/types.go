package standards

import (
	"time"

	"github.com/vumdk/vum/domain"
)

// Standard is one municipal quality standard file: a catalogue of
// provisions with the municipality's service level for each. One file may
// serve several municipalities (Ishøj and Vallensbæk share a catalogue).
type Standard struct {
	ID string `toml:"id"`
	// Method is the id of the assessment method the municipalities
	// assess with ("vum2"); empty means VUM's original method. MethodDef
	// is the method it names, resolved on load.
	Method    string         `toml:"method"`
	MethodDef *domain.Method `toml:"-"`
	// Laws overrides the method file's consolidated acts, key by key.
	Laws           Laws                 `toml:"law"`
	Municipalities []Municipality       `toml:"municipality"`
	Sources        map[string]*Source   `toml:"source"`
	Provisions     []*ProvisionStandard `toml:"provision"`
	Rules          Rules                `toml:"rules"`
	// Origin says where the file came from: "indlejret" or a path.
	Origin string `toml:"-"`
	// File is the file's name, for messages.
	File string `toml:"-"`
}

// Municipality is a municipality that uses a standard, with the settings
// its letters are sent with. A setting left empty is unknown: a letter
// then leaves a field for the caseworker to fill, and never borrows
// another municipality's (Vallensbæk shares Ishøj's catalogue, not its
// address).
type Municipality struct {
	ID   string `toml:"id" json:"id"`
	Name string `toml:"name" json:"name"`
	Note string `toml:"note" json:"note,omitempty"`
	// Unit is the unit that decides and signs, e.g. "Center for Voksne
	// og Velfærd"; Address its postal address on one line.
	Unit    string `toml:"unit" json:"unit,omitempty"`
	Address string `toml:"address" json:"address,omitempty"`
	Phone   string `toml:"phone" json:"phone,omitempty"`
	Email   string `toml:"email" json:"email,omitempty"`
	// ComplaintAddress is where a complaint is sent (the municipality
	// reconsiders it first), e.g. "Ishøj Kommune, Ishøj Store Torv 20,
	// 2635 Ishøj".
	ComplaintAddress string `toml:"complaint_address" json:"complaint_address,omitempty"`
	// Referral says where the municipality passes a need its standard's
	// offers do not cover, e.g. Ballerup's Fronten to the
	// myndighedsafdeling.
	Referral string `toml:"referral" json:"referral,omitempty"`
}

// Laws names the consolidated acts (lovbekendtgørelser) a decision made
// today rests on. They change every year or two, so they are data: the
// method file holds the defaults and a municipality's file may override
// them. An empty value is cited by the law's name alone.
type Laws struct {
	Serviceloven        string `toml:"serviceloven"`
	Retssikkerhedsloven string `toml:"retssikkerhedsloven"`
	// Rules cites each provision's rule, with section and stk., as a
	// letter gives its legal basis, keyed by provision id: sel85 =
	// "servicelovens § 85, stk. 1". A provision without one is cited by
	// its section alone.
	Rules map[string]string `toml:"rules"`
}

// merge returns l with every empty key taken from def.
func (l Laws) merge(def Laws) Laws {
	if l.Serviceloven == "" {
		l.Serviceloven = def.Serviceloven
	}
	if l.Retssikkerhedsloven == "" {
		l.Retssikkerhedsloven = def.Retssikkerhedsloven
	}
	rules := make(map[string]string, len(def.Rules)+len(l.Rules))
	for k, v := range def.Rules {
		rules[k] = v
	}
	for k, v := range l.Rules {
		if v != "" {
			rules[k] = v
		}
	}
	l.Rules = rules
	return l
}

// Rule returns the citation of a provision's rule, e.g. "servicelovens
// § 85, stk. 1", or "" when the data gives none.
func (l Laws) Rule(id domain.ProvisionID) string { return l.Rules[string(id)] }

// Source is the document a service level comes from, so a citizen can
// look it up.
type Source struct {
	Title      string    `toml:"title" json:"title"`
	Issuer     string    `toml:"issuer" json:"issuer"`
	Year       int       `toml:"year" json:"year,omitempty"`
	InForce    time.Time `toml:"in_force" json:"-"`
	LegalBasis string    `toml:"legal_basis" json:"legal_basis,omitempty"`
}

// InForceDate returns the date the document came into force, if stated.
func (s *Source) InForceDate() domain.Date {
	if s.InForce.IsZero() {
		return domain.Date{}
	}
	return domain.DateOf(s.InForce)
}

// ProvisionStandard is a municipality's service level for one provision.
// Pointer fields are nil where the standard states nothing.
type ProvisionStandard struct {
	ID        domain.ProvisionID `toml:"id"`
	SourceKey string             `toml:"source"`
	// FFBCode is the service's code in KL's Fælles Faglige Begreber, for
	// the municipality to fill in; vum bundles no code list.
	FFBCode string `toml:"ffb_code"`
	// Municipalities limits the provision to some of the municipalities
	// sharing the file; empty means all of them.
	Municipalities []string `toml:"municipalities"`
	TargetGroup    string   `toml:"target_group"`

	AgeMin        *int            `toml:"age_min"`
	AgeMax        *int            `toml:"age_max"`
	AgeMaxPension bool            `toml:"age_max_pension"`
	AgeNote       string          `toml:"age_note"`
	Living        []domain.Living `toml:"living"`
	LivingNote    string          `toml:"living_note"`

	Visitation          *bool  `toml:"visitation"`
	HowToApply          string `toml:"how_to_apply"`
	DecisionTargetDays  *int   `toml:"decision_target_days"`
	DecisionTargetWeeks *int   `toml:"decision_target_weeks"`

	FollowUpMonths    *int   `toml:"follow_up_months"`
	FollowUpMonthsMin *int   `toml:"follow_up_months_min"`
	FollowUpMonthsMax *int   `toml:"follow_up_months_max"`
	FollowUpNote      string `toml:"follow_up_note"`

	DaysPerWeekMin      *int           `toml:"days_per_week_min"`
	DaysPerWeekMax      *int           `toml:"days_per_week_max"`
	DaysPerWeekByLiving map[string]int `toml:"days_per_week_by_living"`
	// DaysPerWeekSpecial are the days a week a standard allows beyond the
	// rule only "ved særlige hensyn", by living situation (Ishøj: up to 5
	// for a citizen living with family, against 3 as the rule).
	DaysPerWeekSpecial map[string]int `toml:"days_per_week_special"`
	// DaysPerWeekBeside caps the days a week when the citizen also has the
	// named provision (Ishøj § 103 beside a § 104 club or evening offer: 3).
	DaysPerWeekBeside  map[domain.ProvisionID]int `toml:"days_per_week_beside"`
	DaysPerWeekNotes   []string                   `toml:"days_per_week_notes"`
	DaysPerYearMax     *int                       `toml:"days_per_year_max"`
	DaysPerYearNote    string                     `toml:"days_per_year_note"`
	DurationMaxMonths  *int                       `toml:"duration_max_months"`
	HolidayDaysPerYear *int                       `toml:"holiday_days_per_year"`
	HolidayNote        string                     `toml:"holiday_note"`

	Requirements []string `toml:"requirements"`
	Content      []string `toml:"content"`
	NotIncluded  []string `toml:"not_included"`
	Tiers        []Tier   `toml:"tier"`

	Supplier         string   `toml:"supplier"`
	FreeChoice       *bool    `toml:"free_choice"`
	FreeChoiceNote   string   `toml:"free_choice_note"`
	UserPayment      *bool    `toml:"user_payment"`
	UserCosts        []string `toml:"user_costs"`
	MunicipalityPays []string `toml:"municipality_pays"`

	CitizenDuties     []string             `toml:"citizen_duties"`
	EndsWhen          []string             `toml:"ends_when"`
	Notes             []string             `toml:"notes"`
	NotCombinableWith []domain.ProvisionID `toml:"not_combinable_with"`
	CombinationNote   string               `toml:"combination_note"`

	Appeal Appeal `toml:"appeal"`

	// Source is SourceKey resolved on load.
	Source *Source `toml:"-"`
}

// Tier is one level of a provision by support hours a week, e.g. § 85
// "moderat": over HoursMin up to and including HoursMax. A nil HoursMin
// means from 0; a nil HoursMax means no upper bound.
type Tier struct {
	Name     string   `toml:"name"`
	HoursMin *float64 `toml:"hours_min"`
	HoursMax *float64 `toml:"hours_max"`
}

// Appeal is what the standard says about complaints.
type Appeal struct {
	Appealable           *bool  `toml:"appealable"`
	GeneralComplaint     bool   `toml:"general_complaint"`
	To                   string `toml:"to"`
	Weeks                *int   `toml:"weeks"`
	ReconsiderationWeeks *int   `toml:"reconsideration_weeks"`
	Note                 string `toml:"note"`
}

// Rules are the parameters of the suggestion rules. The method file holds
// the defaults; a standard's [rules] table overrides single keys.
type Rules struct {
	Order       []domain.ProvisionID `toml:"order"`
	AdultAge    int                  `toml:"adult_age"`
	Early       EarlyRule            `toml:"early"`
	Support     SupportRule          `toml:"support"`
	Residential ResidentialRule      `toml:"residential"`
	Employment  ThemeRule            `toml:"employment"`
	Activity    ThemeRule            `toml:"activity"`
	Relief      ReliefRule           `toml:"relief"`
}

// EarlyRule: every assessed theme at or below MaxLevel suggests Provisions.
type EarlyRule struct {
	MaxLevel   int                  `toml:"max_level"`
	Provisions []domain.ProvisionID `toml:"provisions"`
}

// SupportRule: a theme at MinLevel or above suggests Provision for
// citizens living as listed; hours are estimated from LevelPoints when the
// case gives none.
type SupportRule struct {
	Provision     domain.ProvisionID `toml:"provision"`
	MinLevel      int                `toml:"min_level"`
	Living        []domain.Living    `toml:"living"`
	LevelPoints   []int              `toml:"level_points"`
	HoursPerPoint float64            `toml:"hours_per_point"`
}

// ResidentialRule: MinThemes themes at ThemeLevel or above, one at
// RequiresLevel, suggest Permanent (when permanent) or Temporary.
type ResidentialRule struct {
	MinThemes     int                `toml:"min_themes"`
	ThemeLevel    int                `toml:"theme_level"`
	RequiresLevel int                `toml:"requires_level"`
	Permanent     domain.ProvisionID `toml:"permanent"`
	Temporary     domain.ProvisionID `toml:"temporary"`
}

// ThemeRule: Theme at MinLevel or above suggests Provision.
type ThemeRule struct {
	Provision domain.ProvisionID `toml:"provision"`
	Theme     string             `toml:"theme"`
	MinLevel  int                `toml:"min_level"`
}

// ReliefRule: relatives needing relief suggest Provision for citizens
// living as listed.
type ReliefRule struct {
	Provision domain.ProvisionID `toml:"provision"`
	Living    []domain.Living    `toml:"living"`
}

// MethodID returns the id of the standard's method.
func (s *Standard) MethodID() string { return domain.MethodID(s.Method) }

// Provision returns the standard's service level for id.
func (s *Standard) Provision(id domain.ProvisionID) (*ProvisionStandard, bool) {
	for _, p := range s.Provisions {
		if p.ID == id {
			return p, true
		}
	}
	return nil, false
}

// Municipality returns the municipality id among those using s.
func (s *Standard) Municipality(id string) (Municipality, bool) {
	for _, m := range s.Municipalities {
		if m.ID == id {
			return m, true
		}
	}
	return Municipality{}, false
}
