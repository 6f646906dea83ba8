package domain

import (
	"sort"
	"strconv"
)

// Theme is one area of the assessment method, e.g. VUM's "Socialt liv".
type Theme struct {
	Slug    string   `toml:"slug" json:"slug"`
	Name    string   `toml:"name" json:"name"`
	Covers  string   `toml:"covers" json:"covers"`
	Prompts []string `toml:"prompts" json:"prompts"`
	// Group is the id of the method's group the theme belongs to (VUM
	// 2.0: Funktioner og forhold, Aktivitet og deltagelse, Omgivelses-
	// faktorer); empty in a method without groups.
	Group string `toml:"group" json:"group,omitempty"`
	// Subthemes are the theme's sub-themes, the guiding structure of the
	// conversation (VUM 2.0's "underemner").
	Subthemes []string `toml:"subthemes" json:"subthemes,omitempty"`
	// FFBCode is the theme's code in KL's Fælles Faglige Begreber, for a
	// municipality to fill in; vum bundles no code list.
	FFBCode string `toml:"ffb_code" json:"ffb_code,omitempty"`
}

// How a group's themes carry a level.
const (
	LevelRequired = "required" // the theme is scored on the scale (a theme with words only is begun)
	LevelOptional = "optional" // the theme is described in words; a level may be given
	LevelNone     = "none"     // the theme is described in words only
)

// ThemeGroup is a group of themes, e.g. VUM 2.0's "Aktivitet og
// deltagelse". Level says whether its themes carry a level; Goals marks
// the groups whose themes an indsatsmål may name as its primary theme.
type ThemeGroup struct {
	ID    string `toml:"id" json:"id"`
	Name  string `toml:"name" json:"name"`
	Level string `toml:"level" json:"level"`
	Goals bool   `toml:"goals" json:"goals,omitempty"`
}

// Choice is one value of a method's closed list (a statement's source, a
// måltype), with its Danish label.
type Choice struct {
	ID    string `toml:"id" json:"id"`
	Label string `toml:"label" json:"label"`
}

// Terms are the words a method uses on the screen, in letters and in
// exports. Empty terms fall back to VUM's.
type Terms struct {
	Theme       string `toml:"theme" json:"theme,omitempty"`               // "Tema"
	Level       string `toml:"level" json:"level,omitempty"`               // "Niveau", "Funktionsevneniveau"
	NotAssessed string `toml:"not_assessed" json:"not_assessed,omitempty"` // "ikke vurderet"
	Goals       string `toml:"goals" json:"goals,omitempty"`               // "Borgerens mål"
	Support     string `toml:"support" json:"support,omitempty"`           // "Støttebehov"
	Purpose     string `toml:"purpose" json:"purpose,omitempty"`           // "Indsatsformål"
	Targets     string `toml:"targets" json:"targets,omitempty"`           // "Indsatsmål"
	Situation   string `toml:"situation" json:"situation,omitempty"`       // "Vurdering af borgerens situation"
}

// LevelDef is one step of the method's functional scale.
type LevelDef struct {
	Value       int    `toml:"value" json:"value"`
	Label       string `toml:"label" json:"label"`
	Description string `toml:"description" json:"description"`
}

// Method is an assessment method: its themes and its level scale. VUM's
// original eleven themes with the ICF 0-4 scale are the default, but the
// method is data, so a municipality on VUM 2.0 can bring its own.
type Method struct {
	// ID names the method in standards and case files ("vum1", "vum2");
	// Version is recorded with every assessment made under it.
	ID      string       `toml:"id" json:"id"`
	Version string       `toml:"version" json:"version"`
	Name    string       `toml:"name" json:"name"`
	Terms   Terms        `toml:"terms" json:"terms"`
	Groups  []ThemeGroup `toml:"group" json:"groups,omitempty"`
	Themes  []Theme      `toml:"theme" json:"themes"`
	Levels  []LevelDef   `toml:"level" json:"levels"`
	// SupportLevels is the støttebehov scale, given per theme; empty in a
	// method without one.
	SupportLevels []LevelDef `toml:"support_level" json:"support_levels,omitempty"`
	// Sources are who a statement may come from (borger, pårørende ...);
	// empty in a method whose statements carry no source.
	Sources []Choice `toml:"statement_source" json:"statement_sources,omitempty"`
	// GoalTypes are the måltyper of an indsatsmål; empty in a method
	// without the goal chain.
	GoalTypes []Choice `toml:"goal_type" json:"goal_types,omitempty"`
}

// DefaultMethodID is the method of a standard or an assessment that names
// none: VUM's original eleven themes.
const DefaultMethodID = "vum1"

