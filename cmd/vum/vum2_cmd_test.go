package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vumdk/vum/domain"
)

var vumbyStandards = filepath.Join("..", "..", "testdata", "standards", "vum2")

// A whole case in Vumby, whose standard names VUM 2.0: added, shown,
// decided, drafted, exported as CSV and as JSONL, imported elsewhere.
func TestWholeCaseInVUM2(t *testing.T) {
	withStore(t)
	t.Setenv("VUM_STANDARDS", vumbyStandards)
	id := strings.TrimSpace(mustRun(t, "", "case", "add", example("vumby-vum2.json")))
	show := mustRun(t, "", "case", "show", id)
	for _, want := range []string{"Vurdering (første 25-11-2026, VUM 2.0):", "  Funktioner og forhold:\n  Mentale funktioner",
		"beskrevet med ord", "Praktiske opgaver                2 (moderat nedsat funktionsevne)", "Støttebehov: moderat støttebehov",
		"pårørende: »Min søster spiser mest rugbrød.«", "Borgerens egne ønsker og mål:", "Indsatsformål:",
		"Mette deltager i et fællesskab en gang om ugen (Relationer, Mobilitet;"} {
		if !strings.Contains(show, want) {
			t.Errorf("case show lacks %q:\n%s", want, show)
		}
	}
	var doc struct {
		Assessments []struct {
			Method        string `json:"method"`
			MethodVersion string `json:"method_version"`
		} `json:"assessments"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "", "case", "show", id, "--json")), &doc); err != nil || len(doc.Assessments) != 1 ||
		doc.Assessments[0].Method != "vum2" || doc.Assessments[0].MethodVersion != "2024" {
		t.Errorf("the assessment must record its method and version: %+v %v", doc, err)
	}
	mustRun(t, "", "decide", id, "--provision", "sel85", "--hours", "2.5", "--date", "2026-11-25")
	draft := mustRun(t, "", "draft", id)
	for _, want := range []string{"efter VUM 2.0", "Relationer: niveau 2 (moderat nedsat funktionsevne)", "Formålet med indsatsen er: Mette bliver"} {
		if !strings.Contains(draft, want) {
			t.Errorf("draft lacks %q", want)
		}
	}
	csv := mustRun(t, "", "export", "--format", "csv", "--plain")
	for _, want := range []string{";Metode;", ";VUM 2.0: Relationer", ";VUM 2.0;", "beskrevet med ord",
		";VUM 2.0: Praktiske opgaver, støttebehov;", ";VUM 2.0: Indsatsformål", "Mette bliver mere selvhjulpen"} {
		if !strings.Contains(csv, want) {
			t.Errorf("CSV lacks %q:\n%s", want, csv)
		}
	}
	exported := mustRun(t, "", "export", "--plain")
	withStore(t)
	mustRun(t, exported, "import", "-")
	if again := mustRun(t, "", "export", "--plain"); again != exported {
		t.Errorf("export after import differs:\n%s\n---\n%s", again, exported)
	}
}

// A case assessed and decided under VUM 1 shows and prints as it did after
// its municipality moves to VUM 2.0.
func TestCaseFromBeforeTheSwitch(t *testing.T) {
	withStore(t)
	id := strings.TrimSpace(mustRun(t, "", "case", "add", example("ishoj-moderat.json")))
	mustRun(t, "", "decide", id, "--provision", "sel85", "--date", "2026-11-20")
	show, draft := mustRun(t, "", "case", "show", id), mustRun(t, "", "draft", id)
	csvBefore := mustRun(t, "", "export", "--format", "csv", "--plain")

	dir := t.TempDir()
	ishoj, err := os.ReadFile(filepath.Join("..", "..", "standards", "data", "ishoj.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ishoj.toml"), append([]byte("method = \"vum2\"\n"), ishoj...), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VUM_STANDARDS", dir)
	if got := mustRun(t, "", "case", "show", id); got != show {
		t.Errorf("case show changed with the switch:\n%s\n---\n%s", got, show)
	}
	if got := mustRun(t, "", "draft", id); got != draft {
		t.Errorf("the letter changed with the switch")
	}
	csv := mustRun(t, "", "export", "--format", "csv", "--plain")
	if !strings.Contains(csv, ";VUM (Voksenudredningsmetoden);") || !strings.Contains(csvBefore, "Socialt liv") {
		t.Errorf("CSV after the switch must name the case's method:\n%s", csv)
	}
}

// A caseworker reassesses a VUM 1 case from the command line after the
// municipality moved to VUM 2.0: the case file to start from names VUM 2.0
// with no themes, the reassessment records the switch, and a file about
// another citizen or municipality, or without an assessment, is refused
// with the reason and changes nothing.
func TestReassessFromTheCommandLine(t *testing.T) {
	withStore(t)
	id := strings.TrimSpace(mustRun(t, "", "case", "add", example("ishoj-moderat.json")))
	mustRun(t, "", "decide", id, "--provision", "sel85", "--date", "2026-11-20")

	dir := t.TempDir()
	ishoj, err := os.ReadFile(filepath.Join("..", "..", "standards", "data", "ishoj.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ishoj.toml"), append([]byte("method = \"vum2\"\n"), ishoj...), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VUM_STANDARDS", dir)
	var start map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, "", "case", "show", id, "--case-file")), &start); err != nil {
		t.Fatal(err)
	}
	if start["method"] != "vum2" || len(start["assessment"].(map[string]any)["themes"].(map[string]any)) != 0 {
		t.Fatalf("the case file after the switch must name VUM 2.0 with no themes: %v", start)
	}
	before := mustRun(t, "", "case", "show", id, "--json")

	refused := func(file map[string]any, says string) {
		t.Helper()
		data, _ := json.Marshal(file)
		_, errOut, status := vum(t, string(data), "case", "reassess", id, "-")
		if status == 0 || !strings.Contains(errOut, says) {
			t.Errorf("want refusal saying %q, got status %d:\n%s", says, status, errOut)
		}
	}
	refused(start, "sagsfilen har ingen udredning")
	vum1 := clone(start)
	vum1["method"] = "vum1"
	vum1["assessment"] = map[string]any{"themes": map[string]any{"socialt_liv": map[string]any{"level": 3}}}
	refused(vum1, "vum1")
	file := clone(start)
	file["assessment"] = map[string]any{"themes": map[string]any{
		"samfundsliv": map[string]any{"level": 3, "support": 3, "note": "Kan ikke passe et arbejde."},
		"relationer":  map[string]any{"level": 1, "statements": []any{map[string]any{"source": "borger", "text": "Jeg har venner nu."}}},
	}, "purpose": "Mette får en hverdag med beskæftigelse.",
		"targets": []any{map[string]any{"text": "Mette arbejder tre dage om ugen.", "theme": "samfundsliv", "type": "udvikle"}}}
	other := clone(file)
	other["citizen"] = map[string]any{"name": "Mette Hansen", "cpr": "110772-1113", "living": "own_home"}
	refused(other, "en anden borger")
	elsewhere := clone(file)
	elsewhere["municipality"] = "vumby"
	vumby, err := os.ReadFile(filepath.Join(vumbyStandards, "vumby.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "vumby.toml"), vumby, 0o644); err != nil {
		t.Fatal(err)
	}
	refused(elsewhere, "sagen hører til")
	if got := mustRun(t, "", "case", "show", id, "--json"); got != before {
		t.Fatal("a refused reassessment changed the case")
	}

	data, _ := json.Marshal(file)
	out := mustRun(t, string(data), "case", "reassess", id, "-")
	for _, want := range []string{"Revurderingen er registreret på sag " + id + " (VUM 2.0,",
		"Metoden er skiftet fra VUM (Voksenudredningsmetoden) til VUM 2.0", "SEL § 103"} {
		if !strings.Contains(out, want) {
			t.Errorf("reassess output lacks %q:\n%s", want, out)
		}
	}
	var doc struct {
		Assessments []struct {
			Kind   string `json:"kind"`
			Method string `json:"method"`
		} `json:"assessments"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "", "case", "show", id, "--json")), &doc); err != nil || len(doc.Assessments) != 2 ||
		doc.Assessments[0].Method != "" && doc.Assessments[0].Method != "vum1" || doc.Assessments[1].Method != "vum2" || doc.Assessments[1].Kind != "revurdering" {
		t.Errorf("the reassessment must be recorded under VUM 2.0 beside the VUM 1 one: %+v %v", doc, err)
	}
	show := mustRun(t, "", "case", "show", id)
	for _, want := range []string{"Vurdering (revurdering", "VUM 2.0):", "Samfundsliv", "3 (svært nedsat funktionsevne)", "borger: »Jeg har venner nu.«",
		"udredning (revurdering) 25-11-2026, efter VUM 2.0"} {
		if !strings.Contains(show, want) {
			t.Errorf("case show lacks %q:\n%s", want, show)
		}
	}
	mustRun(t, "", "decide", id, "--provision", "sel103", "--days", "3", "--offer", "Værkstedet")
}

