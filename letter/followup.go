package letter

import (
	"fmt"
	"strings"
)

func (b *builder) goals() {
	sec := Section{Heading: HeadingGoals, Level: 1}
	var goals []string
	for _, g := range b.cf.Goals {
		if g = strings.TrimSpace(g); g != "" {
			goals = append(goals, sentence(g))
		}
	}
	if len(b.method.GoalTypes) > 0 {
		b.goalChain(&sec, goals)
		b.add(sec)
		return
	}
	if len(goals) == 0 {
		sec.Blocks = []Block{para(placeholder("mål for indsatsen"))}
	} else {
		sec.Blocks = []Block{para("Målene for indsatsen er:"), list(goals...)}
	}
	b.add(sec)
}

func (b *builder) followUp() {
	sec := Section{Heading: HeadingFollowUp, Level: 1}
	due := b.followUpDue()
	first := "Vi følger op på indsatsen senest den " + dateOr(due, "dato") + "."
	if due.IsZero() {
		first = "Vi følger op på indsatsen senest den " + placeholder("dato for første opfølgning") + "."
	}
	sec.Blocks = append(sec.Blocks, para(first))
	switch {
	case !b.covered():
		sec.Blocks = append(sec.Blocks, para(fmt.Sprintf("Datoen er fastsat af sagsbehandleren. Kommunens opfølgningsinterval: %s",
			placeholder("hvor ofte kommunen følger op efter sit serviceniveau"))))
	case !b.p.FollowUp().Stated():
		text := fmt.Sprintf("%s kvalitetsstandard angiver ikke, hvor ofte der skal følges op, så datoen er fastsat af sagsbehandleren.", b.genitive())
		if b.p.FollowUpNote != "" {
			text += " Kvalitetsstandarden siger: " + b.p.FollowUpNote
		}
		sec.Blocks = append(sec.Blocks, para(text))
	default:
		if !b.dec.FollowUpDue.IsZero() && !b.dec.FollowUpFromStandard {
			sec.Blocks = append(sec.Blocks, para("Datoen er fastsat af sagsbehandleren ud fra din situation."))
		}
		if b.p.FollowUpNote != "" {
			sec.Blocks = append(sec.Blocks, para(fmt.Sprintf("Efter %s kvalitetsstandard gælder: %s", b.genitive(), b.p.FollowUpNote)))
		}
	}
	b.add(sec)
}

// goalChain writes the goals of a method with a goal chain (VUM 2.0):
// the citizen's own wishes in their words, the purpose of the effort
// (indsatsformål) and the concrete indsatsmål with theme and måltype.
func (b *builder) goalChain(sec *Section, wishes []string) {
	if len(wishes) > 0 {
		sec.Blocks = append(sec.Blocks, para("Dine egne ønsker og mål er:"), list(wishes...))
	}
	if p := strings.TrimSpace(b.cf.Assessment.Purpose); p != "" {
		sec.Blocks = append(sec.Blocks, para("Formålet med indsatsen er: "+sentence(p)))
	} else {
		sec.Blocks = append(sec.Blocks, para("Formålet med indsatsen er: "+placeholder("indsatsformål")))
	}
	var targets []string
	for _, t := range b.cf.Assessment.Targets {
		themes := b.method.ThemeName(t.Theme)
		for _, s := range t.Secondary {
			themes += ", " + b.method.ThemeName(s)
		}
		targets = append(targets, fmt.Sprintf("%s (%s; %s)", strings.TrimSuffix(sentence(t.Text), "."), themes, b.method.GoalTypeLabel(t.Type)))
	}
	if len(targets) == 0 {
		sec.Blocks = append(sec.Blocks, para("Målene for indsatsen er: "+placeholder("indsatsmål")))
	} else {
		sec.Blocks = append(sec.Blocks, para("Målene for indsatsen er:"), list(targets...))
	}
}
