package tui

import (
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
)

// fieldSet is what the screen's forms share (decision, end, follow-up,
// correction, and fieldForm's letter fields and profile): which field has
// the focus, an error per field, and how a field's label and error are
// drawn. The screen keeps its inputs and numbers its fields from 0.
type fieldSet struct {
	focus int
	errs  []string
	width int // labels are padded to this width…
	free  int // …except this field's, which stands above its text area (-1: none)
}

// newFieldSet is the set of n fields, the focus on focus.
func newFieldSet(n, width, free, focus int) fieldSet {
	return fieldSet{errs: make([]string, n), width: width, free: free, focus: focus}
}

// label draws a field's label, marked when the field has the focus.
func (f fieldSet) label(st *Styles, i int, text string) string {
	if i != f.free {
		text = fit(text, f.width)
	}
	if i == f.focus {
		return st.Focused.Render("> " + text)
	}
	return st.Label.Render("  " + text)
}

// row draws a one-line field: its label, the input and its error, which
// goes on the lines below where it does not fit beside the field in w.
func (f fieldSet) row(st *Styles, i int, text, input string, w int) string {
	line := f.label(st, i, text) + input
	e := f.errs[i]
	if e == "" {
		return line
	}
	if msg := "  ✗ " + e; lipgloss.Width(line+msg) <= w {
		return line + st.Error.Render(msg)
	}
	return line + "\n" + st.Error.Render(wrapIndent("    ✗ ", "      ", e, w))
}

// above draws the label of a field whose input (a text area) follows on
// its own lines, with the field's error wrapped below the label.
func (f fieldSet) above(st *Styles, i int, text string, w int) string {
	line := f.label(st, i, text)
	if e := f.errs[i]; e != "" {
		line += "\n" + st.Error.Render(wrapIndent("  ✗ ", "    ", e, w))
	}
	return line
}

// failed reports whether any field has an error.
func (f fieldSet) failed() bool {
	for _, e := range f.errs {
		if e != "" {
			return true
		}
	}
	return false
}

func (f *fieldSet) clearErrors() { f.errs = make([]string, len(f.errs)) }

// problems puts each of err's problems beside its field (byField maps a
// problem's field to the form's). What no field takes comes back as one
// error, as does an err that is not a list of problems; nil when every
// problem found its field.
func (f *fieldSet) problems(err error, byField map[string]int) error {
	var ps domain.Problems
	if !errors.As(err, &ps) {
		return err
	}
	var other []string
	for _, p := range ps {
		if i, ok := byField[p.Field]; ok {
			f.errs[i] = p.Message
		} else {
			other = append(other, p.Message)
		}
	}
	if len(other) > 0 {
		return errors.New(strings.Join(other, "; "))
	}
	return nil
}

// move takes the focus delta places on through order, the fields the
// form shows in the order it shows them (fieldOrder: all of them).
func (f *fieldSet) move(order []int, delta int) {
	if len(order) == 0 {
		return
	}
	at := 0
	for j, i := range order {
		if i == f.focus {
			at = j
		}
	}
	f.focus = order[(at+delta%len(order)+len(order))%len(order)]
}

// fieldOrder is 0, 1, …, n-1: the order of a form that shows every field.
func fieldOrder(n int) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	return order
}

// focusable is a field with a cursor: a text input or a text area.
type focusable interface {
	Focus() tea.Cmd
	Blur()
}

// focusOnly gives fields[i] the cursor and takes it from the others; a
// nil entry is a field without a cursor (a choice).
func focusOnly(i int, fields ...focusable) tea.Cmd {
	var cmd tea.Cmd
	for j, field := range fields {
		switch {
		case field == nil:
		case j == i:
			cmd = field.Focus()
		default:
			field.Blur()
		}
	}
	return cmd
}

// appendedMsg reports events appended to a case by a form: the case as
// it is now, or why nothing was written.
type appendedMsg struct {
	cas domain.Case
	err error
}

// appendCmd appends the change to the case, on the version it states.
func appendCmd(st Store, id string, ch store.Change) tea.Cmd {
	return func() tea.Msg {
		c, err := st.Append(id, ch)
		return appendedMsg{cas: c, err: err}
	}
}
