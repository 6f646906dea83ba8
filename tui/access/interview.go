package access

import (
	"fmt"
	"strings"
	"time"

	"github.com/vumdk/vum/domain"
)

// interview walks through the themes not yet looked at, then the support
// hours, permanence, relief and goals, storing each answer as it is
// given (in the case's assessment in progress), and goes on to the
// suggestion.
func (s *session) interview(c domain.Case) error {
	cf := c.File()
	// The assessment is made under the municipality's method now, also
	// when the case was assessed under another before a switch.
	s.method = s.Standards.MethodFor(c.Municipality)
	base, has, err := s.Store.Draft(c.ID)
	if err != nil {
		return err
	}
	kind := domain.FirstAssessment
	if _, assessed := c.Current(); assessed && c.Decided() {
		kind = domain.Reassessment
	}
	if has {
		a, goals, _, err := domain.ParseDraft(base.Values())
		if err != nil {
			return err
		}
		cf.Assessment, cf.Goals, kind = a, goals, base.Kind
	}
	if cf.Assessment.Themes == nil {
		cf.Assessment.Themes = map[string]domain.ThemeAssessment{}
	}
	s.say("Udredning af %s. Der er %d temaer.", cf.Citizen.Name, len(s.method.Themes))
	var scale []string
	for _, l := range s.method.Levels {
		scale = append(scale, fmt.Sprintf("%d %s", l.Value, l.Label))
	}
	s.say("%s: %s. Skriv x, hvis temaet ikke er relevant.", s.method.Term(func(t domain.Terms) string { return t.Level }), strings.Join(scale, "; "))
	visit := fmt.Sprintf("tilgaengelig-%s-%d", c.ID, time.Now().UnixNano())
	save := func() error {
		values := domain.DraftValues(cf.Assessment, cf.Goals, "")
		for f := range base.Fields {
			if _, ok := values[f]; !ok {
				values[f] = ""
			}
		}
		edits := base.Edits(values)
		if len(edits) == 0 {
			return nil
		}
		saved, err := s.Store.SaveDraft(c.ID, kind, visit, edits)
		if err != nil {
			return fmt.Errorf("udredningen kunne ikke gemmes: %w", err)
		}
		base = saved
		return nil
	}
	redo := false
	if done, _ := progress(cf.Assessment, s.method); done > 0 {
		var err error
		if redo, err = s.yesNo(fmt.Sprintf("%d af %d temaer er vurderet. Vil du gennemgå de vurderede igen?", done, len(s.method.Themes)), false); err != nil {
			return err
		}
	}
	for i, th := range s.method.Themes {
		t, had := cf.Assessment.Themes[th.Slug]
		if had && (!t.Unscored || s.method.ThemeLevel(th.Slug) != domain.LevelRequired) && !redo {
			continue
		}
		t, asked := s.theme(i, th, t)
		if t.Unscored && t.Note == "" && t.CitizenView == "" && t.Support == nil && len(t.Statements) == 0 {
			delete(cf.Assessment.Themes, th.Slug)
		} else {
			cf.Assessment.Themes[th.Slug] = t
		}
		// What was answered is kept even when the caseworker quits.
		if err := save(); err != nil {
			return err
		}
		if asked != nil {
			return asked
		}
	}
	asked := s.facts(&cf.Assessment)
	if err := save(); err != nil {
		return err
	}
	if asked != nil {
		return asked
	}
	cf.Goals, asked = s.goals(cf.Goals)
	if err := save(); err != nil {
		return err
	}
	if asked != nil {
		return asked
	}
	if len(s.method.GoalTypes) > 0 {
		asked = s.goalChain(&cf.Assessment)
		if err := save(); err != nil {
			return err
		}
		if asked != nil {
			return asked
		}
	}
	s.say("Udredningen er gemt.")
	fresh, err := s.Store.Case(c.ID)
	if err != nil {
		return err
	}
	return s.decideOn(fresh, &domain.AssessmentEvent{Date: s.Today, Kind: kind, Assessment: cf.Assessment, Goals: cf.Goals,
		Method: s.method.ID, MethodVersion: s.method.Version})
}

func progress(a domain.Assessment, m *domain.Method) (done, total int) {
	for _, th := range m.Themes {
		if t, ok := a.Themes[th.Slug]; ok && (!t.Unscored || m.ThemeLevel(th.Slug) != domain.LevelRequired) {
			done++
		}
	}
	return done, len(m.Themes)
}

