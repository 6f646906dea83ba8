package letter

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
)

// draftCase is one decision drafted in the tests: a case file, the
// decision on it and the letter's date.
type draftCase struct {
	name      string // golden file base name
	file      string // case file: testdata/cases here, or the repo's testdata/cases
	caseID    string
	today     string
	provision domain.ProvisionID
	tier      string
	date      string // decision date
	start     string // "" means the decision date
	refused   bool
	// followed is false where the caseworker chose otherwise than the
	// primary suggestion (suggested, suggestedTier) and gave reason.
	followed      bool
	suggested     domain.ProvisionID
	suggestedTier string
	reason        string
	// followUp is a date the caseworker set; "" takes the standard's
	// interval, or 12 months where it states none.
	followUp string
}

// draftCases covers every provision of every embedded standard, Vallensbæk
// on the joint catalogue, a refusal, overridden suggestions and a provision
// the municipality has no standard for.
var draftCases = []draftCase{
	{name: "ishoj-82a", file: "ishoj-let-82a.json", caseID: "2026-1101", today: "2026-11-12",
		provision: domain.SEL82a, date: "2026-11-12", start: "2026-11-16", followed: true, suggested: domain.SEL82a},
	{name: "ishoj-85", file: "ishoj-moderat.json", caseID: "2026-0987", today: "2026-11-20",
		provision: domain.SEL85, tier: "moderat", date: "2026-11-20", start: "2026-12-01", followed: true,
		suggested: domain.SEL85, suggestedTier: "moderat"},
	{name: "ishoj-85-fravalgt-forslag", file: "ishoj-moderat.json", caseID: "2026-0987", today: "2026-11-20",
		provision: domain.SEL85, tier: "stor", date: "2026-11-20", start: "2026-12-01",
		suggested: domain.SEL85, suggestedTier: "moderat",
		reason: "Din angst gør, at du de første måneder har brug for støtte hver dag for at komme ud af døren; 2,5 timer om ugen er ikke nok til at nå målene"},
	{name: "ishoj-85-afslag", file: "ishoj-85-afslag.json", caseID: "2026-0912", today: "2026-10-30",
		provision: domain.SEL85, date: "2026-10-30", refused: true,
		suggested: domain.SEL85, suggestedTier: "moderat",
		reason: "Du får allerede støtte til at komme i gang i hverdagen gennem dit forløb i behandlingspsykiatrien og din kontaktperson der, og du klarer de praktiske opgaver med lidt hjælp fra din søster"},
	{name: "ishoj-103", file: "ishoj-103-family.json", caseID: "2026-0815", today: "2026-11-26",
		provision: domain.SEL103, date: "2026-11-26", start: "2027-01-04", followed: true, suggested: domain.SEL103},
	{name: "ishoj-104", file: "ishoj-104.json", caseID: "2026-0824", today: "2026-10-15",
		provision: domain.SEL104, date: "2026-10-15", start: "2026-11-02", followed: true, suggested: domain.SEL104},
	{name: "ishoj-107", file: "ishoj-107.json", caseID: "2026-0601", today: "2026-09-21",
		provision: domain.SEL107, date: "2026-09-21", start: "2026-10-01", followed: true, suggested: domain.SEL107},
	{name: "ishoj-aflastning", file: "ishoj-aflastning.json", caseID: "2026-0706", today: "2026-10-26",
		provision: domain.SEL107Relief, date: "2026-10-26", start: "2026-11-06",
		suggested: domain.SEL85, suggestedTier: "stor",
		reason: "Dine forældre har brug for aflastning for at kunne blive ved med at passe dig hjemme; den socialpædagogiske støtte behandles i en særskilt afgørelse"},
	{name: "ishoj-108", file: "ishoj-108-botilbud.json", caseID: "2026-0518", today: "2026-09-01",
		provision: domain.SEL108, date: "2026-09-01", start: "2026-10-01", followed: true, suggested: domain.SEL108},
	{name: "vallensbaek-108", file: "ishoj-108.json", caseID: "V-2026-0042", today: "2026-12-09",
		provision: domain.SEL108, date: "2026-12-09", start: "2027-01-01", followed: true, suggested: domain.SEL108},
	{name: "ballerup-82a", file: "ballerup-82.json", caseID: "B-2026-3310", today: "2026-10-19",
		provision: domain.SEL82a, date: "2026-10-19", start: "2026-11-02", followed: true, suggested: domain.SEL82a,
		followUp: "2027-02-01"},
	{name: "ballerup-82b", file: "ballerup-82.json", caseID: "B-2026-3311", today: "2026-10-19",
		provision: domain.SEL82b, date: "2026-10-19", start: "2026-11-02", suggested: domain.SEL82a,
		reason:   "Du bliver i dag for nervøs i grupper til at få udbytte af et gruppeforløb; et individuelt forløb skal gøre dig klar til at deltage i en gruppe",
		followUp: "2027-04-01"},
	{name: "ballerup-85-uden-standard", file: "ballerup-85.json", caseID: "B-2026-3402", today: "2026-10-22",
		provision: domain.SEL85, date: "2026-10-22", start: "2026-11-01", followed: true, suggested: domain.SEL85,
		followUp: "2027-05-01"},
	{name: "gentofte-85", file: "gentofte-85.json", caseID: "G-26-11873", today: "2026-11-16",
		provision: domain.SEL85, date: "2026-11-16", start: "2026-12-01", followed: true, suggested: domain.SEL85},
	{name: "gentofte-104", file: "gentofte-104.json", caseID: "G-26-10455", today: "2026-10-05",
		provision: domain.SEL104, date: "2026-10-05", start: "2026-10-12", followed: true, suggested: domain.SEL104},
}

