package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// formField is one labelled field of a fieldForm: a line, or several
// lines when long. Open marks a field the result still lacks.
type formField struct {
	label string
	long  bool
	open  bool
}

type formKeys struct {
	Next, Prev key.Binding
}

// fieldForm is a small form of labelled text fields, moved through with
// tab and shift+tab. The screen that holds it saves it and says what
// went wrong; the form keeps what was typed.
type fieldForm struct {
	keys   formKeys
	fields []formField
	lines  []textinput.Model
	areas  []textarea.Model
	start  []string
	set    fieldSet // the focus and the errors
}

func newFieldForm(fields []formField, values []string, width int) fieldForm {
	f := fieldForm{
		keys: formKeys{
			Next: binding([]string{"tab"}, "tab", "næste felt"),
			Prev: binding([]string{"shift+tab"}, "shift+tab", "forrige felt"),
		},
		fields: fields,
		lines:  make([]textinput.Model, len(fields)),
		areas:  make([]textarea.Model, len(fields)),
		start:  values,
		set:    newFieldSet(len(fields), 0, -1, 0),
	}
	for i, fd := range fields {
		if fd.long {
			f.areas[i] = newArea("")
			f.areas[i].SetHeight(3)
			f.areas[i].SetValue(values[i])
		} else {
			f.lines[i] = newInput("", 300, 40)
			f.lines[i].SetValue(values[i])
		}
	}
	f.setWidth(width)
	// Start on the first field the result lacks.
	for i, fd := range fields {
		if fd.open {
			f.set.focus = i
			break
		}
	}
	f.focusCmd()
	return f
}

func (f *fieldForm) setWidth(width int) {
	for i, fd := range f.fields {
		if fd.long {
			f.areas[i].SetWidth(max(20, width-2))
		} else {
			f.lines[i].Width = max(10, width-4)
		}
	}
}

// focusCmd gives the focused field the cursor and takes it from the rest.
func (f *fieldForm) focusCmd() tea.Cmd {
	inputs := make([]focusable, len(f.fields))
	for i, fd := range f.fields {
		if fd.long {
			inputs[i] = &f.areas[i]
		} else {
			inputs[i] = &f.lines[i]
		}
	}
	return focusOnly(f.set.focus, inputs...)
}

// Values returns what each field holds now.
func (f fieldForm) Values() []string {
	out := make([]string, len(f.fields))
	for i, fd := range f.fields {
		if fd.long {
			out[i] = f.areas[i].Value()
		} else {
			out[i] = f.lines[i].Value()
		}
	}
	return out
}

// Changed reports whether anything was typed since the form opened.
func (f fieldForm) Changed() bool {
	for i, v := range f.Values() {
		if strings.TrimSpace(v) != strings.TrimSpace(f.start[i]) {
			return true
		}
	}
	return false
}

// SetErr shows msg under field i ("" clears it) and moves there.
func (f *fieldForm) SetErr(i int, msg string) tea.Cmd {
	f.set.errs[i] = msg
	if msg == "" {
		return nil
	}
	f.set.focus = i
	return f.focusCmd()
}

// ClearErrs removes every error.
func (f *fieldForm) ClearErrs() { f.set.clearErrors() }

// Update moves between the fields and types into the focused one.
func (f fieldForm) Update(msg tea.KeyMsg) (fieldForm, tea.Cmd) {
	if len(f.fields) == 0 {
		return f, nil
	}
	switch {
	case key.Matches(msg, f.keys.Next):
		f.set.move(fieldOrder(len(f.fields)), 1)
		return f, f.focusCmd()
	case key.Matches(msg, f.keys.Prev):
		f.set.move(fieldOrder(len(f.fields)), -1)
		return f, f.focusCmd()
	}
	var cmd tea.Cmd
	if i := f.set.focus; f.fields[i].long {
		f.areas[i], cmd = f.areas[i].Update(msg)
	} else {
		f.lines[i], cmd = f.lines[i].Update(msg)
	}
	return f, cmd
}

// View lays the form out in width columns and height lines, scrolled so
// the focused field is in view.
func (f fieldForm) View(s *Styles, width, height int) string {
	var b strings.Builder
	for i, fd := range f.fields {
		label := fd.label
		if fd.open {
			label += " · mangler i brevet"
		}
		if i == f.set.focus {
			b.WriteString(s.Focused.Render(wrapIndent("> ", "  ", label, width)) + "\n")
		} else {
			b.WriteString(s.Label.Render(wrapIndent("  ", "  ", label, width)) + "\n")
		}
		if fd.long {
			b.WriteString(f.areas[i].View() + "\n")
		} else {
			b.WriteString("  " + f.lines[i].View() + "\n")
		}
		if e := f.set.errs[i]; e != "" {
			b.WriteString(s.Error.Render(wrapIndent("  ✗ ", "    ", e, width)) + "\n")
		}
	}
	fieldHeight := 1
	if len(f.fields) > 0 && f.fields[f.set.focus].long {
		fieldHeight = f.areas[f.set.focus].Height()
	}
	return scrollToFocus(strings.TrimRight(b.String(), "\n"), width, max(3, height), fieldHeight)
}

// Help lists the form's own keys.
func (f fieldForm) Help() []key.Binding { return []key.Binding{f.keys.Next, f.keys.Prev} }
