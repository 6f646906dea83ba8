package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	for _, want := range []string{";Metode;", ";VUM 2.0: Relationer", ";VUM 2.0;", "beskrevet med ord"} {
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
