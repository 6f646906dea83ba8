package standards

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/vumdk/vum/domain"
)

// Statutory checks a decision against the law's own conditions and against
// the standard's main rules, before it is recorded. The law's conditions
// refuse a grant outright, naming the condition, the facts and the
// section: an adult provision under 18, § 103 at or over
// folkepensionsalderen, § 108 without a significant and permanent
// reduction, aflastning for a citizen who does not live with the relatives
// it relieves. Where a standard gives a provision only "som hovedregel" or
// "ved særlige hensyn", the grant is not refused, but the caseworker's
// concrete reason (SpecialReason) is required; the letter quotes it. A
// reason that rests only on "mindst indgribende" or on economy is refused.
// Problems name the field to fix: provision, special-reason or reason.
func (c *Catalog) Statutory(cf domain.CaseFile, d domain.Decision) domain.Problems {
	var ps domain.Problems
	checkReasonQuality(&ps, "reason", d.Reason)
	checkReasonQuality(&ps, "special-reason", d.SpecialReason)
	if d.Refused {
		return ps
	}
	law, ok := domain.LookupProvision(d.Provision)
	if !ok {
		return ps
	}
	std, mu, ok := c.ForMunicipality(cf.Municipality)
	if !ok {
		return ps
	}
	start := d.StartDate()
	birth := cf.Citizen.Birth()
	if !birth.IsZero() && !start.IsZero() {
		checkAdult(&ps, std.Rules.AdultAge, law, birth, start)
		if d.Provision == domain.SEL103 {
			checkPension(&ps, birth, start)
		}
	}
	switch d.Provision {
	case domain.SEL108:
		if !cf.Assessment.Permanent {
			ps.Add("provision", "længerevarende botilbud efter servicelovens § 108, stk. 1, forudsætter betydelig og varig nedsat funktionsevne, men udredningen har ikke vurderet funktionsnedsættelsen som varig; overvej midlertidigt botilbud efter § 107, eller ret udredningen, hvis nedsættelsen er varig")
		}
	case domain.SEL107Relief:
		if cf.Citizen.Living != domain.WithFamily {
			ps.Add("provision", "aflastning efter servicelovens § 84, stk. 1, aflaster pårørende, som borgeren bor hjemme hos, men borgeren bor %s; der er ingen pårørende i hjemmet at aflaste", cf.Citizen.Living.Phrase())
		}
	}
	if p, covered := std.Provision(d.Provision); covered {
		checkMainRules(&ps, mu, law, p, cf, d, start)
	}
	return ps
}

// checkAdult refuses an adult provision for a citizen under the adult age.
func checkAdult(ps *domain.Problems, adultAge int, law domain.Provision, birth, start domain.Date) {
	if adultAge <= 0 {
		return
	}
	if age := domain.AgeAt(birth, start); age < adultAge {
		ps.Add("provision", "%s efter servicelovens %s er en ydelse til voksne fra %d år, men borgeren (født %s) er %d år ved start %s; hjælp til børn og unge gives efter barnets lov",
			lowerFirst(law.Title), law.Section, adultAge, birth.Danish(), age, start.Danish())
	}
}

// checkPension refuses § 103 from the day the citizen reaches
// folkepensionsalderen: the law gives it only to persons under it.
func checkPension(ps *domain.Problems, birth, start domain.Date) {
	pension := domain.PensionDate(birth)
	if start.Before(pension) {
		return
	}
	ps.Add("provision", "beskyttet beskæftigelse efter servicelovens § 103, stk. 1, gives kun til personer under folkepensionsalderen, men borgeren (født %s) nåede folkepensionsalderen på %s den %s, før start %s",
		birth.Danish(), domain.PensionAge(birth).Label(), pension.Danish(), start.Danish())
}

// checkMainRules requires the concrete reason where the grant goes beyond
// what the standard gives as its main rule: an age or a living situation
// outside its "som hovedregel" bounds, or more days a week than the rule
// for the citizen's living situation ("ved særlige hensyn").
func checkMainRules(ps *domain.Problems, mu Municipality, law domain.Provision, p *ProvisionStandard, cf domain.CaseFile, d domain.Decision, start domain.Date) {
	if strings.TrimSpace(d.SpecialReason) != "" {
		return
	}
	gen := mu.Name + "s"
	birth := cf.Citizen.Birth()
	if isMainRule(p.AgeNote) && !birth.IsZero() && !start.IsZero() {
		age := domain.AgeAt(birth, start)
		if (p.AgeMin != nil && age < *p.AgeMin) || (p.AgeMax != nil && age > *p.AgeMax) {
			ps.Add("special-reason", "%s kvalitetsstandard giver %s %s til borgere %s, og borgeren er %d år ved start; skriv den konkrete begrundelse for at fravige hovedreglen (den står i brevet til borgeren)",
				gen, law.Law, p.AgeNote, ageSpan(p), age)
		}
	}
	if isMainRule(p.LivingNote) && len(p.Living) > 0 && cf.Citizen.Living.Valid() && !livingIn(cf.Citizen.Living, p.Living) {
		ps.Add("special-reason", "%s kvalitetsstandard giver %s %s, og borgeren bor %s; skriv den konkrete begrundelse for at fravige hovedreglen (den står i brevet til borgeren)",
			gen, law.Law, p.LivingNote, cf.Citizen.Living.Phrase())
	}
	days, ok := d.Scope.Amount(domain.UnitDaysPerWeek)
	if !ok {
		return
	}
	living := string(cf.Citizen.Living)
	rule, hasRule := p.DaysPerWeekByLiving[living]
	special, hasSpecial := p.DaysPerWeekSpecial[living]
	if hasRule && hasSpecial && days > float64(rule) && days <= float64(special) {
		ps.Add("special-reason", "%s kvalitetsstandard giver %s op til %d dage om ugen, når borgeren bor %s, og op til %d dage kun ved særlige hensyn; skriv de særlige hensyn, der begrunder %s dage (de står i brevet til borgeren)",
			gen, law.Law, rule, cf.Citizen.Living.Phrase(), special, domain.FormatNumber(days))
	}
}

