// Package synth makes realistic synthetic cases, deterministic by seed,
// for benchmarks and load tests. The cases pass vum's own validation and
// carry decisions made the way a caseworker would: mostly as suggested,
// sometimes otherwise with a reason, now and then a refusal.
package synth

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/oklog/ulid/v2"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
	"github.com/vumdk/vum/store"
)

// Options shape the generated population.
type Options struct {
	Seed  uint64
	Today domain.Date
	// Due, when positive, is the exact number of cases whose next
	// follow-up falls within Window days of Today (some a little overdue);
	// every other follow-up is moved beyond the window. This lets stores of
	// different sizes have the same number of due entries.
	Due    int
	Window int
	// Municipalities, when given, are the municipalities the cases belong
	// to, in equal shares; each case is assessed under the method its
	// municipality's standard names (VUM 2.0 for one that names vum2).
	// Empty: the embedded municipalities, weighted by size.
	Municipalities []string
}

// Generator yields one record at a time.
type Generator struct {
	opt     Options
	cat     *standards.Catalog
	rnd     *rand.Rand
	n       int
	dueLeft int
	total   int
}

// New returns a generator for total records.
func New(cat *standards.Catalog, total int, opt Options) *Generator {
	if opt.Window <= 0 {
		opt.Window = 30
	}
	return &Generator{opt: opt, cat: cat, rnd: rand.New(rand.NewPCG(opt.Seed, 0x76756d)), dueLeft: opt.Due, total: total}
}

var municipalities = []struct {
	id     string
	weight int
}{{"ishoj", 35}, {"vallensbaek", 15}, {"gentofte", 30}, {"ballerup", 20}}

var livings = []struct {
	living domain.Living
	weight int
}{{domain.OwnHome, 55}, {domain.WithFamily, 20}, {domain.Residential, 15}, {domain.ABL105, 10}}

// Next returns the next case with its whole history.
func (g *Generator) Next() store.ExportCase {
	g.n++
	for {
		ec, ok := g.next()
		if ok {
			return ec
		}
	}
}

// next makes one case; ok is false when the case cannot take one of the
// follow-ups that must still fall within the window (it has no active
// grant), and another must be made in its place.
func (g *Generator) next() (store.ExportCase, bool) {
	cf := g.caseFile()
	h := &history{g: g, cf: cf}
	h.c = domain.Case{ID: g.id(cf.ApplicationDate)}
	h.add(cf.ApplicationDate, domain.Event{Kind: domain.EventOpened, Opening: ptr(cf.Opening())})
	assessed := g.before(cf.ApplicationDate.AddDays(3 + g.rnd.IntN(8)))
	h.add(assessed, domain.Event{Kind: domain.EventAssessment, Assessment: cf.FirstAssessment(assessed)})
	if g.rnd.IntN(20) == 0 {
		h.add(g.before(assessed.AddDays(g.rnd.IntN(20))), g.correction(h.c))
	}
	h.decide()
	h.followUps()
	if g.opt.Due > 0 && g.dueLeft >= g.total-g.n+1 && len(h.c.Active()) == 0 {
		return store.ExportCase{}, false
	}
	h.placeDue()
	return store.ExportCase{ID: h.c.ID, Created: h.c.Events[0].Recorded, Events: h.c.Events}, true
}

// id makes a case id from the generator's random source, stamped with the
// day the case was opened.
func (g *Generator) id(opened domain.Date) string {
	var entropy [10]byte
	for i := range entropy {
		entropy[i] = byte(g.rnd.IntN(256))
	}
	var id ulid.ULID
	id.SetTime(ulid.Timestamp(opened.Time().Add(9 * time.Hour)))
	id.SetEntropy(entropy[:])
	return id.String()
}

func ptr[T any](v T) *T { return &v }

// before returns d, or today when d lies after it.
func (g *Generator) before(d domain.Date) domain.Date {
	if g.opt.Today.Before(d) {
		return g.opt.Today
	}
	return d
}

var caseworkers = []string{"anne.holm", "bo.madsen", "cecilie.dahl", "dennis.krogh"}

// history builds one case's events in order.
type history struct {
	g    *Generator
	cf   domain.CaseFile
	c    domain.Case
	user string
	last time.Time
}

