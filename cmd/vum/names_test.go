package main

import (
	"strings"
	"testing"
)

// Text output names municipalities as the screen does; JSON keeps slugs.
func TestTextNamesMunicipalities(t *testing.T) {
	withStore(t)
	mustRun(t, "", "case", "add", example("ishoj-moderat.json"))
	_, warn, status := vum(t, "", "case", "add", example("ishoj-moderat.json"))
	if status != 0 || !strings.Contains(warn, "Mette Hansen (Ishøj)") || strings.Contains(warn, "(ishoj)") {
		t.Errorf("duplicate warning (status %d): %s", status, warn)
	}
	list := mustRun(t, "", "case", "list")
	if !strings.Contains(list, "Ishøj") || strings.Contains(list, "ishoj") {
		t.Errorf("case list:\n%s", list)
	}
	if js := mustRun(t, "", "case", "list", "--json"); !strings.Contains(js, `"municipality": "ishoj"`) && !strings.Contains(js, `"municipality":"ishoj"`) {
		t.Errorf("JSON must keep the slug:\n%s", js)
	}
}
