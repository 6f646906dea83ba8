package standards

import (
	"strconv"
	"strings"

	"github.com/vumdk/vum/domain"
)

// CheckHistory checks a recorded case history event by event, as each
// event was checked when it was recorded: the citizen and municipality of
// the opening, the themes and levels of each assessment, and of each
// decision the provision, its tier and scope in the standard's terms, dates
// in order and a follow-up the standard allowed. It never re-derives a
// past decision from today's suggestion: whether a decision followed the
// suggestion stays as recorded. Problems name the event by its number.
func (c *Catalog) CheckHistory(id string, events []domain.Event, today domain.Date) domain.Problems {
	var ps domain.Problems
	state := domain.Case{ID: id}
	for i, e := range events {
		field := "events[" + strconv.Itoa(i) + "]"
		if e.Seq != i+1 {
			ps.Add(field+".seq", "skal være %d (fik %d)", i+1, e.Seq)
			return ps
		}
		if e.Recorded.IsZero() {
			ps.Add(field+".recorded", "mangler")
		}
		if strings.TrimSpace(e.User) == "" {
			ps.Add(field+".user", "mangler")
		}
		if i > 0 && e.Recorded.Before(events[i-1].Recorded) {
			ps.Add(field+".recorded", "ligger før den forrige hændelse")
		}
		before := len(ps)
		c.checkEvent(&ps, field, state, e, today)
		if len(ps) > before {
			return ps
		}
		if err := state.Apply(e); err != nil {
			ps.Add(field, "%v", err)
			return ps
		}
	}
	if len(events) == 0 {
		ps.Add("events", "sagen har ingen hændelser")
	}
	return ps
}