// add records e as made on day d (or later, when the case has moved on).
func (h *history) add(d domain.Date, e domain.Event) {
	if h.user == "" {
		h.user = caseworkers[h.g.rnd.IntN(len(caseworkers))]
	}
	at := d.Time().Add(9*time.Hour + time.Duration(h.g.rnd.IntN(480))*time.Minute)
	if !at.After(h.last) {
		at = h.last.Add(time.Minute)
	}
	h.last = at
	e.Seq, e.Recorded, e.User = h.c.Version+1, at.UTC(), h.user
	if err := h.c.Apply(e); err != nil {
		panic(fmt.Sprintf("synth made an invalid event %s: %v", e.Kind, err))
	}
}

func (g *Generator) correction(c domain.Case) domain.Event {
	e, err := c.Correction(map[string]string{domain.FieldAddress: fmt.Sprintf("%s %d, 2635 Ishøj", streets[g.rnd.IntN(len(streets))], 1+g.rnd.IntN(90))},
		"Borgeren er flyttet.", c.ApplicationDate, []string{c.Municipality})
	if err != nil {
		panic(err)
	}
	return e
}

var streets = []string{"Vejlebrovej", "Ishøj Strandvej", "Baldersbækvej", "Gadevangen", "Ørnevej"}

// decide grants the primary suggestion (now and then another tier with a
// reason, or a refusal) and, often, the complementary ones; some cases
// are still open.
func (h *history) decide() {
	g := h.g
	if g.rnd.IntN(20) == 0 {
		return // still open
	}
	result, err := g.cat.Suggest(h.cf)
	if err != nil {
		panic(err)
	}
	date := g.before(h.cf.ApplicationDate.AddDays(14 + g.rnd.IntN(60)))
	for i, sug := range result.Suggestions {
		if sug.Role == standards.Alternative || (sug.Role == standards.Complementary && g.rnd.IntN(10) < 4) {
			continue
		}
		in := standards.DecisionInput{Provision: sug.Provision, Date: date, Today: g.opt.Today, Active: h.c.Active(), Scope: g.scope(sug)}
		switch roll := g.rnd.IntN(100); {
		case i == 0 && roll < 3:
			in.Refused, in.Reason, in.Scope = true, reasons[g.rnd.IntN(len(reasons))], domain.Scope{}
		case i == 0 && roll < 12 && sug.Tier != nil:
			in.Tier, in.Reason, in.Scope.HoursPerWeek = otherTier(*sug.Tier), reasons[g.rnd.IntN(len(reasons))], nil
		}
		d, _, err := g.cat.Decide(h.cf, in)
		if err != nil {
			in.Reason, in.Tier = reasons[0], ""
			if d, _, err = g.cat.Decide(h.cf, in); err != nil {
				continue
			}
		}
		h.add(date, h.c.GrantEvent(d))
	}
}

// scope is what a caseworker grants of a suggestion, in its unit.
func (g *Generator) scope(s standards.Suggestion) domain.Scope {
	var sc domain.Scope
	switch s.Provision.Unit() {
	case domain.UnitHoursPerWeek:
		if s.NeedHoursPerWeek != nil && *s.NeedHoursPerWeek > 0 {
			sc = sc.WithAmount(domain.UnitHoursPerWeek, *s.NeedHoursPerWeek)
		}
	case domain.UnitDaysPerWeek:
		days := 3
		if s.DaysPerWeekMax != nil {
			days = 1 + g.rnd.IntN(*s.DaysPerWeekMax)
		}
		if s.DaysPerWeekMin != nil && days < *s.DaysPerWeekMin {
			days = *s.DaysPerWeekMin
		}
		sc = sc.WithAmount(domain.UnitDaysPerWeek, float64(days))
	case domain.UnitDaysPerYear:
		max := 90
		if s.DaysPerYearMax != nil {
			max = *s.DaysPerYearMax
		}
		sc = sc.WithAmount(domain.UnitDaysPerYear, float64(12+g.rnd.IntN(max-11)))
	case domain.UnitMonths:
		months := 6
		if s.DurationMaxMonths != nil {
			months = *s.DurationMaxMonths
		}
		sc = sc.WithAmount(domain.UnitMonths, float64(3+g.rnd.IntN(months-2)))
	}
	return sc
}

