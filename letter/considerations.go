package letter

import (
	"fmt"
	"strings"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
)

// considerations gives the service level the decision rests on, how the
// case fits it, and where the caseworker chose otherwise, why.
func (b *builder) considerations() []Block {
	var out []Block
	switch {
	case b.kind == KindTermination && b.covered():
		var rules []string
		for _, e := range b.p.EndsWhen {
			rules = append(rules, "Ydelsen ophører, når "+sentence(e))
		}
		rules = append(rules, b.p.CitizenDuties...)
		if len(rules) > 0 {
			out = append(out, para(fmt.Sprintf("Efter %s kvalitetsstandard for %s gælder:", b.genitive(), b.title())), list(rules...))
		}
	case b.covered():
		out = append(out, para(fmt.Sprintf("Vi har vurderet din sag ud fra %s serviceniveau for %s, som står i kommunens kvalitetsstandard (se nedenfor). Efter serviceniveauet gælder:",
			b.genitive(), b.title())), list(b.serviceLevel()...))
	default:
		out = append(out, para(fmt.Sprintf("Vi har vurderet din sag ud fra %s serviceniveau for %s: %s",
			b.genitive(), b.title(), placeholder("kommunens serviceniveau for "+b.title()+" efter "+b.lawRef()))))
	}
	if s := b.fit(); s != "" {
		out = append(out, para(s))
	}
	reason := strings.TrimSpace(b.dec.Reason)
	switch {
	case b.kind == KindTermination:
		out = append(out, para("Vi har lagt vægt på: "+sentenceOr(b.term.Reason, "hvorfor ydelsen ophører")))
	case b.kind == KindRefusal:
		out = append(out, para("Vi har lagt vægt på: "+sentenceOr(reason, "hvorfor ansøgningen ikke kan imødekommes")))
	case b.kind == KindPartial:
		out = append(out, para(fmt.Sprintf("Vi har vurderet dit behov til %s. Du får bevilget %s, og vi har lagt vægt på: %s",
			b.needText(), b.scopeText(), sentenceOr(reason, "hvorfor du får mindre end det vurderede behov"))))
	case b.departs():
		out = append(out, para(b.override()))
	case reason != "":
		out = append(out, para("Vi har desuden lagt vægt på: "+sentence(reason)))
	}
	if c := strings.TrimSpace(b.in.Fill.Considerations); c != "" {
		out = append(out, para("Vi har desuden lagt vægt på: "+sentence(c)))
	}
	closing := "Afgørelsen bygger på en konkret og individuel vurdering af din situation og dine behov."
	if b.kind == KindGrant && b.dec.FollowedSuggestion && (b.dec.SuggestionRole == "" || b.dec.SuggestionRole == "primary") {
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
	if !b.covered() || b.kind != KindGrant && b.kind != KindChange {
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
