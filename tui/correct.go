package tui

import (
	"errors"
	"fmt"
	"maps"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
)

// Fields of the correction form.
const (
	corrName = iota
	corrID
	corrAddress
	corrLiving
	corrMunicipality
	corrReason
	corrFields
)

type correctKeys struct {
	Next, Prev, Left, Right, Save, Back key.Binding
}

// correctModel corrects the citizen's details (name, CPR number or birth
// date, address, living situation) and the case's municipality, with the
// reason; the correction is recorded as an event with the old and new
// values.
type correctModel struct {
	c      *common
	keys   correctKeys
	cas    domain.Case
	inputs [corrAddress + 1]textinput.Model
	living int
	muni   int
	munis  []string
	reason textarea.Model
	f      fieldSet
	saving bool
	orig   map[string]string // the fields as the form opened
}

func newCorrectModel(c *common, cas domain.Case) correctModel {
	m := correctModel{c: c, cas: cas, munis: c.cat.Municipalities(), keys: correctKeys{
		Next:  binding([]string{"tab"}, "tab", "felt"),
		Prev:  binding([]string{"shift+tab"}, "shift+tab", "forrige felt"),
		Left:  binding([]string{"left"}, "←", "forrige valg"),
		Right: binding([]string{"right"}, "→", "næste valg"),
		Save:  binding([]string{"ctrl+s"}, "ctrl+s", "gem rettelse"),
		Back:  binding([]string{"esc"}, "esc", "fortryd"),
	}}
	cz := cas.Citizen
	m.inputs[corrName] = newInput("fornavn efternavn", 80, 28)
	m.inputs[corrName].SetValue(cz.Name)
	m.inputs[corrID] = newInput("150391-1234 eller 15-03-1991", 20, 28)
	if !cz.CPR.IsZero() {
		m.inputs[corrID].SetValue(cz.CPR.String())
	} else if !cz.BirthDate.IsZero() {
		m.inputs[corrID].SetValue(cz.BirthDate.Danish())
	}
	m.inputs[corrAddress] = newInput("valgfri", 120, 28)
	m.inputs[corrAddress].SetValue(cz.Address)
	for i, l := range domain.Livings {
		if l == cz.Living {
			m.living = i
		}
	}
	for i, id := range m.munis {
		if id == cas.Municipality {
			m.muni = i
		}
	}
	m.reason = newArea("Hvorfor rettes oplysningerne? fx fejl ved oprettelsen")
	m.reason.SetHeight(2)
	m.reason.SetWidth(c.width - 6)
	m.f = newFieldSet(corrFields, 24, corrReason, corrName)
	m.inputs[corrName].Focus()
	m.orig = m.values()
	return m
}

func (m correctModel) Init() tea.Cmd { return nil }

func (m correctModel) Typing() bool { return !m.choosing() }

// choosing reports whether the focus is on a choice, not a text.
func (m correctModel) choosing() bool {
	return m.f.focus == corrLiving || m.f.focus == corrMunicipality
}

func (m correctModel) Flush() error { return nil }

func (m correctModel) Unsaved() string {
	if !maps.Equal(m.values(), m.orig) || strings.TrimSpace(m.reason.Value()) != "" {
		return "Rettelsen af oplysningerne"
	}
	return ""
}

// values returns the fields as the correction takes them.
func (m correctModel) values() map[string]string {
	cz := m.cas.Citizen
	v := map[string]string{
		domain.FieldName:         m.inputs[corrName].Value(),
		domain.FieldAddress:      m.inputs[corrAddress].Value(),
		domain.FieldLiving:       string(domain.Livings[m.living]),
		domain.FieldMunicipality: m.munis[m.muni],
	}
	id := strings.TrimSpace(m.inputs[corrID].Value())
	cpr, birth, err := parseCitizenID(id, m.c.today)
	switch {
	case err != nil:
		v[domain.FieldCPR] = id // the correction names what is wrong
	case !cpr.IsZero():
		v[domain.FieldCPR] = cpr.String()
	case !cz.CPR.IsZero():
		v[domain.FieldCPR] = "" // with the birth date below
		v[domain.FieldBirthDate] = birth.String()
	default:
		v[domain.FieldBirthDate] = birth.String()
	}
	return v
}

