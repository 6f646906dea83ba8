package tui

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
)

// Fields of the new-case form, in order.
const (
	fieldMunicipality = iota
	fieldName
	fieldID
	fieldLiving
	fieldApplied
	fieldAddress
	fieldCount
)

type newCaseKeys struct {
	Next, Prev, Left, Right, Create, Cancel key.Binding
}

func newNewCaseKeys() newCaseKeys {
	return newCaseKeys{
		Next:   binding([]string{"tab", "down"}, "tab", "felt"),
		Prev:   binding([]string{"shift+tab", "up"}, "shift+tab/↑", "forrige felt"),
		Left:   binding([]string{"left"}, "←", "forrige valg"),
		Right:  binding([]string{"right"}, "→", "næste valg"),
		Create: binding([]string{"ctrl+s", "enter"}, "ctrl+s", "opret"),
		Cancel: binding([]string{"esc"}, "esc", "fortryd"),
	}
}

// newCaseModel is the form that starts a case: municipality, citizen and
// application date, each checked as it is typed.
type newCaseModel struct {
	c            *common
	keys         newCaseKeys
	focus        int
	municipality int
	living       int
	inputs       [fieldCount]textinput.Model
	errs         [fieldCount]string
	munis        []string
	creating     bool
	// confirmCancel: esc was pressed with input typed; esc again drops it.
	confirmCancel bool
	// warn holds notes that do not stop the case, e.g. a citizen under 18.
	warn [fieldCount]string
	// found holds the cases that already exist for the CPR number typed.
	found []store.Summary
	// others tells of the citizen's cases in units the caseworker may
	// not see.
	others string
	// The form is kept as a draft while it is typed, like the interview.
	autosave autosave
	dirty    bool
	restored bool // the form was filled from the draft left last time
}

func newNewCaseModel(c *common) newCaseModel {
	m := newCaseModel{c: c, keys: newNewCaseKeys(), munis: c.cat.Municipalities()}
	placeholders := map[int]string{fieldName: "fornavn efternavn", fieldID: "150391-1234 eller 15-03-1991",
		fieldApplied: "DD-MM-ÅÅÅÅ", fieldAddress: "valgfri"}
	for _, f := range []int{fieldName, fieldID, fieldApplied, fieldAddress} {
		m.inputs[f] = newInput(placeholders[f], 80, 28)
	}
	m.inputs[fieldApplied].SetValue(c.today.Danish())
	m.autosave = newAutosave(c.saveDelay, c.saveMaxWait, c.nowTime)
	if p, err := c.settings.Load(); err == nil {
		m.selectMunicipality(p.Municipality) // the caseworker's own
	}
	if d, ok, err := c.settings.LoadDraft(); err == nil && ok {
		m.restore(d)
	}
	m.focus = fieldName
	m.inputs[fieldName].Focus()
	return m
}

func (m *newCaseModel) selectMunicipality(id string) {
	for i, mu := range m.munis {
		if mu == id {
			m.municipality = i
		}
	}
}

// restore fills the form from the draft left last time.
func (m *newCaseModel) restore(d NewCaseDraft) {
	m.selectMunicipality(d.Municipality)
	for i, l := range domain.Livings {
		if string(l) == d.Living {
			m.living = i
		}
	}
	for f, v := range map[int]string{fieldName: d.Name, fieldID: d.ID, fieldApplied: d.Applied, fieldAddress: d.Address} {
		if v != "" {
			m.inputs[f].SetValue(v)
		}
	}
	m.warn[fieldID] = m.ageWarning()
	m.restored = true
}

// draft is the form as typed.
func (m newCaseModel) draft() NewCaseDraft {
	return NewCaseDraft{Municipality: m.munis[m.municipality], Name: m.inputs[fieldName].Value(), ID: m.inputs[fieldID].Value(),
		Living: string(domain.Livings[m.living]), Applied: m.inputs[fieldApplied].Value(), Address: m.inputs[fieldAddress].Value()}
}

// draftSavedMsg reports a written draft.
type draftKeptMsg struct{ err error }