// theme asks about one theme: its level, the citizen's view and the
// professional assessment. Enter keeps what is there.
func (s *session) theme(i int, th domain.Theme, t domain.ThemeAssessment) (domain.ThemeAssessment, error) {
	s.say("Tema %d af %d: %s.", i+1, len(s.method.Themes), th.Name)
	if g, ok := s.method.Group(th.Group); ok {
		s.say("Gruppe: %s.", g.Name)
	}
	s.say("Temaet dækker: %s", th.Covers)
	if len(th.Subthemes) > 0 {
		s.say("Underemner: %s.", strings.Join(th.Subthemes, "; "))
	}
	for j, p := range th.Prompts {
		s.say("Spørgsmål %d: %s", j+1, p)
	}
	now := "ikke vurderet"
	switch {
	case t.NotRelevant:
		now = "ikke relevant"
	case !t.Unscored && (t.Note != "" || t.CitizenView != "" || t.Level != 0):
		now = s.method.LevelLabel(t.Level)
	}
	lo, hi := s.method.LevelRange()
	optional := ""
	if s.method.ThemeLevel(th.Slug) != domain.LevelRequired {
		optional = "; temaet beskrives med ord, så niveauet er valgfrit"
	}
	for {
		answer, err := s.ask(fmt.Sprintf("Niveau %d-%d, x for ikke relevant (enter: %s%s).", lo, hi, now, optional))
		if err != nil {
			return t, err
		}
		if answer == "" {
			if now == "ikke vurderet" {
				t.Unscored = true
			}
			break
		}
		if strings.EqualFold(answer, "x") {
			t.NotRelevant, t.Unscored, t.Level = true, false, 0
			break
		}
		var n int
		if _, err := fmt.Sscan(answer, &n); err == nil {
			if _, ok := s.method.Level(n); ok {
				t.Level, t.NotRelevant, t.Unscored = n, false, false
				break
			}
		}
		s.say("Skriv et niveau fra %d til %d, eller x.", lo, hi)
	}
	var err error
	if t.CitizenView, err = s.text("Borgerens egen vurdering", t.CitizenView); err != nil {
		return t, err
	}
	if t.Note, err = s.text("Faglig vurdering", t.Note); err != nil {
		return t, err
	}
	if t.NotRelevant {
		return t, nil
	}
	if err := s.support(&t); err != nil {
		return t, err
	}
	return t, s.statements(&t)
}

// text asks for a free text; enter keeps the current one, and a single
// "-" clears it.
func (s *session) text(label, current string) (string, error) {
	q := label + " (enter springer over):"
	if current != "" {
		q = fmt.Sprintf("%s. Nu: %s. Enter beholder, - sletter:", label, current)
	}
	for {
		answer, err := s.ask(q)
		switch {
		case err != nil:
			return current, err
		case answer == "":
			return current, nil
		case answer == "-":
			return "", nil
		}
		if err := domain.CheckNote(answer); err != nil {
			s.say("Teksten %v.", err)
			continue
		}
		return answer, nil
	}
}

// facts asks for the support hours, permanence and relatives' relief.
func (s *session) facts(a *domain.Assessment) error {
	def := "intet skøn"
	if a.SupportHoursPerWeek != nil {
		def = domain.FormatNumber(*a.SupportHoursPerWeek)
	}
	for {
		answer, err := s.ask(fmt.Sprintf("Støttebehov i timer om ugen, dit skøn, fx 2,5 (enter: %s).", def))
		if err != nil {
			return err
		}
		if answer == "" {
			break
		}
		h, err := domain.ParseNumber(answer)
		if err == nil && h >= 0 && h <= 168 {
			a.SupportHoursPerWeek = &h
			break
		}
		s.say("Skriv timer om ugen som et tal mellem 0 og 168, fx 2,5.")
	}
	var err error
	if a.Permanent, err = s.yesNo("Har borgeren betydelig og varigt nedsat funktionsevne?", a.Permanent); err != nil {
		return err
	}
	a.RelativesNeedRelief, err = s.yesNo("Har pårørende, som borgeren bor hos, brug for aflastning?", a.RelativesNeedRelief)
	return err
}

