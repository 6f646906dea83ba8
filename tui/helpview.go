package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
)

// legender is a screen with marks worth explaining in the full help.
type legender interface{ Legend() string }

// helpItems renders each enabled binding as "key description".
func helpItems(st help.Styles, bindings []key.Binding) []string {
	var out []string
	for _, b := range bindings {
		if !b.Enabled() || b.Help().Key == "" {
			continue
		}
		out = append(out, st.ShortKey.Render(b.Help().Key)+" "+st.ShortDesc.Render(b.Help().Desc))
	}
	return out
}

// shortHelpLine is one line of the keys that fit whole, in order; the
// rest are listed by ? (which comes first), never cut in the middle.
func shortHelpLine(st help.Styles, sep string, bindings []key.Binding, width int) string {
	var b strings.Builder
	items := helpItems(st, bindings)
	for i, item := range items {
		add := item
		if b.Len() > 0 {
			add = st.ShortSeparator.Render(sep) + item
		}
		room := width
		if i < len(items)-1 {
			room -= 2 // keep room for " …" if the next does not fit
		}
		if lipgloss.Width(b.String())+lipgloss.Width(add) > room {
			b.WriteString(st.Ellipsis.Render(" …"))
			break
		}
		b.WriteString(add)
	}
	return b.String()
}

// fullHelpRows lays every group out as rows that fit the width, wrapping
// between keys, so no key that works is ever cut off.
func fullHelpRows(st help.Styles, sep string, groups [][]key.Binding, width int) []string {
	var rows []string
	for _, g := range groups {
		rows = append(rows, wrapItems(helpItems(st, g), st.ShortSeparator.Render(sep), width)...)
	}
	return rows
}

// wrapItems joins items with sep into rows no wider than width.
func wrapItems(items []string, sep string, width int) []string {
	var rows []string
	line := ""
	for _, item := range items {
		switch {
		case line == "":
			line = item
		case lipgloss.Width(line+sep+item) <= width:
			line += sep + item
		default:
			rows = append(rows, line)
			line = item
		}
	}
	if line != "" {
		rows = append(rows, line)
	}
	return rows
}
