package letter

import (
	"os"
	"path/filepath"
	"testing"
	"time"

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
	// scope is the decided scope; role the kind of suggestion followed;
	// need, when set, the assessed need of a grant below it; special the
	// concrete reason for an exception to a main rule.
	scope   domain.Scope
	role    string
	need    *domain.Scope
	special string
	// end and endReason make the letter a termination of the grant.
	end, endReason string
	// fill is what the caseworker completed in vum.
	fill Fill
	// draft is true where the letter cannot be final: what it lacks is
	// not in vum (a provision without a standard, a Vallensbæk address
	// not set).
	draft bool
}

// draftCases covers every provision of every embedded standard, Vallensbæk
// with its own settings, a refusal, a partial refusal, an override, a
// complementary grant, a termination and a provision the municipality has
// no standard for. Every case but the uncovered one is filled in as a
// caseworker would in vum, so its letter is final (draft marks the one
// that is not).
var draftCases = []draftCase{
	{name: "ishoj-82a", file: "ishoj-let-82a.json", caseID: "2026-1101", today: "2026-11-12",
		provision: domain.SEL82a, date: "2026-11-12", start: "2026-11-16", followed: true, suggested: domain.SEL82a,
		scope: domain.Scope{Offer: "Gruppeforløb om at håndtere social angst, 8 mødegange"},
		fill:  Fill{CitizenAddress: "Vejleåparken 21, 2635 Ishøj", CitizenView: "Jeg vil gerne møde andre, der har det som mig."}},
	{name: "ishoj-85", file: "ishoj-moderat.json", caseID: "2026-0987", today: "2026-11-20",
		provision: domain.SEL85, tier: "moderat", date: "2026-11-20", start: "2026-12-01", followed: true, role: "primary",
		suggested: domain.SEL85, suggestedTier: "moderat", scope: hoursScope(2.5),
		fill: Fill{CitizenAddress: "Ishøj Bygade 12, st. th., 2635 Ishøj",
			CitizenView: "Jeg vil gerne kunne handle ind og gå en tur alene igen."}},
	{name: "ishoj-85-fravalgt-forslag", file: "ishoj-moderat.json", caseID: "2026-0987", today: "2026-11-20",
		provision: domain.SEL85, tier: "stor", date: "2026-11-20", start: "2026-12-01",
		suggested: domain.SEL85, suggestedTier: "moderat", scope: hoursScope(6),
		reason: "Din angst gør, at du de første måneder har brug for støtte hver dag for at komme ud af døren; 2,5 timer om ugen er ikke nok til at nå målene",
		fill: Fill{CitizenAddress: "Ishøj Bygade 12, st. th., 2635 Ishøj",
			CitizenView: "Jeg har brug for, at der kommer nogen hver dag i starten.",
			Hearing:     Hearing{NotNeeded: "Du får mere, end udredningen pegede på, og afgørelsen bygger kun på oplysninger, du selv har givet"}}},
	{name: "ishoj-85-delvis", file: "ishoj-moderat.json", caseID: "2026-0988", today: "2026-11-23",
		provision: domain.SEL85, tier: "let", date: "2026-11-23", start: "2026-12-01",
		suggested: domain.SEL85, suggestedTier: "moderat", scope: hoursScope(1), need: ptr(hoursScope(2.5)),
		reason: "Din mentor på jobcentret hjælper dig allerede med post, økonomi og struktur to gange om ugen; den del af dit behov er dækket, og støtten her gælder indkøb, madlavning og at komme ud alene",
		fill: Fill{CitizenAddress: "Ishøj Bygade 12, st. th., 2635 Ishøj",
			CitizenView:  "Jeg har brug for hjælp til at komme ud og til at handle ind.",
			Alternatives: "Din mentorordning fortsætter uændret. Får du brug for mere støtte, kan du søge igen",
			Hearing:      Hearing{Done: domain.NewDate(2026, 11, 9)}}},
	{name: "ishoj-85-afslag", file: "ishoj-85-afslag.json", caseID: "2026-0912", today: "2026-10-30",
		provision: domain.SEL85, date: "2026-10-30", refused: true,
		suggested: domain.SEL85, suggestedTier: "moderat",
		reason: "Du får allerede støtte til at komme i gang i hverdagen gennem dit forløb i behandlingspsykiatrien og din kontaktperson der, og du klarer de praktiske opgaver med lidt hjælp fra din søster",
		fill: Fill{Alternatives: "Du kan deltage i kommunens gruppeforløb efter servicelovens § 82 a, som ikke kræver en afgørelse; kontakt os, hvis du ønsker det",
			Hearing: Hearing{Done: domain.NewDate(2026, 10, 16)}}},
	{name: "ishoj-103", file: "ishoj-103-family.json", caseID: "2026-0815", today: "2026-11-26",
		provision: domain.SEL103, date: "2026-11-26", start: "2027-01-04", followed: true, role: "primary", suggested: domain.SEL103,
		scope:   domain.Scope{Offer: "Værkstedet Ishøj Havn"}.WithAmount(domain.UnitDaysPerWeek, 5),
		special: "Du bor hos dine forældre, som begge arbejder fuld tid, og du har brug for faste rammer alle hverdage for at holde din døgnrytme; på dage uden tilbud isolerer du dig",
		fill:    Fill{CitizenAddress: "Tranegilde Strandvej 8, 2635 Ishøj", CitizenView: "Jeg vil gerne arbejde hver dag ligesom mine venner."}},
	{name: "ishoj-104", file: "ishoj-104.json", caseID: "2026-0824", today: "2026-10-15",
		provision: domain.SEL104, date: "2026-10-15", start: "2026-11-02", followed: true, role: "primary", suggested: domain.SEL104,
		scope: domain.Scope{Offer: "Aktivitetshuset Vejlebro"}.WithAmount(domain.UnitDaysPerWeek, 3)},
	{name: "ishoj-104-ophoer", file: "ishoj-104.json", caseID: "2026-0824", today: "2027-03-15",
		provision: domain.SEL104, date: "2026-10-15", start: "2026-11-02", followed: true, role: "primary", suggested: domain.SEL104,
		scope: domain.Scope{Offer: "Aktivitetshuset Vejlebro"}.WithAmount(domain.UnitDaysPerWeek, 3),
		end:   "2027-03-31", endReason: "Du har ikke mødt op i tilbuddet siden januar trods en samtale om fraværet den 10. februar 2027, og du har selv sagt, at du ikke ønsker at fortsætte",
		fill: Fill{Alternatives: "Du kan søge igen, hvis du får brug for et aktivitets- og samværstilbud, og vi vejleder dig gerne om foreninger og fritidstilbud i Ishøj",
			Hearing: Hearing{Done: domain.NewDate(2027, 2, 24)}}},
	{name: "ishoj-107", file: "ishoj-107.json", caseID: "2026-0601", today: "2026-09-21",
		provision: domain.SEL107, date: "2026-09-21", start: "2026-10-01", followed: true, role: "primary", suggested: domain.SEL107,
		scope: domain.Scope{Offer: "Botilbuddet Solhaven, Ishøj"},
		fill:  Fill{CitizenAddress: "Ishøj Søvej 3, 2635 Ishøj"}},
	{name: "ishoj-aflastning", file: "ishoj-aflastning.json", caseID: "2026-0706", today: "2026-10-26",
		provision: domain.SEL107Relief, date: "2026-10-26", start: "2026-11-06", followed: true, role: "complementary",
		suggested: domain.SEL85, suggestedTier: "stor",
		scope:  domain.Scope{Offer: "Aflastningstilbuddet Lindely"}.WithAmount(domain.UnitDaysPerYear, 48),
		reason: "Dine forældre passer dig hjemme og har brug for aflastning en weekend om måneden og en uge i sommerferien for at kunne blive ved med det",
		fill: Fill{CitizenView: "Jeg kan godt lide at være på Lindely, når mor og far holder fri.",
			Transport: "Kommunen sørger for kørsel til og fra aflastningstilbuddet, fordi du ikke kan tage offentlig transport alene"}},
	{name: "ishoj-108", file: "ishoj-108-botilbud.json", caseID: "2026-0518", today: "2026-09-01",
		provision: domain.SEL108, date: "2026-09-01", start: "2026-10-01", followed: true, role: "primary", suggested: domain.SEL108,
		scope: domain.Scope{Offer: "Bofællesskabet Strandhaven, Ishøj"},
		fill:  Fill{CitizenView: "Jeg vil gerne bo et sted, hvor der altid er nogen."}},
	{name: "vallensbaek-85", file: "vallensbaek-85.json", caseID: "V-2026-0118", today: "2026-11-02",
		provision: domain.SEL85, tier: "moderat", date: "2026-11-02", start: "2026-11-16", followed: true, role: "primary",
		suggested: domain.SEL85, suggestedTier: "moderat", scope: hoursScope(3),
		fill: Fill{Unit: "Social og Sundhed, Voksenteamet", Address: "Vallensbæk Stationstorv 100, 2665 Vallensbæk Strand",
			ComplaintAddress: "Vallensbæk Kommune, Social og Sundhed, Vallensbæk Stationstorv 100, 2665 Vallensbæk Strand",
			CitizenView:      "Jeg vil gerne klare indkøb og post selv."}},
	{name: "vallensbaek-108", file: "ishoj-108.json", caseID: "V-2026-0042", today: "2026-12-09",
		provision: domain.SEL108, date: "2026-12-09", start: "2027-01-01", followed: true, role: "primary", suggested: domain.SEL108,
		draft: true},
	{name: "ballerup-82a", file: "ballerup-82.json", caseID: "B-2026-3310", today: "2026-10-19",
		provision: domain.SEL82a, date: "2026-10-19", start: "2026-11-02", followed: true, suggested: domain.SEL82a,
		scope: domain.Scope{Offer: "Gruppebaseret råd- og vejledningsforløb i Fronten"}, followUp: "2027-02-01"},
	{name: "ballerup-82b", file: "ballerup-82.json", caseID: "B-2026-3311", today: "2026-10-19",
		provision: domain.SEL82b, date: "2026-10-19", start: "2026-11-02", suggested: domain.SEL82a,
		scope:    domain.Scope{}.WithAmount(domain.UnitMonths, 6),
		reason:   "Du bliver i dag for nervøs i grupper til at få udbytte af et gruppeforløb; et individuelt forløb skal gøre dig klar til at deltage i en gruppe",
		followUp: "2027-04-01",
		fill:     Fill{Hearing: Hearing{NotNeeded: "Du får den hjælp, du har bedt om, og afgørelsen bygger kun på oplysninger, du selv har givet"}}},
	{name: "ballerup-85-uden-standard", file: "ballerup-85.json", caseID: "B-2026-3402", today: "2026-10-22",
		provision: domain.SEL85, date: "2026-10-22", start: "2026-11-01", followed: true, suggested: domain.SEL85,
		followUp: "2027-05-01", draft: true},
	{name: "gentofte-85", file: "gentofte-85.json", caseID: "G-26-11873", today: "2026-11-16",
		provision: domain.SEL85, date: "2026-11-16", start: "2026-12-01", followed: true, role: "primary", suggested: domain.SEL85,
		scope: domain.Scope{Offer: "Gruppeforløb i Center for Trivsel og Netværk"}.WithAmount(domain.UnitHoursPerWeek, 2),
		fill: Fill{Address: "Bernstorffsvej 161, 2920 Charlottenlund", ComplaintAddress: "Gentofte Kommune, Social og Handicap Myndighed, Bernstorffsvej 161, 2920 Charlottenlund",
			CitizenAddress: "Ordrupvej 60, 2920 Charlottenlund", CitizenView: "Jeg vil gerne lære at komme ud blandt andre igen."}},
	{name: "gentofte-104", file: "gentofte-104.json", caseID: "G-26-10455", today: "2026-10-05",
		provision: domain.SEL104, date: "2026-10-05", start: "2026-10-12", followed: true, role: "primary", suggested: domain.SEL104,
		scope: domain.Scope{Offer: "Værestedet Hellerup"}.WithAmount(domain.UnitDaysPerWeek, 3),
		fill:  Fill{Address: "Bernstorffsvej 161, 2920 Charlottenlund", ComplaintAddress: "Gentofte Kommune, Social og Handicap Myndighed, Bernstorffsvej 161, 2920 Charlottenlund"}},
}

