package letter

import (
	"testing"
)

// Every finished letter can be finished from its own list of fields: built
// without the caseworker's fill, the fields it marks open, filled with
// what the caseworker typed, make it complete. A date that cannot be read
// is refused.
func TestFillFieldsFinishTheLetter(t *testing.T) {
	cat := catalogT(t)
	for _, c := range draftCases {
		if c.draft {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			in := c.input(t, cat)
			in.Fill = Fill{}
			l, err := Build(in)
			if err != nil {
				t.Fatal(err)
			}
			open := 0
			for _, f := range l.FillFields() {
				if !f.Open {
					continue
				}
				open++
				if err := SetFillValue(&in.Fill, f.Key, FillValue(c.fill, f.Key)); err != nil {
					t.Fatal(err)
				}
			}
			if c.fill != (Fill{}) && open == 0 && !l.Complete() {
				t.Errorf("nothing is open, yet the letter lacks %v", l.Missing())
			}
			if l, err = Build(in); err != nil {
				t.Fatal(err)
			}
			if !l.Complete() {
				t.Errorf("filled from its open fields, the letter still lacks %v", l.Missing())
			}
			for _, f := range l.FillFields() {
				if f.Open {
					t.Errorf("field %s (%s) still open", f.Key, f.Label)
				}
			}
		})
	}
	var f Fill
	if err := SetFillValue(&f, FillHearingDone, "31-02-2026"); err == nil {
		t.Error("31-02-2026 was read as a date")
	}
	if err := SetFillValue(&f, FillHearingDone, "09-11-2026"); err != nil || FillValue(f, FillHearingDone) != "09-11-2026" {
		t.Errorf("hearing date: %v %q", err, FillValue(f, FillHearingDone))
	}
}
