package domain_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
)

// vum2Vocabulary knows the embedded standards (VUM 1) and the test
// municipality Vumby, whose standard names VUM 2.0.
func vum2Vocabulary(t testing.TB) domain.Vocabulary {
	t.Helper()
	cat, err := standards.LoadDir("../testdata/standards/vum2")
	if err != nil {
		t.Fatal(err)
	}
	return cat.Vocabulary(domain.NewDate(2026, 11, 25))
}

func TestDecodeVUM2Case(t *testing.T) {
	cf, err := domain.DecodeCaseFile(readCase(t, "vumby-vum2.json"), vum2Vocabulary(t))
	if err != nil {
		t.Fatalf("unexpected problems:\n%v", err)
	}
	if cf.Method != "vum2" || cf.MethodVersion == "" || cf.Schema != domain.CaseSchema {
		t.Errorf("method %q version %q schema %d", cf.Method, cf.MethodVersion, cf.Schema)
	}
	a := cf.Assessment
	if m := a.Themes["mentale_funktioner"]; m.Scored() || len(m.Statements) != 1 || m.Statements[0].Source != "borger" {
		t.Errorf("mental functions should be described in words with the citizen's statement: %+v", m)
	}
	if p := a.Themes["praktiske_opgaver"]; p.Level != 2 || p.Support == nil || *p.Support != 2 {
		t.Errorf("praktiske opgaver: %+v", p)
	}
	if len(a.Targets) != 2 || a.Targets[1].Theme != "relationer" || a.Targets[1].Secondary[0] != "mobilitet" || a.Purpose == "" || a.Situation == "" {
		t.Errorf("goal chain: %+v", a)
	}
	ev := cf.FirstAssessment(domain.NewDate(2026, 10, 20))
	if ev.Method != "vum2" || ev.MethodVersion != cf.MethodVersion || ev.Assessment.Purpose != a.Purpose {
		t.Errorf("the recorded assessment must carry the method and the goal chain: %+v", ev)
	}
	assertRoundTrip(t, cf, vum2Vocabulary(t))
}

// vum2Edit changes the Vumby case and returns it.
func vum2Edit(t *testing.T, fn func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(readCase(t, "vumby-vum2.json"), &m); err != nil {
		t.Fatal(err)
	}
	fn(m)
	data, _ := json.Marshal(m)
	return data
}

func theme(m map[string]any, slug string) map[string]any {
	return m["assessment"].(map[string]any)["themes"].(map[string]any)[slug].(map[string]any)
}

