package letter

import (
	"strings"
	"testing"

	"github.com/vumdk/vum/domain"
)

func TestBuildErrors(t *testing.T) {
	cat := catalogT(t)
	base := findCase(t, "ishoj-85").fileInput(t, cat)
	tests := []struct {
		name   string
		change func(*FileInput)
		want   string
	}{
		{"no catalogue", func(in *FileInput) { in.Catalog = nil }, "ingen kvalitetsstandarder"},
		{"unknown municipality", func(in *FileInput) { in.Case.Municipality = "aarhus" }, `ukendt kommune "aarhus"`},
		{"unknown provision", func(in *FileInput) { in.Decision.Provision = "sel999" }, `ukendt ydelse "sel999"`},
		{"no letter date", func(in *FileInput) { in.Today = domain.Date{} }, "brevets dato mangler"},
		{"no name", func(in *FileInput) { in.Case.Citizen.Name = " " }, "borgerens navn mangler"},
		{"tier not in the standard", func(in *FileInput) { in.Decision.Tier = "mellem" }, `niveauet "mellem" findes ikke i Ishøj Kommunes kvalitetsstandard for SEL § 85; niveauerne er let, moderat, stor, omfattende`},
		{"tier where the standard has none", func(in *FileInput) { in.Decision.Provision = domain.SEL104 }, "fastsætter ingen niveauer for SEL § 104"},
		{"follow-up before start", func(in *FileInput) { in.Decision.FollowUpDue = domain.NewDate(2026, 11, 1) }, "opfølgningsdatoen 1. november 2026 ligger før startdatoen 1. december 2026"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base
			in.Case.Citizen = base.Case.Citizen
			tt.change(&in)
			_, err := BuildFile(in)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one with %q", err, tt.want)
			}
		})
	}
	if _, err := BuildFile(base); err != nil {
		t.Fatalf("the unchanged input fails: %v", err)
	}
	kase := findCase(t, "ishoj-85").input(t, cat)
	for _, seq := range []int{0, 1, 2, 99} {
		if _, err := Build(Input{Catalog: cat, Case: kase.Case, Seq: seq, Today: kase.Today}); err == nil {
			t.Errorf("event %d is no decision, but a letter was built", seq)
		}
	}
}

// A municipality without a standard for the provision gets placeholders,
// never another municipality's service level.
func TestUncoveredNeverBorrows(t *testing.T) {
	l := build(t, "ballerup-85-uden-standard")
	all := l.Markdown()
	lacks(t, "Ballerup § 85", all, "Ishøj", "Gentofte", "vejlederteam", "Center for Trivsel", " niveauet ", "moderat støtte", "Fronten", "Parkvej",
		"timer om ugen svarer", "Ankestyrelsen senest 4 uger efter, at kommunen")
	has(t, "Ballerup § 85", all, "[UDFYLD: antal timer om ugen]", "[UDFYLD: kommunens serviceniveau for socialpædagogisk støtte")
	notes := strings.Join(l.Notes, "\n")
	has(t, "notes", notes, "Ballerup Kommune har ingen kvalitetsstandard for SEL § 85", "i vum", "ikke lånt fra en anden kommune")
	if n := len(l.Placeholders()); n < 10 {
		t.Errorf("%d placeholders, want every service-level fact left open: %v", n, l.Placeholders())
	}
}

func TestPlaceholders(t *testing.T) {
	in := findCase(t, "ishoj-85").fileInput(t, catalogT(t))
	in.Fill = Fill{}
	l, err := BuildFile(in)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(l.Placeholders(), "\n")
	has(t, "placeholders", got, "[UDFYLD: borgerens adresse]", "[UDFYLD: borgerens egen vurdering af sin situation]")
	if n := len(l.Placeholders()); n != 2 {
		t.Errorf("%d placeholders, want 2: %v", n, l.Placeholders())
	}
	has(t, "notes", strings.Join(l.Notes, "\n"), "Borgerens adresse står ikke i sagen", "2 felter markeret UDFYLD")

	with := build(t, "ishoj-104")
	lacks(t, "placeholders with an address and a citizen's view", strings.Join(with.Placeholders(), "\n"), "adresse", "egen vurdering")

	in.CaseID = ""
	l, err = BuildFile(in)
	if err != nil {
		t.Fatal(err)
	}
	has(t, "header without a case id", l.CaseID, "[UDFYLD: sagsnummer]")
}

func TestRefusalWithoutReason(t *testing.T) {
	in := findCase(t, "ishoj-85-afslag").fileInput(t, catalogT(t))
	in.Decision.Reason = ""
	in.Decision.FollowedSuggestion = true
	l, err := BuildFile(in)
	if err != nil {
		t.Fatal(err)
	}
	has(t, "considerations", sectionText(l, HeadingConsideration), "[UDFYLD: hvorfor ansøgningen ikke kan imødekommes]")
	lacks(t, "considerations", sectionText(l, HeadingConsideration), "mindst indgribende")
	has(t, "notes", strings.Join(l.Notes, "\n"), "UDKAST: brevet mangler", ElementConsiderations)
}

func TestOverrideWithoutReason(t *testing.T) {
	in := findCase(t, "ishoj-85-fravalgt-forslag").fileInput(t, catalogT(t))
	in.Decision.Reason = ""
	l, err := BuildFile(in)
	if err != nil {
		t.Fatal(err)
	}
	has(t, "considerations", sectionText(l, HeadingConsideration), "[UDFYLD: begrundelse for at træffe en anden afgørelse]")
}

