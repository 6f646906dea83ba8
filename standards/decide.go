package standards

import (
	"fmt"
	"strings"

	"github.com/vumdk/vum/domain"
)

// DecisionInput is what a caseworker decides, before vum completes it.
type DecisionInput struct {
	Provision domain.ProvisionID
	Tier      string
	// Scope is the decided scope in the provision's unit; for § 85 the
	// tier follows from its hours.
	Scope   domain.Scope
	Date    domain.Date // the decision date
	Start   domain.Date // optional: when the provision begins
	Refused bool
	Reason  string
	// SpecialReason is the concrete reason for an exception to a
	// standard's main rule ("som hovedregel", "ved særlige hensyn").
	SpecialReason string
	// FollowUp is the caseworker's own first follow-up date; when zero the
	// standard's interval is used.
	FollowUp domain.Date
	Today    domain.Date
	// Active are the citizen's grants in force, which a new grant is
	// checked against (combinations the standard forbids). Change names
	// the grant whose scope the decision changes, if any.
	Active []domain.Grant
	Change string
}

// Decide checks a caseworker's decision against the suggestion and the
// municipality's standard, and completes it: which suggestion it follows,
// whether it grants less than the need, and the first follow-up date.
// Problems name the flag or field to fix. notes tell the caseworker what
// vum filled in or warns of (a combination the standard forbids).
func (c *Catalog) Decide(cf domain.CaseFile, in DecisionInput) (d domain.Decision, notes []string, err error) {
	var ps domain.Problems
	law, known := domain.LookupProvision(in.Provision)
	if !known {
		ps.Add("provision", "ukendt ydelse %q; brug en af: %s", in.Provision, strings.Join(domain.ProvisionIDs(), ", "))
	}
	std, mu, ok := c.ForMunicipality(cf.Municipality)
	if !ok {
		return d, nil, c.UnknownMunicipality(cf.Municipality)
	}
	result, err := c.Suggest(cf)
	if err != nil {
		return d, nil, err
	}
	primary, hasPrimary := result.Primary()
	p, covered := std.Provision(in.Provision)

	d = domain.Decision{Provision: in.Provision, Tier: strings.TrimSpace(in.Tier), Scope: in.Scope, Date: in.Date, Start: in.Start,
		Refused: in.Refused, Reason: strings.TrimSpace(in.Reason), SpecialReason: strings.TrimSpace(in.SpecialReason)}
	d.Scope.Offer = strings.TrimSpace(d.Scope.Offer)
	checkDates(&ps, cf, in)
	if known {
		if err := d.Scope.CheckFor(in.Provision); err != nil {
			ps.Add("scope", "%v", err)
		}
	}
	if d.Refused && !d.Scope.IsZero() {
		ps.Add("scope", "et afslag har intet omfang")
	}
	if known && !(d.Refused && d.Tier == "") { // a refusal needs no level
		if hours, ok := d.Scope.Amount(domain.UnitHoursPerWeek); ok && covered && len(p.Tiers) > 0 {
			d.Tier = tierFromHours(&ps, d.Tier, hours, p, mu)
		}
		d.Tier = decideTier(&ps, d.Tier, mu, law, p, covered, primary, hasPrimary)
	}
	if hasPrimary {
		d.SuggestedProvision = primary.Provision
		d.SuggestedTier = deref0(primary.Tier)
	}
	matched, hasMatch := result.Find(in.Provision)
	if !d.Refused && hasMatch && matched.Role != Alternative {
		d.SuggestionRole = string(matched.Role)
		d.BelowNeed = belowSuggestion(d, matched, p, covered)
		if d.BelowNeed && matched.NeedHoursPerWeek != nil {
			d.Need = domain.Scope{}.WithAmount(domain.UnitHoursPerWeek, *matched.NeedHoursPerWeek)
		}
		d.FollowedSuggestion = !d.BelowNeed && (matched.Tier == nil || d.Tier == *matched.Tier)
	}
	if !d.FollowedSuggestion && d.Reason == "" {
		ps.Add("reason", "%s; skriv en begrundelse (den står i afgørelsen)", whyReason(d, matched, hasMatch, primary, hasPrimary))
	}
	notes = append(notes, c.checkActive(&ps, in, std, mu, law, known)...)
	if covered && !in.FollowUp.IsZero() {
		if latest, stated := p.FirstFollowUp(d.StartDate()); stated && latest.Before(in.FollowUp) {
			ps.Add("follow-up", "%s kvalitetsstandard kræver opfølgning senest %s; vælg den dato eller en tidligere",
				mu.Name+"s", latest.Danish())
		}
	}
	ps = append(ps, c.Statutory(cf, d)...)
	if len(ps) > 0 {
		return d, nil, ps
	}
	notes = append(c.followUp(&d, in, mu, law, p, covered), notes...)
	if n := PartialRefusalNote(d); n != "" {
		notes = append(notes, n)
	}
	return d, notes, nil
}