func (c *Catalog) checkEvent(ps *domain.Problems, field string, state domain.Case, e domain.Event, today domain.Date) {
	switch e.Kind {
	case domain.EventOpened:
		if e.Opening == nil {
			ps.Add(field+".opening", "mangler")
			return
		}
		o := e.Opening
		if _, _, ok := c.ForMunicipality(o.Municipality); !ok {
			ps.Add(field+".opening.municipality", "ukendt kommune %q; kendte kommuner: %s", o.Municipality, strings.Join(c.Municipalities(), ", "))
		}
		if strings.TrimSpace(o.Citizen.Name) == "" {
			ps.Add(field+".opening.citizen.name", "må ikke være tomt")
		}
		if o.Citizen.CPR.IsZero() && o.Citizen.BirthDate.IsZero() {
			ps.Add(field+".opening.citizen", "angiv cpr eller birth_date")
		}
		if !o.Citizen.Living.Valid() {
			ps.Add(field+".opening.citizen.living", "ukendt boform %q", o.Citizen.Living)
		}
		if o.ApplicationDate.IsZero() {
			ps.Add(field+".opening.application_date", "mangler")
		} else if today.Before(o.ApplicationDate) {
			ps.Add(field+".opening.application_date", "%s ligger i fremtiden", o.ApplicationDate.Danish())
		}
	case domain.EventAssessment:
		if e.Assessment == nil {
			ps.Add(field+".assessment", "mangler")
			return
		}
		m, ok := c.MethodByID(e.Assessment.Method)
		if !ok {
			ps.Add(field+".assessment.method", "ukendt metode %q", e.Assessment.Method)
			return
		}
		lo, hi := m.LevelRange()
		for slug, t := range e.Assessment.Assessment.Themes {
			if _, ok := m.Theme(slug); !ok {
				ps.Add(field+".assessment.themes."+slug, "ukendt tema")
			}
			if t.Scored() && (t.Level < lo || t.Level > hi) {
				ps.Add(field+".assessment.themes."+slug+".level", "%d er uden for skalaen %d-%d", t.Level, lo, hi)
			}
			checkThemeExtras(ps, field+".assessment.themes."+slug, m, t)
		}
		checkTargets(ps, field+".assessment.targets", m, e.Assessment.Assessment.Targets)
		if e.Assessment.Living != "" && !e.Assessment.Living.Valid() {
			ps.Add(field+".assessment.living", "ukendt boform %q", e.Assessment.Living)
		}
		if e.Assessment.Date.IsZero() || today.Before(e.Assessment.Date) {
			ps.Add(field+".assessment.date", "mangler eller ligger i fremtiden")
		}
	case domain.EventGrant, domain.EventRefusal, domain.EventChange:
		if e.Decision == nil {
			ps.Add(field+".decision", "mangler")
			return
		}
		c.checkDecision(ps, field+".decision", state, *e.Decision, e.Kind, today)
	case domain.EventTermination:
		if e.Termination == nil || strings.TrimSpace(e.Termination.Reason) == "" {
			ps.Add(field+".termination.reason", "et ophør skal begrundes")
		}
	case domain.EventFollowUp:
		f := e.FollowUp
		if f == nil {
			ps.Add(field+".follow_up", "mangler")
			return
		}
		if !f.Outcome.Valid() {
			ps.Add(field+".follow_up.outcome", "ukendt udfald %q; brug continue, change, end eller end_reassess", f.Outcome)
		}
		if f.Done.IsZero() || today.Before(f.Done) {
			ps.Add(field+".follow_up.done", "mangler eller ligger i fremtiden")
		}
		if !f.Next.IsZero() && !f.Done.IsZero() && !f.Done.Before(f.Next) {
			ps.Add(field+".follow_up.next", "%s skal ligge efter opfølgningen %s", f.Next.Danish(), f.Done.Danish())
		}
		if g, ok := state.Grant(e.Grant); ok && !f.Next.IsZero() {
			c.checkFollowUpDate(ps, field+".follow_up.next", state, g.Provision, f.Done, f.Next)
		}
	case domain.EventCorrection:
		if e.Correction == nil || strings.TrimSpace(e.Correction.Reason) == "" {
			ps.Add(field+".correction.reason", "en rettelse skal begrundes")
			return
		}
		for _, ch := range e.Correction.Changes {
			if ch.Field == domain.FieldMunicipality {
				if _, _, ok := c.ForMunicipality(ch.New); !ok {
					ps.Add(field+".correction.municipality", "ukendt kommune %q", ch.New)
				}
			}
		}
	case domain.EventHandover:
		if e.Handover == nil || strings.TrimSpace(e.Handover.To) == "" {
			ps.Add(field+".handover.to", "angiv, hvem sagen overdrages til")
		}
	case domain.EventLetter:
		if e.Letter == nil {
			ps.Add(field+".letter", "mangler")
		}
	default:
		ps.Add(field+".kind", "ukendt hændelse %q", e.Kind)
	}
}

