package letter

import (
	"errors"
	"fmt"
	"strings"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
)

// Input is a letter for one decision event of a case: a grant, a
// refusal, a change of scope or a termination (ophør).
type Input struct {
	Catalog *standards.Catalog
	Case    domain.Case
	// Seq is the decision event the letter is about.
	Seq int
	// Profile is the caseworker who signs; Fill what the caseworker has
	// completed for this letter, over the fill stored with the case.
	Profile domain.Profile
	Fill    Fill
	Today   domain.Date // the letter's date
	// Hearing asks for the partshøring letter (forvaltningsloven § 19)
	// before the decision instead of the decision letter.
	Hearing bool
}

// FileInput is a letter for a decision on a case file, for callers that
// hold a decision outside a case history.
type FileInput struct {
	CaseID   string
	Case     domain.CaseFile
	Decision domain.Decision
	Catalog  *standards.Catalog
	Today    domain.Date
	Profile  domain.Profile
	Fill     Fill
	Hearing  bool
}

// Kind is what a letter decides.
type Kind int

// The kinds of decision letter.
const (
	KindGrant       Kind = iota // a grant meeting the need
	KindPartial                 // a grant below the assessed need: delvis afslag
	KindRefusal                 // afslag
	KindChange                  // a grant's scope changed
	KindTermination             // ophør
)

// The section headings, so callers and tests can find them.
const (
	HeadingApplied       = "Det har du søgt om"
	HeadingGranted       = "Det har du fået bevilget"
	HeadingDecision      = "Afgørelse"
	HeadingContent       = "Hvad ydelsen indeholder"
	HeadingReasons       = "Begrundelse"
	HeadingRules         = "Reglerne"
	HeadingFacts         = "Oplysninger i sagen"
	HeadingConsideration = "Vores vurdering"
	HeadingAlternatives  = "Anden hjælp"
	HeadingHearing       = "Partshøring"
	HeadingGoals         = "Mål for indsatsen"
	HeadingFollowUp      = "Opfølgning"
	HeadingPayment       = "Betaling"
	HeadingDuties        = "Det forventer vi af dig"
	HeadingAppeal        = "Klagevejledning"
	HeadingSource        = "Kvalitetsstandard og lovgrundlag"
)

// builder carries what Build has looked up while it writes the letter.
type builder struct {
	in     FileInput
	kind   Kind
	cf     domain.CaseFile
	dec    domain.Decision
	term   *domain.Termination // KindTermination
	before *domain.Decision    // KindChange: the decision it changes
	others []domain.Grant      // the case's other active grants
	method *domain.Method
	std    *standards.Standard
	mu     standards.Municipality
	law    domain.Provision
	p      *standards.ProvisionStandard // nil: the municipality has no standard for the provision
	tier   *standards.Tier              // the decided tier, when the standard has it
	start  domain.Date
	l      *Letter
}