// Where the standard states no follow-up interval, the letter says the
// caseworker set the date.
func TestFollowUpNotStated(t *testing.T) {
	for _, name := range []string{"ishoj-82a", "ballerup-82a", "gentofte-104"} {
		l := build(t, name)
		has(t, name, sectionText(l, HeadingFollowUp), "kvalitetsstandard angiver ikke, hvor ofte der skal følges op", "fastsat af sagsbehandleren")
		has(t, name, strings.Join(l.Notes, "\n"), "intet opfølgningsinterval")
	}
	l := build(t, "ishoj-85")
	lacks(t, "ishoj-85", sectionText(l, HeadingFollowUp), "angiver ikke", "fastsat af sagsbehandleren")
	has(t, "ishoj-85", sectionText(l, HeadingFollowUp), "senest den 1. december 2027", "mindst én gang om året")

	in := findCase(t, "ishoj-85").fileInput(t, catalogT(t))
	in.Decision.FollowUpDue, in.Decision.FollowUpFromStandard = domain.NewDate(2027, 6, 1), false
	l, err := BuildFile(in)
	if err != nil {
		t.Fatal(err)
	}
	has(t, "earlier follow-up", sectionText(l, HeadingFollowUp), "senest den 1. juni 2027", "Datoen er fastsat af sagsbehandleren")
}

// A time-limited course followed up after its end gets a note.
func TestFollowUpAfterDuration(t *testing.T) {
	in := findCase(t, "ballerup-82b").fileInput(t, catalogT(t))
	if l, err := BuildFile(in); err != nil || strings.Contains(strings.Join(l.Notes, "\n"), "længste varighed") {
		t.Fatalf("a follow-up within the course gets a note: %v %v", err, l.Notes)
	}
	in.Decision.FollowUpDue = in.Decision.StartDate().AddMonths(12)
	l, err := BuildFile(in)
	if err != nil {
		t.Fatal(err)
	}
	has(t, "notes", strings.Join(l.Notes, "\n"), "Første opfølgning (2. november 2027) ligger efter forløbets længste varighed (til 2. maj 2027)")
}

func TestDeadlineExample(t *testing.T) {
	tests := []struct {
		received domain.Date
		want     string
	}{
		{domain.NewDate(2026, 11, 20), "senest den 18. december 2026. En afgørelse"},
		{domain.NewDate(2026, 11, 26), "senest den 28. december 2026. Fristen ville falde den 24. december 2026, juleaften,"},
		{domain.NewDate(2026, 12, 5), "senest den 4. januar 2027. Fristen ville falde den 2. januar 2027, en lørdag,"},
		{domain.NewDate(2026, 12, 6), "senest den 4. januar 2027. Fristen ville falde den 3. januar 2027, en søndag,"},
		{domain.NewDate(2027, 2, 28), "senest den 30. marts 2027. Fristen ville falde den 28. marts 2027, påskedag,"},
		{domain.NewDate(2027, 3, 1), "senest den 30. marts 2027. Fristen ville falde den 29. marts 2027, 2. påskedag,"},
	}
	for _, tt := range tests {
		if got := deadlineExample(tt.received, 4); !strings.Contains(got, tt.want) {
			t.Errorf("deadlineExample(%s) = %q, want %q", tt.received, got, tt.want)
		}
	}
}

func TestCaseworkerNotes(t *testing.T) {
	has(t, "Vallensbæk", strings.Join(build(t, "vallensbaek-108").Notes, "\n"), "fælles ydelseskatalog", "lånes ikke fra kataloget")
	has(t, "Gentofte", strings.Join(build(t, "gentofte-85").Notes, "\n"), "»Får borgeren ikke fuldt medhold", "retssikkerhedslovens § 66 og retssikkerhedslovens § 67")
	has(t, "partial without a hearing", noHearing(t, "ishoj-85-delvis"), ElementHearing)
	lacks(t, "followed", strings.Join(build(t, "ishoj-85").Notes, "\n"), ElementHearing)
}

func TestMarkdownEscapes(t *testing.T) {
	l := &Letter{Municipality: "Ishøj Kommune", Subject: "Afgørelse", Sections: []Section{{Heading: "A", Level: 1, Blocks: []Block{
		para("1. december er *vigtig* for snake_case <b>"),
		list("- ikke en liste", "# ikke en overskrift", "[UDFYLD: x]"),
	}}}}
	md := l.Markdown()
	has(t, "markdown", md, "1\\. december er \\*vigtig\\* for snake\\_case \\<b\\>", "- \\- ikke en liste", "- \\# ikke en overskrift", "- [UDFYLD: x]")
}

func TestWrap(t *testing.T) {
	var w strings.Builder
	wrapTo(&w, strings.Repeat("ord ", 40), "- ", "  ")
	for _, line := range strings.Split(strings.TrimSuffix(w.String(), "\n"), "\n") {
		if len(line) > TextWidth || !(strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "  ")) {
			t.Errorf("line %q", line)
		}
	}
	w.Reset()
	long := strings.Repeat("x", 100)
	wrapTo(&w, "a "+long+" b", "", "")
	if got := w.String(); got != "a\n"+long+"\nb\n" {
		t.Errorf("a word longer than the line: %q", got)
	}
}

func noHearing(t *testing.T, name string) string {
	in := findCase(t, name).fileInput(t, catalogT(t))
	in.Fill.Hearing = Hearing{}
	l, err := BuildFile(in)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(l.Notes, "\n")
}
