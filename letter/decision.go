package letter

import (
	"fmt"
	"strings"

	"github.com/vumdk/vum/domain"
)

// decision states what is decided: the grant with its decided scope, the
// partial refusal with the need against what is granted, the refusal, the
// change, or the termination from its date.
func (b *builder) decision() {
	sec := Section{Heading: HeadingDecision, Level: 1}
	switch b.kind {
	case KindRefusal:
		sec.Blocks = append(sec.Blocks,
			para(fmt.Sprintf("Du får afslag på din %s om %s efter %s.", b.request(), b.title(), b.lawRef())),
			para("Begrundelsen for afslaget står nedenfor."))
		b.add(sec)
		return
	case KindTermination:
		sec.Blocks = append(sec.Blocks, para(fmt.Sprintf("%s efter %s ophører. Din sidste dag med %s er den %s.",
			upperFirst(b.yours()), b.lawRefInSentence(), b.title(), dateOr(b.term.End, "sidste dag"))),
			para("Begrundelsen står nedenfor."))
		b.add(sec)
		return
	case KindPartial:
		sec.Blocks = append(sec.Blocks, para(fmt.Sprintf("Du får delvis afslag på din %s om %s efter %s. Du får bevilget %s, hvilket er mindre end det behov, vi har vurderet.",
			b.request(), b.title(), b.lawRef(), b.scopeText())))
	case KindChange:
		sec.Blocks = append(sec.Blocks, para(fmt.Sprintf("Vi har ændret omfanget af %s efter %s. Du får nu bevilget %s.", b.yours(), b.lawRef(), b.scopeText())))
	default:
		sec.Blocks = append(sec.Blocks, para(fmt.Sprintf("Du får bevilget %s efter %s: %s.", b.title(), b.lawRef(), b.scopeText())))
	}
	fs := []Field{field("Ydelse", fmt.Sprintf("%s (%s)", b.law.Title, b.lawRef()))}
	if b.kind == KindChange && b.before != nil {
		fs = append(fs, field("Hidtidigt omfang", or(b.before.Scope.Danish(b.law.ID, b.before.Tier), "ikke angivet")))
	}
	if b.kind == KindPartial {
		fs = append(fs, field("Vurderet behov", b.needText()))
	}
	fs = append(fs, field("Bevilget omfang", b.scopeText()))
	fs = append(fs, field("Start", dateOr(b.start, "startdato")))
	if b.covered() && b.p.DurationMaxMonths != nil {
		n := *b.p.DurationMaxMonths
		if m, ok := b.dec.Scope.Amount(domain.UnitMonths); ok {
			n = int(m)
		}
		v := fmt.Sprintf("%d måneder", n)
		if !b.start.IsZero() {
			v += ", dvs. til senest " + b.start.AddMonths(n).DanishLong()
		}
		fs = append(fs, field("Varighed", v))
	}
	fs = append(fs, field("Leverandør", b.supplier()))
	if !b.covered() || b.p.FreeChoice != nil {
		fs = append(fs, field("Frit valg af leverandør", b.freeChoice()))
	}
	if t := strings.TrimSpace(b.in.Fill.Transport); t != "" {
		fs = append(fs, field("Kørsel", sentence(t)))
	}
	fs = append(fs, field("Første opfølgning", dateOr(b.followUpDue(), "dato for første opfølgning")))
	sec.Blocks = append(sec.Blocks, fields(fs...))
	if r := strings.TrimSpace(b.dec.SpecialReason); r != "" {
		sec.Blocks = append(sec.Blocks, para(b.exception(r)))
	}
	b.add(sec)
}

// scopeText is the decided scope in the provision's unit with the named
// offer: "2,5 timer om ugen (niveau moderat)", "3 dage om ugen", "48 døgn
// om året". Never the standard's range: what is not decided is a field
// to fill.
func (b *builder) scopeText() string {
	id := b.law.ID
	unit := id.Unit()
	s := b.dec.Scope
	if s.Offer == "" {
		s.Offer = b.in.Fill.Offer
	}
	if unit == domain.UnitNone {
		if s.Offer == "" {
			return placeholder("det konkrete tilbud")
		}
		return s.Offer
	}
	if _, ok := s.Amount(unit); ok {
		return s.Danish(id, b.dec.Tier)
	}
	text := placeholder("antal " + unit.Label())
	if b.dec.Tier != "" && unit == domain.UnitHoursPerWeek {
		text += " (niveau " + b.dec.Tier + ")"
	}
	if s.Offer != "" {
		text += ", " + s.Offer
	}
	return text
}

// needText is the assessed need a partial refusal sets against the grant:
// the decision's recorded need, else the hours the assessment gives for §
// 85, else the suggested level.
func (b *builder) needText() string {
	id := b.law.ID
	if _, ok := b.dec.Need.Amount(id.Unit()); ok {
		return b.dec.Need.Danish(id, b.dec.SuggestedTier)
	}
	if h := b.cf.Assessment.SupportHoursPerWeek; h != nil && id == domain.SEL85 {
		return domain.Scope{}.WithAmount(domain.UnitHoursPerWeek, *h).Danish(id, b.dec.SuggestedTier)
	}
	if b.dec.SuggestedTier != "" && b.dec.SuggestedProvision == id {
		return "niveau " + b.dec.SuggestedTier
	}
	return placeholder("det vurderede behov i " + or(id.Unit().Label(), "omfang"))
}

func dateOr(d domain.Date, what string) string {
	if d.IsZero() {
		return placeholder(what)
	}
	return d.DanishLong()
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

// exception states the standard's main rule the grant goes beyond, and
// the caseworker's concrete reason for it.
func (b *builder) exception(reason string) string {
	rule := ""
	if b.covered() {
		living := string(b.cf.Citizen.Living)
		days, hasDays := b.dec.Scope.Amount(domain.UnitDaysPerWeek)
		if n, ok := b.p.DaysPerWeekByLiving[living]; ok && hasDays && days > float64(n) {
			rule = fmt.Sprintf("Efter %s kvalitetsstandard kan du, når du bor %s, som udgangspunkt få op til %d dage om ugen, og flere dage kun ved særlige hensyn.",
				b.genitive(), b.cf.Citizen.Living.Phrase(), n)
		} else if b.p.AgeNote != "" || b.p.LivingNote != "" {
			var parts []string
			if s := ageText(b.p); s != "" && b.p.AgeNote != "" {
				parts = append(parts, lowerFirst(strings.TrimSuffix(s, ".")))
			}
			if b.p.LivingNote != "" {
				parts = append(parts, "boform: "+b.p.LivingNote)
			}
			rule = fmt.Sprintf("%s kvalitetsstandard afgrænser som hovedregel, hvem der kan få %s (%s).", b.genitive(), b.title(), strings.Join(parts, "; "))
		}
	}
	if rule == "" {
		rule = fmt.Sprintf("%s kvalitetsstandard giver som hovedregel ikke det, du får her.", b.genitive())
	}
	return rule + " Vi har vurderet, at der i din situation er særlige forhold, som begrunder afgørelsen: " + sentence(reason)
}