// tierFromHours derives § 85's tier from the decided hours; a tier given
// beside them must be the one they fall in.
func tierFromHours(ps *domain.Problems, given string, hours float64, p *ProvisionStandard, mu Municipality) string {
	t, ok := tierFor(p.Tiers, hours)
	if !ok {
		ps.Add("hours", "%s timer om ugen falder ikke i noget af %s niveauer", domain.FormatNumber(hours), mu.Name+"s")
		return given
	}
	if given != "" && !strings.EqualFold(given, t.Name) {
		ps.Add("tier", "%s timer om ugen er niveau %s, ikke %s; udelad niveauet, så følger det af timerne", domain.FormatNumber(hours), t.Name, given)
	}
	return t.Name
}

// belowSuggestion reports whether d grants less than the suggestion s: a
// lower tier, fewer hours than the assessed need, or fewer days than the
// suggested minimum.
func belowSuggestion(d domain.Decision, s Suggestion, p *ProvisionStandard, covered bool) bool {
	if s.Tier != nil && d.Tier != "" && covered && tierRank(p.Tiers, d.Tier) < tierRank(p.Tiers, *s.Tier) {
		return true
	}
	if h, ok := d.Scope.Amount(domain.UnitHoursPerWeek); ok && s.NeedHoursPerWeek != nil && h < *s.NeedHoursPerWeek {
		return true
	}
	if days, ok := d.Scope.Amount(domain.UnitDaysPerWeek); ok && s.DaysPerWeekMin != nil && days < float64(*s.DaysPerWeekMin) {
		return true
	}
	return false
}

func tierRank(tiers []Tier, name string) int {
	for i, t := range tiers {
		if strings.EqualFold(t.Name, name) {
			return i
		}
	}
	return -1
}

// checkActive checks a new grant against the grants in force: the same
// provision twice is a change of scope, not a new grant; a combination
// the standard forbids is warned of, naming the rule and its standard.
func (c *Catalog) checkActive(ps *domain.Problems, in DecisionInput, std *Standard, mu Municipality, law domain.Provision, known bool) []string {
	if !known || in.Refused {
		return nil
	}
	if in.Change != "" {
		for _, g := range in.Active {
			if g.ID == in.Change {
				if g.Provision != in.Provision {
					ps.Add("provision", "bevilling %s er %s; en ændring kan ikke skifte ydelse", g.ID, g.Provision.Law())
				}
				return nil
			}
		}
		ps.Add("grant", "sagen har ingen aktiv bevilling %q", in.Change)
		return nil
	}
	var notes []string
	for _, g := range in.Active {
		if g.Provision == in.Provision {
			ps.Add("provision", "borgeren har allerede %s (bevilling %s); ændr dens omfang, eller afslut den først", law.Law, g.ID)
			continue
		}
		if note, clash := c.combination(std, mu, in.Provision, g.Provision); clash {
			notes = append(notes, note)
		}
	}
	return notes
}

// combination says whether the standard forbids a and b together, and
// where.
func (c *Catalog) combination(std *Standard, mu Municipality, a, b domain.ProvisionID) (string, bool) {
	for _, pair := range [][2]domain.ProvisionID{{a, b}, {b, a}} {
		p, ok := std.Provision(pair[0])
		if !ok {
			continue
		}
		for _, not := range p.NotCombinableWith {
			if not != pair[1] {
				continue
			}
			note := fmt.Sprintf("Advarsel: %s kvalitetsstandard for %s kombinerer den ikke med %s", mu.Name+"s", pair[0].Law(), pair[1].Law())
			if p.Source != nil {
				note += " (" + p.Source.Title + ")"
			}
			if p.CombinationNote != "" {
				note += ": " + p.CombinationNote
			}
			return note, true
		}
	}
	return "", false
}