// goals asks for the citizen's goals, one a line, ended by an empty line.
func (s *session) goals(current []string) ([]string, error) {
	label := s.method.Term(func(t domain.Terms) string { return t.Goals })
	if len(current) > 0 {
		s.say("%s nu: %s.", label, strings.Join(current, "; "))
		keep, err := s.yesNo("Vil du beholde målene?", true)
		if err != nil || keep {
			return current, err
		}
	}
	var goals []string
	for {
		answer, err := s.ask(fmt.Sprintf("%s %d. Skriv et mål med borgerens egne ord, eller enter for at slutte:", label, len(goals)+1))
		if err != nil && len(goals) == 0 {
			return current, err
		}
		if err != nil {
			return goals, err
		}
		if answer == "" {
			return goals, nil
		}
		goals = append(goals, answer)
	}
}

// support asks for the theme's støttebehov on the method's scale, where
// it has one; enter keeps what is there.
func (s *session) support(t *domain.ThemeAssessment) error {
	if len(s.method.SupportLevels) == 0 {
		return nil
	}
	term := s.method.Term(func(t domain.Terms) string { return t.Support })
	var scale []string
	for _, l := range s.method.SupportLevels {
		scale = append(scale, fmt.Sprintf("%d %s", l.Value, l.Label))
	}
	now := "ikke vurderet"
	if t.Support != nil {
		if l, ok := s.method.SupportLevel(*t.Support); ok {
			now = l.Label
		}
	}
	for {
		answer, err := s.ask(fmt.Sprintf("%s: %s (enter: %s).", term, strings.Join(scale, "; "), now))
		if err != nil || answer == "" {
			return err
		}
		var n int
		if _, err := fmt.Sscan(answer, &n); err == nil {
			if _, ok := s.method.SupportLevel(n); ok {
				t.Support = &n
				return nil
			}
		}
		s.say("Skriv et tal fra skalaen for %s.", strings.ToLower(term))
	}
}

// statements asks for further statements on the theme with their source,
// until the caseworker chooses none.
func (s *session) statements(t *domain.ThemeAssessment) error {
	if len(s.method.Sources) == 0 {
		return nil
	}
	for _, st := range t.Statements {
		s.say("Udsagn fra %s: %s", s.method.SourceLabel(st.Source), st.Text)
	}
	options := []string{"Ingen flere udsagn"}
	for _, src := range s.method.Sources {
		options = append(options, "Udsagn fra "+src.Label)
	}
	for {
		n, err := s.choose("Udsagn med kilde: skriv nummeret på kilden (enter: ingen flere).", options, 0)
		if err != nil || n == 0 {
			return err
		}
		text, err := s.text("Udsagnet", "")
		if err != nil {
			return err
		}
		if text != "" {
			t.Statements = append(append([]domain.Statement(nil), t.Statements...), domain.Statement{Source: s.method.Sources[n-1].ID, Text: text})
		}
	}
}

// goalChain asks for the sagsvurdering: the assessment of the citizen's
// situation, the indsatsformål and the indsatsmål, each with its primary
// theme and måltype.
func (s *session) goalChain(a *domain.Assessment) error {
	var err error
	term := func(get func(domain.Terms) string) string { return s.method.Term(get) }
	if a.Situation, err = s.text(term(func(t domain.Terms) string { return t.Situation }), a.Situation); err != nil {
		return err
	}
	if a.Purpose, err = s.text(term(func(t domain.Terms) string { return t.Purpose }), a.Purpose); err != nil {
		return err
	}
	for i, t := range a.Targets {
		s.say("%s %d: %s (%s; %s).", term(func(t domain.Terms) string { return t.Targets }), i+1, t.Text, s.method.ThemeName(t.Theme), s.method.GoalTypeLabel(t.Type))
	}
	themes := s.method.GoalThemes()
	var themeNames, typeNames []string
	for _, slug := range themes {
		themeNames = append(themeNames, s.method.ThemeName(slug))
	}
	for _, c := range s.method.GoalTypes {
		typeNames = append(typeNames, c.Label)
	}
	for {
		text, err := s.text(fmt.Sprintf("Nyt indsatsmål %d, eller enter for at slutte", len(a.Targets)+1), "")
		if err != nil || text == "" {
			return err
		}
		theme, err := s.choose("Indsatsmålets primære tema: skriv nummeret.", themeNames, -1)
		if err != nil {
			return err
		}
		kind, err := s.choose("Måltype: skriv nummeret.", typeNames, -1)
		if err != nil {
			return err
		}
		a.Targets = append(append([]domain.Target(nil), a.Targets...), domain.Target{Text: text, Theme: themes[theme], Type: s.method.GoalTypes[kind].ID})
	}
}