// Build derives the letter for decision event in.Seq of a case from the
// case as it stood then and the municipality's standard. Errors are in
// Danish and name what is wrong.
func Build(in Input) (*Letter, error) {
	if in.Seq < 1 || in.Seq > len(in.Case.Events) {
		return nil, fmt.Errorf("sagen har ingen hændelse %d", in.Seq)
	}
	e := in.Case.Events[in.Seq-1]
	stored, _ := in.Case.LetterFill(in.Seq)
	fi := FileInput{CaseID: in.Case.ID, Case: caseFileAt(in.Case, in.Seq), Catalog: in.Catalog, Today: in.Today,
		Profile: in.Profile, Fill: stored.Over(in.Fill), Hearing: in.Hearing}
	var kind Kind
	var term *domain.Termination
	var before *domain.Decision
	switch e.Kind {
	case domain.EventGrant, domain.EventRefusal, domain.EventChange:
		if e.Decision == nil {
			return nil, fmt.Errorf("hændelse %d mangler sin afgørelse", in.Seq)
		}
		fi.Decision = *e.Decision
		kind = kindOf(*e.Decision)
		if e.Kind == domain.EventChange {
			kind = KindChange
			if d, ok := decisionBefore(in.Case, e.Grant, in.Seq); ok {
				before = &d
			}
		}
	case domain.EventTermination:
		g, ok := in.Case.Grant(e.Grant)
		if !ok || e.Termination == nil {
			return nil, fmt.Errorf("hændelse %d ophører en bevilling, sagen ikke har", in.Seq)
		}
		d, _ := decisionBefore(in.Case, e.Grant, in.Seq)
		fi.Decision, kind, term = d, KindTermination, e.Termination
		_ = g
	default:
		return nil, fmt.Errorf("hændelse %d (%s) er ikke en afgørelse; vælg en bevilling, et afslag, en ændring eller et ophør", in.Seq, e.Kind.Label())
	}
	var others []domain.Grant
	for _, g := range in.Case.Active() {
		if g.ID != e.Grant {
			others = append(others, g)
		}
	}
	return compose(fi, kind, term, before, others)
}

// BuildFile builds the letter for a decision on a case file.
func BuildFile(in FileInput) (*Letter, error) {
	return compose(in, kindOf(in.Decision), nil, nil, nil)
}

func kindOf(d domain.Decision) Kind {
	switch {
	case d.Refused:
		return KindRefusal
	case d.BelowNeed:
		return KindPartial
	}
	return KindGrant
}

// caseFileAt returns the case as a case file with the newest assessment
// recorded before event seq: what the decision rested on.
func caseFileAt(c domain.Case, seq int) domain.CaseFile {
	cf := domain.CaseFile{Schema: domain.CaseSchema, Municipality: c.Municipality, Citizen: c.Citizen, ApplicationDate: c.ApplicationDate}
	for _, a := range c.Assessments {
		if a.Seq < seq {
			cf.Assessment, cf.Goals = a.Assessment, a.Goals
			cf.Method, cf.MethodVersion = a.Method, a.MethodVersion
		}
	}
	return cf
}

// decisionBefore returns the latest grant or change decision on grant id
// recorded before event seq.
func decisionBefore(c domain.Case, id string, seq int) (domain.Decision, bool) {
	var d domain.Decision
	found := false
	for _, e := range c.Events {
		if e.Seq >= seq {
			break
		}
		if e.Grant == id && e.Decision != nil && (e.Kind == domain.EventGrant || e.Kind == domain.EventChange) {
			d, found = *e.Decision, true
		}
	}
	return d, found
}

