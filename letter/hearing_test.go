package letter

import (
	"strings"
	"testing"
)

// TestHearingLetter: before a refusal, a partial refusal or a termination
// the citizen can be heard (forvaltningsloven § 19) on what is intended
// and the facts it would rest on; the letter decides nothing and carries
// no complaint guidance. A full grant needs no hearing.
func TestHearingLetter(t *testing.T) {
	cat := catalogT(t)
	for _, tt := range []struct{ name, intended, deadline string }{
		{"ishoj-85-afslag", "Vi overvejer at give dig afslag på din ansøgning om socialpædagogisk støtte", "13. november 2026"},
		{"ishoj-85-delvis", "Vi overvejer at bevilge dig socialpædagogisk støtte efter servicelovens § 85, stk. 1: 1 time om ugen (niveau let). Det er mindre end det behov, vi har vurderet (2,5 timer om ugen (niveau moderat))", "7. december 2026"},
		{"ishoj-104-ophoer", "Vi overvejer, at dit aktivitets- og samværstilbud efter servicelovens § 104, stk. 1, skal ophøre, så din sidste dag er den 31. marts 2027", "29. marts 2027"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := findCase(t, tt.name).input(t, cat)
			in.Hearing = true
			l, err := Build(in)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name+"-partshoering.txt.golden", l.Text())
			has(t, "subject", l.Subject, "Partshøring inden afgørelse")
			has(t, "intended", sectionText(l, HeadingIntended), tt.intended)
			has(t, "facts", sectionText(l, HeadingRelied), "niveau")
			has(t, "answer", sectionText(l, HeadingAnswer), "senest den "+tt.deadline, "43 57 70 00")
			has(t, "letter", body(l), "forvaltningslovens § 19")
			if _, ok := l.Section(HeadingAppeal); ok {
				t.Error("a partshøring carries complaint guidance, but decides nothing")
			}
			lacks(t, "letter", body(l), "Du får bevilget", "Du får afslag")
		})
	}
	in := findCase(t, "ishoj-85").input(t, cat)
	in.Hearing = true
	if _, err := Build(in); err == nil || !strings.Contains(err.Error(), "fuldt ud") {
		t.Errorf("a full grant: %v", err)
	}
}
