package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A letter's fields saved on the case with --save persist: a later
// --check without --fill finds them, a second save adds to the first, and
// the history shows it. A save without a decision changes nothing.
func TestDraftFillSaved(t *testing.T) {
	withStore(t)
	t.Setenv(configEnv, filepath.Join(t.TempDir(), "config"))
	mustRun(t, "", "profil", "--navn", "Lone Madsen", "--titel", "Socialrådgiver", "--telefon", "43 57 70 00", "--email", "lm@ishoj.example")
	id := strings.TrimSpace(mustRun(t, "", "case", "add", example("ishoj-moderat.json")))

	dir := t.TempDir()
	address := filepath.Join(dir, "adresse.json")
	view := filepath.Join(dir, "vurdering.json")
	empty := filepath.Join(dir, "tom.json")
	for path, data := range map[string]string{
		address: `{"citizen_address": "Ishøj Bygade 12, 2635 Ishøj"}`,
		view:    `{"citizen_view": "Jeg vil gerne handle ind selv."}`,
		empty:   `{}`,
	} {
		if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if _, errOut, status := vum(t, "", "draft", id, "--fill", address, "--save"); status == 0 || !strings.Contains(errOut, "ingen afgørelse") {
		t.Fatalf("save before a decision: %d %s", status, errOut)
	}
	mustRun(t, "", "decide", id, "--provision", "sel85", "--tier", "moderat", "--hours", "2.5", "--date", "2026-11-20")
	mustRunStatus(t, 1, "draft", id, "--check")

	if _, errOut, status := vum(t, "", "draft", id, "--fill", empty, "--save"); status == 0 || !strings.Contains(errOut, "ingen felter") {
		t.Errorf("an empty fill saved: %d %s", status, errOut)
	}
	if _, errOut, status := vum(t, "", "draft", id, "--save"); status == 0 || !strings.Contains(errOut, "--fill") {
		t.Errorf("--save without --fill: %d %s", status, errOut)
	}
	mustRun(t, "", "draft", id, "--fill", address, "--save")
	out := mustRunStatus(t, 1, "draft", id, "--check")
	if !strings.Contains(out, "MANGLER  Borgerens egen vurdering") || strings.Contains(out, "[UDFYLD: borgerens adresse]") {
		t.Errorf("after saving the address:\n%s", out)
	}
	mustRun(t, "", "draft", id, "--fill", view, "--save")
	out = mustRunStatus(t, 0, "draft", id, "--check")
	if strings.Contains(out, "MANGLER") {
		t.Errorf("the saved fields do not finish the letter:\n%s", out)
	}
	md := mustRun(t, "", "draft", id, "--final")
	for _, want := range []string{"Ishøj Bygade 12", "2635 Ishøj", "Jeg vil gerne handle ind selv."} {
		if !strings.Contains(md, want) {
			t.Errorf("the final letter lacks %q", want)
		}
	}
	if strings.Contains(md, "UDFYLD") {
		t.Errorf("the final letter has a field to fill in:\n%s", md)
	}
	if show := mustRun(t, "", "case", "show", id); !strings.Contains(show, "brevets felter udfyldt for hændelse 3") {
		t.Errorf("the history does not show the saved fields:\n%s", show)
	}
}