func TestDecodeVUM2Problems(t *testing.T) {
	v := vum2Vocabulary(t)
	tests := []struct {
		name  string
		data  []byte
		field string
		says  string
	}{
		{"VUM 1 theme", vum2Edit(t, func(m map[string]any) {
			m["assessment"].(map[string]any)["themes"].(map[string]any)["socialt_liv"] = map[string]any{"level": 2}
		}), "assessment.themes.socialt_liv", "kendte temaer: egenomsorg"},
		{"method of another municipality", vum2Edit(t, func(m map[string]any) { m["method"] = "vum1" }),
			"method", "vumby udreder efter VUM 2.0 (\"vum2\"), ikke \"vum1\""},
		{"unknown method", vum2Edit(t, func(m map[string]any) { m["method"] = "vum3" }), "method", "ukendt metode \"vum3\"; kendte metoder: vum1, vum2"},
		{"schema 1 is VUM 1", vum2Edit(t, func(m map[string]any) { m["schema"] = 1; delete(m, "method") }),
			"schema", "en sag i schema 1 er udredt efter VUM (Voksenudredningsmetoden), men vumby udreder efter VUM 2.0"},
		{"support off the scale", vum2Edit(t, func(m map[string]any) { theme(m, "relationer")["support"] = 5 }),
			"assessment.themes.relationer.support", "5 er uden for skalaen for støttebehov 0-4"},
		{"unknown source", vum2Edit(t, func(m map[string]any) {
			theme(m, "mentale_funktioner")["statements"] = []any{map[string]any{"source": "nabo", "text": "Hun går aldrig ud."}}
		}), "assessment.themes.mentale_funktioner.statements[0].source", "ukendt kilde \"nabo\"; brug en af: borger, borger_stoettet"},
		{"statement without text", vum2Edit(t, func(m map[string]any) {
			theme(m, "mentale_funktioner")["statements"] = []any{map[string]any{"source": "borger"}}
		}), "assessment.themes.mentale_funktioner.statements[0].text", "mangler"},
		{"target on a function theme", vum2Edit(t, func(m map[string]any) {
			m["assessment"].(map[string]any)["targets"] = []any{map[string]any{"text": "Mindre angst.", "theme": "mentale_funktioner", "type": "udvikle"}}
		}), "assessment.targets[0].theme", "kan ikke være indsatsmålets primære tema; brug en af: egenomsorg, praktiske_opgaver, mobilitet, kommunikation, relationer, samfundsliv"},
		{"unknown måltype", vum2Edit(t, func(m map[string]any) {
			m["assessment"].(map[string]any)["targets"] = []any{map[string]any{"text": "Handle ind.", "theme": "praktiske_opgaver", "type": "forbedre"}}
		}), "assessment.targets[0].type", "ukendt måltype \"forbedre\"; brug en af: fastholde, udvikle, begraense_tab"},
		{"secondary same as primary", vum2Edit(t, func(m map[string]any) {
			m["assessment"].(map[string]any)["targets"] = []any{map[string]any{"text": "Handle ind.", "theme": "praktiske_opgaver", "secondary_themes": []any{"praktiske_opgaver"}, "type": "udvikle"}}
		}), "assessment.targets[0].secondary_themes[0]", "er allerede det primære tema"},
		{"target not an object", vum2Edit(t, func(m map[string]any) { m["assessment"].(map[string]any)["targets"] = []any{"Handle ind."} }),
			"assessment.targets[0]", "skal være et JSON-objekt"},
		{"level off the scale", vum2Edit(t, func(m map[string]any) { theme(m, "samfundsliv")["level"] = 5 }),
			"assessment.themes.samfundsliv.level", "5 er uden for skalaen 0-4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := domain.DecodeCaseFile(tt.data, v)
			var ps domain.Problems
			if !asProblems(err, &ps) {
				t.Fatalf("want Problems, got %v", err)
			}
			for _, p := range ps {
				if p.Field == tt.field && strings.Contains(p.Message, tt.says) {
					return
				}
			}
			t.Errorf("want %s: …%s…, got:\n%v", tt.field, tt.says, err)
		})
	}
}

// VUM 1 has no statement sources, støttebehov or goal chain: a VUM 1
// case file that uses them is told so.
func TestDecodeVUM1RefusesVUM2Fields(t *testing.T) {
	v := vum2Vocabulary(t)
	data := []byte(`{"schema": 2, "municipality": "ishoj", "citizen": {"name": "A B", "cpr": "150391-1234", "living": "own_home"},
		"application_date": "2026-10-05", "assessment": {"themes": {"sundhed": {"level": 2, "support": 2,
		"statements": [{"source": "borger", "text": "x"}]}}, "purpose": "Formål", "targets": [{"text": "t", "theme": "sundhed", "type": "udvikle"}]}}`)
	_, err := domain.DecodeCaseFile(data, v)
	for _, want := range []string{
		"assessment.themes.sundhed.support: VUM (Voksenudredningsmetoden) har ingen skala for støttebehov",
		"assessment.themes.sundhed.statements: VUM (Voksenudredningsmetoden) angiver ingen kilder til udsagn",
		"assessment.purpose: VUM (Voksenudredningsmetoden) har intet indsatsformål",
		"assessment.targets: VUM (Voksenudredningsmetoden) har ingen indsatsmål",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
	// The same VUM 1 case without them: schema 2 takes Ishøj's method.
	ok := []byte(`{"schema": 2, "municipality": "ishoj", "citizen": {"name": "A B", "cpr": "150391-1234", "living": "own_home"},
		"application_date": "2026-10-05", "assessment": {"themes": {"sundhed": {"level": 2}}}}`)
	cf, err := domain.DecodeCaseFile(ok, v)
	if err != nil || cf.Method != "vum1" {
		t.Errorf("method %q, err %v", cf.Method, err)
	}
}

func TestOutcomeEndReassess(t *testing.T) {
	o := domain.Outcome("end_reassess")
	if !o.Valid() || !o.Ends() || o.Label() != "ophører, ny udredning" {
		t.Errorf("end_reassess: valid %v, ends %v, %q", o.Valid(), o.Ends(), o.Label())
	}
	if domain.OutcomeChange.Ends() || !domain.OutcomeEnd.Ends() || domain.Outcome("stop").Valid() {
		t.Error("only end and end_reassess end a grant")
	}
}

// An assessment in progress keeps VUM 2.0's further answers: støttebehov,
// statements with sources and the goal chain survive the interview's
// draft, and a VUM assessment's draft holds only the fields it held.
func TestDraftKeepsVUM2Answers(t *testing.T) {
	cf, err := domain.DecodeCaseFile(readCase(t, "vumby-vum2.json"), vum2Vocabulary(t))
	if err != nil {
		t.Fatal(err)
	}
	values := domain.DraftValues(cf.Assessment, cf.Goals, "")
	a, goals, _, err := domain.ParseDraft(values)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, cf.Assessment) || !reflect.DeepEqual(goals, cf.Goals) {
		t.Errorf("draft round trip changed the assessment:\n%+v\n%+v", a, cf.Assessment)
	}
	v1, err := domain.DecodeCaseFile(readCase(t, "ishoj-moderat.json"), vum2Vocabulary(t))
	if err != nil {
		t.Fatal(err)
	}
	for field := range domain.DraftValues(v1.Assessment, v1.Goals, "") {
		if strings.HasSuffix(field, ".support") || strings.HasSuffix(field, ".statements") || field == "targets" || field == "purpose" {
			t.Errorf("a VUM draft has the field %s", field)
		}
	}
	if _, _, _, err := domain.ParseDraft(map[string]string{"theme.relationer.support": "9"}); err == nil {
		t.Error("a støttebehov off the scale must be refused")
	}
}

