package access

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
)

// cases is the start: list, search, open or start a case.
func (s *session) cases() error {
	for {
		sums, err := s.Store.Summaries()
		if err != nil {
			return err
		}
		overdue := 0
		for _, sum := range sums {
			if !sum.NextDue.IsZero() && sum.NextDue.Before(s.Today) {
				overdue++
			}
		}
		s.say("Sager: %s, %s.", domain.Count(len(sums), "sag", "sager"), domain.Count(overdue, "forfalden opfølgning", "forfaldne opfølgninger"))
		answer, err := s.ask("Skriv n for ny sag, l for at høre sagerne, eller et navn eller CPR-nummer for at søge.")
		if err != nil {
			return err
		}
		switch strings.ToLower(answer) {
		case "":
			continue
		case "n":
			err = s.newCase()
		case "l":
			s.Store.LogAccess(store.AccessEntry{Action: store.AccessList, All: true, Detail: "tilgængelig tilstand: sagerne læst op"})
			err = s.pick(sums)
		default:
			found := search(sums, answer)
			ids := make([]string, len(found))
			for i, f := range found {
				ids[i] = f.ID
			}
			s.Store.LogAccess(store.AccessEntry{Action: store.AccessSearch, Cases: ids, Detail: "tilgængelig tilstand: søgning"})
			err = s.pick(found)
		}
		if err != nil {
			return err
		}
	}
}

// search keeps the cases whose name, CPR, municipality or id hold every
// word, with Danish spellings folded as on the screen.
func search(sums []store.Summary, query string) []store.Summary {
	words := strings.Fields(domain.FoldDanish(query))
	var out []store.Summary
	for _, sum := range sums {
		text := domain.FoldDanish(strings.Join([]string{sum.Name, sum.MaskedID, sum.Municipality, sum.ID}, " "))
		all := true
		for _, w := range words {
			all = all && strings.Contains(text, w)
		}
		if all {
			out = append(out, sum)
		}
	}
	return out
}

// pick reads the cases aloud, one a line, and opens the one chosen.
func (s *session) pick(sums []store.Summary) error {
	if len(sums) == 0 {
		s.say("Ingen sager fundet.")
		return nil
	}
	var options []string
	for _, sum := range sums {
		options = append(options, s.summaryText(sum))
	}
	options = append(options, "Tilbage")
	i, err := s.choose("Skriv nummeret på sagen, eller enter for at gå tilbage.", options, len(sums))
	if err != nil || i == len(sums) {
		return err
	}
	return s.open(sums[i].ID)
}

func (s *session) summaryText(sum store.Summary) string {
	parts := []string{sum.Name, sum.MaskedID, s.municipalityName(sum.Municipality)}
	switch {
	case sum.Provision == "":
		parts = append(parts, "ikke afgjort")
	default:
		law, _ := domain.LookupProvision(sum.Provision)
		what := law.Section
		if sum.Tier != "" {
			what += " " + sum.Tier
		}
		if sum.Refused {
			what = "afslag på " + what
		}
		parts = append(parts, what)
	}
	switch due := sum.NextDue; {
	case due.IsZero():
	case due.Before(s.Today):
		parts = append(parts, "opfølgning forfalden "+due.Danish())
	default:
		parts = append(parts, "opfølgning "+due.Danish())
	}
	return strings.Join(parts, ", ")
}

// open continues an undecided case's interview; a decided case is read
// aloud, grant by grant, and a further decision may be made.
func (s *session) open(id string) error {
	c, err := s.Store.Case(id)
	if err != nil {
		return err
	}
	s.Store.LogAccess(store.AccessEntry{Action: store.AccessRead, Cases: []string{c.ID}, Detail: "tilgængelig tilstand"})
	if !c.Decided() {
		return s.interview(c)
	}
	s.say("Sag om %s, %s.", c.Citizen.Name, s.municipalityName(c.Municipality))
	for _, g := range c.Grants {
		law, _ := domain.LookupProvision(g.Provision)
		what := law.Law + " " + law.Title
		if sc := g.Scope.Danish(g.Provision, g.Tier); sc != "" {
			what += ", " + sc
		}
		if g.Active() {
			s.say("Bevilling %s: %s, fra %s. Næste opfølgning: %s.", g.ID, what, g.Start.Danish(), g.FollowUpDue.Danish())
		} else {
			s.say("Bevilling %s: %s, ophørt %s.", g.ID, what, g.End.Danish())
		}
	}
	for _, r := range c.Refusals {
		s.say("Afslag på %s, %s.", r.Provision.Law(), r.Date.Danish())
	}
	ok, err := s.yesNo("Vil du træffe en ny afgørelse i sagen?", false)
	if err != nil || !ok {
		return err
	}
	return s.decide(c)
}

