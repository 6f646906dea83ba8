package letter

import (
	"fmt"
	"sort"
	"strings"

	"github.com/vumdk/vum/domain"
)

// reasons writes the begrundelse: the rule, the facts relied on and the
// considerations (forvaltningsloven §§ 22-24).
func (b *builder) reasons() {
	b.add(Section{Heading: HeadingReasons, Level: 1})
	b.add(Section{Heading: HeadingRules, Level: 2, Blocks: []Block{
		para(fmt.Sprintf("Afgørelsen er truffet efter %s om %s. Efter %s gælder:", b.lawCited(), b.title(), b.provisionsWord())),
		para(b.law.Purpose),
	}})
	b.add(Section{Heading: HeadingFacts, Level: 2, Blocks: b.facts()})
	b.add(Section{Heading: HeadingConsideration, Level: 2, Blocks: b.considerations()})
}

// facts lists the assessed themes with levels, the caseworker's notes and
// the citizen's own view, then the other facts the rules use.
func (b *builder) facts() []Block {
	var out []Block
	var themes []string
	viewGiven := false
	for _, slug := range b.themeOrder() {
		t := b.cf.Assessment.Themes[slug]
		name := b.method.ThemeName(slug)
		var s string
		switch {
		case t.NotRelevant:
			s = name + ": ikke relevant for din situation."
		case !t.Scored():
			s = name + ":" // described in words, as the method asks
		default:
			s = fmt.Sprintf("%s: niveau %s.", name, b.method.LevelLabel(t.Level))
		}
		if note := strings.TrimSpace(t.Note); note != "" {
			s += " Vores vurdering: " + sentence(note)
		}
		if view := strings.TrimSpace(t.CitizenView); view != "" {
			s += " Din egen vurdering: »" + view + "«"
			viewGiven = true
		}
		for _, st := range t.Statements {
			s += " " + statementText(b.method, st)
			viewGiven = viewGiven || strings.HasPrefix(st.Source, "borger")
		}
		if t.Support != nil {
			if l, ok := b.method.SupportLevel(*t.Support); ok {
				s += " " + b.method.Term(func(t domain.Terms) string { return t.Support }) + ": " + l.Label + "."
			}
		}
		themes = append(themes, s)
	}
	if len(themes) > 0 {
		out = append(out, para("Vi har lagt vægt på disse oplysninger fra udredningen"+b.scaleText()+":"), list(themes...))
		if v := strings.TrimSpace(b.in.Fill.CitizenView); v != "" {
			out = append(out, para("Din egen vurdering: »"+v+"«"))
		} else if !viewGiven {
			out = append(out, para("Din egen vurdering: "+placeholder("borgerens egen vurdering af sin situation")))
		}
	} else {
		out = append(out, para(placeholder("de oplysninger fra udredningen, som afgørelsen bygger på")))
	}
	var other []string
	age := b.cf.AgeAtApplication()
	if !b.cf.Citizen.Birth().IsZero() && !b.cf.ApplicationDate.IsZero() {
		when := "da du søgte"
		if b.noVisitation() {
			when = "da du henvendte dig"
		}
		other = append(other, fmt.Sprintf("Du var %d år, %s.", age, when))
	}
	if b.cf.Citizen.Living.Valid() {
		other = append(other, "Du bor "+b.cf.Citizen.Living.Phrase()+".")
	}
	if h := b.cf.Assessment.SupportHoursPerWeek; h != nil && b.law.ID == domain.SEL85 {
		other = append(other, fmt.Sprintf("Vi har vurderet dit behov for støtte til %s om ugen.", hoursText(*h)))
	}
	if b.cf.Assessment.Permanent {
		other = append(other, "Din funktionsnedsættelse er vurderet som betydelig og varig.")
	}
	if b.cf.Assessment.RelativesNeedRelief {
		other = append(other, "Dine pårørende, som passer dig i hjemmet, har behov for aflastning.")
	}
	if len(other) > 0 {
		out = append(out, para("Vi har desuden lagt vægt på:"), list(other...))
	}
	return out
}

// statementText quotes a statement with its source; the citizen's own
// words are addressed to the citizen.
func statementText(m *domain.Method, st domain.Statement) string {
	text, label := strings.TrimSpace(st.Text), m.SourceLabel(st.Source)
	switch {
	case st.Source == "borger":
		return "Du har fortalt: »" + text + "«"
	case strings.HasPrefix(st.Source, "borger"):
		return "Du har fortalt (" + label + "): »" + text + "«"
	}
	return "Oplyst af " + label + ": »" + text + "«"
}

// scaleText explains the method's scale from its own levels, e.g.
// " (niveau 0-4, hvor 0 er ingen begrænsninger og 4 er totale
// begrænsninger)", so a municipality's own method reads right too.
func (b *builder) scaleText() string {
	lo, hi := b.method.LevelRange()
	loDef, okLo := b.method.Level(lo)
	hiDef, okHi := b.method.Level(hi)
	if !okLo || !okHi || lo == hi {
		return ""
	}
	return fmt.Sprintf(" (niveau %d-%d, hvor %d er %s og %d er %s)", lo, hi, lo, loDef.Label, hi, hiDef.Label)
}

// themeOrder returns the assessed themes in the method's order, then any
// the method does not know, by slug.
func (b *builder) themeOrder() []string {
	var out []string
	seen := map[string]bool{}
	for _, slug := range b.method.ThemeSlugs() {
		if _, ok := b.cf.Assessment.Themes[slug]; ok {
			out = append(out, slug)
			seen[slug] = true
		}
	}
	var rest []string
	for slug := range b.cf.Assessment.Themes {
		if !seen[slug] {
			rest = append(rest, slug)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}