func hoursScope(h float64) domain.Scope { return domain.Scope{}.WithAmount(domain.UnitHoursPerWeek, h) }

func ptr[T any](v T) *T { return &v }

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

// fileInput builds the decision the way a caseworker's decision would be
// recorded: the follow-up from the standard unless the caseworker set
// one, 12 months where the standard states no interval.
func (c draftCase) fileInput(t testing.TB, cat *standards.Catalog) FileInput {
	t.Helper()
	today := date(t, c.today)
	cf := loadCase(t, cat, c.file, today)
	dec := domain.Decision{
		Provision: c.provision, Tier: c.tier, Scope: c.scope, Date: date(t, c.date), Start: date(t, c.start),
		Refused: c.refused, BelowNeed: c.need != nil, Reason: c.reason, SpecialReason: c.special,
		FollowedSuggestion: c.followed, SuggestionRole: c.role,
		SuggestedProvision: c.suggested, SuggestedTier: c.suggestedTier,
	}
	if c.need != nil {
		dec.Need = *c.need
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
	return FileInput{CaseID: c.caseID, Case: cf, Decision: dec, Catalog: cat, Today: today, Profile: testProfile, Fill: c.fill}
}

// input records the case as a history, replayed by domain.Replay: its
// opening, the assessment, the decision, and for a termination the
// termination; the letter is for the last event.
func (c draftCase) input(t testing.TB, cat *standards.Catalog) Input {
	t.Helper()
	fi := c.fileInput(t, cat)
	cf := fi.Case
	at := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	events := []domain.Event{
		{Seq: 1, Kind: domain.EventOpened, Recorded: at, User: "test",
			Opening: &domain.Opening{Municipality: cf.Municipality, Citizen: cf.Citizen, ApplicationDate: cf.ApplicationDate}},
		{Seq: 2, Kind: domain.EventAssessment, Recorded: at, User: "test",
			Assessment: &domain.AssessmentEvent{Date: cf.ApplicationDate, Kind: domain.FirstAssessment, Assessment: cf.Assessment, Goals: cf.Goals,
				Method: cf.Method, MethodVersion: cf.MethodVersion}},
	}
	dec := fi.Decision
	if dec.Refused {
		events = append(events, domain.Event{Seq: 3, Kind: domain.EventRefusal, Recorded: at, User: "test", Decision: &dec})
	} else {
		events = append(events, domain.Event{Seq: 3, Kind: domain.EventGrant, Grant: domain.GrantID(1), Recorded: at, User: "test", Decision: &dec})
	}
	if c.end != "" {
		events = append(events, domain.Event{Seq: 4, Kind: domain.EventTermination, Grant: domain.GrantID(1), Recorded: at, User: "test",
			Termination: &domain.Termination{Provision: dec.Provision, Date: date(t, c.today), End: date(t, c.end), Reason: c.endReason}})
	}
	kase, err := domain.Replay(c.caseID, events)
	if err != nil {
		t.Fatal(err)
	}
	return Input{Catalog: cat, Case: kase, Seq: len(events), Profile: testProfile, Fill: c.fill, Today: fi.Today}
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
