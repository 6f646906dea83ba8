package store

import "testing"

func TestDescribeOtherUnits(t *testing.T) {
	for _, tc := range []struct {
		units []OtherUnit
		want  string
	}{
		{nil, ""},
		{[]OtherUnit{{Unit: "Socialpsykiatri", Cases: 1}},
			"Borgeren har 1 sag i en anden enhed (Socialpsykiatri), som du ikke har adgang til. Kontakt enheden, før du opretter en ny sag."},
		{[]OtherUnit{{Unit: "", Cases: 2}},
			"Borgeren har 2 sager i en anden enhed (uden enhed), som du ikke har adgang til. Kontakt enheden, før du opretter en ny sag."},
		{[]OtherUnit{{Unit: "Handicap", Cases: 1}, {Unit: "Socialpsykiatri", Cases: 2}},
			"Borgeren har 3 sager i andre enheder (Handicap: 1, Socialpsykiatri: 2), som du ikke har adgang til. Kontakt enhederne, før du opretter en ny sag."},
	} {
		if got := DescribeOtherUnits(tc.units); got != tc.want {
			t.Errorf("%v:\n got %q\nwant %q", tc.units, got, tc.want)
		}
	}
}
