package tui

import (
	"strings"

	draft "github.com/vumdk/vum/letter"
)

// renderLetter lays the decision draft out for the terminal from the same
// letter model the Markdown, text and PDF come from: headings bold,
// lists with bullets, fields aligned, text wrapped to width.
func renderLetter(s *Styles, l *draft.Letter, width int) string {
	var b strings.Builder
	b.WriteString(s.Bold.Render(l.Municipality) + "\n")
	for _, line := range l.Sender {
		b.WriteString(line + "\n")
	}
	b.WriteString("\n")
	for _, line := range l.Recipient {
		b.WriteString(line + "\n")
	}
	b.WriteString("\n" + renderFields(s, l.Facts, width) + "\n")
	if len(l.Checks) > 0 {
		title := "Brevets retlige elementer: alle er med"
		if !l.Complete() {
			title = "Brevets retlige elementer: brevet er et udkast, indtil det manglende er udfyldt"
		}
		b.WriteString(s.Bold.Render(wrapText(title, width)) + "\n")
		for _, c := range l.Checks {
			mark, style := "✓ ", s.Subtle
			if !c.OK {
				mark, style = "✗ ", s.Warning
			}
			b.WriteString(style.Render(wrapIndent(mark, "  ", c.Element+": "+c.Detail, width)) + "\n")
		}
		b.WriteString("\n")
	}
	if len(l.Notes) > 0 {
		b.WriteString(s.Warning.Render("Til sagsbehandleren (slettes før afsendelse):") + "\n")
		for _, n := range l.Notes {
			b.WriteString(s.Warning.Render(wrapIndent("! ", "  ", n, width)) + "\n")
		}
		b.WriteString("\n")
	}
	b.WriteString(s.Heading.Render(wrapText(l.Subject, width)) + "\n\n")
	for _, sec := range l.Sections {
		if sec.Heading != "" {
			style := s.Heading
			if sec.Level > 1 {
				style = s.Subtitle
			}
			b.WriteString(style.Render(sec.Heading) + "\n")
		}
		for _, blk := range sec.Blocks {
			b.WriteString(renderBlock(s, blk, width) + "\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

func renderBlock(s *Styles, blk draft.Block, width int) string {
	switch blk.Kind {
	case draft.List:
		var lines []string
		for _, it := range blk.Items {
			lines = append(lines, wrapIndent("• ", "  ", it, width))
		}
		return strings.Join(lines, "\n") + "\n"
	case draft.Fields:
		return renderFields(s, blk.Fields, width) + "\n"
	case draft.Lines:
		return strings.Join(blk.Items, "\n") + "\n"
	}
	return wrapText(blk.Text, width) + "\n"
}

func renderFields(s *Styles, fields []draft.Field, width int) string {
	labelW := 0
	for _, f := range fields {
		labelW = max(labelW, len([]rune(f.Label))+2)
	}
	labelW = min(labelW, width/2)
	var lines []string
	for _, f := range fields {
		value := wrapText(f.Value, width-labelW)
		value = strings.ReplaceAll(value, "\n", "\n"+strings.Repeat(" ", labelW))
		lines = append(lines, s.Label.Render(fit(f.Label+":", labelW))+value)
	}
	return strings.Join(lines, "\n")
}

// wrapIndent wraps text with a first-line prefix and a hanging indent.
func wrapIndent(first, rest, text string, width int) string {
	wrapped := wrapText(text, width-len([]rune(first)))
	return first + strings.ReplaceAll(wrapped, "\n", "\n"+rest)
}
