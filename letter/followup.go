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
