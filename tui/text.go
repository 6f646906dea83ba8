package tui

import (
	"regexp"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/vumdk/vum/domain"
)

// Stand-ins that keep "§ 85" and dates like 25-11-2026 whole when
// wrapping; they are put back afterwards.
const (
	nbsp     = "\u00a0"
	nbHyphen = "\u2011"
)

var (
	protect = strings.NewReplacer("§ ", "§"+nbsp, "stk. ", "stk."+nbsp)
	restore = strings.NewReplacer(nbsp, " ", nbHyphen, "-")
	dateRE  = regexp.MustCompile(`\b(\d{2})-(\d{2})-(\d{4})\b|\b(\d{6})-(\d{4}|xxxx)\b`)
)

// wrapText breaks plain text at width columns on word boundaries, never
// inside "§ 85", a date or a CPR number.
func wrapText(text string, width int) string {
	if width < 10 {
		width = 10
	}
	text = dateRE.ReplaceAllStringFunc(protect.Replace(text), func(d string) string {
		return strings.ReplaceAll(d, "-", nbHyphen)
	})
	return restore.Replace(ansi.Wrap(text, width, ""))
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
