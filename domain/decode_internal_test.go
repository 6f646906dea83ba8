package domain

import (
	"reflect"
	"testing"
)

// testVocabulary is a small method of its own: this package cannot load
// the embedded standards without an import cycle.
func testVocabulary() Vocabulary {
	m := &Method{Name: "test", Levels: []LevelDef{{Value: 0, Label: "ingen"}, {Value: 1, Label: "let"},
		{Value: 2, Label: "moderat"}, {Value: 3, Label: "svær"}, {Value: 4, Label: "total"}},
		Themes: []Theme{{Slug: "socialt_liv", Name: "Socialt liv"}, {Slug: "mobilitet", Name: "Mobilitet"}}}
	m2 := &Method{ID: "vum2", Version: "t", Name: "test 2", Levels: m.Levels, SupportLevels: m.Levels,
		Groups: []ThemeGroup{{ID: "f", Name: "F", Level: LevelOptional}, {ID: "a", Name: "A", Level: LevelRequired, Goals: true}},
		Themes: []Theme{{Slug: "mentale", Name: "Mentale", Group: "f"}, {Slug: "relationer", Name: "Relationer", Group: "a"},
			{Slug: "mobilitet", Name: "Mobilitet", Group: "a"}},
		Sources: []Choice{{ID: "borger", Label: "borger"}}, GoalTypes: []Choice{{ID: "udvikle", Label: "udvikle"}}}
	return Vocabulary{Method: m, Methods: map[string]*Method{"vum2": m2}, MunicipalityMethods: map[string]string{"vumby": "vum2"},
		Municipalities: []string{"ishoj", "vumby"}, Today: NewDate(2026, 11, 25)}
}

// The strict one-pass decode and the field-by-field walk must agree on
// every input the strict decode accepts: same case, same problems.
func FuzzStrictAndWalkAgree(f *testing.F) {
	f.Add([]byte(`{"schema":1,"municipality":"ishoj","citizen":{"name":"A","cpr":"150391-1234","living":"own_home"},"application_date":"2026-10-05","assessment":{"themes":{"socialt_liv":{"level":2,"note":"x"},"mobilitet":{"not_relevant":true}},"support_hours_per_week":2.5,"permanent":true},"goals":["a"," "]}`))
	f.Add([]byte(`{"schema":2,"municipality":"x","citizen":{"name":"","birth_date":"2030-01-01","living":"hjem"},"application_date":"2026-12-05","assessment":{"themes":{"y":{"level":7},"socialt_liv":null}}}`))
	f.Add([]byte(`{"schema":1,"assessment":{"themes":{"socialt_liv":{"level":2,"not_relevant":true}},"support_hours_per_week":-1}}`))
	f.Add([]byte(`{"schema":2,"municipality":"vumby","method":"vum2","citizen":{"name":"A","cpr":"150391-1234","living":"own_home"},"application_date":"2026-10-05","assessment":{"themes":{"mentale":{"note":"x","statements":[{"source":"borger","text":"y"},null,{"source":"nabo"}]},"relationer":{"level":2,"support":3}},"purpose":"p","situation":"s","targets":[{"text":"t","theme":"relationer","secondary_themes":["mobilitet","mentale"],"type":"udvikle"},null,{"theme":"mentale","type":"x"}]},"goals":["a"]}`))
	f.Add([]byte(`{"schema":1,"municipality":"vumby","method":"vum2","citizen":{"name":"A","cpr":"150391-1234","living":"own_home"},"application_date":"2026-10-05","assessment":{"themes":{"relationer":{"level":2,"support":9}}}}`))
	v := testVocabulary()
	f.Fuzz(func(t *testing.T, data []byte) {
		var w caseWire
		if !strictDecode(data, &w) {
			return
		}
		strictCase, strictErr := decodeCaseFile(data, v, false)
		walkCase, walkErr := decodeCaseFile(data, v, true)
		if !reflect.DeepEqual(strictCase, walkCase) {
			t.Fatalf("cases differ:\nstrict %+v\nwalk   %+v", strictCase, walkCase)
		}
		if !reflect.DeepEqual(strictErr, walkErr) {
			t.Fatalf("problems differ:\nstrict %v\nwalk   %v", strictErr, walkErr)
		}
	})
}
