package domain

import "fmt"

// Completeness is how much of the method an assessment covers: what a
// suggestion, and a letter that cites the assessment, can rest on.
type Completeness struct {
	Assessed int // themes with a level or marked not relevant
	Begun    int // themes with notes but no level
	Themes   int // themes in the method
}

// Completeness counts the assessment against a method of themeCount
// themes.
func (a Assessment) Completeness(themeCount int) Completeness {
	c := Completeness{Themes: themeCount}
	for _, t := range a.Themes {
		if t.Unscored {
			c.Begun++
		} else {
			c.Assessed++
		}
	}
	return c
}

// CompletenessUnder counts the assessment against method m: a theme the
// method describes in words (its group's level is optional or none) is
// assessed once it is described, with or without a level.
func (a Assessment) CompletenessUnder(m *Method) Completeness {
	c := Completeness{Themes: len(m.Themes)}
	for slug, t := range a.Themes {
		if t.Unscored && m.ThemeLevel(slug) == LevelRequired {
			c.Begun++
		} else {
			c.Assessed++
		}
	}
	return c
}

// Partial reports an assessment that is not yet a VUM assessment to
// decide on: fewer than half of the themes assessed, or a theme begun
// without a level. A letter must then not call it a full assessment.
func (c Completeness) Partial() bool { return c.Assessed*2 < c.Themes || c.Begun > 0 }

// Warning says in Danish why the assessment is partial, or "" when it
// is not.
func (c Completeness) Warning() string {
	switch {
	case !c.Partial():
		return ""
	case c.Assessed*2 < c.Themes:
		return fmt.Sprintf("Udredningen er ufuldstændig: kun %d af %d temaer er vurderet. Forslaget bygger kun på dem; vurdér de øvrige temaer (eller markér dem ikke relevante), før der træffes afgørelse.",
			c.Assessed, c.Themes)
	}
	them := "dem"
	if c.Begun == 1 {
		them = "det"
	}
	return fmt.Sprintf("Udredningen er ufuldstændig: %s påbegyndt uden niveau. Giv %s et niveau (eller markér ikke relevant), før der træffes afgørelse.",
		Count(c.Begun, "tema er", "temaer er"), them)
}
