package draft

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
)

// Input is everything a decision draft is built from.
type Input struct {
	CaseID   string
	Case     domain.CaseFile
	Decision domain.Decision
	Catalog  *standards.Catalog
	Today    domain.Date // the letter's date
}

// The section headings, so callers and tests can find them.
const (
	HeadingDecision      = "Afgørelse"
	HeadingContent       = "Hvad ydelsen indeholder"
	HeadingReasons       = "Begrundelse"
	HeadingRules         = "Reglerne"
	HeadingFacts         = "Oplysninger i sagen"
	HeadingConsideration = "Vores vurdering"
	HeadingGoals         = "Mål for indsatsen"
	HeadingFollowUp      = "Opfølgning"
	HeadingPayment       = "Betaling"
	HeadingDuties        = "Det forventer vi af dig"
	HeadingAppeal        = "Klagevejledning"
	HeadingSource        = "Kvalitetsstandard og lovgrundlag"
)

// builder carries what Build has looked up while it writes the letter.
type builder struct {
	in     Input
	cf     domain.CaseFile
	dec    domain.Decision
	method *domain.Method
	std    *standards.Standard
	mu     standards.Municipality
	law    domain.Provision
	p      *standards.ProvisionStandard // nil: the municipality has no standard for the provision
	tier   *standards.Tier              // the decided tier, when the standard has it
	start  domain.Date
	l      *Letter
}

// Build derives the decision draft from the case, the decision and the
// municipality's standard. Errors are in Danish and name what is wrong.
func Build(in Input) (*Letter, error) {
	if in.Catalog == nil {
		return nil, errors.New("der er ingen kvalitetsstandarder indlæst")
	}
	std, mu, ok := in.Catalog.ForMunicipality(in.Case.Municipality)
	if !ok {
		return nil, in.Catalog.UnknownMunicipality(in.Case.Municipality)
	}
	law, ok := domain.LookupProvision(in.Decision.Provision)
	if !ok {
		return nil, fmt.Errorf("ukendt ydelse %q i afgørelsen; kendte ydelser: %s",
			in.Decision.Provision, strings.Join(domain.ProvisionIDs(), ", "))
	}
	if in.Today.IsZero() {
		return nil, errors.New("brevets dato mangler")
	}
	if strings.TrimSpace(in.Case.Citizen.Name) == "" {
		return nil, errors.New("borgerens navn mangler i sagen")
	}
	b := &builder{in: in, cf: in.Case, dec: in.Decision, method: in.Catalog.Method,
		std: std, mu: mu, law: law, start: in.Decision.StartDate(), l: &Letter{Date: in.Today}}
	if p, ok := std.Provision(law.ID); ok {
		b.p = p
	}
	if err := b.checkTier(); err != nil {
		return nil, err
	}
	if err := b.checkFollowUp(); err != nil {
		return nil, err
	}
	b.header()
	b.opening()
	b.decision()
	if !b.dec.Refused {
		b.content()
	}
	b.reasons()
	if !b.dec.Refused {
		b.goals()
		b.followUp()
		b.payment()
		b.duties()
	}
	b.appeal()
	b.source()
	b.closing()
	b.caseworkerNotes()
	return b.l, nil
}

// checkTier finds the decided tier in the standard and refuses one the
// standard does not have.
func (b *builder) checkTier() error {
	if b.dec.Tier == "" || b.dec.Refused || b.p == nil {
		return nil
	}
	if len(b.p.Tiers) == 0 {
		return fmt.Errorf("%s kvalitetsstandard fastsætter ingen niveauer for %s, så afgørelsen kan ikke have niveauet %q",
			b.genitive(), b.law.Law, b.dec.Tier)
	}
	names := make([]string, len(b.p.Tiers))
	for i := range b.p.Tiers {
		t := &b.p.Tiers[i]
		names[i] = t.Name
		if t.Name == b.dec.Tier {
			b.tier = t
			return nil
		}
	}
	return fmt.Errorf("niveauet %q findes ikke i %s kvalitetsstandard for %s; niveauerne er %s",
		b.dec.Tier, b.genitive(), b.law.Law, strings.Join(names, ", "))
}

func (b *builder) checkFollowUp() error {
	due := b.dec.FollowUpDue
	if !due.IsZero() && !b.start.IsZero() && due.Before(b.start) {
		return fmt.Errorf("opfølgningsdatoen %s ligger før startdatoen %s", due.DanishLong(), b.start.DanishLong())
	}
	return nil
}

// genitive returns the municipality's name in the genitive, e.g.
// "Ishøj Kommunes".
func (b *builder) genitive() string { return b.mu.Name + "s" }