// MethodID returns id, or the default method's id when id is empty.
func MethodID(id string) string {
	if id == "" {
		return DefaultMethodID
	}
	return id
}

// Group returns the group with id.
func (m *Method) Group(id string) (ThemeGroup, bool) {
	for _, g := range m.Groups {
		if g.ID == id {
			return g, true
		}
	}
	return ThemeGroup{}, false
}

// ThemeLevel returns how theme slug carries a level: LevelRequired unless
// its group says otherwise.
func (m *Method) ThemeLevel(slug string) string {
	t, ok := m.Theme(slug)
	if !ok {
		return LevelRequired
	}
	if g, ok := m.Group(t.Group); ok && g.Level != "" {
		return g.Level
	}
	return LevelRequired
}

// GoalTheme reports whether slug may be an indsatsmål's primary theme.
func (m *Method) GoalTheme(slug string) bool {
	t, ok := m.Theme(slug)
	if !ok {
		return false
	}
	g, ok := m.Group(t.Group)
	return ok && g.Goals
}

// GoalThemes returns the slugs an indsatsmål may name, in the method's order.
func (m *Method) GoalThemes() []string {
	var out []string
	for _, t := range m.Themes {
		if m.GoalTheme(t.Slug) {
			out = append(out, t.Slug)
		}
	}
	return out
}

// SupportLevel returns the støttebehov step v.
func (m *Method) SupportLevel(v int) (LevelDef, bool) {
	for _, l := range m.SupportLevels {
		if l.Value == v {
			return l, true
		}
	}
	return LevelDef{}, false
}

// SourceLabel returns the Danish label of a statement source.
func (m *Method) SourceLabel(id string) string { return choiceLabel(m.Sources, id) }

// GoalTypeLabel returns the Danish label of a måltype.
func (m *Method) GoalTypeLabel(id string) string { return choiceLabel(m.GoalTypes, id) }

func choiceLabel(list []Choice, id string) string {
	for _, c := range list {
		if c.ID == id {
			return c.Label
		}
	}
	return id
}

func choiceIDs(list []Choice) []string {
	out := make([]string, len(list))
	for i, c := range list {
		out[i] = c.ID
	}
	return out
}

// Term returns the method's word for key, or VUM's when it names none.
func (m *Method) Term(get func(Terms) string) string {
	if t := get(m.Terms); t != "" {
		return t
	}
	return get(defaultTerms)
}

var defaultTerms = Terms{Theme: "Tema", Level: "Niveau", NotAssessed: "ikke vurderet", Goals: "Borgerens mål",
	Support: "Støttebehov", Purpose: "Indsatsformål", Targets: "Indsatsmål", Situation: "Vurdering af borgerens situation"}

// Label returns the method's name with its version, e.g. "VUM 2.0,
// version 2024".
func (m *Method) Label() string {
	if m.Version == "" {
		return m.Name
	}
	return m.Name + ", version " + m.Version
}

// Theme returns the theme with the given slug.
func (m *Method) Theme(slug string) (Theme, bool) {
	for _, t := range m.Themes {
		if t.Slug == slug {
			return t, true
		}
	}
	return Theme{}, false
}

// ThemeName returns the Danish name of slug, or slug itself when unknown.
func (m *Method) ThemeName(slug string) string {
	if t, ok := m.Theme(slug); ok {
		return t.Name
	}
	return slug
}

// Level returns the definition of level value v.
func (m *Method) Level(v int) (LevelDef, bool) {
	for _, l := range m.Levels {
		if l.Value == v {
			return l, true
		}
	}
	return LevelDef{}, false
}

// LevelLabel returns e.g. "2 (moderate begrænsninger)".
func (m *Method) LevelLabel(v int) string {
	if l, ok := m.Level(v); ok {
		return strconv.Itoa(v) + " (" + l.Label + ")"
	}
	return strconv.Itoa(v)
}

// LevelRange returns the lowest and highest level of the scale.
func (m *Method) LevelRange() (lo, hi int) { return levelRange(m.Levels) }

func levelRange(levels []LevelDef) (lo, hi int) {
	if len(levels) == 0 {
		return 0, 0
	}
	lo, hi = levels[0].Value, levels[0].Value
	for _, l := range levels {
		lo, hi = min(lo, l.Value), max(hi, l.Value)
	}
	return lo, hi
}

// ThemeSlugs returns the slugs in the method's order.
func (m *Method) ThemeSlugs() []string {
	out := make([]string, len(m.Themes))
	for i, t := range m.Themes {
		out[i] = t.Slug
	}
	return out
}

// SortedThemeSlugs returns the slugs in alphabetical order, for messages.
func (m *Method) SortedThemeSlugs() []string {
	out := m.ThemeSlugs()
	sort.Strings(out)
	return out
}
