package tui

import (
	"errors"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/vumdk/vum/domain"
)

func TestFieldSetMovesThroughTheFieldsShown(t *testing.T) {
	for _, tc := range []struct {
		order        []int
		focus, delta int
		want         int
	}{
		{fieldOrder(3), 0, 1, 1},
		{fieldOrder(3), 2, 1, 0},
		{fieldOrder(3), 0, -1, 2},
		{[]int{0, 3, 5}, 3, 1, 5},
		{[]int{0, 3, 5}, 5, 1, 0},
		{[]int{0, 3, 5}, 0, -1, 5},
		{[]int{0, 3, 5}, 0, -4, 5},
		// A focus on a field no longer shown starts from the first.
		{[]int{0, 5}, 3, 1, 5},
	} {
		f := newFieldSet(6, 10, -1, tc.focus)
		f.move(tc.order, tc.delta)
		if f.focus != tc.want {
			t.Errorf("order %v, from %d by %d: focus %d, want %d", tc.order, tc.focus, tc.delta, f.focus, tc.want)
		}
	}
}

func TestFieldSetPutsProblemsBesideTheirFields(t *testing.T) {
	f := newFieldSet(3, 10, -1, 0)
	err := f.problems(domain.Problems{
		{Field: "date", Message: "datoen mangler"},
		{Field: "reason", Message: "skriv en begrundelse"},
		{Field: "other", Message: "bevillingen er ophørt"},
	}, map[string]int{"date": 0, "reason": 2})
	if f.errs[0] != "datoen mangler" || f.errs[2] != "skriv en begrundelse" || f.errs[1] != "" {
		t.Errorf("errors %q", f.errs)
	}
	if err == nil || err.Error() != "bevillingen er ophørt" {
		t.Errorf("what no field takes: %v", err)
	}
	if !f.failed() {
		t.Error("failed() is false with errors set")
	}
	f.clearErrors()
	if f.failed() {
		t.Error("failed() after clearErrors")
	}
	plain := errors.New("disken er fuld")
	if err := f.problems(plain, nil); err != plain || f.failed() {
		t.Errorf("a plain error: %v, errors %q", err, f.errs)
	}
}

func TestFieldSetRowWrapsAnErrorThatDoesNotFit(t *testing.T) {
	st := DefaultStyles()
	f := newFieldSet(2, 12, -1, 1)
	f.errs[0] = "kort"
	if got := ansi.Strip(f.row(st, 0, "Dato", "01-12-2026", 60)); got != "  Dato        01-12-2026  ✗ kort" {
		t.Errorf("short error: %q", got)
	}
	f.errs[0] = strings.Repeat("en lang forklaring ", 5)
	got := ansi.Strip(f.row(st, 0, "Dato", "01-12-2026", 40))
	lines := strings.Split(got, "\n")
	if len(lines) < 3 || lines[0] != "  Dato        01-12-2026" {
		t.Fatalf("long error not below the field:\n%s", got)
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > 40 {
			t.Errorf("line wider than 40: %q", l)
		}
	}
	if !strings.HasPrefix(ansi.Strip(f.label(st, 1, "Start")), "> ") {
		t.Error("the focused field's label is not marked")
	}
}
