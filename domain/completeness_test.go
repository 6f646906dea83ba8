package domain

import (
	"strings"
	"testing"
)

func TestCompleteness(t *testing.T) {
	themes := func(scored, notRelevant, begun int) Assessment {
		a := Assessment{Themes: map[string]ThemeAssessment{}}
		for i := range scored {
			a.Themes[string(rune('a'+i))] = ThemeAssessment{Level: 2}
		}
		for i := range notRelevant {
			a.Themes[string(rune('m'+i))] = ThemeAssessment{NotRelevant: true}
		}
		for i := range begun {
			a.Themes[string(rune('t'+i))] = ThemeAssessment{Unscored: true, Note: "noget"}
		}
		return a
	}
	cases := []struct {
		a       Assessment
		partial bool
		says    string
	}{
		{themes(1, 0, 0), true, "kun 1 af 11 temaer"},
		{themes(5, 0, 0), true, "kun 5 af 11"},
		{themes(3, 3, 0), false, ""}, // 6 of 11: not relevant counts as assessed
		{themes(11, 0, 0), false, ""},
		{themes(8, 0, 1), true, "1 tema er påbegyndt uden niveau. Giv det"},
		{themes(6, 2, 2), true, "2 temaer er påbegyndt uden niveau. Giv dem"},
	}
	for i, c := range cases {
		got := c.a.Completeness(11)
		if got.Partial() != c.partial || !strings.Contains(got.Warning(), c.says) || (c.says == "") != (got.Warning() == "") {
			t.Errorf("case %d: %+v partial %v warning %q", i, got, got.Partial(), got.Warning())
		}
	}
}

// Under a method whose group describes its themes in words, such a theme
// described without a level is assessed; a theme that must carry a level
// is still begun.
func TestCompletenessUnderMethod(t *testing.T) {
	m := &Method{
		Groups: []ThemeGroup{{ID: "ff", Level: LevelOptional}, {ID: "ad", Level: LevelRequired}},
		Themes: []Theme{{Slug: "mentale", Group: "ff"}, {Slug: "fysiske", Group: "ff"}, {Slug: "egenomsorg", Group: "ad"}, {Slug: "relationer", Group: "ad"}},
	}
	words := ThemeAssessment{Unscored: true, Note: "beskrevet"}
	a := Assessment{Themes: map[string]ThemeAssessment{"mentale": words, "fysiske": words, "egenomsorg": {Level: 2}}}
	if c := a.CompletenessUnder(m); c.Partial() || c.Assessed != 3 {
		t.Errorf("themes described in words count as assessed: %+v", c)
	}
	a.Themes["relationer"] = words
	if c := a.CompletenessUnder(m); !c.Partial() || c.Begun != 1 {
		t.Errorf("a theme that must carry a level is begun without one: %+v", c)
	}
}