// saveDraftCmd writes the draft in the background.
func (m *newCaseModel) saveDraftCmd() tea.Cmd {
	if !m.dirty {
		return nil
	}
	m.dirty = false
	m.autosave.Saving()
	settings, d := m.c.settings, m.draft()
	return func() tea.Msg { return draftKeptMsg{settings.SaveDraft(d)} }
}

func (m newCaseModel) Init() tea.Cmd { return nil }

func isText(field int) bool { return field != fieldMunicipality && field != fieldLiving }

// caseCreatedMsg reports the stored case.
type caseCreatedMsg struct{ cas domain.Case }

func (m newCaseModel) Update(msg tea.Msg) (newCaseModel, tea.Cmd) {
	switch msg := msg.(type) {
	case caseCreatedMsg:
		return m, tea.Batch(m.forgetDraft(msg.cas.Municipality), send(interviewMsg{cas: msg.cas, kind: domain.FirstAssessment}))
	case saveTickMsg:
		if m.autosave.Due(msg) {
			return m, m.saveDraftCmd()
		}
		return m, nil
	case draftKeptMsg:
		if msg.err != nil {
			m.dirty = true
			return m, m.autosave.Failed()
		}
		return m, m.autosave.Saved()
	case citizenFoundMsg:
		if msg.cpr == strings.TrimSpace(m.inputs[fieldID].Value()) {
			m.found, m.others = msg.cases, msg.others
		}
		return m, nil
	case createFailedMsg:
		m.creating = false
		return m, send(errMsg(msg))
	case tea.KeyMsg:
		return m.updateKey(msg)
	}
	return m, nil
}

type createFailedMsg struct{ err error }

// forgetDraft drops the draft once the case exists (or the caseworker
// dropped the form), and remembers the municipality for the next case.
func (m newCaseModel) forgetDraft(municipality string) tea.Cmd {
	settings := m.c.settings
	return func() tea.Msg {
		if err := settings.ClearDraft(); err != nil {
			return errMsg{fmt.Errorf("kladden til den nye sag kunne ikke slettes: %w", err)}
		}
		if municipality == "" {
			return nil
		}
		p, err := settings.Load()
		if err == nil && p.Municipality != municipality {
			p.Municipality = municipality
			err = settings.Save(p)
		}
		if err != nil {
			return errMsg{fmt.Errorf("kommunen kunne ikke huskes til næste sag: %w", err)}
		}
		return nil
	}
}

func (m newCaseModel) updateKey(msg tea.KeyMsg) (newCaseModel, tea.Cmd) {
	if !key.Matches(msg, m.keys.Cancel) {
		m.confirmCancel = false
	}
	switch {
	case key.Matches(msg, m.keys.Cancel):
		if m.typed() && !m.confirmCancel {
			m.confirmCancel = true
			return m, nil
		}
		return m, tea.Batch(m.forgetDraft(""), send(showCasesMsg{}))
	case key.Matches(msg, m.keys.Next):
		if msg.String() == "enter" && m.focus < fieldCount-1 {
			return m.setFocus(m.focus + 1)
		}
		return m.setFocus((m.focus + 1) % fieldCount)
	case key.Matches(msg, m.keys.Prev):
		return m.setFocus((m.focus + fieldCount - 1) % fieldCount)
	case key.Matches(msg, m.keys.Create):
		if msg.String() == "enter" && m.focus < fieldCount-1 {
			return m.setFocus(m.focus + 1)
		}
		return m.create()
	}
	if !isText(m.focus) {
		before := m.draft()
		m = m.choose(msg)
		if m.draft() != before {
			return m, m.edited()
		}
		return m, nil
	}
	var cmd tea.Cmd
	before := m.inputs[m.focus].Value()
	m.inputs[m.focus], cmd = m.inputs[m.focus].Update(msg)
	if m.inputs[m.focus].Value() != before {
		cmd = tea.Batch(cmd, m.edited())
	}
	m.errs[m.focus] = m.check(m.focus)
	m.warn[fieldID] = m.ageWarning()
	if _, err := domain.ParseCPR(m.inputs[fieldID].Value()); err != nil {
		m.found, m.others = nil, ""
	}
	if m.focus == fieldID {
		return m, tea.Batch(cmd, m.lookupCitizen())
	}
	return m, cmd
}