// covered reports whether the municipality has a standard for the provision.
func (b *builder) covered() bool { return b.p != nil }

// title returns the provision's name as it reads inside a sentence.
func (b *builder) title() string { return lowerFirst(b.law.Title) }

// lawRef returns the provision's section as it reads in a sentence, e.g.
// "servicelovens § 107, stk. 1".
func (b *builder) lawRef() string { return "servicelovens " + b.law.Section }

func (b *builder) add(s Section) { b.l.Sections = append(b.l.Sections, s) }

func (b *builder) note(format string, args ...any) {
	b.l.Notes = append(b.l.Notes, fmt.Sprintf(format, args...))
}

func para(text string) Block          { return Block{Kind: Paragraph, Text: text} }
func list(items ...string) Block      { return Block{Kind: List, Items: items} }
func fields(fs ...Field) Block        { return Block{Kind: Fields, Fields: fs} }
func lines(items ...string) Block     { return Block{Kind: Lines, Items: items} }
func field(label, value string) Field { return Field{Label: label, Value: value} }

// header fills the sender, the recipient, the reference fields and the
// subject line. The unit and its address come from the standard only when
// it covers the provision: a unit named in another provision's standard
// need not be the one deciding this one.
func (b *builder) header() {
	l := b.l
	l.Municipality = b.mu.Name
	if b.covered() {
		if b.std.Unit != "" {
			l.Sender = append(l.Sender, b.std.Unit)
		}
		if b.std.Address != "" {
			l.Sender = append(l.Sender, b.std.Address)
		}
	} else {
		l.Sender = []string{placeholder("afdeling"), placeholder("afdelingens adresse")}
	}
	c := b.cf.Citizen
	address := strings.TrimSpace(c.Address)
	if address == "" {
		address = placeholder("borgerens adresse")
	}
	l.Recipient = append([]string{c.Name}, splitAddress(address)...)
	l.CaseID = strings.TrimSpace(b.in.CaseID)
	if l.CaseID == "" {
		l.CaseID = placeholder("sagsnummer")
	}
	l.Facts = []Field{field("Dato", b.in.Today.DanishLong()), field("Sagsnummer", l.CaseID)}
	if !c.CPR.IsZero() {
		l.Facts = append(l.Facts, field("CPR-nummer", c.CPR.String()))
	} else if !c.BirthDate.IsZero() {
		l.Facts = append(l.Facts, field("Fødselsdato", c.BirthDate.DanishLong()))
	} else {
		l.Facts = append(l.Facts, field("CPR-nummer", placeholder("CPR-nummer")))
	}
	l.Subject = fmt.Sprintf("Afgørelse om %s efter %s", b.title(), b.lawRef())
}

