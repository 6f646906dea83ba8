package letter

import (
	"strings"

	"github.com/vumdk/vum/domain"
)

// Markdown renders the letter as Markdown: the header as short lines, the
// caseworker's notes as a quote, the subject as the title, sections as
// headings, fields as a list with bold labels.
func (l *Letter) Markdown() string { return domain.Visible(l.markdown()) }

func (l *Letter) markdown() string {
	var w strings.Builder
	hardLines(&w, append([]string{"**" + mdEscape(l.Municipality) + "**"}, escapeAll(l.Sender)...))
	w.WriteString("\n")
	hardLines(&w, escapeAll(l.Recipient))
	w.WriteString("\n")
	facts := make([]string, len(l.Facts))
	for i, f := range l.Facts {
		facts[i] = mdEscape(f.Label) + ": " + mdEscape(f.Value)
	}
	hardLines(&w, facts)
	if len(l.Notes) > 0 {
		w.WriteString("\n> **" + NotesHeading + "**\n>\n")
		for _, n := range l.Notes {
			w.WriteString("> - " + mdEscapeStart(n) + "\n")
		}
	}
	w.WriteString("\n# " + mdEscape(l.Subject) + "\n")
	for _, sec := range l.Sections {
		if sec.Heading != "" {
			w.WriteString("\n" + strings.Repeat("#", sec.Level+1) + " " + mdEscape(sec.Heading) + "\n")
		}
		for _, b := range sec.Blocks {
			w.WriteString("\n")
			switch b.Kind {
			case Paragraph:
				w.WriteString(mdEscapeStart(b.Text) + "\n")
			case List:
				for _, it := range b.Items {
					w.WriteString("- " + mdEscapeStart(it) + "\n")
				}
			case Fields:
				for _, f := range b.Fields {
					w.WriteString("- **" + mdEscape(f.Label) + ":** " + mdEscape(f.Value) + "\n")
				}
			case Lines:
				hardLines(&w, escapeAll(b.Items))
			}
		}
	}
	return w.String()
}

// NotesHeading heads the notes for the caseworker in every rendering.
const NotesHeading = "Til sagsbehandleren (slettes før afsendelse)"

// hardLines writes lines that must stay lines: a backslash at the end of
// each but the last keeps them in one paragraph with line breaks. An empty
// line is written as a lone backslash so the paragraph is not split.
func hardLines(w *strings.Builder, lines []string) {
	for i, s := range lines {
		w.WriteString(s)
		if i < len(lines)-1 {
			w.WriteString("\\")
		}
		w.WriteString("\n")
	}
}

func escapeAll(items []string) []string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = mdEscapeStart(s)
	}
	return out
}

// mdEscape escapes the characters that would turn plain text into
// emphasis, code or HTML. Square brackets stay as they are: a bracketed
// text without a link target is shown literally, so placeholders read
// the same in every rendering.
func mdEscape(s string) string {
	if !strings.ContainsAny(s, "\\`*_<>") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_<>", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdEscapeStart escapes s and also what would make a line start a
// heading, a quote, a list item or a rule.
func mdEscapeStart(s string) string {
	s = mdEscape(s)
	if s == "" {
		return s
	}
	switch s[0] {
	case '#', '>', '-', '+', '=', '|':
		return "\\" + s
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') && (i+1 == len(s) || s[i+1] == ' ') {
		return s[:i] + "\\" + s[i:]
	}
	return s
}
