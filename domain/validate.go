package domain

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// rules checks decoded wire values and builds the domain values. Fields
// the walker already reported as unreadable are skipped, so each problem
// is named once.
type rules struct {
	v   Vocabulary
	m   *Method // the case's assessment method, resolved by caseFile
	ps  *Problems
	bad map[string]bool
}

func (r *rules) add(field, format string, args ...any) { r.ps.Add(field, format, args...) }

// required reports a missing field unless it was unreadable.
func (r *rules) missing(field, format string, args ...any) {
	if !r.bad[field] {
		r.add(field, format, args...)
	}
}

func (r *rules) caseFile(w caseWire) CaseFile {
	var cf CaseFile
	if w.Schema == nil {
		r.missing("schema", "mangler; skriv \"schema\": %d", CaseSchema)
	} else if cf.Schema = *w.Schema; cf.Schema != CaseSchema && cf.Schema != CaseSchemaV1 {
		r.add("schema", "version %d kendes ikke; vum læser version %d og %d", cf.Schema, CaseSchemaV1, CaseSchema)
	}
	known := false
	if m := r.requiredText("municipality", w.Municipality); m != "" {
		cf.Municipality = m
		if known = contains(r.v.Municipalities, m); !known {
			r.add("municipality", "ukendt kommune %q; kendte kommuner: %s", m, strings.Join(r.v.Municipalities, ", "))
		}
	}
	r.method(&cf, w.Method, known)
	if cf.Schema == CaseSchemaV1 {
		cf.Schema = CaseSchema // read as schema 2 under VUM's original method
	}
	cf.Citizen = r.citizen(w.Citizen)
	cf.ApplicationDate = r.date("application_date", w.ApplicationDate, true)
	if !cf.ApplicationDate.IsZero() && r.v.Today.Before(cf.ApplicationDate) {
		r.add("application_date", "%s ligger i fremtiden", cf.ApplicationDate.Danish())
	}
	r.birthAgainst(cf.Citizen, cf.ApplicationDate)
	cf.Assessment = r.assessment(w.Assessment)
	for i, g := range w.Goals {
		if g = strings.TrimSpace(g); g != "" {
			r.note(fmt.Sprintf("goals[%d]", i), g)
			cf.Goals = append(cf.Goals, g)
		}
	}
	return cf
}

// line and note refuse control characters and bidirectional overrides in
// free text (see CheckLine and CheckNote).
func (r *rules) line(field, s string) {
	if err := CheckLine(s); err != nil {
		r.add(field, "%v", err)
	}
}

func (r *rules) note(field, s string) {
	if err := CheckNote(s); err != nil {
		r.add(field, "%v", err)
	}
	r.checkLength(field, s)
}

func (r *rules) requiredText(field string, s *string) string {
	if s == nil {
		r.missing(field, "mangler")
		return ""
	}
	text := strings.TrimSpace(*s)
	if text == "" {
		r.add(field, "må ikke være tom")
	}
	return text
}

func optional(s *string) string {
	if s == nil {
		return ""
	}
	return strings.TrimSpace(*s)
}

func (r *rules) citizen(w *citizenWire) Citizen {
	var c Citizen
	if w == nil {
		r.missing("citizen", "mangler (navn, cpr eller birth_date, living)")
		return c
	}
	c.Name = r.requiredText("citizen.name", w.Name)
	r.line("citizen.name", c.Name)
	c.Address = optional(w.Address)
	r.line("citizen.address", c.Address)
	cprText := optional(w.CPR)
	if cprText != "" {
		cpr, err := ParseCPR(cprText)
		if err != nil {
			r.add("citizen.cpr", "%v", err)
		}
		c.CPR = cpr
	}
	c.BirthDate = r.date("citizen.birth_date", w.BirthDate, false)
	if cprText == "" && optional(w.BirthDate) == "" && !r.bad["citizen.cpr"] && !r.bad["citizen.birth_date"] {
		r.add("citizen", "angiv cpr (DDMMÅÅ-LLLL) eller birth_date (ÅÅÅÅ-MM-DD)")
	}
	if !c.CPR.IsZero() && !c.BirthDate.IsZero() && !c.CPR.BirthDate().Equal(c.BirthDate) {
		r.add("citizen.birth_date", "%s passer ikke med CPR-nummerets fødselsdato %s", c.BirthDate.Danish(), c.CPR.BirthDate().Danish())
	}
	if living := r.requiredText("citizen.living", w.Living); living != "" {
		c.Living = Living(living)
		if !c.Living.Valid() {
			r.add("citizen.living", "ukendt boform %q; brug en af: own_home, with_family, residential, abl105", living)
		}
	}
	return c
}

