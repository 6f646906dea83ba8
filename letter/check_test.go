package letter

import (
	"regexp"
	"strings"
	"testing"

	"github.com/vumdk/vum/domain"
)

// body returns the letter's text without the caseworker's notes.
func body(l *Letter) string {
	c := *l
	c.Notes = nil
	return c.Text()
}

// TestFinalLetters: every case filled in as a caseworker would in vum has
// every legal element; the drafts name what they lack.
func TestFinalLetters(t *testing.T) {
	for _, c := range draftCases {
		l := build(t, c.name)
		if got := l.Complete(); got == c.draft {
			t.Errorf("%s: complete = %v, want %v; missing: %v", c.name, got, !c.draft, l.Missing())
		}
		if c.draft {
			has(t, c.name+" notes", strings.Join(l.Notes, "\n"), "UDKAST: brevet mangler")
		}
	}
}

// TestCheckNamesMissing takes one element out of a final letter at a time
// and expects the check to fail naming that element.
func TestCheckNamesMissing(t *testing.T) {
	cat := catalogT(t)
	tests := []struct {
		name, base, element string
		change              func(*FileInput)
	}{
		{"no hearing on a refusal", "ishoj-85-afslag", ElementHearing, func(in *FileInput) { in.Fill.Hearing = Hearing{} }},
		{"no hearing on a partial refusal", "ishoj-85-delvis", ElementHearing, func(in *FileInput) { in.Fill.Hearing = Hearing{} }},
		{"no reason for a refusal", "ishoj-85-afslag", ElementConsiderations, func(in *FileInput) { in.Decision.Reason = "" }},
		{"no complaint address", "vallensbaek-85", ElementAppeal, func(in *FileInput) { in.Fill.ComplaintAddress = "" }},
		{"no decided hours", "ishoj-85", ElementScope, func(in *FileInput) { in.Decision.Scope = domain.Scope{} }},
		{"no named botilbud", "ishoj-108", ElementScope, func(in *FileInput) { in.Decision.Scope = domain.Scope{} }},
		{"no citizen's view", "ishoj-85", ElementCitizenView, func(in *FileInput) { in.Fill.CitizenView = "" }},
		{"no assessed theme", "ishoj-85", ElementFacts, func(in *FileInput) { in.Case.Assessment.Themes = nil }},
		{"no follow-up date", "ballerup-82b", ElementFollowUp, func(in *FileInput) {
			in.Decision.FollowUpDue = domain.Date{}
			in.Case.Municipality = "gentofte" // no § 82 b standard: no interval to fall back on
		}},
		{"no signature", "ishoj-85", ElementFilled, func(in *FileInput) { in.Profile.Name = "" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := findCase(t, tt.base).fileInput(t, cat)
			l, err := BuildFile(in)
			if err != nil {
				t.Fatal(err)
			}
			if tt.base != "ballerup-82b" && !l.Complete() {
				t.Fatalf("the base letter is not final: %v", l.Missing())
			}
			tt.change(&in)
			if l, err = BuildFile(in); err != nil {
				t.Fatal(err)
			}
			found := false
			for _, c := range l.Missing() {
				found = found || c.Element == tt.element
			}
			if !found {
				t.Errorf("missing %v, want %q among them", l.Missing(), tt.element)
			}
		})
	}
}

// TestLetterWording: the letter speaks to the citizen as "du"; hours
// appear only in § 85 letters; the decision states what was decided,
// never the standard's range; the paragraph on what the case pointed to
// appears only where the decision departs from the suggestions; a
// refusal never grants.
func TestLetterWording(t *testing.T) {
	borgeren := regexp.MustCompile(`\b[Bb]orgeren\b`)
	for _, c := range draftCases {
		l := build(t, c.name)
		text := body(l)
		if m := borgeren.FindString(text); m != "" {
			t.Errorf("%s says %q to the citizen", c.name, m)
		}
		if c.provision != domain.SEL85 && strings.Contains(text, "timer om ugen") {
			t.Errorf("%s (%s) speaks of hours a week", c.name, c.provision)
		}
		// What is decided: the decision's first sentence and the granted
		// scope (the standard's rule may follow as context).
		var decided string
		if sec, ok := l.Section(HeadingDecision); ok {
			decided = sec.Blocks[0].Text
			for _, b := range sec.Blocks {
				for _, f := range b.Fields {
					if f.Label == "Bevilget omfang" {
						decided += "\n" + f.Value
					}
				}
			}
		}
		for _, r := range []string{"op til", "højst", "over 1 og op til og med"} {
			if strings.Contains(decided, r) {
				t.Errorf("%s decides the standard's range (%q):\n%s", c.name, r, decided)
			}
		}
		departs := strings.Contains(text, "pegede sagen umiddelbart på")
		if want := !c.followed && !c.refused && c.role == "" && c.need == nil; departs != want {
			t.Errorf("%s: departure paragraph %v, want %v", c.name, departs, want)
		}
		if c.refused && strings.Contains(text, "Du får bevilget") {
			t.Errorf("%s is a refusal that grants", c.name)
		}
	}
}

// TestException: where the standard gives a provision only as a main
// rule, the letter states the rule and quotes the concrete reason.
func TestException(t *testing.T) {
	in := findCase(t, "ishoj-85").fileInput(t, catalogT(t))
	in.Case.Citizen.CPR = domain.CPR{}
	in.Case.Citizen.BirthDate = domain.NewDate(1958, 3, 1)
	in.Decision.SpecialReason = "Du har boet alene i mange år og har kun brug for støtte, indtil du er faldet til efter din mands død"
	l, err := BuildFile(in)
	if err != nil {
		t.Fatal(err)
	}
	has(t, "decision", sectionText(l, HeadingDecision), "kvalitetsstandard afgrænser som hovedregel, hvem der kan få socialpædagogisk støtte (alder: fra 18 til 65 år (som hovedregel)",
		"særlige forhold, som begrunder afgørelsen: Du har boet alene")
	has(t, "103", sectionText(build(t, "ishoj-103"), HeadingDecision), "når du bor hjemme hos familie eller pårørende, som udgangspunkt få op til 3 dage om ugen")
}