func compose(in FileInput, kind Kind, term *domain.Termination, before *domain.Decision, others []domain.Grant) (*Letter, error) {
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
	b := &builder{in: in, kind: kind, cf: in.Case, dec: in.Decision, term: term, before: before, others: others,
		method: in.Catalog.MethodOf(in.Case.Method), std: std, mu: mu, law: law, start: in.Decision.StartDate(), l: &Letter{Date: in.Today, Kind: kind}}
	if p, ok := std.Provision(law.ID); ok {
		b.p = p
	}
	if err := b.checkTier(); err != nil {
		return nil, err
	}
	if err := b.checkFollowUp(); err != nil {
		return nil, err
	}
	if in.Hearing {
		if err := b.hearingLetter(); err != nil {
			return nil, err
		}
		return b.l, nil
	}
	b.header()
	b.opening()
	switch kind {
	case KindGrant, KindChange:
		b.decision()
		b.content()
		b.reasons()
		b.goals()
		b.followUp()
		b.payment()
		b.duties()
	case KindPartial:
		b.applied()
		b.decision()
		b.content()
		b.reasons()
		b.alternatives()
		b.hearing()
		b.goals()
		b.followUp()
		b.payment()
		b.duties()
	case KindRefusal:
		b.applied()
		b.decision()
		b.reasons()
		b.alternatives()
		b.hearing()
	case KindTermination:
		b.granted()
		b.decision()
		b.reasons()
		b.alternatives()
		b.hearing()
	}
	b.appeal()
	b.source()
	b.closing()
	b.speakToCitizen()
	b.l.Checks = b.check()
	b.l.fillFields = b.fillFields()
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
func (b *builder) lawRef() string {
	if r := b.std.Laws.Rule(b.law.ID); r != "" {
		return r
	}
	return "servicelovens " + b.law.Section
}

// lawRefInSentence is lawRef inside a sentence that goes on after it: a
// reference with stk. is closed by a comma ("efter servicelovens § 104,
// stk. 1, ophører").
func (b *builder) lawRefInSentence() string {
	if r := b.lawRef(); strings.Contains(r, "stk.") {
		return r + ","
	}
	return b.lawRef()
}

// provisionsWord is "bestemmelsen", or "bestemmelserne" where the rule
// cites more than one section ("§ 84, stk. 1, og § 107, stk. 1").
func (b *builder) provisionsWord() string {
	if strings.Count(b.lawRef(), "§") > 1 {
		return "bestemmelserne"
	}
	return "bestemmelsen"
}

// yours returns the provision with "din" or "dit" by the noun's gender:
// "din socialpædagogiske støtte", "dit aktivitets- og samværstilbud".
func (b *builder) yours() string {
	if s, ok := yoursByProvision[b.law.ID]; ok {
		return s
	}
	return "din " + b.title()
}

// yoursByProvision is each provision after "din" or "dit", its adjective
// in the definite form.
var yoursByProvision = map[domain.ProvisionID]string{
	domain.SEL82a:       "din gruppebaserede hjælp og støtte",
	domain.SEL82b:       "din tidsbegrænsede individuelle optræning",
	domain.SEL85:        "din socialpædagogiske støtte",
	domain.SEL103:       "din beskyttede beskæftigelse",
	domain.SEL104:       "dit aktivitets- og samværstilbud",
	domain.SEL107:       "dit midlertidige botilbud",
	domain.SEL107Relief: "din aflastning",
	domain.SEL108:       "dit længerevarende botilbud",
}

// grants reports whether the letter grants something.
func (b *builder) grants() bool {
	return b.kind == KindGrant || b.kind == KindPartial || b.kind == KindChange
}

// speakToCitizen turns every "borgeren" in the body, the standard's
// wording, into "du": the letter speaks to the citizen.
func (b *builder) speakToCitizen() {
	for i := range b.l.Sections {
		sec := &b.l.Sections[i]
		for j := range sec.Blocks {
			bl := &sec.Blocks[j]
			bl.Text = du(bl.Text)
			bl.Items = duAll(bl.Items)
			for k := range bl.Fields {
				bl.Fields[k].Value = du(bl.Fields[k].Value)
			}
		}
	}
}

// lawCited returns the section with the current consolidated act, e.g.
// "servicelovens § 85 (lovbekendtgørelse nr. 1089 af 16. august 2023 med
// senere ændringer)"; the act comes from the standards data.
func (b *builder) lawCited() string {
	if act := b.std.Laws.Serviceloven; act != "" {
		return fmt.Sprintf("%s (%s med senere ændringer)", b.lawRef(), act)
	}
	return b.lawRef()
}

func (b *builder) add(s Section) { b.l.Sections = append(b.l.Sections, s) }

func (b *builder) note(format string, args ...any) {
	b.l.Notes = append(b.l.Notes, fmt.Sprintf(format, args...))
}

func para(text string) Block          { return Block{Kind: Paragraph, Text: text} }
func list(items ...string) Block      { return Block{Kind: List, Items: items} }
func fields(fs ...Field) Block        { return Block{Kind: Fields, Fields: fs} }
func lines(items ...string) Block     { return Block{Kind: Lines, Items: items} }
func field(label, value string) Field { return Field{Label: label, Value: value} }