func checkDates(ps *domain.Problems, cf domain.CaseFile, in DecisionInput) {
	switch {
	case in.Date.IsZero():
		ps.Add("date", "angiv afgørelsens dato")
	case in.Date.Before(cf.ApplicationDate):
		ps.Add("date", "%s ligger før ansøgningsdatoen %s", in.Date.Danish(), cf.ApplicationDate.Danish())
	case !in.Today.IsZero() && in.Today.Before(in.Date):
		ps.Add("date", "%s ligger i fremtiden", in.Date.Danish())
	}
	if !in.Start.IsZero() && in.Start.Before(cf.ApplicationDate) {
		ps.Add("start", "%s ligger før ansøgningsdatoen %s", in.Start.Danish(), cf.ApplicationDate.Danish())
	}
	if in.Refused && !in.FollowUp.IsZero() {
		ps.Add("follow-up", "et afslag har ingen opfølgning")
	}
	start := in.Start
	if start.IsZero() {
		start = in.Date
	}
	if !in.FollowUp.IsZero() && !start.IsZero() && !start.Before(in.FollowUp) {
		ps.Add("follow-up", "opfølgningen %s skal ligge efter start %s", in.FollowUp.Danish(), start.Danish())
	}
}

// decideTier checks the tier against the standard's tiers; left out, it
// takes the suggested tier when the provision is the suggested one.
func decideTier(ps *domain.Problems, tier string, mu Municipality, law domain.Provision,
	p *ProvisionStandard, covered bool, primary Suggestion, hasPrimary bool) string {
	if !covered || len(p.Tiers) == 0 {
		if tier != "" {
			ps.Add("tier", "%s har ingen niveauer for %s i sin kvalitetsstandard; udelad niveauet", mu.Name, law.Law)
		}
		return ""
	}
	names := make([]string, len(p.Tiers))
	for i, t := range p.Tiers {
		names[i] = t.Name
	}
	if tier == "" {
		if hasPrimary && primary.Provision == law.ID && primary.Tier != nil {
			return *primary.Tier
		}
		ps.Add("tier", "angiv niveau for %s: %s", law.Law, strings.Join(names, ", "))
		return ""
	}
	for _, n := range names {
		if strings.EqualFold(n, tier) {
			return n
		}
	}
	ps.Add("tier", "ukendt niveau %q for %s hos %s; brug en af: %s", tier, law.Law, mu.Name, strings.Join(names, ", "))
	return tier
}

func whyReason(d domain.Decision, matched Suggestion, hasMatch bool, primary Suggestion, hasPrimary bool) string {
	switch {
	case d.Refused:
		return "et afslag skal begrundes"
	case d.BelowNeed:
		return fmt.Sprintf("afgørelsen giver mindre end forslaget (%s) og er et delvist afslag", suggestionName(matched))
	case hasMatch && matched.Role != Alternative:
		return fmt.Sprintf("afgørelsen afviger fra forslaget (%s)", suggestionName(matched))
	case hasMatch:
		return fmt.Sprintf("%s er kun et alternativ, der ikke dækker hele behovet", matched.Law)
	case !hasPrimary:
		return "vum har intet forslag at følge, så afgørelsen skal begrundes"
	}
	return fmt.Sprintf("vum foreslår ikke %s (forslaget er %s)", d.Provision.Law(), suggestionName(primary))
}

func suggestionName(s Suggestion) string {
	if s.Tier != nil {
		return s.Law + " " + *s.Tier
	}
	return s.Law
}

func deref0(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// followUp sets the first follow-up: the caseworker's date, the
// standard's interval, or DefaultFollowUpMonths where the standard states
// none (and says so).
func (c *Catalog) followUp(d *domain.Decision, in DecisionInput, mu Municipality, law domain.Provision,
	p *ProvisionStandard, covered bool) []string {
	if d.Refused {
		return nil
	}
	start := d.StartDate()
	switch {
	case !in.FollowUp.IsZero():
		d.FollowUpDue = in.FollowUp
		return nil
	case covered:
		due, stated := p.FirstFollowUp(start)
		d.FollowUpDue, d.FollowUpFromStandard = due, stated
		if stated {
			return nil
		}
		return []string{fmt.Sprintf("%s kvalitetsstandard for %s angiver intet opfølgningsinterval; første opfølgning er sat til %d måneder efter start (%s). Vælg en anden dato med --follow-up.",
			mu.Name+"s", law.Law, DefaultFollowUpMonths, due.Danish())}
	}
	d.FollowUpDue = start.AddMonths(DefaultFollowUpMonths)
	return []string{fmt.Sprintf("%s har ingen kvalitetsstandard for %s i vum; første opfølgning er sat til %d måneder efter start (%s). Vælg en anden dato med --follow-up.",
		mu.Name, law.Law, DefaultFollowUpMonths, d.FollowUpDue.Danish())}
}