// splitAddress breaks an address written on one line at its commas, as
// it would stand on an envelope.
func splitAddress(a string) []string {
	var out []string
	for _, part := range strings.Split(a, "\n") {
		for _, s := range strings.Split(part, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// noVisitation reports whether the citizen turns to the offer directly,
// without an application.
func (b *builder) noVisitation() bool {
	return b.covered() && b.p.Visitation != nil && !*b.p.Visitation
}

func (b *builder) opening() {
	applied := "Du har søgt om hjælp"
	if b.noVisitation() {
		applied = "Du har henvendt dig om hjælp"
	}
	if d := b.cf.ApplicationDate; !d.IsZero() {
		applied += " den " + d.DanishLong()
	}
	text := applied + ", og vi har nu truffet afgørelse i din sag."
	if b.method != nil && b.method.Name != "" && len(b.cf.Assessment.Themes) > 0 {
		text += fmt.Sprintf(" Afgørelsen bygger på udredningen af din situation efter %s.", b.method.Name)
	}
	b.add(Section{Blocks: []Block{para("Kære " + b.cf.Citizen.Name), para(text)}})
}

func (b *builder) request() string {
	if b.noVisitation() {
		return "henvendelse"
	}
	return "ansøgning"
}

// decision states what is granted or refused.
func (b *builder) decision() {
	sec := Section{Heading: HeadingDecision, Level: 1}
	if b.dec.Refused {
		sec.Blocks = append(sec.Blocks,
			para(fmt.Sprintf("Du får afslag på din %s om %s efter %s.", b.request(), b.title(), b.lawRef())),
			para("Begrundelsen for afslaget står nedenfor."))
		b.add(sec)
		return
	}
	sec.Blocks = append(sec.Blocks, para(fmt.Sprintf("Du får bevilget %s efter %s.", b.title(), b.lawRef())))
	fs := []Field{field("Ydelse", fmt.Sprintf("%s (%s)", b.law.Title, b.lawRef()))}
	if v, ok := b.scope(); ok {
		fs = append(fs, field("Omfang", v))
	}
	fs = append(fs, field("Start", dateOr(b.start, "startdato")))
	if b.covered() && b.p.DurationMaxMonths != nil {
		n := *b.p.DurationMaxMonths
		v := fmt.Sprintf("højst %d måneder", n)
		if !b.start.IsZero() {
			v += ", dvs. til senest " + b.start.AddMonths(n).DanishLong()
		}
		fs = append(fs, field("Varighed", v))
	}
	fs = append(fs, field("Leverandør", b.supplier()), field("Frit valg af leverandør", b.freeChoice()))
	fs = append(fs, field("Første opfølgning", dateOr(b.followUpDue(), "dato for første opfølgning")))
	sec.Blocks = append(sec.Blocks, fields(fs...))
	b.add(sec)
}

func dateOr(d domain.Date, what string) string {
	if d.IsZero() {
		return placeholder(what)
	}
	return d.DanishLong()
}

// scope describes how much is granted: the tier with its hours a week,
// days a week by the citizen's living situation, or days a year.
func (b *builder) scope() (string, bool) {
	if !b.covered() {
		v := placeholder("omfang efter kommunens serviceniveau")
		if b.dec.Tier != "" {
			v = fmt.Sprintf("niveau %s, %s", b.dec.Tier, v)
		}
		return v, true
	}
	p := b.p
	switch {
	case b.tier != nil:
		return fmt.Sprintf("%s støtte, %s", b.tier.Name, b.tier.Text()), true
	case len(p.Tiers) > 0:
		return placeholder("niveau: " + tierNames(p.Tiers)), true
	}
	if n, ok := p.DaysPerWeekByLiving[string(b.cf.Citizen.Living)]; ok {
		return fmt.Sprintf("op til %d dage om ugen, da du bor %s", n, b.cf.Citizen.Living.Phrase()), true
	}
	if p.DaysPerWeekMax != nil {
		return fmt.Sprintf("%s dage om ugen (kommunens serviceniveau: %s dage om ugen)",
			placeholder("antal"), dayRange(p.DaysPerWeekMin, *p.DaysPerWeekMax)), true
	}
	if p.DaysPerYearMax != nil {
		return fmt.Sprintf("op til %d døgn om året", *p.DaysPerYearMax), true
	}
	if b.law.ID == domain.SEL85 {
		// Gentofte's § 85 has no hour tiers: the scope is set case by case.
		return placeholder("omfang og form; kvalitetsstandarden fastsætter ingen timeniveauer"), true
	}
	return "", false
}

func tierNames(tiers []standards.Tier) string {
	names := make([]string, len(tiers))
	for i, t := range tiers {
		names[i] = t.Name
	}
	return joinOr(names)
}

func dayRange(lo *int, hi int) string {
	if lo == nil {
		return fmt.Sprintf("op til %d", hi)
	}
	return fmt.Sprintf("%d-%d", *lo, hi)
}

func (b *builder) supplier() string {
	if !b.covered() || b.p.Supplier == "" {
		return placeholder("leverandør")
	}
	return b.p.Supplier
}

func (b *builder) freeChoice() string {
	if !b.covered() || b.p.FreeChoice == nil {
		return placeholder("om der er frit valg af leverandør")
	}
	v := "Nej"
	if *b.p.FreeChoice {
		v = "Ja"
	}
	if b.p.FreeChoiceNote != "" {
		v += ". " + b.p.FreeChoiceNote
	}
	return v
}

// followUpDue returns the first follow-up date: the decision's own, or
// else the latest the standard allows from the start.
func (b *builder) followUpDue() domain.Date {
	if !b.dec.FollowUpDue.IsZero() || !b.covered() || b.start.IsZero() {
		return b.dec.FollowUpDue
	}
	due, _ := b.p.FirstFollowUp(b.start)
	return due
}

// content lists what the provision includes after the standard.
func (b *builder) content() {
	if !b.covered() {
		return
	}
	p := b.p
	sec := Section{Heading: HeadingContent, Level: 1}
	if len(p.Content) > 0 {
		sec.Blocks = append(sec.Blocks, para(fmt.Sprintf("Efter %s kvalitetsstandard indeholder ydelsen fx:", b.genitive())), list(p.Content...))
	}
	if len(p.NotIncluded) > 0 {
		sec.Blocks = append(sec.Blocks, para("Ydelsen omfatter ikke:"), list(p.NotIncluded...))
	}
	if len(p.Notes) > 0 {
		sec.Blocks = append(sec.Blocks, para("Desuden gælder:"), list(p.Notes...))
	}
	if len(sec.Blocks) > 0 {
		b.add(sec)
	}
}

// reasons writes the begrundelse: the rule, the facts relied on and the
// considerations (forvaltningsloven §§ 22-24).
func (b *builder) reasons() {
	b.add(Section{Heading: HeadingReasons, Level: 1})
	b.add(Section{Heading: HeadingRules, Level: 2, Blocks: []Block{
		para(fmt.Sprintf("Afgørelsen er truffet efter %s (%s). Efter bestemmelsen gælder:", b.lawRef(), b.law.Title)),
		para(b.law.Purpose),
	}})
	b.add(Section{Heading: HeadingFacts, Level: 2, Blocks: b.facts()})
	b.add(Section{Heading: HeadingConsideration, Level: 2, Blocks: b.considerations()})
}

// facts lists the assessed themes with levels, the caseworker's notes and
// the citizen's own view, then the other facts the rules use.
func (b *builder) facts() []Block {
	var out []Block
	var themes []string
	viewGiven := false
	for _, slug := range b.themeOrder() {
		t := b.cf.Assessment.Themes[slug]
		name := b.method.ThemeName(slug)
		var s string
		if t.NotRelevant {
			s = name + ": ikke relevant for din situation."
		} else {
			s = fmt.Sprintf("%s: niveau %s.", name, b.method.LevelLabel(t.Level))
		}
		if note := strings.TrimSpace(t.Note); note != "" {
			s += " Vores vurdering: " + sentence(note)
		}
		if view := strings.TrimSpace(t.CitizenView); view != "" {
			s += " Din egen vurdering: »" + view + "«"
			viewGiven = true
		}
		themes = append(themes, s)
	}
	if len(themes) > 0 {
		out = append(out, para("Vi har lagt vægt på disse oplysninger fra udredningen"+b.scaleText()+":"), list(themes...))
		if !viewGiven {
			out = append(out, para("Din egen vurdering: "+placeholder("borgerens egen vurdering af sin situation")))
		}
	} else {
		out = append(out, para(placeholder("de oplysninger fra udredningen, som afgørelsen bygger på")))
	}
	var other []string
	age := b.cf.AgeAtApplication()
	if !b.cf.Citizen.Birth().IsZero() && !b.cf.ApplicationDate.IsZero() {
		when := "da du søgte"
		if b.noVisitation() {
			when = "da du henvendte dig"
		}
		other = append(other, fmt.Sprintf("Du var %d år, %s.", age, when))
	}
	if b.cf.Citizen.Living.Valid() {
		other = append(other, "Du bor "+b.cf.Citizen.Living.Phrase()+".")
	}
	if h := b.cf.Assessment.SupportHoursPerWeek; h != nil {
		other = append(other, fmt.Sprintf("Vi har vurderet dit behov for støtte til %s om ugen.", hoursText(*h)))
	}
	if b.cf.Assessment.Permanent {
		other = append(other, "Din funktionsnedsættelse er vurderet som betydelig og varig.")
	}
	if b.cf.Assessment.RelativesNeedRelief {
		other = append(other, "Dine pårørende, som passer dig i hjemmet, har behov for aflastning.")
	}
	if len(other) > 0 {
		out = append(out, para("Vi har desuden lagt vægt på:"), list(other...))
	}
	return out
}

// scaleText explains the method's scale from its own levels, e.g.
// " (niveau 0-4, hvor 0 er ingen begrænsninger og 4 er totale
// begrænsninger)", so a municipality's own method reads right too.
func (b *builder) scaleText() string {
	lo, hi := b.method.LevelRange()
	loDef, okLo := b.method.Level(lo)
	hiDef, okHi := b.method.Level(hi)
	if !okLo || !okHi || lo == hi {
		return ""
	}
	return fmt.Sprintf(" (niveau %d-%d, hvor %d er %s og %d er %s)", lo, hi, lo, loDef.Label, hi, hiDef.Label)
}

// themeOrder returns the assessed themes in the method's order, then any
// the method does not know, by slug.
func (b *builder) themeOrder() []string {
	var out []string
	seen := map[string]bool{}
	for _, slug := range b.method.ThemeSlugs() {
		if _, ok := b.cf.Assessment.Themes[slug]; ok {
			out = append(out, slug)
			seen[slug] = true
		}
	}
	var rest []string
	for slug := range b.cf.Assessment.Themes {
		if !seen[slug] {
			rest = append(rest, slug)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// considerations gives the service level the decision rests on, how the
// case fits it, and where the caseworker chose otherwise, why.
func (b *builder) considerations() []Block {
	var out []Block
	if b.covered() {
		out = append(out, para(fmt.Sprintf("Vi har vurderet din sag ud fra %s serviceniveau for %s, som står i kommunens kvalitetsstandard (se nedenfor). Efter serviceniveauet gælder:",
			b.genitive(), b.title())), list(b.serviceLevel()...))
	} else {
		out = append(out, para(fmt.Sprintf("Vi har vurderet din sag ud fra %s serviceniveau for %s: %s",
			b.genitive(), b.title(), placeholder("kommunens serviceniveau for "+b.title()+" efter "+b.lawRef()))))
	}
	if s := b.fit(); s != "" {
		out = append(out, para(s))
	}
	switch {
	case !b.dec.FollowedSuggestion:
		out = append(out, para(b.override()))
	case b.dec.Refused && strings.TrimSpace(b.dec.Reason) == "":
		out = append(out, para("Vi har lagt vægt på, at "+placeholder("hvorfor ansøgningen ikke kan imødekommes")))
	case strings.TrimSpace(b.dec.Reason) != "":
		out = append(out, para("Vi har desuden lagt vægt på: "+sentence(b.dec.Reason)))
	}
	closing := "Afgørelsen bygger på en konkret og individuel vurdering af din situation og dine behov."
	if !b.dec.Refused && b.dec.FollowedSuggestion {
		closing += " Vi har valgt den mindst indgribende indsats, der dækker de behov, vi har vurderet."
	}
	return append(out, para(closing))
}

// serviceLevel lists the standard's facts that bear on the decision.
func (b *builder) serviceLevel() []string {
	p := b.p
	var out []string
	if p.TargetGroup != "" {
		out = append(out, "Målgruppe: "+p.TargetGroup)
	}
	if s := ageText(p); s != "" {
		out = append(out, s)
	}
	if p.LivingNote != "" {
		out = append(out, "Boform: "+upperFirst(p.LivingNote)+".")
	}
	if len(p.Tiers) > 0 {
		parts := make([]string, len(p.Tiers))
		for i, t := range p.Tiers {
			parts[i] = fmt.Sprintf("%s (%s)", t.Name, t.Text())
		}
		out = append(out, fmt.Sprintf("Niveauer: %s har %d niveauer efter antal støttetimer om ugen: %s.",
			b.mu.Name, len(p.Tiers), joinAnd(parts)))
	} else if b.law.ID == domain.SEL85 {
		out = append(out, fmt.Sprintf("Niveauer: %s kvalitetsstandard fastsætter ingen timeniveauer; omfanget fastsættes ved den konkrete vurdering.", b.genitive()))
	}
	for _, n := range p.DaysPerWeekNotes {
		out = append(out, "Omfang: "+n)
	}
	if p.CombinationNote != "" {
		out = append(out, "Kombination med andre tilbud: "+p.CombinationNote)
	}
	if p.DaysPerYearNote != "" {
		out = append(out, "Omfang: "+p.DaysPerYearNote)
	} else if p.DaysPerYearMax != nil {
		out = append(out, fmt.Sprintf("Omfang: højst %d døgn om året.", *p.DaysPerYearMax))
	}
	if p.DurationMaxMonths != nil {
		out = append(out, fmt.Sprintf("Varighed: højst %d måneder.", *p.DurationMaxMonths))
	}
	for _, r := range p.Requirements {
		out = append(out, "Forudsætning: "+r)
	}
	return out
}

func ageText(p *standards.ProvisionStandard) string {
	note := ""
	if p.AgeNote != "" {
		note = " (" + p.AgeNote + ")"
	}
	switch {
	case p.AgeMin != nil && p.AgeMax != nil:
		return fmt.Sprintf("Alder: fra %d til %d år%s.", *p.AgeMin, *p.AgeMax, note)
	case p.AgeMin != nil && p.AgeMaxPension:
		return fmt.Sprintf("Alder: fra %d år og op til folkepensionsalderen%s.", *p.AgeMin, note)
	case p.AgeMin != nil:
		return fmt.Sprintf("Alder: fra %d år%s.", *p.AgeMin, note)
	}
	return ""
}

// fit says how the case fits the service level: the tier the assessed
// hours fall in, or the days a week the living situation allows.
func (b *builder) fit() string {
	if !b.covered() || b.dec.Refused {
		return ""
	}
	p := b.p
	if h := b.cf.Assessment.SupportHoursPerWeek; h != nil && len(p.Tiers) > 0 {
		if t, ok := tierFor(p.Tiers, *h); ok {
			return fmt.Sprintf("Et behov for støtte på %s om ugen svarer til niveauet %s i kommunens serviceniveau.", hoursText(*h), t.Name)
		}
	}
	if n, ok := p.DaysPerWeekByLiving[string(b.cf.Citizen.Living)]; ok {
		return fmt.Sprintf("Da du bor %s, kan du efter kommunens serviceniveau som udgangspunkt få op til %d dage om ugen.", b.cf.Citizen.Living.Phrase(), n)
	}
	return ""
}

// tierFor returns the tier whose range holds hours: over its minimum, up
// to and including its maximum.
func tierFor(tiers []standards.Tier, hours float64) (standards.Tier, bool) {
	for _, t := range tiers {
		above := t.HoursMin == nil || hours > *t.HoursMin
		if above && (t.HoursMax == nil || hours <= *t.HoursMax) {
			return t, true
		}
	}
	return standards.Tier{}, false
}

// override explains a decision that differs from what the assessment and
// the standard pointed to, with the caseworker's reason.
func (b *builder) override() string {
	reason := strings.TrimSpace(b.dec.Reason)
	if reason == "" {
		reason = placeholder("begrundelse for at træffe en anden afgørelse")
	} else {
		reason = sentence(reason)
	}
	suggested := b.describeSuggestion()
	if suggested == "" {
		return "Udredningen pegede ikke på en bestemt ydelse efter kommunens serviceniveau. Vi har lagt vægt på: " + reason
	}
	return fmt.Sprintf("Ud fra udredningen og kommunens serviceniveau pegede sagen umiddelbart på %s. Efter en konkret og individuel vurdering har vi truffet en anden afgørelse, fordi: %s",
		suggested, reason)
}

func (b *builder) describeSuggestion() string {
	id := b.dec.SuggestedProvision
	law, ok := domain.LookupProvision(id)
	if id == "" || !ok {
		return ""
	}
	s := fmt.Sprintf("%s efter servicelovens %s", lowerFirst(law.Title), law.Section)
	if b.dec.SuggestedTier == "" {
		return s
	}
	if p, ok := b.std.Provision(id); ok {
		for _, t := range p.Tiers {
			if t.Name == b.dec.SuggestedTier {
				return fmt.Sprintf("%s på niveauet %s (%s)", s, t.Name, t.Text())
			}
		}
	}
	return fmt.Sprintf("%s på niveauet %s", s, b.dec.SuggestedTier)
}

func (b *builder) goals() {
	sec := Section{Heading: HeadingGoals, Level: 1}
	var goals []string
	for _, g := range b.cf.Goals {
		if g = strings.TrimSpace(g); g != "" {
			goals = append(goals, sentence(g))
		}
	}
	if len(goals) == 0 {
		sec.Blocks = []Block{para(placeholder("mål for indsatsen"))}
	} else {
		sec.Blocks = []Block{para("Målene for indsatsen er:"), list(goals...)}
	}
	b.add(sec)
}

func (b *builder) followUp() {
	sec := Section{Heading: HeadingFollowUp, Level: 1}
	due := b.followUpDue()
	first := "Vi følger op på indsatsen senest den " + dateOr(due, "dato") + "."
	if due.IsZero() {
		first = "Vi følger op på indsatsen senest den " + placeholder("dato for første opfølgning") + "."
	}
	sec.Blocks = append(sec.Blocks, para(first))
	switch {
	case !b.covered():
		sec.Blocks = append(sec.Blocks, para(fmt.Sprintf("Datoen er fastsat af sagsbehandleren. Kommunens opfølgningsinterval: %s",
			placeholder("hvor ofte kommunen følger op efter sit serviceniveau"))))
	case !b.p.FollowUp().Stated():
		text := fmt.Sprintf("%s kvalitetsstandard angiver ikke, hvor ofte der skal følges op, så datoen er fastsat af sagsbehandleren.", b.genitive())
		if b.p.FollowUpNote != "" {
			text += " Kvalitetsstandarden siger: " + b.p.FollowUpNote
		}
		sec.Blocks = append(sec.Blocks, para(text))
	default:
		if !b.dec.FollowUpDue.IsZero() && !b.dec.FollowUpFromStandard {
			sec.Blocks = append(sec.Blocks, para("Datoen er fastsat af sagsbehandleren ud fra din situation."))
		}
		if b.p.FollowUpNote != "" {
			sec.Blocks = append(sec.Blocks, para(fmt.Sprintf("Efter %s kvalitetsstandard gælder: %s", b.genitive(), b.p.FollowUpNote)))
		}
	}
	b.add(sec)
}

func (b *builder) payment() {
	sec := Section{Heading: HeadingPayment, Level: 1}
	if !b.covered() {
		sec.Blocks = []Block{para(placeholder("egenbetaling og de udgifter, borgeren selv betaler, efter kommunens serviceniveau"))}
		b.add(sec)
		return
	}
	p := b.p
	switch {
	case p.UserPayment == nil:
		sec.Blocks = append(sec.Blocks, para(fmt.Sprintf("%s kvalitetsstandard oplyser ikke, om der er egenbetaling. %s",
			b.genitive(), placeholder("egenbetaling, hvis der er nogen"))))
	case *p.UserPayment:
		sec.Blocks = append(sec.Blocks, para(fmt.Sprintf("Der er egenbetaling for %s. Egenbetalingen fastsættes efter de gældende regler: %s",
			b.title(), placeholder("beløb, eller henvisning til særskilt afgørelse om egenbetaling"))))
	default:
		sec.Blocks = append(sec.Blocks, para(fmt.Sprintf("Der er ingen egenbetaling for %s.", b.title())))
	}
	if len(p.UserCosts) > 0 {
		sec.Blocks = append(sec.Blocks, para("Du skal selv betale:"), list(p.UserCosts...))
	}
	if len(p.MunicipalityPays) > 0 {
		sec.Blocks = append(sec.Blocks, para("Kommunen betaler:"), list(p.MunicipalityPays...))
	}
	if p.HolidayDaysPerYear != nil {
		sec.Blocks = append(sec.Blocks, para(fmt.Sprintf("Holder du ferie med tilbuddet, betaler tilbuddet for personalet i op til %d dage om året.", *p.HolidayDaysPerYear)))
	}
	b.add(sec)
}

func (b *builder) duties() {
	sec := Section{Heading: HeadingDuties, Level: 1}
	if !b.covered() {
		sec.Blocks = []Block{para(placeholder("borgerens pligter efter kommunens serviceniveau, hvis der er nogen"))}
		b.add(sec)
		return
	}
	p := b.p
	if len(p.CitizenDuties) > 0 {
		sec.Blocks = append(sec.Blocks, para(fmt.Sprintf("Efter %s kvalitetsstandard gælder:", b.genitive())), list(p.CitizenDuties...))
	}
	if len(p.EndsWhen) > 0 {
		sec.Blocks = append(sec.Blocks, para("Ydelsen ophører, når:"), list(p.EndsWhen...))
	}
	if len(sec.Blocks) > 0 {
		b.add(sec)
	}
}

// source names the standard the decision rests on, so the citizen can
// look it up.
func (b *builder) source() {
	sec := Section{Heading: HeadingSource, Level: 1}
	if !b.covered() || b.p.Source == nil {
		sec.Blocks = []Block{
			para(fmt.Sprintf("Afgørelsen er truffet efter %s og %s serviceniveau:", b.lawRef(), b.genitive())),
			fields(field("Kvalitetsstandard", placeholder("titel, udsteder og årstal for kommunens kvalitetsstandard for "+b.title()))),
		}
		b.add(sec)
		return
	}
	src := b.p.Source
	year := "årstal ikke angivet"
	if src.Year != 0 {
		year = strconv.Itoa(src.Year)
	}
	fs := []Field{field("Titel", "»"+src.Title+"«"), field("Udstedt af", src.Issuer), field("Årstal", year)}
	if d := src.InForceDate(); !d.IsZero() {
		fs = append(fs, field("I kraft fra", d.DanishLong()))
	}
	basis := src.LegalBasis
	if basis == "" {
		basis = "ikke angivet i kvalitetsstandarden"
	}
	fs = append(fs, field("Lovgrundlag", basis))
	sec.Blocks = append(sec.Blocks,
		para(fmt.Sprintf("Afgørelsen er truffet efter %s og bygger på dette serviceniveau:", b.lawRef())),
		fields(fs...))
	if b.mu.Note != "" {
		sec.Blocks = append(sec.Blocks, para(b.mu.Note))
	}
	sec.Blocks = append(sec.Blocks, para("Du kan få kvalitetsstandarden ved at kontakte os."))
	b.add(sec)
}

func (b *builder) closing() {
	var contact string
	switch {
	case !b.covered():
		contact = placeholder("afdelingens kontaktoplysninger")
	case b.std.Contact != "":
		contact = b.std.Contact
	default:
		contact = strings.Join(b.l.Sender, ", ")
	}
	signature := []string{"Med venlig hilsen", "", placeholder("sagsbehandlerens navn")}
	switch {
	case !b.covered():
		signature = append(signature, placeholder("afdeling"))
	case b.std.Unit != "":
		signature = append(signature, b.std.Unit)
	}
	signature = append(signature, b.mu.Name)
	b.add(Section{Blocks: []Block{
		para(fmt.Sprintf("Har du spørgsmål til afgørelsen, er du velkommen til at kontakte os: %s.", strings.TrimSuffix(contact, "."))),
		lines(signature...),
	}})
}

// caseworkerNotes lists what the caseworker must check or fill in.
func (b *builder) caseworkerNotes() {
	if !b.covered() {
		b.note("%s har ingen kvalitetsstandard for %s (%s) i vum. Serviceniveauet er ikke lånt fra en anden kommune: udfyld omfang, leverandør, betaling, opfølgning, klageadresse og kvalitetsstandard efter kommunens egne regler.",
			b.mu.Name, b.law.Law, b.law.Title)
	}
	if strings.TrimSpace(b.cf.Citizen.Address) == "" {
		b.note("Borgerens adresse står ikke i sagen.")
	}
	if b.covered() && !b.dec.Refused && !b.p.FollowUp().Stated() {
		b.note("Kvalitetsstandarden angiver intet opfølgningsinterval; opfølgningsdatoen er sagsbehandlerens.")
	}
	if b.covered() && !b.dec.Refused && b.p.DurationMaxMonths != nil && !b.start.IsZero() {
		end := b.start.AddMonths(*b.p.DurationMaxMonths)
		if due := b.followUpDue(); due.After(end) {
			b.note("Første opfølgning (%s) ligger efter forløbets længste varighed (til %s); overvej en tidligere dato.", due.DanishLong(), end.DanishLong())
		}
	}
	if b.covered() {
		b.ageNotes()
		b.appealNotes()
	}
	if b.mu.Note != "" && b.covered() && b.std.ID != b.mu.ID {
		b.note("%s Afdeling, adresse og klageadresse er taget fra det fælles katalog.", b.mu.Note)
	}
	if b.dec.Refused || !b.dec.FollowedSuggestion {
		b.note("Er borgeren partshørt over oplysninger, som borgeren ikke kendte, og som taler imod borgeren (forvaltningsloven § 19)?")
	}
	if n := len(b.l.Placeholders()); n > 0 {
		b.note("Udkastet har %d felt%s markeret UDFYLD, som skal udfyldes før afsendelse.", n, pluralT(n))
	}
}

func pluralT(n int) string {
	if n == 1 {
		return ""
	}
	return "er"
}

func (b *builder) ageNotes() {
	p := b.p
	if b.cf.Citizen.Birth().IsZero() || b.cf.ApplicationDate.IsZero() {
		return
	}
	age := b.cf.AgeAtApplication()
	note := ""
	if p.AgeNote != "" {
		note = " " + p.AgeNote
	}
	if p.AgeMin != nil && age < *p.AgeMin {
		b.note("Borgeren var %d år ved ansøgningen; kvalitetsstandarden gælder%s borgere fra %d år.", age, note, *p.AgeMin)
	}
	if p.AgeMax != nil && age > *p.AgeMax {
		b.note("Borgeren var %d år ved ansøgningen; kvalitetsstandarden gælder%s borgere op til %d år.", age, note, *p.AgeMax)
	}
	if p.AgeMaxPension && !b.cf.ApplicationDate.Before(domain.PensionDate(b.cf.Citizen.Birth())) {
		b.note("Borgeren havde nået folkepensionsalderen ved ansøgningen; %s gives kun til borgere under den.", b.law.Law)
	}
}

// hoursText writes hours the Danish way, e.g. "2,5 timer" or "1 time".
func hoursText(h float64) string {
	n := domain.FormatNumber(h)
	if h == 1 {
		return n + " time"
	}
	return n + " timer"
}

// sentence ends s with a full stop unless it already ends a sentence.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune(".!?«»\"", r) {
		return s
	}
	return s + "."
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// joinAnd joins with commas and "og" before the last.
func joinAnd(parts []string) string { return joinWord(parts, " og ") }

// joinOr joins with commas and "eller" before the last.
func joinOr(parts []string) string { return joinWord(parts, " eller ") }

func joinWord(parts []string, word string) string {
	if len(parts) <= 1 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + word + parts[len(parts)-1]
}
