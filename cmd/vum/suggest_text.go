package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
)

// writeSuggestionText prints a result for a person to read: plain text,
// no escape codes, so it pipes and pastes cleanly.
func writeSuggestionText(w io.Writer, cat *standards.Catalog, cf domain.CaseFile, r standards.Result) error {
	var b strings.Builder
	c := cf.Citizen
	fmt.Fprintf(&b, "Forslag for %s (%s), %s\n", c.Name, c.MaskedID(), r.MunicipalityName)
	fmt.Fprintf(&b, "Ansøgt %s · %d år · bor %s\n", cf.ApplicationDate.Danish(), cf.AgeAtApplication(), c.Living.Phrase())
	if r.Method != "" && r.Method != domain.DefaultMethodID {
		fmt.Fprintf(&b, "Udredt efter %s\n", r.MethodName)
	}
	if len(r.Suggestions) == 0 {
		b.WriteString("\nIngen ydelse foreslås.\n")
	}
	for i, s := range r.Suggestions {
		writeSuggestion(&b, i+1, s)
	}
	if len(r.Warnings) > 0 {
		b.WriteString("\nAdvarsler:\n")
		for _, warning := range r.Warnings {
			b.WriteString(wrap("  ! ", "    ", warning))
		}
	}
	b.WriteString("\nForslaget er en hjælp. Afgørelsen træffes efter en konkret og individuel vurdering.\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func writeSuggestion(b *strings.Builder, n int, s standards.Suggestion) {
	fmt.Fprintf(b, "\n%d. %s %s (%s)\n", n, s.Law, s.Title, s.Role.Label())
	for _, line := range suggestionFacts(s) {
		fmt.Fprintf(b, "   %s\n", line)
	}
	b.WriteString("   Hvorfor:\n")
	for _, reason := range s.Rationale {
		b.WriteString(wrap("   - ", "     ", reason))
	}
	if len(s.Notes) > 0 {
		b.WriteString("   Standarden siger også:\n")
		for _, note := range s.Notes {
			b.WriteString(wrap("   · ", "     ", note))
		}
	}
}

// suggestionFacts lists the service level in short lines; a fact the
// standard does not state is said to be missing, not left out.
func suggestionFacts(s standards.Suggestion) []string {
	if !s.Covered {
		return []string{"Serviceniveau: kommunen har ingen kvalitetsstandard for ydelsen i vum"}
	}
	var out []string
	if s.Tier != nil {
		est := ""
		if s.TierEstimated {
			est = ", skønnet"
		}
		out = append(out, fmt.Sprintf("Niveau: %s (%s%s)", *s.Tier, s.HoursPerWeek.Text(), est))
	}
	if s.DaysPerWeekMax != nil {
		out = append(out, "Dage om ugen: "+s.DaysPerWeekText())
	}
	if s.DaysPerYearMax != nil {
		out = append(out, fmt.Sprintf("Døgn om året: højst %d", *s.DaysPerYearMax))
	}
	if s.DurationMaxMonths != nil {
		out = append(out, fmt.Sprintf("Varighed: højst %d måneder", *s.DurationMaxMonths))
	}
	out = append(out, "Afgørelse senest: "+s.DeadlineText(domain.Date{}), "Opfølgning: "+s.FollowUpText(), "Klage: "+s.AppealText())
	return out
}

// wrap breaks text at 78 columns with the given first-line and
// continuation prefixes.
func wrap(first, rest, text string) string {
	const width = 78
	var b strings.Builder
	line := first
	words := strings.Fields(text)
	for i, word := range words {
		if i > 0 && len([]rune(line))+1+len([]rune(word)) > width {
			b.WriteString(line + "\n")
			line = rest + word
			continue
		}
		if i > 0 {
			line += " "
		}
		line += word
	}
	b.WriteString(line + "\n")
	return b.String()
}