// citizenFoundMsg carries the cases that already exist for a CPR number.
type citizenFoundMsg struct {
	cpr   string
	cases []store.Summary
	// others tells of cases in units the caseworker may not see.
	others string
}

// lookupCitizen asks the store for cases with the CPR number being typed,
// so the caseworker sees a possible duplicate before creating one.
func (m newCaseModel) lookupCitizen() tea.Cmd {
	text := strings.TrimSpace(m.inputs[fieldID].Value())
	cpr, err := domain.ParseCPR(text)
	if err != nil {
		return nil
	}
	st := m.c.store
	return func() tea.Msg {
		cases, err := st.CitizenCases(cpr)
		if err != nil {
			return errMsg{err}
		}
		others, err := st.OtherUnits(cpr)
		if err != nil {
			return errMsg{err}
		}
		logSearch(st, cases, "opslag på CPR-nummer i ny sag"+othersDetail(others))
		return citizenFoundMsg{cpr: text, cases: cases, others: store.DescribeOtherUnits(others)}
	}
}

// ageWarning notes a citizen under 18 at the application date: the
// case can be made, but adult provisions do not apply.
func (m newCaseModel) ageWarning() string {
	cpr, birth, err := parseCitizenID(strings.TrimSpace(m.inputs[fieldID].Value()), m.c.today)
	if err != nil {
		return ""
	}
	if !cpr.IsZero() {
		birth = cpr.BirthDate()
	}
	applied, err := domain.ParseDanishDate(m.inputs[fieldApplied].Value())
	if err != nil {
		applied = m.c.today
	}
	if age := domain.AgeAt(birth, applied); age < 18 {
		return fmt.Sprintf("borgeren er %d år; voksenydelser gives fra 18 år (ellers Barnets lov)", age)
	}
	return ""
}

// choose moves a select field with ←/→ (or space).
func (m newCaseModel) choose(msg tea.KeyMsg) newCaseModel {
	step := 0
	switch msg.String() {
	case "left", "h":
		step = -1
	case "right", "l", " ":
		step = 1
	}
	if m.focus == fieldMunicipality {
		m.municipality = (m.municipality + step + len(m.munis)) % len(m.munis)
	} else {
		m.living = (m.living + step + len(domain.Livings)) % len(domain.Livings)
	}
	return m
}

func (m newCaseModel) setFocus(f int) (newCaseModel, tea.Cmd) {
	if isText(m.focus) {
		m.inputs[m.focus].Blur()
		m.errs[m.focus] = m.check(m.focus)
	}
	m.focus = f
	if isText(f) {
		return m, m.inputs[f].Focus()
	}
	return m, nil
}

// check validates one field as the caseworker types; the message says
// what to fix.
func (m newCaseModel) check(field int) string {
	value := strings.TrimSpace(m.inputs[field].Value())
	switch field {
	case fieldName:
		if value == "" {
			return "skriv borgerens navn"
		}
	case fieldID:
		_, _, err := parseCitizenID(value, m.c.today)
		if err != nil {
			return err.Error()
		}
	case fieldApplied:
		d, err := domain.ParseDanishDate(value)
		if err != nil {
			return err.Error()
		}
		if m.c.today.Before(d) {
			return "datoen ligger i fremtiden"
		}
	}
	return ""
}

