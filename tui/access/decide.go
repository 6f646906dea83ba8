package access

import (
	"fmt"
	"strings"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
	"github.com/vumdk/vum/store"
)

// decide reads the suggestions for the case's current assessment.
func (s *session) decide(c domain.Case) error { return s.decideOn(c, nil) }

// decideOn reads the suggestions aloud, with their reasons and every
// warning, and records the caseworker's decision with the same rules as
// the screen and »vum decide«. assessed, when set, is the assessment just
// made: it is recorded with the decision.
func (s *session) decideOn(c domain.Case, assessed *domain.AssessmentEvent) error {
	cf := c.File()
	if assessed != nil {
		cf.Assessment, cf.Goals = assessed.Assessment, assessed.Goals
		cf.Method, cf.MethodVersion = assessed.Method, assessed.MethodVersion
	}
	s.method = s.Standards.MethodOf(cf.Method)
	res, err := s.Standards.Suggest(cf)
	if err != nil {
		return err
	}
	s.say("Forslag.")
	if c := cf.Assessment.CompletenessUnder(s.method); c.Partial() {
		s.say("Advarsel: %s", c.Warning())
	}
	for _, w := range res.Warnings {
		s.say("Advarsel: %s", w)
	}
	var options []string
	for i, sg := range res.Suggestions {
		s.say("Forslag %d: %s.", i+1, suggestionName(sg))
		s.suggestionDetail(sg)
		options = append(options, "Følg forslag "+fmt.Sprint(i+1)+": "+suggestionName(sg))
	}
	if len(res.Suggestions) == 0 {
		s.say("vum har intet forslag.")
	}
	options = append(options, "Anden ydelse eller andet niveau", "Afslag", "Vent med afgørelsen")
	n := len(res.Suggestions)
	choice, err := s.choose("Hvad vil du gøre? Skriv nummeret.", options, -1)
	if err != nil {
		return err
	}
	in := standards.DecisionInput{Today: s.Today}
	switch {
	case choice < n:
		in.Provision, in.Tier = res.Suggestions[choice].Provision, deref(res.Suggestions[choice].Tier)
	case choice == n+2:
		s.say("Sagen venter på afgørelse. Udredningen er gemt.")
		return nil
	default:
		in.Refused = choice == n+1
		if err := s.pickProvision(c.Municipality, &in); err != nil {
			return err
		}
	}
	follows := false
	if sg, ok := res.Find(in.Provision); ok && !in.Refused && sg.Role != standards.Alternative && deref(sg.Tier) == in.Tier {
		follows = true
	}
	return s.decisionForm(c, cf, assessed, in, follows)
}

