package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vumdk/vum/store"
)

// »vum case list --json« streams the summaries; it must print exactly what
// encoding the whole list at once prints.
func TestCaseListJSONStreamsTheSameOutput(t *testing.T) {
	path := withStore(t)
	if out := mustRun(t, "", "case", "list", "--json"); out != "[]\n" {
		t.Errorf("no store: %q", out)
	}
	for _, name := range []string{"ishoj-moderat", "ishoj-108", "gentofte-85"} {
		mustRun(t, "", "case", "add", example(name+".json"))
	}
	data, err := os.ReadFile(example("ishoj-moderat.json"))
	if err != nil {
		t.Fatal(err)
	}
	odd := filepath.Join(t.TempDir(), "odd.json")
	os.WriteFile(odd, []byte(strings.Replace(string(data), `"Mette Hansen"`, `"Mette <Hansen> & Søn"`, 1)), 0o600)
	id := strings.TrimSpace(mustRun(t, "", "case", "add", odd))
	mustRun(t, "", "decide", id, "--provision", "sel85", "--date", "2026-11-20")

	s, err := openTestStore(path, store.Options{ReadOnly: true, Keys: testKeys()})
	if err != nil {
		t.Fatal(err)
	}
	var list []store.Summary
	s.Summaries(func(sum store.Summary) bool { list = append(list, sum); return true })
	s.Close()
	var want bytes.Buffer
	writeJSON(&want, list)

	got := mustRun(t, "", "case", "list", "--json")
	if got != want.String() {
		t.Errorf("streamed list differs:\n--- got\n%s\n--- want\n%s", got, want.String())
	}
	if !strings.Contains(got, "Mette <Hansen> & Søn") || len(list) != 4 {
		t.Errorf("%d cases, list:\n%s", len(list), got)
	}
}
