package main

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A whole case in the accessible mode: plain lines only (no box drawing,
// no escape codes), each question once, and the case stored as the
// screen would store it.
func TestAccessibleModeWholeCase(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	db := filepath.Join(dir, "vum.db")
	themes := []string{
		"x", "", "",
		"2", "Jeg tør ikke gå ud.", "Angst; undgår at gå ud alene.",
		"1", "", "",
		"2", "", "Brug for hjælp til at handle.",
		"1", "", "",
		"2", "", "",
		"", "", "", // sundhed: skipped
		"0", "", "",
		"x", "", "",
		"1", "", "",
		"0", "", "",
	}
	script := append([]string{
		"n", "3", // Ishøj
		"Mette Hansen", "150391-1234", "", "05-10-2026", "",
	}, themes...)
	script = append(script, "2,5", "n", "n", "Kunne handle ind selv", "", "1", "", "", "2,5", "", "")
	out, errOut, status := vum(t, strings.Join(script, "\n")+"\n", "--db", db, "--tilgaengelig")
	if status != 0 {
		t.Fatalf("status %d: %s\n%s", status, errOut, out)
	}
	if regexp.MustCompile("[\x1b│╭╮╰╯─]").MatchString(out) {
		t.Errorf("box drawing or escape codes in the accessible mode:\n%s", out)
	}
	for _, want := range []string{"Tema 1 af 11: Fysisk funktionsnedsættelse.", "Spørgsmål 3: Hvilke hjælpemidler og tilbud bruger borgeren allerede?", "Forslag 1: SEL § 85",
		"Omfang i timer om ugen", "Afgørelsen er gemt. Næste opfølgning: 25-11-2027.", "Farvel."} {
		if strings.Count(out, want) != 1 {
			t.Errorf("%q said %d times:\n%s", want, strings.Count(out, want), out)
		}
	}
	list, _, _ := vum(t, "", "--db", db, "case", "list", "--json")
	var cases []map[string]any
	if err := json.Unmarshal([]byte(list), &cases); err != nil || len(cases) != 1 {
		t.Fatalf("case list: %v\n%s", err, list)
	}
	c := cases[0]
	if c["name"] != "Mette Hansen" || c["municipality"] != "ishoj" || c["provision"] != "sel85" || c["tier"] != "moderat" {
		t.Errorf("stored = %v", c)
	}
	show, _, _ := vum(t, "", "--db", db, "case", "show", c["id"].(string), "--json")
	for _, want := range []string{"Jeg tør ikke gå ud.", "Brug for hjælp til at handle.", "Kunne handle ind selv"} {
		if !strings.Contains(show, want) {
			t.Errorf("case lacks %q:\n%s", want, show)
		}
	}
}

// Quitting in the middle of the interview keeps every answer given.
func TestAccessibleModeQuitKeepsAnswers(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	db := filepath.Join(dir, "vum.db")
	script := "n\n1\nLars Holm\n03-02-1985\n\n\n\n3\nHar svært ved trapper.\nq\n"
	out, errOut, status := vum(t, script, "--db", db, "--tilgaengelig")
	if status != 0 {
		t.Fatalf("status %d: %s\n%s", status, errOut, out)
	}
	list, _, _ := vum(t, "", "--db", db, "case", "list", "--json")
	var cases []map[string]any
	json.Unmarshal([]byte(list), &cases)
	if len(cases) != 1 {
		t.Fatalf("cases: %s", list)
	}
	show, _, _ := vum(t, "", "--db", db, "case", "show", cases[0]["id"].(string), "--json")
	if !strings.Contains(show, "Har svært ved trapper.") {
		t.Errorf("the answer given before q was lost:\n%s", show)
	}
	// The next case starts on the municipality of this one.
	out, _, _ = vum(t, "n\nq\n", "--db", db, "--tilgaengelig")
	if !strings.Contains(out, "(enter: Ballerup Kommune)") {
		t.Errorf("municipality not remembered:\n%s", out)
	}
}
