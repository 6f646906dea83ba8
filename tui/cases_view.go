package tui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// Column widths of the case list; the name takes what is left.
const (
	colMarker = 2
	colID     = 11
	colMuni   = 11
	colProv   = 16
	colDue    = 12
)

func (m casesModel) View(height int) string {
	s := m.c.styles
	width := m.c.width - 2
	var b strings.Builder
	b.WriteString(s.Title.Render("vum · Sager") + "  " + s.Subtle.Render(m.statusLine()) + "\n")
	if m.status != "" {
		b.WriteString(s.Success.Render("✓ "+m.status) + "\n")
	} else {
		b.WriteString("\n")
	}
	filterLine := m.filter.View()
	if !m.typing && m.filter.Value() == "" {
		filterLine = s.Subtle.Render("Tryk / for at søge" + dueOnlyText(m.dueOnly))
	} else if m.dueOnly {
		filterLine += s.Subtle.Render(dueOnlyText(true))
	}
	b.WriteString(filterLine + "\n")
	nameW := max(10, width-colMarker-colID-colMuni-colProv-colDue-4)
	b.WriteString(s.Label.Render(fit("", colMarker)+fit("Navn", nameW)+" "+fit("CPR/født", colID)+" "+
		fit("Kommune", colMuni)+" "+fit("Ydelse", colProv)+" "+fit("  Opfølgning", colDue)) + "\n")
	if !m.loading && len(m.rows) == 0 {
		b.WriteString("\nIngen sager endnu. Tryk n for at oprette den første sag.\n")
		return s.App.Render(b.String())
	}
	if !m.loading && len(m.visible) == 0 {
		b.WriteString("\nIngen sager passer til søgningen. Tryk esc for at rydde den.\n")
		return s.App.Render(b.String())
	}
	rows := m.listHeight(height)
	offset := m.scroll(rows)
	for i := offset; i < min(len(m.visible), offset+rows); i++ {
		b.WriteString(m.renderRow(m.rows[m.visible[i]], i == m.cursor, nameW) + "\n")
	}
	return s.App.Render(strings.TrimRight(b.String(), "\n"))
}

func dueOnlyText(on bool) string {
	if on {
		return "  [kun opfølgninger inden for 30 dage — f viser alle]"
	}
	return ""
}

// scroll keeps the cursor on screen.
func (m casesModel) scroll(rows int) int {
	offset := m.offset
	if m.cursor < offset {
		offset = m.cursor
	}
	if m.cursor >= offset+rows {
		offset = m.cursor - rows + 1
	}
	return offset
}

func (m casesModel) renderRow(r caseRow, selected bool, nameW int) string {
	s := m.c.styles
	marker := "  "
	if selected {
		marker = "> "
	}
	due, dueStyle := m.dueCell(r)
	line := marker + fit(r.sum.Name, nameW) + " " + fit(r.sum.MaskedID, colID) + " " +
		fit(r.muni, colMuni) + " " + fit(r.label, colProv) + " "
	if selected {
		return s.Selected.Render(line + fit(due, colDue))
	}
	return line + dueStyle.Render(fit(due, colDue))
}

// dueCell marks overdue follow-ups with "!" and those due soon with "•",
// so the mark survives without colour.
func (m casesModel) dueCell(r caseRow) (string, lipgloss.Style) {
	s := m.c.styles
	due := r.sum.NextDue
	switch {
	case due.IsZero() && r.sum.Provision != "" && !r.sum.Refused:
		return "  afsluttet", s.Subtle
	case due.IsZero():
		return "  -", s.Subtle
	case due.Before(m.c.today):
		return "! " + due.Danish(), s.Overdue
	case !due.After(m.c.today.AddDays(dueHorizon)):
		return "• " + due.Danish(), s.DueSoon
	}
	return "  " + due.Danish(), s.Value
}