// birthAgainst rejects birth dates in the future or after the application.
func (r *rules) birthAgainst(c Citizen, applied Date) {
	birth := c.Birth()
	if birth.IsZero() {
		return
	}
	field := "citizen.birth_date"
	if !c.CPR.IsZero() {
		field = "citizen.cpr"
	}
	switch {
	case birth.Year() < earliestYear:
		r.add(field, "fødselsdatoen %s er ikke en mulig dato i en sag", birth.Danish())
	case r.v.Today.Before(birth):
		r.add(field, "fødselsdatoen %s ligger i fremtiden", birth.Danish())
	case !applied.IsZero() && applied.Before(birth):
		r.add(field, "fødselsdatoen %s ligger efter ansøgningsdatoen %s", birth.Danish(), applied.Danish())
	}
}

// earliestYear bounds dates in a case file: nobody alive was born before
// it, and no application predates it.
const earliestYear = 1880

func (r *rules) date(field string, s *string, required bool) Date {
	text := optional(s)
	if text == "" {
		if required && s == nil {
			r.missing(field, "mangler")
		} else if required {
			r.add(field, "må ikke være tom")
		}
		return Date{}
	}
	d, err := ParseDate(text)
	switch {
	case err != nil:
		r.add(field, "%v", err)
	case d.Year() < earliestYear:
		r.add(field, "%s er ikke en mulig dato i en sag", d.Danish())
		return Date{}
	}
	return d
}

func (r *rules) assessment(w *assessmentWire) Assessment {
	a := Assessment{Themes: map[string]ThemeAssessment{}}
	if w == nil {
		r.missing("assessment", "mangler; angiv mindst \"themes\"")
		return a
	}
	if h := w.SupportHoursPerWeek; h != nil {
		if *h < 0 || *h > 168 {
			r.add("assessment.support_hours_per_week", "%v timer pr. uge er ikke muligt; angiv 0-168", *h)
		} else {
			a.SupportHoursPerWeek = h
		}
	}
	a.Permanent = w.Permanent != nil && *w.Permanent
	a.RelativesNeedRelief = w.RelativesNeedRelief != nil && *w.RelativesNeedRelief
	r.goalChain(w, &a)
	slugs := make([]string, 0, len(w.Themes))
	for slug := range w.Themes {
		slugs = append(slugs, slug)
	}
	sort.Strings(slugs)
	for _, slug := range slugs {
		if t, ok := r.theme(slug, w.Themes[slug]); ok {
			a.Themes[slug] = t
		}
	}
	return a
}

// method resolves the case's assessment method: a schema 1 file is VUM's
// original method; a schema 2 file names its method or takes its
// municipality's. A method other than the municipality's is refused.
func (r *rules) method(cf *CaseFile, named *string, knownMunicipality bool) {
	want := DefaultMethodID
	if knownMunicipality {
		want = r.v.MunicipalityMethod(cf.Municipality)
	}
	id := optional(named)
	switch {
	case cf.Schema == CaseSchemaV1 && named != nil:
		r.add("method", "feltet findes fra schema %d; skriv \"schema\": %d", CaseSchema, CaseSchema)
		id = DefaultMethodID
	case cf.Schema == CaseSchemaV1:
		id = DefaultMethodID
	case id == "":
		id = want
	}
	m, ok := r.v.MethodByID(id)
	if !ok {
		r.add("method", "ukendt metode %q; kendte metoder: %s", id, strings.Join(r.v.MethodIDs(), ", "))
		m, _ = r.v.MethodByID(want)
		id = want
	} else if knownMunicipality && id != want {
		wm, _ := r.v.MethodByID(want)
		name := want
		if wm != nil {
			name = wm.Name
		}
		field := "method"
		if cf.Schema == CaseSchemaV1 {
			field = "schema"
			r.add(field, "en sag i schema %d er udredt efter %s, men %s udreder efter %s; skriv \"schema\": %d og \"method\": %q og vurdér temaerne efter den metode",
				CaseSchemaV1, m.Name, cf.Municipality, name, CaseSchema, want)
		} else {
			r.add(field, "%s udreder efter %s (%q), ikke %q; ret \"method\" eller kommunen", cf.Municipality, name, want, id)
		}
	}
	if m == nil {
		m = r.v.Method
	}
	r.m = m
	cf.Method = id
	if m != nil {
		cf.Method, cf.MethodVersion = MethodID(m.ID), m.Version
	}
}