// amount asks for the decided scope in the provision's unit.
func (s *session) amount(unit domain.Unit) (float64, error) {
	for {
		answer, err := s.ask(fmt.Sprintf("Omfang i %s (enter springer over):", unit.Label()))
		if err != nil || answer == "" {
			return 0, err
		}
		v, err := domain.ParseNumber(answer)
		if err == nil && v > 0 {
			return v, nil
		}
		s.say("Skriv et tal større end 0, fx 2,5.")
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func suggestionName(sg standards.Suggestion) string {
	text := fmt.Sprintf("%s %s, %s", sg.Law, sg.Title, sg.Role.Label())
	if sg.Tier != nil {
		text += ", niveau " + *sg.Tier
	}
	return text
}

func (s *session) suggestionDetail(sg standards.Suggestion) {
	if !sg.Covered {
		s.say("Kommunen har ingen kvalitetsstandard for ydelsen i vum.")
	}
	if sg.Tier != nil {
		s.say("Omfang: %s.", sg.HoursPerWeek.Text())
	}
	if sg.DaysPerWeekMax != nil {
		s.say("Dage om ugen: %s.", sg.DaysPerWeekText())
	}
	if sg.Covered {
		s.say("Afgørelse senest: %s. Opfølgning: %s. Klage: %s.", sg.DeadlineText(s.Today), sg.FollowUpText(), sg.AppealText())
	}
	for _, r := range sg.Rationale {
		s.say("Hvorfor: %s", r)
	}
	for _, note := range sg.Notes {
		s.say("Standarden siger også: %s", note)
	}
}

// pickProvision asks which provision (and level) is decided or refused.
func (s *session) pickProvision(municipality string, in *standards.DecisionInput) error {
	std, _, _ := s.Standards.ForMunicipality(municipality)
	var names []string
	for _, p := range domain.Provisions {
		name := p.Law + " " + p.Title
		if _, ok := std.Provision(p.ID); !ok {
			name += " (ingen standard i kommunen)"
		}
		names = append(names, name)
	}
	question := "Hvilken ydelse? Skriv nummeret."
	if in.Refused {
		question = "Afslag på hvilken ydelse, der er søgt om? Skriv nummeret."
	}
	i, err := s.choose(question, names, -1)
	if err != nil {
		return err
	}
	in.Provision = domain.Provisions[i].ID
	if in.Refused {
		return nil
	}
	if ps, ok := std.Provision(in.Provision); ok && len(ps.Tiers) > 0 {
		var tiers []string
		for _, t := range ps.Tiers {
			tiers = append(tiers, t.Name+" ("+t.Text()+")")
		}
		j, err := s.choose("Hvilket niveau? Skriv nummeret.", tiers, -1)
		if err != nil {
			return err
		}
		in.Tier = ps.Tiers[j].Name
	}
	return nil
}

// decisionForm asks for the dates and the reason, checks them with the
// standards' rules and stores the decision.
func (s *session) decisionForm(c domain.Case, cf domain.CaseFile, assessed *domain.AssessmentEvent, in standards.DecisionInput, follows bool) error {
	in.Active = c.Active()
	for {
		var err error
		if in.Date, err = s.date("Afgørelsesdato", s.Today); err != nil {
			return err
		}
		in.FollowUp = domain.Date{}
		if !in.Refused {
			if in.Start, err = s.date("Start", in.Date); err != nil {
				return err
			}
			due, stated := in.Start.AddMonths(standards.DefaultFollowUpMonths), false
			if unit := in.Provision.Unit(); unit != domain.UnitNone {
				if v, err := s.amount(unit); err != nil {
					return err
				} else if v > 0 {
					in.Scope = in.Scope.WithAmount(unit, v)
				}
			}
			if std, _, ok := s.Standards.ForMunicipality(c.Municipality); ok {
				if p, ok := std.Provision(in.Provision); ok {
					due, stated = p.FirstFollowUp(in.Start)
				}
			}
			if !stated {
				s.say("Standarden angiver intet opfølgningsinterval. Forslaget er %d måneder efter start.", standards.DefaultFollowUpMonths)
			}
			if in.FollowUp, err = s.date("Første opfølgning", due); err != nil {
				return err
			}
			if stated && in.FollowUp.Equal(due) {
				in.FollowUp = domain.Date{} // the standard's own date
			}
		}
		q := "Begrundelse (valgfri, du følger vums forslag):"
		if !follows {
			q = "Begrundelse (skal udfyldes, da afgørelsen ikke følger vums forslag):"
		}
		if in.Reason, err = s.ask(q); err != nil {
			return err
		}
		d, notes, err := s.Standards.Decide(cf, in)
		if err != nil {
			s.say("Afgørelsen kan ikke gemmes endnu:")
			s.problems(err)
			s.say("Svar på spørgsmålene igen.")
			in.Scope = domain.Scope{}
			continue
		}
		var events []domain.Event
		if assessed != nil {
			events = append(events, domain.Event{Kind: domain.EventAssessment, Assessment: assessed})
		}
		events = append(events, c.GrantEvent(d))
		if _, err := s.Store.Append(c.ID, store.Change{Version: c.Version, Events: events, DropDraft: assessed != nil}); err != nil {
			return fmt.Errorf("afgørelsen kunne ikke gemmes: %w", err)
		}
		for _, n := range notes {
			s.say("%s", n)
		}
		if d.Refused {
			s.say("Afslaget er gemt.")
		} else {
			s.say("Afgørelsen er gemt. Næste opfølgning: %s.", d.FollowUpDue.Danish())
		}
		s.say("Udkast til afgørelsen: vum draft %s.", strings.TrimSpace(c.ID))
		return nil
	}
}