// parseCitizenID reads a CPR number, or a birth date when there is none.
func parseCitizenID(s string, today domain.Date) (domain.CPR, domain.Date, error) {
	if s == "" {
		return domain.CPR{}, domain.Date{}, errors.New("skriv CPR-nummer eller fødselsdato")
	}
	digits := strings.ReplaceAll(strings.ReplaceAll(s, "-", ""), " ", "")
	if len(digits) == 10 && strings.Trim(digits, "0123456789") == "" {
		cpr, err := domain.ParseCPR(s)
		if err != nil {
			return cpr, domain.Date{}, err
		}
		if today.Before(cpr.BirthDate()) {
			return cpr, domain.Date{}, fmt.Errorf("fødselsdatoen %s ligger i fremtiden", cpr.BirthDate().Danish())
		}
		return cpr, domain.Date{}, nil
	}
	d, err := domain.ParseDanishDate(s)
	if err != nil {
		if strings.Count(s, "-") == 2 || strings.Count(s, ".") == 2 {
			return domain.CPR{}, domain.Date{}, err // a date, but not a real one
		}
		return domain.CPR{}, domain.Date{}, errors.New("skriv CPR-nummer (DDMMÅÅ-LLLL) eller fødselsdato (DD-MM-ÅÅÅÅ)")
	}
	if today.Before(d) {
		return domain.CPR{}, d, fmt.Errorf("fødselsdatoen %s ligger i fremtiden", d.Danish())
	}
	return domain.CPR{}, d, nil
}

// create checks the whole case with the same rules as a case file and
// stores it.
func (m newCaseModel) create() (newCaseModel, tea.Cmd) {
	if m.creating {
		return m, nil
	}
	ok := true
	for f := range fieldCount {
		if isText(f) {
			if m.errs[f] = m.check(f); m.errs[f] != "" {
				ok = false
			}
		}
	}
	if !ok {
		return m, nil
	}
	cf, err := m.caseFile()
	if err != nil {
		return m, send(errMsg{err})
	}
	m.creating = true
	st := m.c.store
	return m, func() tea.Msg {
		c, err := st.Create(domain.Opening{Municipality: cf.Municipality, Citizen: cf.Citizen, ApplicationDate: cf.ApplicationDate}, nil)
		if err != nil {
			return createFailedMsg{err}
		}
		return caseCreatedMsg{c}
	}
}

// caseFile builds the case and runs it through the case-file rules, so a
// case made here is exactly as valid as one imported.
func (m newCaseModel) caseFile() (domain.CaseFile, error) {
	cpr, birth, _ := parseCitizenID(strings.TrimSpace(m.inputs[fieldID].Value()), m.c.today)
	applied, _ := domain.ParseDanishDate(m.inputs[fieldApplied].Value())
	cf := domain.CaseFile{
		Schema: domain.CaseSchema, Municipality: m.munis[m.municipality],
		Citizen: domain.Citizen{Name: strings.TrimSpace(m.inputs[fieldName].Value()), CPR: cpr, BirthDate: birth,
			Living: domain.Livings[m.living], Address: strings.TrimSpace(m.inputs[fieldAddress].Value())},
		ApplicationDate: applied,
		Assessment:      domain.Assessment{Themes: map[string]domain.ThemeAssessment{}},
	}
	data, err := json.Marshal(cf)
	if err != nil {
		return cf, err
	}
	return domain.DecodeCaseFile(data, m.c.cat.Vocabulary(m.c.today))
}

// edited marks the form changed and schedules the draft to be kept.
func (m *newCaseModel) edited() tea.Cmd {
	m.dirty, m.restored = true, false
	return m.autosave.Edited()
}

func (m newCaseModel) Typing() bool { return isText(m.focus) }

// Flush keeps the form as a draft, for quitting: it is restored the next
// time the form opens.
func (m newCaseModel) Flush() error {
	if !m.dirty && !m.autosave.Retrying() {
		return nil
	}
	if err := m.c.settings.SaveDraft(m.draft()); err != nil {
		return fmt.Errorf("kladden til den nye sag kunne ikke gemmes: %w", err)
	}
	return nil
}

// Unsaved is empty: Flush keeps everything typed as a draft.
func (m newCaseModel) Unsaved() string { return "" }

// typed reports whether anything was typed into the form.
func (m newCaseModel) typed() bool {
	for _, f := range []int{fieldName, fieldID, fieldAddress} {
		if strings.TrimSpace(m.inputs[f].Value()) != "" {
			return true
		}
	}
	return false
}

