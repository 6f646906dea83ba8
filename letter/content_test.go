package letter

import (
	"strings"
	"testing"

	"github.com/vumdk/vum/domain"
)

func build(t *testing.T, name string) *Letter {
	t.Helper()
	l, err := Build(findCase(t, name).input(t, catalogT(t)))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func has(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, text)
		}
	}
}

func lacks(t *testing.T, what, text string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(text, w) {
			t.Errorf("%s has %q, which it must not:\n%s", what, w, text)
		}
	}
}

// TestLegalContent checks, case by case, what forvaltningsloven §§ 22-25
// and retssikkerhedsloven §§ 66-67 require of the letter: the subject,
// the decision, the rule, the facts, the considerations, the complaint
// guidance as the municipality's standard states it, and the source.
func TestLegalContent(t *testing.T) {
	ishojAppeal := []string{"Ankestyrelsen", "Ishøj Kommune, Center for Voksne og Velfærd, Ishøj Store Torv 20, 2635 Ishøj",
		"senest 4 uger efter, at du har modtaget afgørelsen (retssikkerhedslovens § 67)",
		"genvurderer vi sagen (retssikkerhedslovens § 66)", "senest 4 uger efter, at vi har modtaget klagen", "Du får en kopi"}
	ishojSource := []string{"»Ydelseskatalog for socialpædagogisk støtte og dag- og botilbud«", "Ishøj og Vallensbæk Kommuner", "2015", "LBK nr. 1053 af 8. september 2015"}
	tests := []struct {
		name          string
		subject       string
		decision      []string
		facts         []string
		consider      []string
		appeal        []string
		appealLacks   []string
		source        []string
		header        []string
		sectionsLacks []string
	}{
		{name: "ishoj-82a", subject: "Afgørelse om gruppebaseret hjælp og støtte efter servicelovens § 82 a",
			decision: []string{"Du får bevilget gruppebaseret hjælp og støtte", "Kommunens vejlederteam", "16. november 2026"},
			facts:    []string{"Psykisk funktionsnedsættelse: niveau 1 (lette begrænsninger)", "Let social angst"},
			consider: []string{"Målgruppe: Alle borgere med funktionsnedsættelse"},
			appeal: []string{"kan ikke indbringes for anden administrativ myndighed", "§ 82 a, stk. 2", "klage generelt til kommunen over kommunens serviceniveau",
				"Center for Voksne og Velfærd, Ishøj Store Torv 20, 2635 Ishøj"},
			appealLacks: []string{"genvurderer", "senest 4 uger"},
			source:      []string{"»Kvalitetsstandard for tidlig forebyggende indsats", "Ishøj Kommune", "2020", "LBK nr. 798 af 7. august 2019"},
			header:      []string{"Fødselsdato: 2. juli 1998", "Sagsnummer: 2026-1101", "Center for Voksne og Velfærd"}},
		{name: "ishoj-85", subject: "Afgørelse om socialpædagogisk støtte efter servicelovens § 85, stk. 1",
			decision: []string{"Du får bevilget socialpædagogisk støtte", "Du får bevilget socialpædagogisk støtte efter servicelovens § 85, stk. 1: 2,5 timer om ugen (niveau moderat).", "1. december 2026",
				"Ishøj Kommunes vejlederteam", "Frit valg af leverandør: Nej", "1. december 2027"},
			facts:    []string{"Angst; undgår at gå ud alene", "niveau 2 (moderate begrænsninger)", "2,5 timer om ugen", "Du bor i eget hjem"},
			consider: []string{"let (op til og med 1 time om ugen)", "omfattende (over 10 timer om ugen)", "svarer til niveauet moderat", "mindst indgribende"},
			appeal:   ishojAppeal, source: ishojSource,
			header: []string{"CPR-nummer: 150391-1234", "Dato: 20. november 2026", "Ishøj Kommune"}},
		{name: "ishoj-85-fravalgt-forslag", subject: "servicelovens § 85",
			decision: []string{"6 timer om ugen (niveau stor)"},
			consider: []string{"pegede sagen umiddelbart på socialpædagogisk støtte efter servicelovens § 85 på niveauet moderat",
				"har vi truffet en anden afgørelse, fordi: Din angst gør", "ikke nok til at nå målene."},
			appeal: ishojAppeal, source: ishojSource},
		{name: "ishoj-85-afslag", subject: "Afgørelse om afslag på socialpædagogisk støtte efter servicelovens § 85",
			decision: []string{"Du får afslag på din ansøgning om socialpædagogisk støtte efter servicelovens § 85"},
			facts:    []string{"Depression", "»Jeg har svært ved at komme i gang om morgenen.«", "Mobilitet: ikke relevant"},
			consider: []string{"Vi har lagt vægt på: Du får allerede støtte"},
			appeal:   ishojAppeal, source: ishojSource,
			header:        []string{"Strandgårdsvej 14", "1. tv.", "2635 Ishøj"},
			sectionsLacks: []string{HeadingGoals, HeadingFollowUp, HeadingPayment, HeadingContent, HeadingDuties}},
		{name: "ishoj-103", subject: "Afgørelse om beskyttet beskæftigelse efter servicelovens § 103",
			decision: []string{"5 dage om ugen, Værkstedet Ishøj Havn", "4. januar 2027", "særlige forhold, som begrunder afgørelsen: Du bor hos dine forældre"},
			facts:    []string{"Samfundsliv: niveau 3 (svære begrænsninger)"},
			consider: []string{"op til folkepensionsalderen", "ved særlige hensyn op til 5 dage om ugen"},
			appeal:   append([]string{"28. december 2026", "juleaften"}, ishojAppeal...), source: ishojSource},
		{name: "ishoj-104", subject: "Afgørelse om aktivitets- og samværstilbud efter servicelovens § 104",
			decision: []string{"3 dage om ugen, Aktivitetshuset Vejlebro"},
			facts:    []string{"»Jeg sidder mest alene derhjemme og savner nogen at tale med.«"},
			consider: []string{"kan ikke samtidig få aktivitets- og samværstilbud"},
			appeal:   ishojAppeal, source: ishojSource,
			header: []string{"Vejlebrovej 12"}},
		{name: "ishoj-107", subject: "Afgørelse om midlertidigt botilbud efter servicelovens § 107",
			decision: []string{"Du får bevilget midlertidigt botilbud"},
			consider: []string{"i en periode har behov for omfattende og særlig støtte"},
			appeal:   ishojAppeal, source: ishojSource},
		{name: "ishoj-aflastning", subject: "Afgørelse om aflastning efter servicelovens § 84, stk. 1, og § 107, stk. 1",
			decision: []string{"48 døgn om året, Aflastningstilbuddet Lindely", "Kørsel: Kommunen sørger for kørsel"},
			facts:    []string{"Dine pårørende, som passer dig i hjemmet, har behov for aflastning"},
			consider: []string{"højst 90 aflastningsdøgn om året", "Dine forældre passer dig hjemme"},
			appeal:   ishojAppeal, source: ishojSource},
		{name: "ishoj-108", subject: "Afgørelse om længerevarende botilbud efter servicelovens § 108, stk. 1",
			decision: []string{"Frit valg af leverandør: Ja", "ret til at flytte", "1. oktober 2028"},
			facts:    []string{"betydelig og varig"},
			appeal:   ishojAppeal, source: ishojSource},
		{name: "vallensbaek-108", subject: "servicelovens § 108",
			decision:    []string{"1. januar 2029"},
			appeal:      []string{"Ankestyrelsen", "[UDFYLD: adresse for klager]", "retssikkerhedslovens § 66", "retssikkerhedslovens § 67"},
			appealLacks: []string{"Ishøj"},
			source:      append([]string{"Vallensbæk Kommune bruger Ishøj og Vallensbæk Kommuners fælles ydelseskatalog"}, ishojSource...),
			header:      []string{"Vallensbæk Kommune", "Sagsnummer: V-2026-0042", "[UDFYLD: afdeling]", "[UDFYLD: afdelingens adresse]"}},
		{name: "ballerup-82a", subject: "Afgørelse om gruppebaseret hjælp og støtte efter servicelovens § 82 a",
			decision: []string{"Fronten (Ballerup Kommunes eget tilbud)", "1. februar 2027"},
			consider: []string{"Forudsætning: Du er motiveret for at arbejde med dine udfordringer"},
			appeal: []string{"kan ikke indbringes for anden administrativ myndighed", "§ 82 a, stk. 2",
				"Ballerup Kommunes kvalitetsstandard angiver, at der ikke er klageadgang"},
			appealLacks: []string{"klage generelt", "genvurderer", "senest 4 uger"},
			source:      []string{"»Serviceniveau for midlertidige, forebyggende tilbud efter servicelovens § 82 a og § 82 b«", "årstal ikke angivet", "LBK nr. 798 af 7. august 2019"},
			header:      []string{"Fronten", "Parkvej 10", "2750 Ballerup"}},
		{name: "ballerup-82b", subject: "Afgørelse om tidsbegrænset individuel optræning og hjælp til udvikling af færdigheder efter servicelovens § 82 b",
			decision:    []string{"6 måneder", "Varighed: 6 måneder, dvs. til senest 2. maj 2027", "Første opfølgning: 1. april 2027"},
			consider:    []string{"pegede sagen umiddelbart på gruppebaseret hjælp og støtte efter servicelovens § 82 a", "for nervøs i grupper"},
			appeal:      []string{"kan ikke indbringes for anden administrativ myndighed", "servicelovens § 82 b", "ikke er klageadgang"},
			appealLacks: []string{"klage generelt", "genvurderer"},
			source:      []string{"»Serviceniveau for midlertidige, forebyggende tilbud"}},
		{name: "ballerup-85-uden-standard", subject: "Afgørelse om socialpædagogisk støtte efter servicelovens § 85, stk. 1",
			decision:    []string{"[UDFYLD: antal timer om ugen]", "[UDFYLD: leverandør]", "1. maj 2027"},
			facts:       []string{"Bipolar lidelse"},
			consider:    []string{"[UDFYLD: kommunens serviceniveau for socialpædagogisk støtte efter servicelovens § 85, stk. 1]"},
			appeal:      []string{"Ankestyrelsen", "[UDFYLD: adresse for klager]", "retssikkerhedslovens § 66", "retssikkerhedslovens § 67"},
			appealLacks: []string{"Ishøj", "Gentofte", "Fronten"},
			source:      []string{"[UDFYLD: titel, udsteder og årstal"},
			header:      []string{"Ballerup Kommune", "[UDFYLD: afdeling]"}},
		{name: "gentofte-85", subject: "Afgørelse om socialpædagogisk støtte efter servicelovens § 85, stk. 1",
			decision: []string{"2 timer om ugen, Gruppeforløb i Center for Trivsel og Netværk", "1. juni 2027"},
			consider: []string{"fastsætter ingen timeniveauer"},
			appeal: []string{"Ankestyrelsen", "Gentofte Kommune, Social og Handicap Myndighed, Bernstorffsvej 161", "senest 4 uger efter, at du har modtaget afgørelsen (retssikkerhedslovens § 67)",
				"genvurderer vi sagen (retssikkerhedslovens § 66)"},
			appealLacks: []string{"Ishøj"},
			source:      []string{"»Kvalitetsstandard: Socialpædagogisk støtte, servicelovens § 85«", "årstal ikke angivet", "ikke angivet i kvalitetsstandarden"},
			header:      []string{"Gentofte Kommune", "Social og Handicap Myndighed"}},
		{name: "gentofte-104", subject: "Afgørelse om aktivitets- og samværstilbud efter servicelovens § 104",
			decision: []string{"3 dage om ugen, Værestedet Hellerup", "Du kan ønske et bestemt tilbud"},
			consider: []string{"klubtilbud"},
			appeal:   []string{"Gentofte Kommune, Social og Handicap Myndighed, Bernstorffsvej 161", "retssikkerhedslovens § 66", "retssikkerhedslovens § 67"},
			source:   []string{"»Kvalitetsstandard: Aktivitets- og samværstilbud, serviceloven § 104«"},
			header:   []string{"Fødselsdato: 9. marts 1990", "Bernstorffsvej 100"}},
		{name: "ishoj-85-delvis", subject: "Afgørelse om socialpædagogisk støtte efter servicelovens § 85, stk. 1 – delvis afslag",
			decision: []string{"Du får delvis afslag på din ansøgning om socialpædagogisk støtte", "Vurderet behov: 2,5 timer om ugen (niveau moderat)", "Bevilget omfang: 1 time om ugen (niveau let)"},
			consider: []string{"Vi har vurderet dit behov til 2,5 timer om ugen (niveau moderat). Du får bevilget 1 time om ugen (niveau let), og vi har lagt vægt på: Din mentor"},
			appeal:   ishojAppeal, source: ishojSource},
		{name: "ishoj-104-ophoer", subject: "Afgørelse om ophør af aktivitets- og samværstilbud efter servicelovens § 104",
			decision: []string{"Dit aktivitets- og samværstilbud efter servicelovens § 104, stk. 1, ophører", "den 31. marts 2027"},
			consider: []string{"Fortsætter fraværet den følgende måned uden forklaring, ophører tilbuddet", "Vi har lagt vægt på: Du har ikke mødt op"},
			appeal:   ishojAppeal, source: ishojSource,
			sectionsLacks: []string{HeadingGoals, HeadingFollowUp, HeadingPayment, HeadingContent, HeadingDuties}},
		{name: "vallensbaek-85", subject: "Afgørelse om socialpædagogisk støtte efter servicelovens § 85, stk. 1",
			decision:    []string{"3 timer om ugen (niveau moderat)"},
			appeal:      []string{"Vallensbæk Kommune, Social og Sundhed, Vallensbæk Stationstorv 100", "retssikkerhedslovens § 66", "retssikkerhedslovens § 67"},
			appealLacks: []string{"Ishøj"},
			source:      ishojSource,
			header:      []string{"Vallensbæk Kommune", "Social og Sundhed, Voksenteamet", "Vallensbæk Stationstorv 100"}},
	}
	if len(tests) != len(draftCases) {
		t.Errorf("%d cases checked, %d drafted: every draft case needs its legal content checked", len(tests), len(draftCases))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := findCase(t, tt.name)
			l := build(t, tt.name)
			law, _ := domain.LookupProvision(c.provision)
			if !strings.Contains(l.Subject, tt.subject) || !strings.Contains(l.Subject, law.Section) {
				t.Errorf("subject %q, want %q with %q", l.Subject, tt.subject, law.Section)
			}
			has(t, "decision", sectionText(l, HeadingDecision), tt.decision...)
			reasons := sectionText(l, HeadingReasons)
			// The rule in plain Danish, the facts and the considerations.
			// The rule is cited with its stk. as the law data gives it.
			rule := catalogT(t).Laws.Rule(c.provision)
			if rule == "" {
				rule = "servicelovens " + law.Section
			}
			has(t, "rules", sectionText(l, HeadingRules), rule, law.Purpose)
			has(t, "facts", sectionText(l, HeadingFacts), tt.facts...)
			has(t, "considerations", sectionText(l, HeadingConsideration), tt.consider...)
			has(t, "reasons", reasons, "konkret og individuel vurdering")
			appeal := sectionText(l, HeadingAppeal)
			has(t, "klagevejledning", appeal, tt.appeal...)
			lacks(t, "klagevejledning", appeal, tt.appealLacks...)
			has(t, "source", sectionText(l, HeadingSource), tt.source...)
			header := strings.Join(append(append([]string{l.Municipality}, l.Sender...), l.Recipient...), "\n")
			for _, f := range l.Facts {
				header += "\n" + f.Label + ": " + f.Value
			}
			has(t, "header", header, tt.header...)
			for _, h := range tt.sectionsLacks {
				if _, ok := l.Section(h); ok {
					t.Errorf("a refusal has the section %q", h)
				}
			}
			if !c.refused && c.end == "" {
				for _, h := range []string{HeadingGoals, HeadingFollowUp} {
					if _, ok := l.Section(h); !ok {
						t.Errorf("a grant lacks the section %q", h)
					}
				}
			}
		})
	}
}