// newCase asks for the citizen and the application, checked with the
// case-file rules, and goes on to the interview.
func (s *session) newCase() error {
	s.say("Ny sag.")
	munis := s.Standards.Municipalities()
	def := 0
	if p, err := s.Settings.Load(); err == nil {
		for i, m := range munis {
			if m == p.Municipality {
				def = i
			}
		}
	}
	var names []string
	for _, m := range munis {
		names = append(names, s.municipalityName(m))
	}
	mi, err := s.choose(fmt.Sprintf("Kommune: skriv nummeret (enter: %s).", names[def]), names, def)
	if err != nil {
		return err
	}
	cf, err := s.askCitizen(munis[mi])
	if err != nil {
		return err
	}
	rec, err := s.Store.Create(cf.Opening(), nil)
	if err != nil {
		return err
	}
	if p, err := s.Settings.Load(); err == nil && p.Municipality != cf.Municipality {
		p.Municipality = cf.Municipality
		s.Settings.Save(p) // only where the next case starts
	}
	s.say("Sagen er oprettet.")
	return s.interview(rec)
}

func (s *session) askCitizen(municipality string) (domain.CaseFile, error) {
	for {
		name, err := s.ask("Borgerens navn:")
		if err != nil {
			return domain.CaseFile{}, err
		}
		id, err := s.ask("CPR-nummer (DDMMÅÅ-LLLL) eller fødselsdato (DD-MM-ÅÅÅÅ):")
		if err != nil {
			return domain.CaseFile{}, err
		}
		var living []string
		for _, l := range domain.Livings {
			living = append(living, l.Phrase())
		}
		li, err := s.choose("Boform: skriv nummeret (enter: 1).", living, 0)
		if err != nil {
			return domain.CaseFile{}, err
		}
		applied, err := s.date("Ansøgningsdato", s.Today)
		if err != nil {
			return domain.CaseFile{}, err
		}
		address, err := s.ask("Adresse (valgfri, enter springer over):")
		if err != nil {
			return domain.CaseFile{}, err
		}
		citizen := map[string]any{"name": name, "living": domain.Livings[li], "address": address}
		if d, err := domain.ParseDanishDate(id); err == nil {
			citizen["birth_date"] = d.String()
		} else {
			citizen["cpr"] = id
		}
		data, _ := json.Marshal(map[string]any{"schema": domain.CaseSchema, "municipality": municipality, "citizen": citizen,
			"application_date": applied.String(), "assessment": map[string]any{"themes": map[string]any{}}})
		cf, err := domain.DecodeCaseFile(data, s.Standards.Vocabulary(s.Today))
		if err == nil {
			if age := cf.AgeAtApplication(); age < 18 {
				s.say("Bemærk: borgeren er %d år; voksenydelser gives fra 18 år (ellers Barnets lov).", age)
			}
			return cf, nil
		}
		s.say("Sagen kan ikke oprettes:")
		s.problems(err)
		s.say("Svar på spørgsmålene igen.")
	}
}

// problems reads each problem on its own line.
func (s *session) problems(err error) {
	if ps, ok := err.(domain.Problems); ok {
		for _, p := range ps {
			s.say("- %s: %s", fieldName(p.Field), p.Message)
		}
		return
	}
	s.say("- %v", err)
}

// fieldName names a case-file field as the questions do.
func fieldName(field string) string {
	names := map[string]string{"citizen.name": "Navn", "citizen.cpr": "CPR-nummer", "citizen.birth_date": "Fødselsdato",
		"application_date": "Ansøgningsdato", "citizen.address": "Adresse", "date": "Afgørelsesdato", "start": "Start",
		"follow-up": "Første opfølgning", "reason": "Begrundelse", "tier": "Niveau", "provision": "Ydelse"}
	if n, ok := names[field]; ok {
		return n
	}
	return field
}