// testProfile is the caseworker who signs the test letters.
var testProfile = domain.Profile{Name: "Lone Madsen", Title: "Socialrådgiver", Phone: "43 57 70 00", Email: "lone.madsen@kommune.example"}

func catalogT(t testing.TB) *standards.Catalog {
	t.Helper()
	cat, err := standards.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func date(t testing.TB, s string) domain.Date {
	t.Helper()
	if s == "" {
		return domain.Date{}
	}
	d, err := domain.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// loadCase reads a case file from this package's testdata, or else from
// the repository's example cases (whose ishoj-108.json is a Vallensbæk case).
func loadCase(t testing.TB, cat *standards.Catalog, file string, today domain.Date) domain.CaseFile {
	t.Helper()
	path := filepath.Join("testdata", "cases", file)
	if _, err := os.Stat(path); err != nil {
		path = filepath.Join("..", "testdata", "cases", file)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cf, err := domain.DecodeCaseFile(data, cat.Vocabulary(today))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return cf
}

// input builds the draft's input the way a caseworker's decision would
// be recorded: the follow-up from the standard unless the caseworker set
// one, 12 months where the standard states no interval.
func (c draftCase) input(t testing.TB, cat *standards.Catalog) Input {
	t.Helper()
	today := date(t, c.today)
	cf := loadCase(t, cat, c.file, today)
	dec := domain.Decision{
		Provision: c.provision, Tier: c.tier, Date: date(t, c.date), Start: date(t, c.start),
		Refused: c.refused, Reason: c.reason, FollowedSuggestion: c.followed,
		SuggestedProvision: c.suggested, SuggestedTier: c.suggestedTier,
	}
	if !c.refused {
		switch std, _, _ := cat.ForMunicipality(cf.Municipality); {
		case c.followUp != "":
			dec.FollowUpDue = date(t, c.followUp)
		default:
			if p, ok := std.Provision(c.provision); ok {
				dec.FollowUpDue, dec.FollowUpFromStandard = p.FirstFollowUp(dec.StartDate())
			} else {
				dec.FollowUpDue = dec.StartDate().AddMonths(standards.DefaultFollowUpMonths)
			}
		}
	}
	return Input{CaseID: c.caseID, Case: cf, Decision: dec, Catalog: cat, Today: today, Profile: testProfile}
}

func findCase(t testing.TB, name string) draftCase {
	t.Helper()
	for _, c := range draftCases {
		if c.name == name {
			return c
		}
	}
	t.Fatalf("no draft case %q", name)
	return draftCase{}
}