// checkDecision checks a recorded decision against the standard: a known
// provision, a tier the standard has, a scope in the provision's unit,
// dates in order and a first follow-up no later than the standard allows.
func (c *Catalog) checkDecision(ps *domain.Problems, field string, state domain.Case, d domain.Decision, kind domain.EventKind, today domain.Date) {
	law, known := domain.LookupProvision(d.Provision)
	if !known {
		ps.Add(field+".provision", "ukendt ydelse %q", d.Provision)
		return
	}
	if (kind == domain.EventRefusal) != d.Refused {
		ps.Add(field+".refused", "passer ikke til hændelsen %s", kind)
	}
	if err := d.Scope.CheckFor(d.Provision); err != nil {
		ps.Add(field+".scope", "%v", err)
	}
	std, mu, ok := c.ForMunicipality(state.Municipality)
	if !ok {
		return
	}
	p, covered := std.Provision(d.Provision)
	if d.Tier != "" {
		if !covered || tierRank(p.Tiers, d.Tier) < 0 {
			ps.Add(field+".tier", "%s har intet niveau %q for %s", mu.Name, d.Tier, law.Law)
		}
	}
	switch {
	case d.Date.IsZero():
		ps.Add(field+".date", "mangler")
	case d.Date.Before(state.ApplicationDate):
		ps.Add(field+".date", "%s ligger før ansøgningsdatoen %s", d.Date.Danish(), state.ApplicationDate.Danish())
	case today.Before(d.Date):
		ps.Add(field+".date", "%s ligger i fremtiden", d.Date.Danish())
	}
	if !d.Start.IsZero() && d.Start.Before(state.ApplicationDate) {
		ps.Add(field+".start", "%s ligger før ansøgningsdatoen", d.Start.Danish())
	}
	if d.Refused {
		if strings.TrimSpace(d.Reason) == "" {
			ps.Add(field+".reason", "et afslag skal begrundes")
		}
		if !d.FollowUpDue.IsZero() {
			ps.Add(field+".follow_up_due", "et afslag har ingen opfølgning")
		}
		return
	}
	if !d.FollowedSuggestion && strings.TrimSpace(d.Reason) == "" {
		ps.Add(field+".reason", "en afgørelse, der ikke følger forslaget, skal begrundes")
	}
	if kind == domain.EventGrant && d.FollowUpDue.IsZero() {
		ps.Add(field+".follow_up_due", "en bevilling skal have en første opfølgning")
	}
	if !d.FollowUpDue.IsZero() {
		if !d.StartDate().Before(d.FollowUpDue) {
			ps.Add(field+".follow_up_due", "%s skal ligge efter start %s", d.FollowUpDue.Danish(), d.StartDate().Danish())
		}
		c.checkFollowUpDate(ps, field+".follow_up_due", state, d.Provision, d.StartDate(), d.FollowUpDue)
	}
}

// checkFollowUpDate refuses a follow-up later than the standard's
// interval from `from`, or, where the standard states none, more than
// three years on.
func (c *Catalog) checkFollowUpDate(ps *domain.Problems, field string, state domain.Case, p domain.ProvisionID, from, due domain.Date) {
	latest := from.AddMonths(36)
	if std, mu, ok := c.ForMunicipality(state.Municipality); ok {
		if ps2, covered := std.Provision(p); covered {
			if l, stated := ps2.FirstFollowUp(from); stated {
				if l.Before(due) {
					ps.Add(field, "%s ligger senere end %s kvalitetsstandard tillader (senest %s)", due.Danish(), mu.Name+"s", l.Danish())
				}
				return
			}
		}
	}
	if latest.Before(due) {
		ps.Add(field, "%s ligger mere end tre år efter %s", due.Danish(), from.Danish())
	}
}

// checkThemeExtras checks a recorded theme's støttebehov and statement
// sources against its method.
func checkThemeExtras(ps *domain.Problems, field string, m *domain.Method, t domain.ThemeAssessment) {
	if t.Support != nil {
		if _, ok := m.SupportLevel(*t.Support); !ok {
			ps.Add(field+".support", "%d findes ikke på skalaen for støttebehov i %s", *t.Support, m.Name)
		}
	}
	for i, st := range t.Statements {
		known := false
		for _, c := range m.Sources {
			known = known || c.ID == st.Source
		}
		if !known {
			ps.Add(field+".statements["+strconv.Itoa(i)+"].source", "ukendt kilde %q i %s", st.Source, m.Name)
		}
	}
}

// checkTargets checks recorded indsatsmål: a primary theme the method
// allows and a known måltype.
func checkTargets(ps *domain.Problems, field string, m *domain.Method, targets []domain.Target) {
	for i, t := range targets {
		f := field + "[" + strconv.Itoa(i) + "]"
		if !m.GoalTheme(t.Theme) {
			ps.Add(f+".theme", "%q kan ikke være indsatsmålets primære tema i %s", t.Theme, m.Name)
		}
		known := false
		for _, c := range m.GoalTypes {
			known = known || c.ID == t.Type
		}
		if !known {
			ps.Add(f+".type", "ukendt måltype %q i %s", t.Type, m.Name)
		}
	}
}
