package domain_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
)

func vocabulary(t testing.TB) domain.Vocabulary {
	t.Helper()
	cat, err := standards.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return cat.Vocabulary(domain.NewDate(2026, 11, 25))
}

func readCase(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "cases", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestDecodeExamples(t *testing.T) {
	v := vocabulary(t)
	for _, name := range []string{"ishoj-moderat.json", "ishoj-let-82a.json", "ishoj-108.json", "ishoj-103-family.json", "gentofte-85.json"} {
		t.Run(name, func(t *testing.T) {
			cf, err := domain.DecodeCaseFile(readCase(t, name), v)
			if err != nil {
				t.Fatalf("unexpected problems:\n%v", err)
			}
			if cf.Citizen.Name == "" || cf.ApplicationDate.IsZero() || len(cf.Assessment.Themes) == 0 {
				t.Errorf("decoded case is missing facts: %+v", cf)
			}
		})
	}
}

func TestDecodeInvalidExampleNamesEveryProblem(t *testing.T) {
	_, err := domain.DecodeCaseFile(readCase(t, "invalid-level.json"), vocabulary(t))
	var ps domain.Problems
	if !asProblems(err, &ps) {
		t.Fatalf("want Problems, got %v", err)
	}
	want := map[string]string{
		"citizen.cpr": "310291 er ikke en gyldig dato",
		"assessment.themes.psykisk_funktionsnedsaettelse.level": "7 er uden for skalaen 0-4",
		"assessment.themes.gaardmand":                           "ukendt tema \"gaardmand\"",
	}
	if len(ps) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(ps), len(want), ps)
	}
	for _, p := range ps {
		if !strings.Contains(p.Message, want[p.Field]) {
			t.Errorf("%s: %q does not say %q", p.Field, p.Message, want[p.Field])
		}
	}
}

func asProblems(err error, ps *domain.Problems) bool {
	p, ok := err.(domain.Problems)
	*ps = p
	return ok
}

// base is a valid case that each test below breaks in one way.
const base = `{"schema":1,"municipality":"ishoj",
 "citizen":{"name":"Test Borger","cpr":"150391-1234","living":"own_home"},
 "application_date":"2026-10-05",
 "assessment":{"themes":{"socialt_liv":{"level":2}}}}`

func edit(t *testing.T, f func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(base), &m); err != nil {
		t.Fatal(err)
	}
	f(m)
	out, _ := json.Marshal(m)
	return out
}

func sub(m map[string]any, key string) map[string]any { return m[key].(map[string]any) }

