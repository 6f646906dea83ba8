package letter

import (
	"errors"
	"fmt"
	"strings"

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
	// Profile is the caseworker who signs; Fill what the caseworker has
	// completed for this letter.
	Profile domain.Profile
	Fill    Fill
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
