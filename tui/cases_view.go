package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
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
	due := dueOnlyText(m.dueOnly)
	f := m.filter
	f.Width = max(10, min(f.Width, width-lipgloss.Width(f.Prompt+due)-1))
	filterLine := f.View()
	if !m.typing && m.filter.Value() == "" {
		filterLine = s.Subtle.Render("Tryk / for at søge" + due)
	} else if m.dueOnly {
		filterLine += s.Subtle.Render(due)
	}
	b.WriteString(ansi.Truncate(filterLine, width, "…") + "\n")
	cols := listColumns(width)
	b.WriteString(s.Label.Render(fit("", colMarker)+fit("Navn", cols.name)+" "+fit("CPR/født", colID)+" "+
		fit("Kommune", cols.muni)+" "+fit("Ydelse", cols.prov)+" "+fit("  Opfølgning", colDue)) + "\n")
	if !m.loading && len(m.rows) == 0 {
		b.WriteString("\nIngen sager endnu. Tryk n for at oprette den første sag.\n")
		return s.App.Render(b.String())
	}
	if m.scan != nil && len(m.visible) == 0 {
		b.WriteString("\nSøger …\n")
		return s.App.Render(b.String())
	}
	if !m.loading && len(m.visible) == 0 {
		what := m.narrowed()
		b.WriteString("\n" + wrapText(fmt.Sprintf("Ingen sager passer til %s. Tryk esc for at rydde %s.", what, what), width) + "\n")
		if m.others != "" {
			b.WriteString("\n" + s.Warning.Render(wrapText(m.others, width)) + "\n")
		}
		return s.App.Render(b.String())
	}
	rows := m.listHeight(height)
	if m.others != "" {
		// A CPR number finds few cases: room for the note above them.
		note := wrapText(m.others, width)
		b.WriteString(s.Warning.Render(note) + "\n")
		rows = max(1, rows-strings.Count(note, "\n")-1)
	}
	offset := m.scroll(rows)
	for i := offset; i < min(len(m.visible), offset+rows); i++ {
		b.WriteString(m.renderRow(m.rows[m.visible[i]], i == m.cursor, cols) + "\n")
	}
	return s.App.Render(strings.TrimRight(b.String(), "\n"))
}

func dueOnlyText(on bool) string {
	if on {
		return "  [filter: opfølgning inden for 30 dage]"
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

// columns are the widths of the columns that give way on narrow screens;
// the marker, CPR and follow-up date never do.
type columns struct{ name, muni, prov int }

// listColumns shares the width: the name takes what is left, and below
// the comfortable width the provision and then the municipality shrink
// (cut with "…") so that the follow-up date is always whole.
func listColumns(width int) columns {
	c := columns{muni: colMuni, prov: colProv}
	rest := width - colMarker - colID - colDue - 4
	const minName, minProv, minMuni = 10, 12, 8
	for rest-c.muni-c.prov < minName && c.prov > minProv {
		c.prov--
	}
	for rest-c.muni-c.prov < minName && c.muni > minMuni {
		c.muni--
	}
	c.name = max(1, rest-c.muni-c.prov)
	return c
}

func (m casesModel) renderRow(r caseRow, selected bool, cols columns) string {
	s := m.c.styles
	marker := "  "
	if selected {
		marker = "> "
	}
	due, dueStyle := m.dueCell(r)
	line := marker + fit(r.sum.Name, cols.name) + " " + fit(r.sum.MaskedID, colID) + " " +
		fit(r.muni, cols.muni) + " " + fit(r.label, cols.prov) + " "
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