func TestDecodeProblems(t *testing.T) {
	v := vocabulary(t)
	tests := []struct {
		name  string
		input []byte
		field string
		says  string
	}{
		{"syntax error", []byte("{\n  \"schema\": 1,\n  oops\n}"), "", "linje 3, kolonne 3"},
		{"empty file", []byte(""), "", "tom"},
		{"array", []byte("[1,2]"), "", "JSON-objekt"},
		{"missing schema", edit(t, func(m map[string]any) { delete(m, "schema") }), "schema", "mangler"},
		{"schema 3", edit(t, func(m map[string]any) { m["schema"] = 3 }), "schema", "version 3 kendes ikke"},
		{"unknown municipality", edit(t, func(m map[string]any) { m["municipality"] = "aarhus" }), "municipality", "kendte kommuner: ballerup, gentofte, ishoj, vallensbaek"},
		{"unknown top field", edit(t, func(m map[string]any) { m["kommune"] = "x" }), "kommune", "ukendt felt"},
		{"no name", edit(t, func(m map[string]any) { sub(m, "citizen")["name"] = " " }), "citizen.name", "tom"},
		{"no cpr nor birth", edit(t, func(m map[string]any) { delete(sub(m, "citizen"), "cpr") }), "citizen", "angiv cpr"},
		{"cpr and birth disagree", edit(t, func(m map[string]any) { sub(m, "citizen")["birth_date"] = "1991-03-16" }), "citizen.birth_date", "passer ikke"},
		{"future birth", edit(t, func(m map[string]any) {
			c := sub(m, "citizen")
			delete(c, "cpr")
			c["birth_date"] = "2027-01-01"
		}), "citizen.birth_date", "ligger i fremtiden"},
		{"future cpr birth", edit(t, func(m map[string]any) { sub(m, "citizen")["cpr"] = "010130-4000" }), "citizen.cpr", "ligger i fremtiden"},
		{"cpr century before 1880", edit(t, func(m map[string]any) { sub(m, "citizen")["cpr"] = "010170-5000" }), "citizen.cpr", "01-01-1870 er ikke en mulig dato"},
		{"theme given twice", []byte(`{"schema": 1, "municipality": "ishoj", "citizen": {"name": "A", "cpr": "150391-1234", "living": "own_home"},
  "application_date": "2026-10-05", "assessment": {"themes": {"socialt_liv": {"level": 2}, "mobilitet": {"level": 1}, "socialt_liv": {"level": 3}}}}`),
			"assessment.themes.socialt_liv", "står to gange"},
		{"born after application", edit(t, func(m map[string]any) {
			c := sub(m, "citizen")
			delete(c, "cpr")
			c["birth_date"] = "2026-11-01"
		}), "citizen.birth_date", "efter ansøgningsdatoen"},
		{"unknown living", edit(t, func(m map[string]any) { sub(m, "citizen")["living"] = "hjemme" }), "citizen.living", "own_home"},
		{"bad application date", edit(t, func(m map[string]any) { m["application_date"] = "05-10-2026" }), "application_date", "ÅÅÅÅ-MM-DD"},
		{"future application", edit(t, func(m map[string]any) { m["application_date"] = "2026-12-01" }), "application_date", "fremtiden"},
		{"level as text", edit(t, func(m map[string]any) {
			sub(sub(m, "assessment"), "themes")["socialt_liv"] = map[string]any{"level": "2"}
		}), "assessment.themes.socialt_liv.level", "helt tal"},
		{"level fraction", edit(t, func(m map[string]any) {
			sub(sub(m, "assessment"), "themes")["socialt_liv"] = map[string]any{"level": 2.5}
		}), "assessment.themes.socialt_liv.level", "helt tal"},
		{"negative level", edit(t, func(m map[string]any) {
			sub(sub(m, "assessment"), "themes")["socialt_liv"] = map[string]any{"level": -1}
		}), "assessment.themes.socialt_liv.level", "uden for skalaen"},
		{"missing level", edit(t, func(m map[string]any) {
			sub(sub(m, "assessment"), "themes")["socialt_liv"] = map[string]any{}
		}), "assessment.themes.socialt_liv.level", "mangler"},
		{"not relevant with level", edit(t, func(m map[string]any) {
			sub(sub(m, "assessment"), "themes")["socialt_liv"] = map[string]any{"level": 2, "not_relevant": true}
		}), "assessment.themes.socialt_liv.level", "intet niveau"},
		{"negative hours", edit(t, func(m map[string]any) { sub(m, "assessment")["support_hours_per_week"] = -1 }), "assessment.support_hours_per_week", "0-168"},
		{"hours as text", edit(t, func(m map[string]any) { sub(m, "assessment")["support_hours_per_week"] = "2,5" }), "assessment.support_hours_per_week", "tal"},
		{"permanent as text", edit(t, func(m map[string]any) { sub(m, "assessment")["permanent"] = "ja" }), "assessment.permanent", "true eller false"},
		{"goals not list", edit(t, func(m map[string]any) { m["goals"] = "mål" }), "goals", "liste"},
		{"missing assessment", edit(t, func(m map[string]any) { delete(m, "assessment") }), "assessment", "mangler"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := domain.DecodeCaseFile(tt.input, v)
			var ps domain.Problems
			if !asProblems(err, &ps) {
				t.Fatalf("want Problems, got %v", err)
			}
			for _, p := range ps {
				if p.Field == tt.field && strings.Contains(p.Message, tt.says) {
					return
				}
			}
			t.Errorf("no problem on %q saying %q; got:\n%v", tt.field, tt.says, ps)
		})
	}
}