func (r *rules) theme(slug string, w *themeWire) (ThemeAssessment, bool) {
	field := "assessment.themes." + slug
	if _, ok := r.m.Theme(slug); !ok {
		r.add(field, "ukendt tema %q; kendte temaer: %s", slug, strings.Join(r.m.SortedThemeSlugs(), ", "))
		return ThemeAssessment{}, false
	}
	lo, hi := r.m.LevelRange()
	if w == nil {
		r.missing(field, "mangler niveau; angiv {\"level\": %d-%d} eller {\"not_relevant\": true}", lo, hi)
		return ThemeAssessment{}, false
	}
	t := ThemeAssessment{NotRelevant: w.NotRelevant != nil && *w.NotRelevant, Note: optional(w.Note), CitizenView: optional(w.CitizenView)}
	r.note(field+".note", t.Note)
	r.note(field+".citizen_view", t.CitizenView)
	ok := r.support(field, w, &t)
	ok = r.statements(field, w.Statements, &t) && ok
	policy := r.m.ThemeLevel(slug)
	switch {
	case t.NotRelevant && w.Level != nil:
		r.add(field+".level", "et tema markeret som ikke relevant har intet niveau")
		return t, false
	case t.NotRelevant:
		return t, ok
	case policy == LevelNone && w.Level != nil:
		r.add(field+".level", "temaet beskrives med ord i %s og har intet niveau; skriv vurderingen i \"note\"", r.m.Name)
		return t, false
	case w.Level == nil && (t.Note != "" || t.CitizenView != "" || len(t.Statements) > 0 || t.Support != nil):
		// Begun but not scored: kept, and left out of the suggestion.
		t.Unscored = true
		return t, ok
	case w.Level == nil && policy != LevelRequired:
		r.missing(field, "mangler; beskriv temaet i \"note\" eller marker det \"not_relevant\": true")
		return t, false
	case w.Level == nil:
		r.missing(field+".level", "mangler; angiv et niveau %d-%d eller \"not_relevant\": true", lo, hi)
		return t, false
	}
	if _, known := r.m.Level(*w.Level); !known {
		r.add(field+".level", "%d er uden for skalaen %d-%d", *w.Level, lo, hi)
		return t, false
	}
	t.Level = *w.Level
	return t, ok
}

// support checks a theme's støttebehov against the method's scale.
func (r *rules) support(field string, w *themeWire, t *ThemeAssessment) bool {
	if w.Support == nil {
		return true
	}
	switch {
	case len(r.m.SupportLevels) == 0:
		r.add(field+".support", "%s har ingen skala for støttebehov; skriv behovet i \"note\"", r.m.Name)
		return false
	case t.NotRelevant:
		r.add(field+".support", "et tema markeret som ikke relevant har intet støttebehov")
		return false
	}
	if _, ok := r.m.SupportLevel(*w.Support); !ok {
		lo, hi := levelRange(r.m.SupportLevels)
		r.add(field+".support", "%d er uden for skalaen for støttebehov %d-%d", *w.Support, lo, hi)
		return false
	}
	t.Support = w.Support
	return true
}

// statements checks each statement's source and text.
func (r *rules) statements(field string, list []*statementWire, t *ThemeAssessment) bool {
	if len(list) == 0 {
		return true
	}
	if len(r.m.Sources) == 0 {
		r.add(field+".statements", "%s angiver ingen kilder til udsagn; skriv i \"note\" og \"citizen_view\"", r.m.Name)
		return false
	}
	ok := true
	for i, w := range list {
		f := fmt.Sprintf("%s.statements[%d]", field, i)
		if w == nil {
			r.missing(f, "skal være et objekt med \"source\" og \"text\"")
			ok = false
			continue
		}
		st := Statement{Source: r.requiredText(f+".source", w.Source), Text: r.requiredText(f+".text", w.Text)}
		r.note(f+".text", st.Text)
		if st.Source != "" && !contains(choiceIDs(r.m.Sources), st.Source) {
			r.add(f+".source", "ukendt kilde %q; brug en af: %s", st.Source, strings.Join(choiceIDs(r.m.Sources), ", "))
			ok = false
		}
		if st.Source == "" || st.Text == "" {
			ok = false
			continue
		}
		t.Statements = append(t.Statements, st)
	}
	return ok
}

