package tui

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/vumdk/vum/domain"
	draft "github.com/vumdk/vum/letter"
	"github.com/vumdk/vum/store"
)

// letterFill is the form in which the caseworker fills the letter's open
// fields (the citizen's address and own view, hovedhensyn, the offer,
// transport, other help, the hearing, and the sender's settings where
// the municipality has none). What is saved is stored with the case, as
// an event on the version the screen read, so the letter and `vum draft`
// use it from then on.
type letterFill struct {
	form    fieldForm
	keys    []string // the draft.Fill key of each field
	saving  bool
	stale   *store.StaleError
	err     string
	discard bool // esc once with unsaved changes: a second esc drops them
}

// fillSavedMsg reports the case after the fill was stored.
type fillSavedMsg struct {
	cas domain.Case
	err error
}

// fillReloadedMsg carries the case as it is now, after a refused save.
type fillReloadedMsg struct {
	cas domain.Case
	err error
}

// openFill opens the form on the fields the letter uses, with what is
// stored for it.
func (m draftModel) openFill() (draftModel, tea.Cmd) {
	if m.letter == nil {
		return m, nil
	}
	stored, _ := m.cas.LetterFill(m.seq)
	var fields []formField
	var values, keys []string
	for _, f := range m.letter.FillFields() {
		fields = append(fields, formField{label: f.Label, long: f.Long, open: f.Open})
		values = append(values, draft.FillValue(stored, f.Key))
		keys = append(keys, f.Key)
	}
	if fields == nil {
		m.status = "Brevet har ingen felter at udfylde."
		return m, nil
	}
	m.fill = &letterFill{form: newFieldForm(fields, values, m.c.width-4), keys: keys}
	return m, m.fill.form.focusCmd()
}

func (m draftModel) updateFill(msg tea.Msg) (draftModel, tea.Cmd) {
	f := *m.fill
	m.fill = &f
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		f.form.setWidth(m.c.width - 4)
		return m, nil
	case fillSavedMsg:
		f.saving = false
		var stale *store.StaleError
		switch {
		case errors.As(msg.err, &stale):
			f.stale = stale
		case msg.err != nil:
			f.err = "Felterne kunne ikke gemmes: " + msg.err.Error()
		default:
			m.cas, m.fill = msg.cas, nil
			m.build()
			m.status = "✓ Brevets felter er gemt på sagen."
		}
		return m, nil
	case fillReloadedMsg:
		if msg.err != nil {
			f.err = "Sagen kunne ikke genindlæses: " + msg.err.Error()
			return m, nil
		}
		m.cas, f.stale, f.err = msg.cas, nil, ""
		return m, nil
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.keys.FillSave):
			f.discard = false
			return m.saveFill()
		case key.Matches(msg, m.keys.FillReload) && f.stale != nil:
			st, id := m.c.store, m.cas.ID
			return m, func() tea.Msg {
				c, err := st.Case(id)
				return fillReloadedMsg{cas: c, err: err}
			}
		case key.Matches(msg, m.keys.Back):
			if f.form.Changed() && !f.discard {
				f.discard = true
				return m, nil
			}
			m.fill = nil
			return m, nil
		}
		f.discard = false
		var cmd tea.Cmd
		f.form, cmd = f.form.Update(msg)
		return m, cmd
	}
	return m, nil
}

// saveFill lays the fields changed in the form over the fill stored now
// (a field emptied is cleared; one left alone keeps what another writer
// may have stored meanwhile) and stores it with the case on the version
// the screen read.
func (m draftModel) saveFill() (draftModel, tea.Cmd) {
	f := m.fill
	if f.saving {
		return m, nil
	}
	f.form.ClearErrs()
	f.err = ""
	fill, _ := m.cas.LetterFill(m.seq)
	before := fill
	for i, v := range f.form.Values() {
		if strings.TrimSpace(v) == strings.TrimSpace(f.form.start[i]) {
			continue // untouched here: what is stored now stays
		}
		if err := draft.SetFillValue(&fill, f.keys[i], v); err != nil {
			return m, f.form.SetErr(i, err.Error())
		}
	}
	if fill == before {
		m.fill, m.status = nil, "Ingen ændringer i brevets felter."
		return m, nil
	}
	ev, err := m.cas.LetterFillEvent(m.seq, fill)
	if err != nil {
		f.err = err.Error()
		return m, nil
	}
	f.saving = true
	st, id, ch := m.c.store, m.cas.ID, store.Change{Version: m.cas.Version, Events: []domain.Event{ev}}
	return m, func() tea.Msg {
		c, err := st.Append(id, ch)
		return fillSavedMsg{cas: c, err: err}
	}
}

func (m draftModel) fillHelp() []key.Binding {
	out := []key.Binding{m.keys.FillSave}
	if m.fill.stale != nil {
		out = append(out, m.keys.FillReload)
	}
	out = append(out, m.fill.form.Help()...)
	return append(out, binding([]string{"esc"}, "esc", "tilbage til brevet"))
}

func (m draftModel) fillView(height int) string {
	s := m.c.styles
	w := m.c.width - 4
	f := m.fill
	var b strings.Builder
	b.WriteString(s.Title.Render("vum · Udfyld brevet") + s.Subtle.Render(" · "+m.cas.Citizen.Name) + "\n")
	intro := "Det, du skriver, står i brevet og gemmes på sagen. Skriv til borgeren som »du«."
	b.WriteString(s.Subtle.Render(wrapText(intro, w)) + "\n")
	var status []string
	switch {
	case f.stale != nil:
		status = append(status, s.Warning.Render(wrapText("! "+f.stale.Error()+" Tryk ctrl+g for at genindlæse; det, du har skrevet, bevares.", w)))
	case f.err != "":
		status = append(status, s.Error.Render(wrapText("✗ "+f.err, w)))
	case f.saving:
		status = append(status, s.Subtle.Render("Gemmer …"))
	case f.discard:
		status = append(status, s.Warning.Render(wrapText("! Felterne er ikke gemt. Tryk esc igen for at kassere ændringerne eller ctrl+s for at gemme.", w)))
	default:
		status = append(status, s.Subtle.Render(wrapText(fmt.Sprintf("%s. Tryk ctrl+s for at gemme.", plural(openCount(m.letter), "felt mangler", "felter mangler")), w)))
	}
	top := b.String()
	bottom := strings.Join(status, "\n")
	room := height - lines(top) - lines(bottom) - 1
	return s.App.Render(top + f.form.View(s, w, room) + "\n" + bottom)
}

func openCount(l *draft.Letter) int {
	n := 0
	for _, f := range l.FillFields() {
		if f.Open {
			n++
		}
	}
	return n
}

func lines(s string) int { return strings.Count(strings.TrimRight(s, "\n"), "\n") + 1 }