func isMainRule(note string) bool {
	note = strings.ToLower(note)
	return strings.Contains(note, "hovedregel") || strings.Contains(note, "særlige hensyn")
}

func livingIn(l domain.Living, list []domain.Living) bool {
	for _, x := range list {
		if x == l {
			return true
		}
	}
	return false
}

func ageSpan(p *ProvisionStandard) string {
	switch {
	case p.AgeMin != nil && p.AgeMax != nil:
		return fmt.Sprintf("fra %d til %d år", *p.AgeMin, *p.AgeMax)
	case p.AgeMin != nil:
		return fmt.Sprintf("fra %d år", *p.AgeMin)
	case p.AgeMax != nil:
		return fmt.Sprintf("op til %d år", *p.AgeMax)
	}
	return ""
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToLower(string(r[0])) + string(r[1:])
}

// weakGrounds are the phrases that cannot carry a decision alone: the
// least intrusive measure chooses among offers that meet the need, and
// economy alone is never the reason.
var weakGrounds = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)mindst[ -]+indgribende( foranstaltning| indsats| tilbud| løsning)?|økonomi\pL*|budget\pL*|besparel\pL*|spare\pL*|billig\pL*|pris\pL*|omkostning\pL*|udgift\pL*|ressource\pL*|serviceniveau\pL*|hensyn\pL*`)
})

// fillerWords carry no fact of the citizen's situation.
var fillerWords = map[string]bool{
	"af": true, "på": true, "grund": true, "til": true, "det": true, "der": true, "er": true, "den": true, "og": true,
	"i": true, "at": true, "en": true, "et": true, "vi": true, "har": true, "valgt": true, "derfor": true,
	"kommunen": true, "kommunens": true, "ud": true, "fra": true, "som": true, "med": true, "for": true,
	"skal": true, "kan": true, "ikke": true, "bevilges": true, "bevilget": true, "gives": true, "vælges": true,
	"princippet": true, "om": true, "efter": true, "ift": true, "pga": true, "grundet": true, "samt": true,
	"mere": true, "mest": true, "mindre": true, "end": true, "så": true, "dette": true, "denne": true,
	"niveau": true, "let": true, "moderat": true, "stor": true, "omfattende": true, "støtte": true, "timer": true,
	"tilbuddet": true, "ydelsen": true, "lavere": true, "lavest": true, "mulige": true, "muligt": true,
}

// checkReasonQuality refuses a reason whose only grounds are the least
// intrusive measure or economy: once those phrases and filler words are
// taken out, fewer than three words of the citizen's situation remain.
func checkReasonQuality(ps *domain.Problems, field, reason string) {
	if !weakGrounds().MatchString(reason) {
		return
	}
	rest := weakGrounds().ReplaceAllString(strings.ToLower(reason), " ")
	facts := 0
	for _, w := range strings.FieldsFunc(rest, func(r rune) bool { return !isWordRune(r) }) {
		if !fillerWords[w] && len([]rune(w)) > 1 {
			facts++
		}
	}
	if facts >= 3 {
		return
	}
	ps.Add(field, "begrundelsen hviler kun på %s; den mindst indgribende indsats skal stadig dække det vurderede behov, og økonomi alene kan ikke begrunde en afgørelse. Skriv de konkrete forhold i borgerens situation, som afgørelsen bygger på (begrundelsen står i brevet til borgeren)",
		weakText(reason))
}

func weakText(reason string) string {
	lower := strings.ToLower(reason)
	least := strings.Contains(lower, "indgribende")
	econ := weakGrounds().ReplaceAllStringFunc(lower, func(m string) string {
		if strings.Contains(m, "indgribende") {
			return ""
		}
		return "\x00"
	})
	switch {
	case least && strings.Contains(econ, "\x00"):
		return "»mindst indgribende« og økonomi"
	case least:
		return "»mindst indgribende«"
	}
	return "økonomi"
}

func isWordRune(r rune) bool {
	return r == 'æ' || r == 'ø' || r == 'å' || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r > 127
}

// PartialRefusalNote tells the caseworker, before the decision is
// recorded, that a grant below the assessed need is a partial refusal and
// is written as one; "" when it is not.
func PartialRefusalNote(d domain.Decision) string {
	if !d.BelowNeed || d.Refused {
		return ""
	}
	need := "det vurderede behov"
	if s := d.Need.Danish(d.Provision, d.SuggestedTier); s != "" {
		need = s
	} else if d.SuggestedTier != "" {
		need = "niveau " + d.SuggestedTier
	}
	return fmt.Sprintf("Afgørelsen giver mindre end %s og er derfor et delvis afslag: brevet skriver det som et delvis afslag med begrundelse, partshøring og klagevejledning. Den mindst indgribende indsats skal stadig dække behovet.", need)
}
