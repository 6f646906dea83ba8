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
	Name   string     `toml:"name" json:"name"`
	Themes []Theme    `toml:"theme" json:"themes"`
	Levels []LevelDef `toml:"level" json:"levels"`
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
func (m *Method) LevelRange() (lo, hi int) {
	if len(m.Levels) == 0 {
		return 0, 0
	}
	lo, hi = m.Levels[0].Value, m.Levels[0].Value
	for _, l := range m.Levels {
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
