package tui

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/vumdk/vum/domain"
	draft "github.com/vumdk/vum/letter"
)

type draftKeys struct {
	Up, Down, PageUp, PageDown, SaveMD, SaveTxt, SavePDF, Confirm, Back key.Binding
	Fill, FillSave, FillReload, Profile                                 key.Binding
}

func newDraftKeys() draftKeys {
	return draftKeys{
		Up:       binding([]string{"up", "k"}, "↑/k", "rul op"),
		Down:     binding([]string{"down", "j"}, "↓", "rul"),
		PageUp:   binding([]string{"pgup", "b"}, "pgup", "side op"),
		PageDown: binding([]string{"pgdown", " "}, "pgdn", "side ned"),
		SaveMD:   binding([]string{"m"}, "m", "Markdown"),
		SaveTxt:  binding([]string{"t"}, "t", "tekst"),
		SavePDF:  binding([]string{"p"}, "p", "gem PDF"),
		Confirm:  binding([]string{"enter"}, "enter", "gem"),
		Back:     binding([]string{"esc"}, "esc", "tilbage"),
		Fill:     binding([]string{"u"}, "u", "udfyld felter"),
		// ctrl+s saves a form, as on every other screen.
		FillSave:   binding([]string{"ctrl+s"}, "ctrl+s", "gem"),
		FillReload: binding([]string{"ctrl+g"}, "ctrl+g", "genindlæs"),
		Profile:    binding([]string{"i"}, "i", "din profil"),
	}
}

// draftModel previews the decision draft and saves it as Markdown, text
// or PDF.
type draftModel struct {
	c       *common
	keys    draftKeys
	cas     domain.Case
	seq     int
	letter  *draft.Letter
	err     error
	vp      viewport.Model
	asking  string // format being saved, "" when not asking for a path
	path    textinput.Model
	saved   string
	lastErr string
	status  string       // what the last action did
	fill    *letterFill  // the letter's fields being filled, nil when not
	profile *profileForm // the caseworker's profile being set, nil when not
}

func newDraftModel(c *common, cas domain.Case, seq int) draftModel {
	m := draftModel{c: c, keys: newDraftKeys(), cas: cas, seq: seq, vp: viewport.New(c.width, c.height-4)}
	switch e, ok := eventAt(cas, seq); {
	case !ok:
		m.err = fmt.Errorf("sagen har endnu ingen afgørelse")
	case e.Decision != nil || e.Termination != nil:
		m.build()
		if m.letter != nil {
			m.askProfile()
		}
	default:
		m.err = fmt.Errorf("hændelsen (%s) har intet brev", e.Kind.Label())
	}
	m.path = newInput("", 200, 50)
	m.path.Prompt = "Gem som: "
	m.layout()
	return m
}

// build builds the letter from the case as the screen holds it, with the
// fill stored for it and the caseworker's profile.
func (m *draftModel) build() {
	profile, _ := m.c.settings.Load() // an unreadable profile leaves the signature to fill in
	m.letter, m.err = draft.Build(draft.Input{Catalog: m.c.cat, Case: m.cas, Seq: m.seq, Today: m.c.today, Profile: profile})
	if m.letter != nil && m.vp.Width > 0 {
		m.vp.SetContent(renderLetter(m.c.styles, m.letter, m.vp.Width))
	}
}

// eventAt returns the case's event with seq.
func eventAt(c domain.Case, seq int) (domain.Event, bool) {
	if seq < 1 || seq > len(c.Events) {
		return domain.Event{}, false
	}
	return c.Events[seq-1], true
}

// layout sizes the viewport to the window and renders the letter to fit.
func (m *draftModel) layout() {
	m.vp.Width, m.vp.Height = m.c.width-4, max(3, m.c.height-5)
	if m.letter != nil {
		m.vp.SetContent(renderLetter(m.c.styles, m.letter, m.vp.Width))
	}
}

func (m draftModel) Init() tea.Cmd { return nil }

func (m draftModel) Typing() bool { return m.asking != "" || m.fill != nil || m.profile != nil }
func (m draftModel) Flush() error { return nil }

func (m draftModel) Unsaved() string {
	switch {
	case m.fill != nil && m.fill.form.Changed():
		return "Brevets felter"
	case m.profile != nil && m.profile.form.Changed():
		return "Din profil"
	}
	return ""
}

// draftSavedMsg reports a saved file.
type draftSavedMsg struct {
	path   string
	format string // set with err when the name should be changed
	err    error
}

func (m draftModel) Update(msg tea.Msg) (draftModel, tea.Cmd) {
	if _, ok := msg.(tea.WindowSizeMsg); ok {
		m.layout()
	}
	switch {
	case m.profile != nil:
		return m.updateProfile(msg)
	case m.fill != nil:
		return m.updateFill(msg)
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m, nil
	case draftSavedMsg:
		if msg.err != nil {
			m.lastErr, m.saved = msg.err.Error(), ""
			if msg.format != "" {
				m.asking = msg.format // let the caseworker change the name
				m.path.SetValue(msg.path)
				m.path.CursorEnd()
				return m, m.path.Focus()
			}
			return m, nil
		}
		m.saved, m.lastErr = msg.path, ""
		return m, nil
	case tea.KeyMsg:
		if m.asking != "" {
			return m.updatePath(msg)
		}
		m.status = ""
		switch {
		case key.Matches(msg, m.keys.Fill):
			return m.openFill()
		case key.Matches(msg, m.keys.Profile):
			return m.openProfile(false)
		case key.Matches(msg, m.keys.Back):
			return m, send(openCaseMsg{id: m.cas.ID})
		case key.Matches(msg, m.keys.SaveMD):
			return m.ask("md")
		case key.Matches(msg, m.keys.SaveTxt):
			return m.ask("txt")
		case key.Matches(msg, m.keys.SavePDF):
			return m.ask("pdf")
		}
	}
	var cmd tea.Cmd
	m.vp, cmd = m.vp.Update(msg)
	return m, cmd
}