// interval is the months from a follow-up to the next one for p.
func (h *history) interval(p domain.ProvisionID) int {
	if std, _, ok := h.g.cat.ForMunicipality(h.c.Municipality); ok {
		if ps, covered := std.Provision(p); covered {
			if m, ok := ps.FollowUp().Latest(); ok {
				return m
			}
		}
	}
	return standards.DefaultFollowUpMonths
}

// followUps carries out every follow-up that fell due before today: most
// grants go on, some change scope after a reassessment, some end.
func (h *history) followUps() {
	g := h.g
	for range 6 {
		due, grant := h.earliestBefore(g.opt.Today.AddDays(-14))
		if grant.ID == "" {
			return
		}
		done := g.before(due.AddDays(g.rnd.IntN(14)))
		h.followUp(grant, done, due)
	}
}

// earliestBefore returns the active grant with the earliest follow-up
// due before last.
func (h *history) earliestBefore(last domain.Date) (domain.Date, domain.Grant) {
	var best domain.Grant
	for _, gr := range h.c.Active() {
		if gr.FollowUpDue.Before(last) && (best.ID == "" || gr.FollowUpDue.Before(best.FollowUpDue)) {
			best = gr
		}
	}
	return best.FollowUpDue, best
}

func (h *history) followUp(grant domain.Grant, done, due domain.Date) {
	g := h.g
	reassessed := g.rnd.IntN(3) == 0
	if reassessed {
		cur, _ := h.c.Current()
		a := cur.Assessment
		a.Themes = maps.Clone(a.Themes)
		for _, slug := range slices.Sorted(maps.Keys(a.Themes)) {
			t := a.Themes[slug]
			if t.Scored() && t.Level > 0 && g.rnd.IntN(2) == 0 {
				t.Level--
				t.Note += " Revurderet: bedre end ved første udredning."
				a.Themes[slug] = t
				break
			}
		}
		h.add(done, domain.Event{Kind: domain.EventAssessment, Assessment: &domain.AssessmentEvent{Date: done, Kind: domain.Reassessment, Assessment: a, Goals: cur.Goals,
			Method: cur.Method, MethodVersion: cur.MethodVersion}})
	}
	fu := &domain.FollowUp{Provision: grant.Provision, Due: due, Done: done, Outcome: domain.OutcomeContinue, Reassessed: reassessed,
		Next: done.AddMonths(h.interval(grant.Provision))}
	switch roll := g.rnd.IntN(100); {
	case roll < 8:
		fu.Outcome, fu.Next, fu.Note = domain.OutcomeEnd, domain.Date{}, "Målene er nået."
		h.add(done, domain.Event{Kind: domain.EventFollowUp, Grant: grant.ID, FollowUp: fu})
		end, err := domain.EndGrant(grant, done, done.AddDays(30), "Du har nået målene for indsatsen og har ikke længere behov for den.")
		if err != nil {
			panic(err)
		}
		h.add(done, end)
		return
	case roll < 15 && grant.Provision.Unit() == domain.UnitHoursPerWeek && grant.Scope.HoursPerWeek != nil && *grant.Scope.HoursPerWeek > 1:
		fu.Outcome, fu.Note = domain.OutcomeChange, "Behovet er mindre end før."
		h.add(done, domain.Event{Kind: domain.EventFollowUp, Grant: grant.ID, FollowUp: fu})
		in := standards.DecisionInput{Provision: grant.Provision, Date: done, Today: g.opt.Today, Change: grant.ID, Active: h.c.Active(),
			Scope: grant.Scope.WithAmount(domain.UnitHoursPerWeek, *grant.Scope.HoursPerWeek-1), Reason: "Behovet er mindre efter revurderingen.",
			FollowUp: fu.Next}
		if d, _, err := g.cat.Decide(h.c.File(), in); err == nil {
			h.add(done, domain.ChangeEvent(grant.ID, d))
		}
		return
	}
	h.add(done, domain.Event{Kind: domain.EventFollowUp, Grant: grant.ID, FollowUp: fu})
}

