package standards

import (
	"strings"
	"testing"

	"github.com/vumdk/vum/domain"
)

func TestDecide(t *testing.T) {
	cat := catalog(t)
	today := domain.NewDate(2026, 11, 25)
	moderat := decodeExample(t, cat, "ishoj-moderat.json") // suggests § 85 moderat
	gentofte := decodeExample(t, cat, "gentofte-85.json")
	early := decodeExample(t, cat, "ishoj-let-82a.json")
	residential := decodeExample(t, cat, "ishoj-108.json")
	ballerup := caseOf("ballerup", domain.OwnHome, map[string]int{"psykisk_funktionsnedsaettelse": 2})
	decided := domain.NewDate(2026, 11, 20)

	tests := []struct {
		name     string
		cf       domain.CaseFile
		in       DecisionInput
		followed bool
		tier     string
		due      string
		fromStd  bool
		problem  string // field:substring, "" for none
		note     string
	}{
		{name: "follows the suggestion, tier taken from it", cf: moderat,
			in: DecisionInput{Provision: domain.SEL85}, followed: true, tier: "moderat", due: "2027-11-20", fromStd: true},
		{name: "another tier needs a reason", cf: moderat,
			in: DecisionInput{Provision: domain.SEL85, Tier: "stor"}, problem: "reason:afviger fra forslaget (SEL § 85 moderat)"},
		{name: "another tier with a reason", cf: moderat,
			in: DecisionInput{Provision: domain.SEL85, Tier: "Stor", Reason: "Behovet er større end vurderet."}, tier: "stor", due: "2027-11-20", fromStd: true},
		{name: "a lower tier than suggested is a partial refusal", cf: moderat,
			in: DecisionInput{Provision: domain.SEL85, Tier: "let", Reason: "Din søster hjælper dig med indkøb og post hver uge."}, tier: "let", due: "2027-11-20", fromStd: true,
			note: "mindre end 2,5 timer om ugen (niveau moderat) og er derfor et delvis afslag"},
		{name: "a lower tier for economy alone is refused", cf: moderat,
			in: DecisionInput{Provision: domain.SEL85, Tier: "let", Reason: "Af økonomiske hensyn."}, problem: "reason:hviler kun på økonomi"},
		{name: "unknown tier lists the standard's", cf: moderat,
			in: DecisionInput{Provision: domain.SEL85, Tier: "mellem", Reason: "x"}, problem: "tier:let, moderat, stor, omfattende"},
		{name: "a refusal with a reason has no follow-up", cf: moderat,
			in: DecisionInput{Provision: domain.SEL85, Tier: "", Reason: "x", Refused: true}, tier: "", due: ""},
		{name: "Gentofte § 85 has no tiers", cf: gentofte,
			in: DecisionInput{Provision: domain.SEL85, Tier: "moderat"}, problem: "tier:ingen niveauer"},
		{name: "Gentofte § 85 follow-up within 3-6 months: latest", cf: gentofte,
			in: DecisionInput{Provision: domain.SEL85}, followed: true, due: "2027-05-20", fromStd: true},
		{name: "Gentofte § 85 earlier follow-up allowed", cf: gentofte,
			in: DecisionInput{Provision: domain.SEL85, FollowUp: domain.NewDate(2027, 2, 20)}, followed: true, due: "2027-02-20"},
		{name: "a later follow-up than the standard allows", cf: moderat,
			in: DecisionInput{Provision: domain.SEL85, FollowUp: domain.NewDate(2028, 1, 1)}, problem: "follow-up:senest 20-11-2027"},
		{name: "§ 108 follows up after 24 months", cf: residential,
			in: DecisionInput{Provision: domain.SEL108}, followed: true, due: "2028-11-20", fromStd: true},
		{name: "§ 82 a states no interval: 12 months and a note", cf: early,
			in: DecisionInput{Provision: domain.SEL82a}, followed: true, due: "2027-11-20", note: "angiver intet opfølgningsinterval"},
		{name: "start date moves the follow-up", cf: moderat,
			in: DecisionInput{Provision: domain.SEL85, Start: domain.NewDate(2027, 1, 1)}, followed: true, tier: "moderat", due: "2028-01-01", fromStd: true},
		{name: "uncovered provision: no borrowed interval", cf: ballerup,
			in: DecisionInput{Provision: domain.SEL85}, followed: true, due: "2027-11-20", note: "ingen kvalitetsstandard for SEL § 85"},
		{name: "refusal needs a reason", cf: moderat,
			in: DecisionInput{Provision: domain.SEL85, Refused: true}, problem: "reason:afslag skal begrundes"},
		{name: "future decision date", cf: moderat,
			in: DecisionInput{Provision: domain.SEL85, Date: domain.NewDate(2026, 12, 1)}, problem: "date:i fremtiden"},
		{name: "decision before the application", cf: moderat,
			in: DecisionInput{Provision: domain.SEL85, Date: domain.NewDate(2026, 9, 1)}, problem: "date:før ansøgningsdatoen"},
		{name: "unknown provision", cf: moderat,
			in: DecisionInput{Provision: "sel999", Reason: "x"}, problem: "provision:ukendt ydelse"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			in.Today = today
			if in.Date.IsZero() {
				in.Date = decided
			}
			d, notes, err := cat.Decide(tt.cf, in)
			if tt.problem != "" {
				field, says, _ := strings.Cut(tt.problem, ":")
				ps, _ := err.(domain.Problems)
				for _, p := range ps {
					if p.Field == field && strings.Contains(p.Message, says) {
						return
					}
				}
				t.Fatalf("want problem on %s saying %q, got %v", field, says, err)
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.FollowedSuggestion != tt.followed || d.Tier != tt.tier || d.FollowUpDue.String() != tt.due || d.FollowUpFromStandard != tt.fromStd {
				t.Errorf("decision = followed %v tier %q due %s fromStd %v", d.FollowedSuggestion, d.Tier, d.FollowUpDue, d.FollowUpFromStandard)
			}
			if tt.note != "" && !strings.Contains(strings.Join(notes, " "), tt.note) {
				t.Errorf("notes %v lack %q", notes, tt.note)
			}
		})
	}
}
