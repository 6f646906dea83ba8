package standards

import (
	"strings"
	"testing"

	"github.com/vumdk/vum/domain"
)

func days(n float64) domain.Scope { return domain.Scope{}.WithAmount(domain.UnitDaysPerWeek, n) }

// TestStatutory checks each condition of the law and each main rule of a
// standard: a refused grant names the section and the facts; an exception
// to a main rule needs its concrete reason; a reason of economy or "mindst
// indgribende" alone is refused.
func TestStatutory(t *testing.T) {
	cat := catalog(t)
	start := domain.NewDate(2026, 11, 1)
	tests := []struct {
		name string
		cf   func() domain.CaseFile
		d    domain.Decision
		want []string // field:substring; none means no problem
	}{
		{name: "§ 103 at the pension age", cf: func() domain.CaseFile {
			c := caseOf("ishoj", domain.OwnHome, map[string]int{"samfundsliv": 3})
			c.Citizen.BirthDate = domain.NewDate(1959, 3, 1) // 67 on 1 March 2026
			return c
		}, d: domain.Decision{Provision: domain.SEL103, Date: start, Scope: days(3)},
			want: []string{"provision:servicelovens § 103, stk. 1", "under folkepensionsalderen", "01-03-1959", "67 år", "01-03-2026"}},
		{name: "§ 103 the day before the pension age", cf: func() domain.CaseFile {
			c := caseOf("ishoj", domain.OwnHome, map[string]int{"samfundsliv": 3})
			c.Citizen.BirthDate = domain.NewDate(1959, 11, 2)
			return c
		}, d: domain.Decision{Provision: domain.SEL103, Date: start, Scope: days(3)}},
		{name: "§ 108 without a permanent reduction", cf: func() domain.CaseFile {
			return caseOf("ishoj", domain.OwnHome, map[string]int{"egenomsorg": 4})
		}, d: domain.Decision{Provision: domain.SEL108, Date: start},
			want: []string{"provision:servicelovens § 108, stk. 1", "betydelig og varig", "ikke vurderet funktionsnedsættelsen som varig"}},
		{name: "§ 108 with a permanent reduction", cf: func() domain.CaseFile {
			c := caseOf("ishoj", domain.OwnHome, map[string]int{"egenomsorg": 4})
			c.Assessment.Permanent = true
			return c
		}, d: domain.Decision{Provision: domain.SEL108, Date: start}},
		{name: "aflastning for a citizen living alone", cf: func() domain.CaseFile {
			return caseOf("ishoj", domain.OwnHome, map[string]int{"egenomsorg": 3})
		}, d: domain.Decision{Provision: domain.SEL107Relief, Date: start},
			want: []string{"provision:servicelovens § 84, stk. 1", "bor i eget hjem"}},
		{name: "aflastning for a citizen living with family", cf: func() domain.CaseFile {
			return caseOf("ishoj", domain.WithFamily, map[string]int{"egenomsorg": 3})
		}, d: domain.Decision{Provision: domain.SEL107Relief, Date: start}},
		{name: "an adult provision under 18", cf: func() domain.CaseFile {
			c := caseOf("gentofte", domain.WithFamily, map[string]int{"socialt_liv": 3})
			c.Citizen.BirthDate = domain.NewDate(2009, 2, 1)
			return c
		}, d: domain.Decision{Provision: domain.SEL104, Date: start, Scope: days(2)},
			want: []string{"provision:servicelovens § 104", "fra 18 år", "17 år", "barnets lov"}},
		{name: "a refusal is not refused by the conditions", cf: func() domain.CaseFile {
			return caseOf("ishoj", domain.OwnHome, map[string]int{"egenomsorg": 3})
		}, d: domain.Decision{Provision: domain.SEL107Relief, Date: start, Refused: true, Reason: "Du bor alene, og der er ingen pårørende i hjemmet at aflaste."}},
		{name: "§ 103 with family above the rule needs the special considerations", cf: func() domain.CaseFile {
			return caseOf("ishoj", domain.WithFamily, map[string]int{"samfundsliv": 3})
		}, d: domain.Decision{Provision: domain.SEL103, Date: start, Scope: days(5)},
			want: []string{"special-reason:op til 3 dage om ugen", "op til 5 dage kun ved særlige hensyn", "begrunder 5 dage"}},
		{name: "§ 103 with family above the rule with special considerations", cf: func() domain.CaseFile {
			return caseOf("ishoj", domain.WithFamily, map[string]int{"samfundsliv": 3})
		}, d: domain.Decision{Provision: domain.SEL103, Date: start, Scope: days(5),
			SpecialReason: "Din mor arbejder på skiftehold, og du kan ikke være alene hjemme i dagtimerne."}},
		{name: "§ 103 with family at the rule", cf: func() domain.CaseFile {
			return caseOf("ishoj", domain.WithFamily, map[string]int{"samfundsliv": 3})
		}, d: domain.Decision{Provision: domain.SEL103, Date: start, Scope: days(3)}},
		{name: "Ishøj § 85 over 65 as a main rule", cf: func() domain.CaseFile {
			c := caseOf("ishoj", domain.OwnHome, map[string]int{"psykisk_funktionsnedsaettelse": 2})
			c.Citizen.BirthDate = domain.NewDate(1959, 6, 1)
			return c
		}, d: domain.Decision{Provision: domain.SEL85, Tier: "moderat", Date: start},
			want: []string{"special-reason:SEL § 85 som hovedregel til borgere fra 18 til 65 år", "67 år"}},
		{name: "Ishøj § 85 in a botilbud as a main rule", cf: func() domain.CaseFile {
			return caseOf("ishoj", domain.Residential, map[string]int{"psykisk_funktionsnedsaettelse": 2})
		}, d: domain.Decision{Provision: domain.SEL85, Tier: "moderat", Date: start},
			want: []string{"special-reason:som hovedregel borgere i eget hjem", "bor i botilbud"}},
		{name: "economy alone", cf: func() domain.CaseFile {
			return caseOf("ishoj", domain.OwnHome, map[string]int{"psykisk_funktionsnedsaettelse": 2})
		}, d: domain.Decision{Provision: domain.SEL85, Tier: "let", Date: start, BelowNeed: true, Reason: "Af økonomiske hensyn."},
			want: []string{"reason:hviler kun på økonomi"}},
		{name: "least intrusive alone", cf: func() domain.CaseFile {
			return caseOf("ishoj", domain.OwnHome, map[string]int{"psykisk_funktionsnedsaettelse": 2})
		}, d: domain.Decision{Provision: domain.SEL85, Tier: "let", Date: start, BelowNeed: true, Reason: "Vi har valgt den mindst indgribende foranstaltning"},
			want: []string{"reason:»mindst indgribende«", "skal stadig dække det vurderede behov"}},
		{name: "least intrusive with the facts", cf: func() domain.CaseFile {
			return caseOf("ishoj", domain.OwnHome, map[string]int{"psykisk_funktionsnedsaettelse": 2})
		}, d: domain.Decision{Provision: domain.SEL85, Tier: "let", Date: start, BelowNeed: true,
			Reason: "Mindst indgribende: din søster hjælper dig allerede med indkøb og post hver uge, så du har brug for mindre støtte."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := cat.Statutory(tt.cf(), tt.d)
			if len(tt.want) == 0 {
				if len(ps) > 0 {
					t.Fatalf("refused: %v", ps)
				}
				return
			}
			if len(ps) == 0 {
				t.Fatalf("not refused, want %v", tt.want)
			}
			field, _, _ := strings.Cut(tt.want[0], ":")
			text := ps.Error()
			if ps[0].Field != field {
				t.Errorf("field %q, want %q: %v", ps[0].Field, field, ps)
			}
			for i, w := range tt.want {
				if i == 0 {
					_, w, _ = strings.Cut(w, ":")
				}
				if !strings.Contains(text, w) {
					t.Errorf("problem lacks %q:\n%s", w, text)
				}
			}
		})
	}
}