// placeDue puts the case's follow-ups where the options ask: when Due is
// set, exactly that many cases have one follow-up within Window days of
// today, and no other follow-up falls there.
func (h *history) placeDue() {
	g := h.g
	if g.opt.Due <= 0 {
		return
	}
	horizon := g.opt.Today.AddDays(g.opt.Window)
	active := h.c.Active()
	chosen := -1
	remaining := g.total - g.n + 1
	if len(active) > 0 && g.dueLeft > 0 && g.rnd.IntN(remaining) < g.dueLeft {
		chosen = g.rnd.IntN(len(active))
		g.dueLeft--
	} else if len(active) > 0 && g.dueLeft >= remaining {
		chosen = 0
		g.dueLeft--
	}
	for i, gr := range active {
		due := gr.FollowUpDue
		switch {
		case i == chosen && !due.Before(g.opt.Today.AddDays(-10)) && !due.After(horizon):
			// already in the window
		case i == chosen:
			target := g.opt.Today.AddDays(g.rnd.IntN(g.opt.Window+10) - 10)
			done := h.lastDate()
			if done.Before(g.opt.Today.AddDays(-40)) {
				done = g.opt.Today.AddDays(-40)
			}
			done = g.before(done)
			if !done.Before(target) {
				target = done.AddDays(1)
			}
			h.add(done, domain.Event{Kind: domain.EventFollowUp, Grant: gr.ID, FollowUp: &domain.FollowUp{Provision: gr.Provision,
				Due: due, Done: done, Outcome: domain.OutcomeContinue, Next: target}})
		case !due.After(horizon):
			done := g.opt.Today // carried out early, today
			h.add(done, domain.Event{Kind: domain.EventFollowUp, Grant: gr.ID, FollowUp: &domain.FollowUp{Provision: gr.Provision,
				Due: due, Done: done, Outcome: domain.OutcomeContinue, Next: done.AddMonths(h.interval(gr.Provision))}})
		}
	}
}

// lastDate is the day of the newest event.
func (h *history) lastDate() domain.Date {
	return domain.DateOf(h.last).AddDays(1)
}

func (g *Generator) pick(weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	r := g.rnd.IntN(total)
	for i, w := range weights {
		if r < w {
			return i
		}
		r -= w
	}
	return len(weights) - 1
}

func (g *Generator) caseFile() domain.CaseFile {
	ids := make([]string, len(municipalities))
	mw := make([]int, len(municipalities))
	for i, m := range municipalities {
		ids[i], mw[i] = m.id, m.weight
	}
	if len(g.opt.Municipalities) > 0 {
		ids, mw = g.opt.Municipalities, make([]int, len(g.opt.Municipalities))
		for i := range mw {
			mw[i] = 1
		}
	}
	lw := make([]int, len(livings))
	for i, l := range livings {
		lw[i] = l.weight
	}
	// Applications spread over the two years before today.
	applied := g.opt.Today.AddDays(-g.rnd.IntN(730) - 1)
	birth := applied.AddDays(-(18*365 + 10 + g.rnd.IntN(55*365)))
	citizen := domain.Citizen{Name: g.name(), Living: livings[g.pick(lw)].living}
	if g.rnd.IntN(10) < 9 {
		citizen.CPR = g.cpr(birth)
	} else {
		citizen.BirthDate = birth
	}
	cf := domain.CaseFile{
		Schema: domain.CaseSchema, Municipality: ids[g.pick(mw)],
		Citizen: citizen, ApplicationDate: applied,
	}
	method := g.cat.MethodFor(cf.Municipality)
	if domain.MethodID(method.ID) != domain.DefaultMethodID {
		cf.Method, cf.MethodVersion = method.ID, method.Version
	}
	cf.Assessment, cf.Goals = g.assessment(method, citizen.Living)
	return cf
}

func (g *Generator) name() string {
	return first[g.rnd.IntN(len(first))] + " " + last[g.rnd.IntN(len(last))]
}

// cpr makes a number whose seventh digit gives birth's century.
func (g *Generator) cpr(birth domain.Date) domain.CPR {
	yy := birth.Year() % 100
	var seventh int
	if birth.Year() < 2000 {
		seventh = g.rnd.IntN(4) // 0-3: 1900s
	} else {
		seventh = 4 // 4 with yy <= 36: 2000s
	}
	s := fmt.Sprintf("%02d%02d%02d-%d%03d", birth.Day(), int(birth.Month()), yy, seventh, g.rnd.IntN(1000))
	c, err := domain.ParseCPR(s)
	if err != nil {
		panic(fmt.Sprintf("synth made an invalid CPR %s: %v", s, err))
	}
	return c
}