func TestDecodeNotRelevantTheme(t *testing.T) {
	data := edit(t, func(m map[string]any) {
		sub(sub(m, "assessment"), "themes")["mobilitet"] = map[string]any{"not_relevant": true, "note": "Går fint."}
	})
	cf, err := domain.DecodeCaseFile(data, vocabulary(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, assessed := cf.Assessment.Level("mobilitet"); assessed {
		t.Error("a theme marked not relevant must not count as assessed")
	}
	if len(cf.Assessment.Scored()) != 1 {
		t.Errorf("Scored = %v, want only socialt_liv", cf.Assessment.Scored())
	}
}

// A theme with notes but no level yet is kept as begun, not scored.
func TestDecodeUnscoredTheme(t *testing.T) {
	data := edit(t, func(m map[string]any) {
		sub(sub(m, "assessment"), "themes")["mobilitet"] = map[string]any{"note": "Skal undersøges nærmere."}
	})
	cf, err := domain.DecodeCaseFile(data, vocabulary(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, scored := cf.Assessment.Level("mobilitet"); scored || !cf.Assessment.Themes["mobilitet"].Unscored {
		t.Errorf("mobilitet = %+v", cf.Assessment.Themes["mobilitet"])
	}
	assertRoundTrip(t, cf, vocabulary(t))
}

func TestRecordFieldsOnlyInRecords(t *testing.T) {
	data := edit(t, func(m map[string]any) {
		m["id"] = "01ABC"
		m["follow_up_due"] = "2027-10-05"
		m["decision"] = map[string]any{"provision": "sel85", "tier": "moderat", "date": "2026-10-20", "reason": "Konkret."}
	})
	rec, err := domain.DecodeRecord(data, vocabulary(t))
	if err != nil {
		t.Fatalf("record refused: %v", err)
	}
	if rec.ID != "01ABC" || rec.Decision == nil || rec.Decision.Tier != "moderat" || rec.FollowUpDue.String() != "2027-10-05" {
		t.Errorf("record = %+v", rec)
	}
	_, err = domain.DecodeCaseFile(data, vocabulary(t))
	var ps domain.Problems
	if !asProblems(err, &ps) || len(ps) != 3 {
		t.Errorf("a case file must refuse the export's fields, got %v", err)
	}
}

func TestDecodeRecordProblems(t *testing.T) {
	data := edit(t, func(m map[string]any) {
		m["decision"] = map[string]any{"provision": "sel999", "date": "2026-09-01", "grund": "x"}
	})
	_, err := domain.DecodeRecord(data, vocabulary(t))
	text := fmt.Sprint(err)
	for _, want := range []string{"decision.provision: ukendt ydelse \"sel999\"", "decision.date: 01-09-2026 ligger før ansøgningsdatoen", "decision.grund: ukendt felt"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in:\n%s", want, text)
		}
	}
}

// A decoded case written back with encoding/json decodes to the same case:
// the store and the export rely on it.
func TestCaseFileRoundTrip(t *testing.T) {
	v := vocabulary(t)
	for _, name := range []string{"ishoj-moderat.json", "ishoj-let-82a.json", "gentofte-85.json"} {
		cf, err := domain.DecodeCaseFile(readCase(t, name), v)
		if err != nil {
			t.Fatal(err)
		}
		assertRoundTrip(t, cf, v)
	}
}

func assertRoundTrip(t *testing.T, cf domain.CaseFile, v domain.Vocabulary) {
	t.Helper()
	out, err := json.Marshal(cf)
	if err != nil {
		t.Fatal(err)
	}
	again, err := domain.DecodeCaseFile(out, v)
	if err != nil {
		t.Fatalf("re-decoding %s: %v", out, err)
	}
	var plain domain.CaseFile
	if err := json.Unmarshal(out, &plain); err != nil {
		t.Fatalf("plain unmarshal of %s: %v", out, err)
	}
	if !reflect.DeepEqual(normal(again), normal(cf)) || !reflect.DeepEqual(normal(plain), normal(cf)) {
		t.Fatalf("round trip changed the case:\n%+v\n%+v\n%+v", cf, again, plain)
	}
}

// normal makes empty and nil goals compare equal, and drops the method's
// version, which comes from the loaded method, not from the file.
func normal(cf domain.CaseFile) domain.CaseFile {
	if len(cf.Goals) == 0 {
		cf.Goals = nil
	}
	cf.MethodVersion = ""
	return cf
}

func FuzzDecodeCaseFile(f *testing.F) {
	for _, name := range []string{"ishoj-moderat.json", "ishoj-108.json", "invalid-level.json", "gentofte-85.json"} {
		f.Add(readCase(f, name))
	}
	f.Add([]byte(base))
	f.Add([]byte(`{"schema":1,"assessment":{"themes":{"x":null}}}`))
	v := vocabulary(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		cf, err := domain.DecodeCaseFile(data, v)
		if err != nil {
			if msg := err.Error(); msg == "" {
				t.Fatal("empty error message")
			}
			return
		}
		assertRoundTrip(t, cf, v)
	})
}

// A note of 20,000 characters is kept whole; one over the limit is named.
func TestDecodeLongTextKeptAndLimited(t *testing.T) {
	v := vocabulary(t)
	long := strings.Repeat("Borgeren fortæller om sin hverdag. ", 600)[:20_000]
	build := func(note string) []byte {
		data, _ := json.Marshal(map[string]any{"schema": 1, "municipality": "ishoj",
			"citizen": map[string]any{"name": "Mette Hansen", "cpr": "150391-1234", "living": "own_home"}, "application_date": "2026-10-05",
			"assessment": map[string]any{"themes": map[string]any{"sundhed": map[string]any{"level": 2, "note": note}}},
			"goals":      []string{note}})
		return data
	}
	cf, err := domain.DecodeCaseFile(build(long), v)
	if err != nil {
		t.Fatal(err)
	}
	if got := cf.Assessment.Themes["sundhed"].Note; got != strings.TrimSpace(long) || len(cf.Goals) != 1 || cf.Goals[0] != strings.TrimSpace(long) {
		t.Errorf("long note cut to %d characters", len(got))
	}
	_, err = domain.DecodeCaseFile(build(strings.Repeat("a", domain.MaxTextRunes+1)), v)
	if err == nil || !strings.Contains(err.Error(), "assessment.themes.sundhed.note") || !strings.Contains(err.Error(), "goals[0]") {
		t.Errorf("over the limit: %v", err)
	}
}
