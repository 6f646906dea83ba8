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
	Date      domain.Date // the decision date
	Start     domain.Date // optional: when the provision begins
	Refused   bool
	Reason    string
	// SpecialReason is the concrete reason for an exception to a
	// standard's main rule ("som hovedregel", "ved særlige hensyn").
	SpecialReason string
	// FollowUp is the caseworker's own first follow-up date; when zero the
	// standard's interval is used.
	FollowUp domain.Date
	Today    domain.Date
}

// Decide checks a caseworker's decision against the suggestion and the
// municipality's standard, and completes it: whether it follows the
// suggestion, and the first follow-up date. Problems name the flag or
// field to fix. notes tell the caseworker what vum filled in.
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

	d = domain.Decision{Provision: in.Provision, Tier: strings.TrimSpace(in.Tier), Date: in.Date, Start: in.Start,
		Refused: in.Refused, Reason: strings.TrimSpace(in.Reason), SpecialReason: strings.TrimSpace(in.SpecialReason)}
	checkDates(&ps, cf, in)
	if known && !(d.Refused && d.Tier == "") { // a refusal needs no level
		d.Tier = decideTier(&ps, d.Tier, mu, law, p, covered, primary, hasPrimary)
	}
	if hasPrimary {
		d.SuggestedProvision = primary.Provision
		d.SuggestedTier = deref0(primary.Tier)
		d.FollowedSuggestion = !d.Refused && d.Provision == primary.Provision && d.Tier == d.SuggestedTier
		markBelowNeed(&d, p, covered, primary)
	}
	if !d.FollowedSuggestion && d.Reason == "" {
		ps.Add("reason", "%s; skriv en begrundelse", whyReason(d, primary, hasPrimary))
	}
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
	notes = c.followUp(&d, in, mu, law, p, covered)
	if n := PartialRefusalNote(d); n != "" {
		notes = append(notes, n)
	}
	return d, notes, nil
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

func whyReason(d domain.Decision, primary Suggestion, hasPrimary bool) string {
	switch {
	case d.Refused:
		return "et afslag skal begrundes"
	case !hasPrimary:
		return "vum har intet forslag at følge, så afgørelsen skal begrundes"
	}
	return fmt.Sprintf("afgørelsen afviger fra forslaget (%s)", suggestionName(primary))
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
