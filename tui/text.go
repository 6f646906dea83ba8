package tui

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/vumdk/vum/domain"
)

// wrapText breaks plain text at width columns on word boundaries.
func wrapText(text string, width int) string {
	if width < 10 {
		width = 10
	}
	return ansi.Wrap(text, width, "")
}

// fit pads or truncates plain text to exactly width columns.
func fit(text string, width int) string {
	if width <= 0 {
		return ""
	}
	if w := lipgloss.Width(text); w > width {
		return ansi.Truncate(text, width, "…")
	} else if w < width {
		return text + strings.Repeat(" ", width-w)
	}
	return text
}

// thousands writes n with Danish thousands separators: 100.000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

// newInput returns a text field with a steady cursor: no blink timer
// keeps the program waking up, and screens stay the same between frames.
func newInput(placeholder string, limit, width int) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = placeholder
	in.CharLimit = limit
	in.Width = width
	in.Cursor.SetMode(cursor.CursorStatic)
	return in
}

// plural writes a count with the right Danish form: "1 sag", "2 sager".
func plural(n int, one, many string) string { return domain.Count(n, one, many) }