// A follow-up that ends its grant to assess anew leaves the case waiting
// for a reassessment until one is recorded; one made with the follow-up
// itself, or a plain end, leaves nothing waiting.
func TestEndReassessLeavesReassessmentDue(t *testing.T) {
	day := domain.NewDate(2026, 11, 20)
	base := []domain.Event{
		{Seq: 1, Kind: domain.EventOpened, Opening: &domain.Opening{Municipality: "vumby"}},
		{Seq: 2, Kind: domain.EventGrant, Grant: "b1", Decision: &domain.Decision{Provision: "sel85", Date: domain.NewDate(2026, 1, 5),
			FollowUpDue: domain.NewDate(2026, 11, 1)}},
	}
	followUp := func(o domain.Outcome, reassessed bool) domain.Event {
		return domain.Event{Seq: 3, Kind: domain.EventFollowUp, Grant: "b1", FollowUp: &domain.FollowUp{Provision: "sel85",
			Done: day, Outcome: o, Reassessed: reassessed}}
	}
	end := domain.Event{Seq: 4, Kind: domain.EventTermination, Grant: "b1", Termination: &domain.Termination{Provision: "sel85",
		Date: day, End: day, Reason: "Behovet har ændret sig."}}
	for _, tt := range []struct {
		outcome    domain.Outcome
		reassessed bool
		want       domain.Date
	}{
		{domain.OutcomeEndReassess, false, day},
		{domain.OutcomeEndReassess, true, domain.Date{}},
		{domain.OutcomeEnd, false, domain.Date{}},
	} {
		c, err := domain.Replay("S1", append(append([]domain.Event(nil), base...), followUp(tt.outcome, tt.reassessed), end))
		if err != nil {
			t.Fatal(err)
		}
		if c.ReassessmentDue != tt.want {
			t.Errorf("%s (reassessed %v): reassessment due %v, want %v", tt.outcome, tt.reassessed, c.ReassessmentDue, tt.want)
		}
	}
	c, err := domain.Replay("S1", append(append([]domain.Event(nil), base...), followUp(domain.OutcomeEndReassess, false), end))
	if err != nil {
		t.Fatal(err)
	}
	err = c.Apply(domain.Event{Seq: 5, Kind: domain.EventAssessment, Assessment: &domain.AssessmentEvent{Date: day.AddDays(3),
		Kind: domain.Reassessment, Method: "vum2"}})
	if err != nil || !c.ReassessmentDue.IsZero() {
		t.Errorf("a recorded reassessment must clear what was due: %v, %v", c.ReassessmentDue, err)
	}
}