var unsafeName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[^\p{L}\p{N}]+`) })

// ask proposes a file name from the citizen's name and the date.
func (m draftModel) ask(format string) (draftModel, tea.Cmd) {
	if m.letter == nil {
		return m, nil
	}
	name := strings.Trim(unsafeName().ReplaceAllString(strings.ToLower(m.cas.Citizen.Name), "-"), "-")
	m.asking = format
	m.path.SetValue(fmt.Sprintf("afgørelse-%s-%s.%s", name, m.c.today.String(), format))
	m.path.CursorEnd()
	return m, m.path.Focus()
}

func (m draftModel) updatePath(msg tea.KeyMsg) (draftModel, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Back):
		m.asking = ""
		m.path.Blur()
		return m, nil
	case key.Matches(msg, m.keys.Confirm):
		format, path := m.asking, strings.TrimSpace(m.path.Value())
		m.asking = ""
		m.path.Blur()
		if path == "" {
			return m, nil
		}
		return m, m.saveCmd(format, path)
	}
	var cmd tea.Cmd
	m.path, cmd = m.path.Update(msg)
	return m, cmd
}

func (m draftModel) saveCmd(format, path string) tea.Cmd {
	letter, files, st, id := m.letter, m.c.files, m.c.store, m.cas.ID
	return func() tea.Msg {
		var data []byte
		switch format {
		case "pdf":
			var err error
			if data, err = letter.PDF(); err != nil {
				return draftSavedMsg{err: err}
			}
		case "txt":
			data = []byte(letter.Text())
		default:
			data = []byte(letter.Markdown())
		}
		abs, _ := filepath.Abs(path)
		if err := files.Save(abs, data); err != nil {
			return draftSavedMsg{path: path, format: format, err: err}
		}
		return draftSavedMsg{path: abs, err: st.RecordDraft(id, format, abs)}
	}
}

func (m draftModel) ShortHelp() []key.Binding {
	switch {
	case m.profile != nil:
		return m.profileHelp()
	case m.fill != nil:
		return m.fillHelp()
	case m.asking != "":
		return []key.Binding{m.keys.Confirm, binding([]string{"esc"}, "esc", "fortryd")}
	case m.letter == nil:
		return []key.Binding{m.keys.Back} // nothing to show or save
	}
	return []key.Binding{m.keys.Fill, m.keys.SavePDF, m.keys.SaveMD, m.keys.SaveTxt, m.keys.Down, m.keys.Back}
}

func (m draftModel) FullHelp() [][]key.Binding {
	if m.profile != nil || m.fill != nil || m.asking != "" || m.letter == nil {
		return [][]key.Binding{m.ShortHelp()}
	}
	return [][]key.Binding{{m.keys.Up, m.keys.Down, m.keys.PageUp, m.keys.PageDown}, {m.keys.Fill, m.keys.Profile, m.keys.SavePDF, m.keys.SaveMD, m.keys.SaveTxt, m.keys.Back}}
}

func (m draftModel) View(height int) string {
	s := m.c.styles
	header := s.Title.Render("vum · Udkast til afgørelse") + s.Subtle.Render(" · "+m.cas.Citizen.Name)
	if m.err != nil {
		return s.App.Render(header + "\n\n" + s.Error.Render("✗ "+m.err.Error()))
	}
	switch {
	case m.profile != nil:
		return m.profileView(height)
	case m.fill != nil:
		return m.fillView(height)
	}
	var status string
	switch {
	case m.asking != "" && m.lastErr != "":
		status = m.path.View() + "\n" + s.Error.Render(wrapText("✗ "+m.lastErr, m.c.width-4))
	case m.asking != "":
		status = m.path.View()
	case m.lastErr != "":
		status = s.Error.Render("✗ Kunne ikke gemme: " + m.lastErr)
	case m.saved != "":
		status = s.Success.Render("✓ Gemt: " + m.saved)
	case m.status != "":
		status = s.Success.Render(m.status)
	case openCount(m.letter) > 0:
		status = s.Subtle.Render(fmt.Sprintf("%d%% · %s: tryk u for at udfylde", int(m.vp.ScrollPercent()*100), plural(openCount(m.letter), "felt mangler", "felter mangler")))
	default:
		status = s.Subtle.Render(fmt.Sprintf("%d%% · felter markeret [UDFYLD: …] skal udfyldes før afsendelse", int(m.vp.ScrollPercent()*100)))
	}
	vp := m.vp
	vp.Height = max(3, height-3)
	return s.App.Render(header + "\n" + vp.View() + "\n" + status)
}