func (m newCaseModel) ShortHelp() []key.Binding {
	keys := []key.Binding{m.keys.Next, m.keys.Create, m.keys.Cancel}
	if !isText(m.focus) {
		keys = append([]key.Binding{binding([]string{"left", "right"}, "←/→", "vælg")}, keys...)
	}
	return keys
}

func (m newCaseModel) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Next, m.keys.Prev, m.keys.Left, m.keys.Right}, {m.keys.Create, m.keys.Cancel}}
}

func (m newCaseModel) View(height int) string {
	s := m.c.styles
	var b strings.Builder
	b.WriteString(s.Title.Render("vum · Ny sag") + "\n")
	if m.restored {
		b.WriteString(s.Warning.Render(wrapText("! Genoptaget fra sidst: sagen er ikke oprettet endnu.", m.c.width-4)) + "\n")
	} else {
		b.WriteString("\n")
	}
	labels := [fieldCount]string{"Kommune", "Navn", "CPR eller født", "Boform", "Ansøgt", "Adresse"}
	for f := range fieldCount {
		label := fit(labels[f], 16)
		marker := "  "
		if f == m.focus {
			marker = "> "
			label = s.Focused.Render(label)
		} else {
			label = s.Label.Render(label)
		}
		line := marker + label + m.fieldValue(f)
		line += m.note(line, "✗ ", m.errs[f], s.Error)
		if f == fieldID {
			line += m.note(line, "! ", m.warn[f], s.Warning)
			line += m.note(line, "! ", m.duplicateText(), s.Warning)
		}
		b.WriteString(line + "\n")
	}
	if m.confirmCancel {
		b.WriteString("\n" + s.Warning.Render(wrapText("! Sagen er ikke oprettet. Tryk esc igen for at kassere det indtastede.", m.c.width-4)) + "\n")
	}
	b.WriteString("\n" + s.Subtle.Render(wrapText("Kommunen afgør, hvilken kvalitetsstandard forslagene bygger på. Alle felter kontrolleres, mens du skriver; sagen gemmes, når du trykker enter i sidste felt eller ctrl+s.", m.c.width-4)))
	return s.App.Render(b.String())
}

// note places a message beside the field when it fits, else on the lines
// below, indented under the value.
func (m newCaseModel) note(line, mark, text string, style lipgloss.Style) string {
	if text == "" {
		return ""
	}
	if !strings.Contains(line, "\n") && lipgloss.Width(line)+2+lipgloss.Width(mark+text) <= m.c.width-2 {
		return "  " + style.Render(mark+text)
	}
	indent := strings.Repeat(" ", 18)
	return "\n" + style.Render(wrapIndent(indent+mark, indent+"  ", text, m.c.width-2))
}

func (m newCaseModel) duplicateText() string {
	if len(m.found) == 0 {
		return m.others
	}
	var who []string
	for _, s := range m.found {
		who = append(who, s.Name+" ("+m.c.shortMunicipality(s.Municipality)+")")
	}
	text := fmt.Sprintf("der findes allerede %s for dette CPR-nummer: %s", plural(len(m.found), "sag", "sager"), strings.Join(who, ", "))
	if m.others != "" {
		text += ". " + m.others
	}
	return text
}

func (m newCaseModel) fieldValue(f int) string {
	switch f {
	case fieldMunicipality:
		return "‹ " + fit(m.c.municipalityName(m.munis[m.municipality]), 26) + " ›"
	case fieldLiving:
		return "‹ " + fit(shortLiving[domain.Livings[m.living]], 26) + " ›"
	}
	return fit(m.inputs[f].View(), 30)
}

// shortLiving names the living situations in the width of the form.
var shortLiving = map[domain.Living]string{
	domain.OwnHome:     "eget hjem",
	domain.WithFamily:  "hos familie/pårørende",
	domain.Residential: "botilbud",
	domain.ABL105:      "almen bolig (ABL § 105)",
}