// goalChain checks the sagsvurdering's purpose and indsatsmål.
func (r *rules) goalChain(w *assessmentWire, a *Assessment) {
	a.Situation = optional(w.Situation)
	r.note("assessment.situation", a.Situation)
	a.Purpose = optional(w.Purpose)
	r.note("assessment.purpose", a.Purpose)
	if len(r.m.GoalTypes) == 0 {
		if a.Purpose != "" {
			r.add("assessment.purpose", "%s har intet indsatsformål; skriv borgerens mål i \"goals\"", r.m.Name)
		}
		if len(w.Targets) > 0 {
			r.add("assessment.targets", "%s har ingen indsatsmål; skriv borgerens mål i \"goals\"", r.m.Name)
		}
		return
	}
	goalThemes := r.m.GoalThemes()
	types := choiceIDs(r.m.GoalTypes)
	for i, tw := range w.Targets {
		f := fmt.Sprintf("assessment.targets[%d]", i)
		if tw == nil {
			r.missing(f, "skal være et objekt med \"text\", \"theme\" og \"type\"")
			continue
		}
		t := Target{Text: r.requiredText(f+".text", tw.Text), Theme: r.requiredText(f+".theme", tw.Theme), Type: r.requiredText(f+".type", tw.Type)}
		r.note(f+".text", t.Text)
		good := t.Text != "" && t.Theme != "" && t.Type != ""
		if t.Theme != "" && !r.m.GoalTheme(t.Theme) {
			r.add(f+".theme", "%q kan ikke være indsatsmålets primære tema; brug en af: %s", t.Theme, strings.Join(goalThemes, ", "))
			good = false
		}
		for j, s := range tw.Secondary {
			s = strings.TrimSpace(s)
			sf := fmt.Sprintf("%s.secondary_themes[%d]", f, j)
			switch {
			case s == t.Theme:
				r.add(sf, "%q er allerede det primære tema", s)
				good = false
			case !r.m.GoalTheme(s):
				r.add(sf, "ukendt tema %q; brug en af: %s", s, strings.Join(goalThemes, ", "))
				good = false
			default:
				t.Secondary = append(t.Secondary, s)
			}
		}
		if t.Type != "" && !contains(types, t.Type) {
			r.add(f+".type", "ukendt måltype %q; brug en af: %s", t.Type, strings.Join(types, ", "))
			good = false
		}
		if good {
			a.Targets = append(a.Targets, t)
		}
	}
}

func (r *rules) decision(w *decisionWire, applied Date) *Decision {
	if w == nil {
		return nil
	}
	d := &Decision{Tier: optional(w.Tier), Reason: optional(w.Reason), Refused: w.Refused != nil && *w.Refused,
		SpecialReason: optional(w.SpecialReason)}
	r.note("decision.reason", d.Reason)
	r.note("decision.special_reason", d.SpecialReason)
	if present(w.Scope) {
		if err := json.Unmarshal(w.Scope, &d.Scope); err != nil {
			r.add("decision.scope", "skal være et objekt med fx \"hours_per_week\", \"days_per_week\", \"days_per_year\", \"months\" eller \"offer\"")
		}
	}
	if p := r.requiredText("decision.provision", w.Provision); p != "" {
		d.Provision = ProvisionID(p)
		if _, known := LookupProvision(d.Provision); !known {
			r.add("decision.provision", "ukendt ydelse %q; brug en af: %s", p, strings.Join(ProvisionIDs(), ", "))
		}
	}
	d.Date = r.date("decision.date", w.Date, true)
	d.Start = r.date("decision.start", w.Start, false)
	if !d.Date.IsZero() && !applied.IsZero() && d.Date.Before(applied) {
		r.add("decision.date", "%s ligger før ansøgningsdatoen", d.Date.Danish())
	}
	return d
}