func (g *Generator) assessment(method *domain.Method, living domain.Living) (domain.Assessment, []string) {
	slugs := method.ThemeSlugs()
	severity := g.pick([]int{15, 30, 30, 17, 8}) // 0-4
	count := 3 + g.rnd.IntN(6)
	a := domain.Assessment{Themes: map[string]domain.ThemeAssessment{}}
	for _, i := range g.rnd.Perm(len(slugs))[:count] {
		level := min(4, max(0, severity+g.rnd.IntN(3)-1))
		t := domain.ThemeAssessment{Level: level, Note: note(slugs[i], level, g.rnd)}
		if g.rnd.IntN(3) == 0 {
			t.CitizenView = views[g.rnd.IntN(len(views))]
		}
		if g.rnd.IntN(12) == 0 {
			t = domain.ThemeAssessment{NotRelevant: true, Note: "Ikke relevant for ansøgningen."}
		}
		g.furtherAnswers(method, slugs[i], &t)
		a.Themes[slugs[i]] = t
	}
	if severity >= 2 && g.rnd.IntN(4) > 0 {
		h := float64(severity*severity) * (0.5 + g.rnd.Float64())
		h = float64(int(h*2)) / 2
		a.SupportHoursPerWeek = &h
	}
	a.Permanent = severity >= 3 && g.rnd.IntN(2) == 0
	a.RelativesNeedRelief = living == domain.WithFamily && severity >= 2 && g.rnd.IntN(3) == 0
	goals := []string{goalBank[g.rnd.IntN(len(goalBank))]}
	if g.rnd.IntN(2) == 0 {
		goals = append(goals, goalBank[g.rnd.IntN(len(goalBank))])
	}
	g.goalChain(method, &a)
	return a, goals
}

// furtherAnswers gives a theme what a method like VUM 2.0 adds: themes its
// method describes in words mostly lose their level, scored themes get a
// støttebehov near their level, and some get a statement from another
// source.
func (g *Generator) furtherAnswers(method *domain.Method, slug string, t *domain.ThemeAssessment) {
	if t.NotRelevant {
		return
	}
	if method.ThemeLevel(slug) != domain.LevelRequired && g.rnd.IntN(4) > 0 {
		t.Level, t.Unscored = 0, true
	}
	if len(method.SupportLevels) > 0 && !t.Unscored {
		lo, hi := method.SupportLevels[0].Value, method.SupportLevels[len(method.SupportLevels)-1].Value
		v := min(hi, max(lo, t.Level+g.rnd.IntN(3)-1))
		t.Support = &v
	}
	if len(method.Sources) > 0 && g.rnd.IntN(3) == 0 {
		st := statements[g.rnd.IntN(len(statements))]
		if _, ok := choice(method.Sources, st.source); ok {
			t.Statements = []domain.Statement{{Source: st.source, Text: st.text}}
		}
	}
}

// goalChain writes the sagsvurdering of a method with a goal chain: the
// situation, the indsatsformål and an indsatsmål or two on the most
// severely assessed themes an indsatsmål may name.
func (g *Generator) goalChain(method *domain.Method, a *domain.Assessment) {
	if len(method.GoalTypes) == 0 {
		return
	}
	a.Situation = situations[g.rnd.IntN(len(situations))]
	a.Purpose = purposes[g.rnd.IntN(len(purposes))]
	for _, st := range a.Scored() {
		if !method.GoalTheme(st.Slug) || len(a.Targets) == 2 {
			continue
		}
		a.Targets = append(a.Targets, domain.Target{Text: "Borgeren bliver bedre til " + strings.ToLower(method.ThemeName(st.Slug)) + ".",
			Theme: st.Slug, Type: method.GoalTypes[g.rnd.IntN(len(method.GoalTypes))].ID})
	}
}

func choice(list []domain.Choice, id string) (domain.Choice, bool) {
	for _, c := range list {
		if c.ID == id {
			return c, true
		}
	}
	return domain.Choice{}, false
}

func otherTier(t string) string {
	switch t {
	case "let":
		return "moderat"
	case "omfattende":
		return "stor"
	}
	return "let"
}

// Today is the current date, for callers without one.
func Today() domain.Date { return domain.DateOf(time.Now()) }
