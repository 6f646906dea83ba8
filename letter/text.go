package letter

import (
	"strings"
	"unicode/utf8"

	"github.com/vumdk/vum/domain"
)

// TextWidth is the column Text wraps at.
const TextWidth = 78

// Text renders the letter as plain text for pasting into a case system:
// no markup, headings in capitals, lists with a dash and a hanging
// indent, fields with aligned values, every line at most TextWidth
// columns unless a single word is longer.
func (l *Letter) Text() string { return domain.Visible(l.text()) }

func (l *Letter) text() string {
	var w strings.Builder
	for _, s := range append([]string{l.Municipality}, l.Sender...) {
		wrapTo(&w, s, "", "")
	}
	w.WriteString("\n")
	for _, s := range l.Recipient {
		wrapTo(&w, s, "", "")
	}
	w.WriteString("\n")
	textFields(&w, l.Facts)
	if len(l.Notes) > 0 {
		w.WriteString("\n")
		wrapTo(&w, strings.ToUpper(NotesHeading)+":", "", "")
		for _, n := range l.Notes {
			wrapTo(&w, n, "  - ", "    ")
		}
	}
	w.WriteString("\n")
	wrapTo(&w, strings.ToUpper(l.Subject), "", "")
	for _, sec := range l.Sections {
		if sec.Heading != "" {
			h := sec.Heading
			if sec.Level <= 1 {
				h = strings.ToUpper(h)
			}
			w.WriteString("\n")
			wrapTo(&w, h, "", "")
		}
		for _, b := range sec.Blocks {
			w.WriteString("\n")
			switch b.Kind {
			case Paragraph:
				wrapTo(&w, b.Text, "", "")
			case List:
				for _, it := range b.Items {
					wrapTo(&w, it, "- ", "  ")
				}
			case Fields:
				textFields(&w, b.Fields)
			case Lines:
				for _, s := range b.Items {
					wrapTo(&w, s, "", "")
				}
			}
		}
	}
	return w.String()
}

// textFields writes label/value pairs with the values lined up after the
// longest label; a value that does not fit wraps under itself. Labels
// wider than a third of the line push their value onto the next line.
func textFields(w *strings.Builder, fs []Field) {
	width := 0
	for _, f := range fs {
		if n := utf8.RuneCountInString(f.Label) + 2; n > width && n <= TextWidth/3 {
			width = n
		}
	}
	pad := strings.Repeat(" ", width)
	for _, f := range fs {
		label := f.Label + ":"
		n := utf8.RuneCountInString(label)
		if n+1 > width {
			wrapTo(w, label, "", "")
			wrapTo(w, f.Value, pad, pad)
			continue
		}
		wrapTo(w, f.Value, label+strings.Repeat(" ", width-n), pad)
	}
}

// wrapTo writes text wrapped at TextWidth: first before the first line,
// indent before the others. Runs of spaces collapse; an empty text writes
// first alone on its line.
func wrapTo(w *strings.Builder, text, first, indent string) {
	words := glueSections(strings.Fields(text))
	if len(words) == 0 {
		w.WriteString(strings.TrimRight(first, " ") + "\n")
		return
	}
	w.WriteString(first)
	start := utf8.RuneCountInString(first)
	col := start
	for _, word := range words {
		n := utf8.RuneCountInString(word)
		switch {
		case col == start:
		case col+1+n > TextWidth:
			w.WriteString("\n")
			w.WriteString(indent)
			start = utf8.RuneCountInString(indent)
			col = start
		default:
			w.WriteByte(' ')
			col++
		}
		w.WriteString(word)
		col += n
	}
	w.WriteString("\n")
}

// glueSections keeps "§" and "stk." with the number after them, so that
// "§ 85" or "stk. 1" is never split over two lines, and the day with its
// month in a date ("7. december").
func glueSections(words []string) []string {
	out := words[:0]
	for i := 0; i < len(words); i++ {
		if (words[i] == "§" || words[i] == "stk." || dayOfMonth(words[i]) && i+1 < len(words) && monthName(words[i+1])) && i+1 < len(words) {
			out = append(out, words[i]+" "+words[i+1])
			i++
			continue
		}
		out = append(out, words[i])
	}
	return out
}

// dayOfMonth reports a day written as in a date: "7." or "24.".
func dayOfMonth(w string) bool {
	n := len(w)
	if n < 2 || n > 3 || w[n-1] != '.' {
		return false
	}
	for _, r := range w[:n-1] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

var months = map[string]bool{"januar": true, "februar": true, "marts": true, "april": true, "maj": true, "juni": true,
	"juli": true, "august": true, "september": true, "oktober": true, "november": true, "december": true}

// monthName reports a Danish month, also with a comma or full stop after.
func monthName(w string) bool { return months[strings.TrimRight(w, ".,;:")] }