func clone(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// The accessible mode walks a municipality's own method: in Vumby, VUM
// 2.0's themes with groups and sub-themes, the optional level of a theme
// described in words, the støttebehov, statements with their source and
// the sagsvurdering; the suggestion rests on VUM 2.0's rules.
func TestAccessibleModeVUM2(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	t.Setenv("VUM_STANDARDS", vumbyStandards)
	db := filepath.Join(dir, "vum.db")
	blank := []string{"", "", "", "", ""} // level, view, note, støttebehov, no statement
	script := []string{"n", "5", "Mette Hansen", "150391-1234", "", "05-10-2026", ""}
	script = append(script, "", "", "Angst; undgår at gå ud alene.", "", "5", "Hun tør ikke tage bussen.", "") // Mentale funktioner
	script = append(script, "x", "", "")                                                                       // Fysiske funktioner
	script = append(script, blank...)                                                                          // Sundhedsforhold
	script = append(script, blank...)                                                                          // Sociale forhold
	script = append(script, blank...)                                                                          // Egenomsorg
	script = append(script, "2", "", "", "2", "")                                                              // Praktiske opgaver
	script = append(script, blank...)                                                                          // Mobilitet
	script = append(script, blank...)                                                                          // Kommunikation
	script = append(script, "2", "", "", "2", "")                                                              // Relationer
	script = append(script, "3", "", "Kan ikke passe et arbejde.", "3", "")                                    // Samfundsliv
	script = append(script, "", "", "Søsteren hjælper.", "", "")                                               // Omgivelser
	script = append(script, "", "n", "n", "Et arbejde, jeg kan klare", "",
		"Angsten begrænser arbejde og samvær.", "Mette får en hverdag med beskæftigelse.",
		"Mette arbejder tre dage om ugen.", "6", "2", "",
		"1", "", "", "3", "", "", "")
	out, errOut, status := vum(t, strings.Join(script, "\n")+"\n", "--db", db, "--tilgaengelig")
	if status != 0 {
		t.Fatalf("status %d: %s\n%s", status, errOut, out)
	}
	for _, want := range []string{"Tema 1 af 11: Mentale funktioner.", "Gruppe: Funktioner og forhold.", "Underemner: opmærksomhed",
		"temaet beskrives med ord, så niveauet er valgfrit", "Støttebehov: 0 intet støttebehov", "Udsagn fra pårørende",
		"Borgerens egne ønsker og mål 1.", "Indsatsformål", "Måltype: skriv nummeret.", "Forslag 1: SEL § 103",
		"Temaer: Samfundsliv 3 (svært nedsat funktionsevne).", "Afgørelsen er gemt."} {
		if !strings.Contains(out, want) {
			t.Errorf("the accessible mode did not say %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Voksenudredningsmetoden") || strings.Contains(out, "Udredningen er ufuldstændig") {
		t.Errorf("the assessment must be read under VUM 2.0, with themes described in words counted:\n%s", out)
	}
	list, _, _ := vum(t, "", "--db", db, "case", "list", "--json")
	var cases []map[string]any
	if err := json.Unmarshal([]byte(list), &cases); err != nil || len(cases) != 1 {
		t.Fatalf("case list: %v\n%s", err, list)
	}
	show, _, _ := vum(t, "", "--db", db, "case", "show", cases[0]["id"].(string), "--json")
	var doc struct {
		Assessments []struct {
			Method     string            `json:"method"`
			Assessment domain.Assessment `json:"assessment"`
		} `json:"assessments"`
	}
	if err := json.Unmarshal([]byte(show), &doc); err != nil || len(doc.Assessments) != 1 {
		t.Fatalf("case show: %v\n%s", err, show)
	}
	a := doc.Assessments[0]
	st := a.Assessment.Themes["mentale_funktioner"].Statements
	if a.Method != "vum2" || len(st) != 1 || st[0].Source != "paaroerende" || a.Assessment.Themes["samfundsliv"].Support == nil ||
		*a.Assessment.Themes["samfundsliv"].Support != 3 || len(a.Assessment.Targets) != 1 || a.Assessment.Targets[0].Theme != "samfundsliv" ||
		a.Assessment.Targets[0].Type != "udvikle" || a.Assessment.Purpose != "Mette får en hverdag med beskæftigelse." {
		t.Errorf("recorded assessment = %+v", a)
	}
	if _, ok := a.Assessment.Themes["sundhedsforhold"]; ok {
		t.Error("a theme left blank must not be recorded")
	}
}
