// Package synth makes realistic synthetic cases, deterministic by seed,
// for benchmarks and load tests. The cases pass vum's own validation and
// carry decisions made the way a caseworker would: mostly as suggested,
// sometimes otherwise with a reason, now and then a refusal.
package synth

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
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

// Next returns the next record.
func (g *Generator) Next() domain.Record {
	g.n++
	cf := g.caseFile()
	rec := domain.Record{Case: cf}
	if d, ok := g.decision(cf); ok {
		rec.Decision = &d
		rec.FollowUpDue = g.followUp(cf, d)
	}
	return rec
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
	mw := make([]int, len(municipalities))
	for i, m := range municipalities {
		mw[i] = m.weight
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
		Schema: domain.CaseSchema, Municipality: municipalities[g.pick(mw)].id,
		Citizen: citizen, ApplicationDate: applied,
	}
	cf.Assessment, cf.Goals = g.assessment(citizen.Living)
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

func (g *Generator) assessment(living domain.Living) (domain.Assessment, []string) {
	slugs := g.cat.Method.ThemeSlugs()
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
	return a, goals
}

// decision decides as a caseworker might: mostly the primary suggestion,
// sometimes another tier or provision with a reason, now and then a
// refusal; some cases are still open.
func (g *Generator) decision(cf domain.CaseFile) (domain.Decision, bool) {
	if g.rnd.IntN(20) == 0 {
		return domain.Decision{}, false // still open
	}
	result, err := g.cat.Suggest(cf)
	if err != nil {
		panic(err)
	}
	primary, ok := result.Primary()
	if !ok {
		return domain.Decision{}, false
	}
	date := cf.ApplicationDate.AddDays(7 + g.rnd.IntN(70))
	if g.opt.Today.Before(date) {
		date = g.opt.Today
	}
	in := standards.DecisionInput{Provision: primary.Provision, Date: date, Today: g.opt.Today}
	switch roll := g.rnd.IntN(100); {
	case roll < 3:
		in.Refused, in.Reason = true, reasons[g.rnd.IntN(len(reasons))]
	case roll < 15 && len(result.Suggestions) > 1:
		in.Provision, in.Reason = result.Suggestions[1].Provision, reasons[g.rnd.IntN(len(reasons))]
	case roll < 15 && primary.Tier != nil:
		in.Tier, in.Reason = otherTier(*primary.Tier), reasons[g.rnd.IntN(len(reasons))]
	}
	d, _, err := g.cat.Decide(cf, in)
	if err != nil {
		in.Reason = reasons[0] // e.g. a provision without tiers picked above
		in.Tier = ""
		if d, _, err = g.cat.Decide(cf, in); err != nil {
			return domain.Decision{}, false
		}
	}
	return d, true
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

// followUp places the next follow-up: within the window for the chosen
// due cases, beyond it for the rest (as if earlier follow-ups were done).
func (g *Generator) followUp(cf domain.CaseFile, d domain.Decision) domain.Date {
	if d.Refused || g.opt.Due <= 0 {
		return domain.Date{}
	}
	remaining := g.total - g.n + 1
	if g.dueLeft > 0 && g.rnd.IntN(remaining) < g.dueLeft {
		g.dueLeft--
		due := g.opt.Today.AddDays(g.rnd.IntN(g.opt.Window+10) - 10)
		if !due.After(d.StartDate()) {
			due = d.StartDate().AddDays(1)
		}
		return due
	}
	horizon := g.opt.Today.AddDays(g.opt.Window)
	due := d.FollowUpDue
	for !due.After(horizon) {
		due = due.AddMonths(12)
	}
	return due
}

// Today is the current date, for callers without one.
func Today() domain.Date { return domain.DateOf(time.Now()) }