func (m correctModel) Update(msg tea.Msg) (correctModel, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.reason.SetWidth(m.c.width - 6)
	case appendedMsg:
		m.saving = false
		var stale *store.StaleError
		if errors.As(msg.err, &stale) {
			return m, send(errMsg{fmt.Errorf("%s", stale.Error())})
		}
		if msg.err != nil {
			return m, send(errMsg{fmt.Errorf("rettelsen kunne ikke gemmes: %w", msg.err)})
		}
		return m, send(openCaseMsg{id: m.cas.ID, status: "Rettelsen er gemt."})
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.keys.Back):
			return m, send(openCaseMsg{id: m.cas.ID})
		case key.Matches(msg, m.keys.Save):
			return m.save()
		case key.Matches(msg, m.keys.Next):
			return m.moveFocus(1)
		case key.Matches(msg, m.keys.Prev):
			return m.moveFocus(-1)
		}
		var cmd tea.Cmd
		switch m.f.focus {
		case corrLiving, corrMunicipality:
			step := 0
			switch {
			case key.Matches(msg, m.keys.Left):
				step = -1
			case key.Matches(msg, m.keys.Right), msg.String() == " ":
				step = 1
			}
			if m.f.focus == corrLiving {
				m.living = (m.living + step + len(domain.Livings)) % len(domain.Livings)
			} else {
				m.muni = (m.muni + step + len(m.munis)) % len(m.munis)
			}
		case corrReason:
			m.reason, cmd = m.reason.Update(msg)
		default:
			m.inputs[m.f.focus], cmd = m.inputs[m.f.focus].Update(msg)
		}
		return m, cmd
	}
	return m, nil
}

func (m correctModel) moveFocus(delta int) (correctModel, tea.Cmd) {
	m.f.move(fieldOrder(corrFields), delta)
	return m, focusOnly(m.f.focus, &m.inputs[corrName], &m.inputs[corrID], &m.inputs[corrAddress], nil, nil, &m.reason)
}

func (m correctModel) save() (correctModel, tea.Cmd) {
	if m.saving {
		return m, nil
	}
	m.f.clearErrors()
	ev, err := m.cas.Correction(m.values(), m.reason.Value(), m.c.today, m.munis)
	if err != nil {
		fields := map[string]int{domain.FieldName: corrName, domain.FieldCPR: corrID, domain.FieldBirthDate: corrID,
			domain.FieldAddress: corrAddress, domain.FieldLiving: corrLiving, domain.FieldMunicipality: corrMunicipality, "reason": corrReason}
		if err := m.f.problems(err, fields); err != nil {
			return m, send(errMsg{err})
		}
		return m, nil
	}
	m.saving = true
	return m, appendCmd(m.c.store, m.cas.ID, store.Change{Version: m.cas.Version, Events: []domain.Event{ev}})
}

func (m correctModel) ShortHelp() []key.Binding {
	if m.choosing() {
		return []key.Binding{m.keys.Right, m.keys.Next, m.keys.Save, m.keys.Back}
	}
	return []key.Binding{m.keys.Next, m.keys.Save, m.keys.Back}
}

func (m correctModel) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Next, m.keys.Prev, m.keys.Left, m.keys.Right}, {m.keys.Save, m.keys.Back}}
}

func (m correctModel) View(height int) string {
	s := m.c.styles
	w := m.c.width - 4
	cz := m.cas.Citizen
	var b strings.Builder
	b.WriteString(s.Title.Render("vum · Ret oplysninger") + s.Subtle.Render(" · "+fmt.Sprintf("%s (%s)", cz.Name, cz.MaskedID())) + "\n")
	b.WriteString(s.Subtle.Render(wrapText("Rettelsen gemmes i sagens historik med de gamle og nye oplysninger.", w)) + "\n\n")
	row := func(f int, label, value string) {
		b.WriteString(m.f.row(s, f, label, value, w) + "\n")
	}
	row(corrName, "Navn", m.inputs[corrName].View())
	row(corrID, "CPR eller fødselsdato", m.inputs[corrID].View())
	row(corrAddress, "Adresse", m.inputs[corrAddress].View())
	row(corrLiving, "Boform", m.choice(corrLiving, domain.Livings[m.living].Label()))
	row(corrMunicipality, "Kommune", m.choice(corrMunicipality, m.c.municipalityName(m.munis[m.muni])))
	b.WriteString("\n" + m.f.above(s, corrReason, "Begrundelse (skal udfyldes)", w) + "\n" + m.reason.View() + "\n")
	b.WriteString("\n" + s.Subtle.Render("Tryk ctrl+s for at gemme rettelsen."))
	return s.App.Render(b.String())
}

func (m correctModel) choice(f int, text string) string {
	text = "‹ " + text + " ›"
	if f == m.f.focus {
		return m.c.styles.Selected.Render(text)
	}
	return text
}
