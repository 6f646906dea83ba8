package tui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
	"github.com/vumdk/vum/store"
)

// screen names the screen on show.
type screen int

const (
	screenCases screen = iota
	screenNewCase
	screenCard
	screenInterview
	screenDecision
	screenDraft
	screenFollowUp
	screenEnd
	screenCorrect
)

func (s screen) String() string {
	return [...]string{"sager", "ny sag", "sag", "udredning", "forslag og afgørelse", "udkast", "opfølgning", "ophør", "ret oplysninger"}[s]
}

// Config is what the command line hands the TUI.
type Config struct {
	Store Store
	Files Files
	// Settings keeps the caseworker's profile and the new-case draft
	// (in memory when nil).
	Settings  Settings
	Standards *standards.Catalog
	Today     domain.Date
	Styles    *Styles
	// SaveDelay is how long the interview waits after an edit before it
	// saves (default 700 ms); every change is saved, this only batches
	// keystrokes.
	SaveDelay time.Duration
	// SaveMaxWait is the longest an edit waits while typing goes on
	// (default 2 s): continuous typing is saved at least this often.
	SaveMaxWait time.Duration
}

// Model is the root model: it owns the shared state, switches screens,
// and handles only the global keys and resizing; everything else goes to
// the screen on show.
type Model struct {
	c        *common
	keys     globalKeys
	help     help.Model
	showHelp bool
	screen   screen

	cases     casesModel
	form      newCaseModel
	card      cardModel
	interview interviewModel
	decision  decisionModel
	draft     draftModel
	followUp  followUpModel
	end       endModel
	correct   correctModel

	err         error
	quitFailed  bool // a quit could not save; ctrl+c again quits anyway
	confirmQuit bool // asked whether to quit and drop unsaved input
	// held are keys typed while the window was too small, replayed when
	// it is large enough again.
	held []tea.KeyMsg
	// flushed: everything was written on the way out.
	flushed bool
}

// New returns the root model on the start screen.
func New(cfg Config) Model {
	styles := cfg.Styles
	if styles == nil {
		styles = DefaultStyles()
	}
	if cfg.SaveDelay <= 0 {
		cfg.SaveDelay = defaultSaveDelay
	}
	if cfg.SaveMaxWait <= 0 {
		cfg.SaveMaxWait = defaultSaveMaxWait
	}
	if cfg.Settings == nil {
		cfg.Settings = &memorySettings{}
	}
	c := &common{styles: styles, store: cfg.Store, files: cfg.Files, settings: cfg.Settings, cat: cfg.Standards,
		method: cfg.Standards.Vocabulary(cfg.Today).Method, today: cfg.Today, width: 80, height: 24, saveDelay: cfg.SaveDelay, saveMaxWait: cfg.SaveMaxWait}
	h := help.New()
	h.ShortSeparator, h.FullSeparator = " · ", "   "
	return Model{c: c, keys: newGlobalKeys(), help: h, cases: newCasesModel(c)}
}

// Init loads the cases.
func (m Model) Init() tea.Cmd { return m.cases.Init() }

// ShutdownMsg asks vum to write what is pending and quit at once: the
// terminal was closed (SIGHUP) or the process was told to stop (SIGTERM,
// SIGINT).
type ShutdownMsg struct{}

// Flush writes whatever the screen on show holds unsaved (the interview's
// latest edits, the new-case form's draft). The command line calls it
// once more after the program ends, however it ended.
func (m Model) Flush() error {
	if m.flushed {
		return nil
	}
	return m.current().Flush()
}

// Update handles global keys and screen switches, and forwards the rest.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case ShutdownMsg:
		if err := m.current().Flush(); err == nil {
			m.flushed = true
		}
		return m, tea.Quit
	case tea.WindowSizeMsg:
		m.c.width, m.c.height = msg.Width, msg.Height
		m.help.Width = msg.Width - 2 // the footer has one column of padding each side
		m, cmd := m.forward(msg)
		if m.tooSmall() || len(m.held) == 0 {
			return m, cmd
		}
		return m.replayHeld(cmd)
	case tea.KeyMsg:
		if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste && !m.current().Typing() {
			// Keys typed faster than the screen reads them arrive together;
			// outside text fields each one is a command of its own.
			return m.eachRune(msg)
		}
		if m.confirmQuit {
			m.confirmQuit = false
			if s := msg.String(); s == "j" || s == "y" {
				return m, tea.Quit
			}
			return m, nil
		}
		if m.tooSmall() {
			// Nothing on screen to act on: keys are kept and replayed once
			// the window is large enough again; only quitting acts now.
			if key.Matches(msg, m.keys.ForceQuit) || key.Matches(msg, m.keys.Quit) && !m.current().Typing() {
				model, cmd, _ := m.quit(true)
				return model, cmd
			}
			m.held = append(slices.Clip(m.held), msg)
			return m, nil
		}
		if model, cmd, handled := m.globalKey(msg); handled {
			return model, cmd
		}
		m.err = nil
		if !key.Matches(msg, m.keys.ForceQuit) {
			m.quitFailed = false
		}
	case errMsg:
		m.err = msg.err
		return m, nil
	case saveRecoveredMsg:
		m.err = nil
		return m, nil
	case filterDoneMsg:
		// The list's search ends in the background, whatever is on show.
		m.cases.finishScan(msg)
		return m, nil
	}
	if model, cmd, handled := m.navigate(msg); handled {
		return model, cmd
	}
	return m.forward(msg)
}

func (m Model) globalKey(msg tea.KeyMsg) (Model, tea.Cmd, bool) {
	typing := m.current().Typing()
	switch {
	case key.Matches(msg, m.keys.ForceQuit):
		return m.quit(true)
	case key.Matches(msg, m.keys.Quit) && !typing:
		return m.quit(false)
	case key.Matches(msg, m.keys.Help) && (!typing || msg.String() == "f1"):
		m.showHelp = !m.showHelp
		return m, nil, true
	case m.showHelp && msg.Type == tea.KeyEsc:
		// esc closes the help first; the screen's own esc comes after.
		m.showHelp = false
		return m, nil, true
	}
	return m, nil, false
}

func (m Model) tooSmall() bool { return m.c.width < minWidth || m.c.height < minHeight }

// replayHeld handles the keys typed while the window was too small, in
// the order they were typed.
func (m Model) replayHeld(first tea.Cmd) (tea.Model, tea.Cmd) {
	held := m.held
	m.held = nil
	cmds := []tea.Cmd{first}
	var model tea.Model = m
	for _, k := range held {
		var cmd tea.Cmd
		model, cmd = model.Update(k)
		cmds = append(cmds, cmd)
	}
	return model, tea.Sequence(cmds...)
}

// eachRune handles several keys that arrived as one message, one by one.
func (m Model) eachRune(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	var model tea.Model = m
	for _, r := range msg.Runes {
		var cmd tea.Cmd
		model, cmd = model.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		cmds = append(cmds, cmd)
	}
	return model, tea.Sequence(cmds...)
}

// quit writes unsaved work first, so quitting never loses anything. If
// that fails (the store is busy or gone), the caseworker is told, and a
// second ctrl+c quits anyway. Input that cannot be saved (a form not yet
// submitted) is named, and vum asks before dropping it.
func (m Model) quit(force bool) (Model, tea.Cmd, bool) {
	if m.quitFailed && force {
		return m, tea.Quit, true
	}
	if what := m.current().Unsaved(); what != "" {
		m.confirmQuit = true
		m.err = fmt.Errorf("%s er ikke gemt. Afslut alligevel? Tryk j for ja, en anden tast for nej", what)
		return m, nil, true
	}
	if err := m.current().Flush(); err != nil {
		m.quitFailed = true
		m.err = fmt.Errorf("kunne ikke gemme før afslutning: %w; vent lidt og prøv igen, eller tryk ctrl+c igen for at afslutte uden at gemme det seneste", err)
		return m, nil, true
	}
	m.flushed = true
	return m, tea.Quit, true
}

// navigate switches screens on the messages that ask for it.
func (m Model) navigate(msg tea.Msg) (Model, tea.Cmd, bool) {
	switch msg.(type) {
	case showCasesMsg, newCaseMsg, caseLoadedMsg, interviewReadyMsg, suggestMsg, draftMsg, followUpReadyMsg, endGrantMsg, correctMsg:
		m.showHelp = false // each screen starts with its short help
	}
	m.logOpened(msg)
	switch msg := msg.(type) {
	case showCasesMsg:
		m.screen = screenCases
		m.cases = newCasesModel(m.c)
		m.cases.status = msg.status
		return m, m.cases.Init(), true
	case newCaseMsg:
		m.screen, m.form = screenNewCase, newNewCaseModel(m.c)
		return m, m.form.Init(), true
	case openCaseMsg:
		return m, loadCaseCmd(m.c.store, msg.id, msg.status), true
	case caseLoadedMsg:
		if !msg.cas.Decided() {
			// An undecided case resumes its interview.
			return m, loadInterviewCmd(m.c.store, interviewMsg{cas: msg.cas, kind: domain.FirstAssessment}), true
		}
		m.screen, m.card = screenCard, newCardModel(m.c, msg.cas, msg.status)
		m.card.pending = msg.pending
		m.card.layout()
		return m, nil, true
	case interviewMsg:
		return m, loadInterviewCmd(m.c.store, msg), true
	case interviewReadyMsg:
		m.screen, m.interview = screenInterview, newInterviewModel(m.c, msg)
		return m, m.interview.Init(), true
	case suggestMsg:
		m.screen, m.decision = screenDecision, newDecisionModel(m.c, msg.task)
		return m, m.decision.Init(), true
	case draftMsg:
		m.screen, m.draft = screenDraft, newDraftModel(m.c, msg.cas, msg.seq)
		return m, m.draft.Init(), true
	case followUpMsg:
		return m, loadFollowUpCmd(m.c.store, msg), true
	case followUpReadyMsg:
		m.screen, m.followUp = screenFollowUp, newFollowUpModel(m.c, msg)
		return m, m.followUp.Init(), true
	case endGrantMsg:
		m.screen, m.end = screenEnd, newEndModel(m.c, msg)
		return m, m.end.Init(), true
	case correctMsg:
		m.screen, m.correct = screenCorrect, newCorrectModel(m.c, msg.cas)
		return m, m.correct.Init(), true
	}
	return m, nil, false
}

// logOpened notes in the access log that a screen showing one case's data
// is opened. An undecided case loaded for its card goes on to the
// interview, which is noted then.
func (m Model) logOpened(msg tea.Msg) {
	var id string
	var to screen
	switch msg := msg.(type) {
	case caseLoadedMsg:
		if !msg.cas.Decided() {
			return
		}
		id, to = msg.cas.ID, screenCard
	case interviewReadyMsg:
		id, to = msg.cas.ID, screenInterview
	case suggestMsg:
		id, to = msg.task.cas.ID, screenDecision
	case draftMsg:
		id, to = msg.cas.ID, screenDraft
	case followUpReadyMsg:
		id, to = msg.cas.ID, screenFollowUp
	case endGrantMsg:
		id, to = msg.cas.ID, screenEnd
	case correctMsg:
		id, to = msg.cas.ID, screenCorrect
	default:
		return
	}
	m.c.store.LogAccess(store.AccessEntry{Action: store.AccessRead, Cases: []string{id}, Detail: "skærmbilledet " + to.String()})
}

func (m Model) forward(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch m.screen {
	case screenCases:
		m.cases, cmd = m.cases.Update(msg)
	case screenNewCase:
		m.form, cmd = m.form.Update(msg)
	case screenCard:
		m.card, cmd = m.card.Update(msg)
	case screenInterview:
		m.interview, cmd = m.interview.Update(msg)
	case screenDecision:
		m.decision, cmd = m.decision.Update(msg)
	case screenDraft:
		m.draft, cmd = m.draft.Update(msg)
	case screenFollowUp:
		m.followUp, cmd = m.followUp.Update(msg)
	case screenEnd:
		m.end, cmd = m.end.Update(msg)
	case screenCorrect:
		m.correct, cmd = m.correct.Update(msg)
	}
	return m, cmd
}

func (m Model) current() screenModel {
	switch m.screen {
	case screenNewCase:
		return m.form
	case screenCard:
		return m.card
	case screenInterview:
		return m.interview
	case screenDecision:
		return m.decision
	case screenDraft:
		return m.draft
	case screenFollowUp:
		return m.followUp
	case screenEnd:
		return m.end
	case screenCorrect:
		return m.correct
	}
	return m.cases
}

// View lays out the screen, the error line and the help. Case text can
// hold anything a file held, so the frame is made terminal-safe last.
func (m Model) View() string { return safeFrame(m.view()) }

func (m Model) view() string {
	s := m.c.styles
	if m.tooSmall() {
		return tooSmall(s, m.c.width, m.c.height, len(m.held))
	}
	footer := m.footer()
	bodyHeight := m.c.height - lipgloss.Height(footer)
	var body string
	switch m.screen {
	case screenNewCase:
		body = m.form.View(bodyHeight)
	case screenCard:
		body = m.card.View(bodyHeight)
	case screenInterview:
		body = m.interview.View(bodyHeight)
	case screenDecision:
		body = m.decision.View(bodyHeight)
	case screenDraft:
		body = m.draft.View(bodyHeight)
	case screenFollowUp:
		body = m.followUp.View(bodyHeight)
	case screenEnd:
		body = m.end.View(bodyHeight)
	case screenCorrect:
		body = m.correct.View(bodyHeight)
	default:
		body = m.cases.View(bodyHeight)
	}
	body = lipgloss.NewStyle().Height(bodyHeight).MaxHeight(bodyHeight).Render(cutLines(body, m.c.width))
	return lipgloss.JoinVertical(lipgloss.Left, body, footer)
}

// cutLines ends every line wider than width in "…", so a cut is never
// silent. Screens wrap or scroll what matters; this is the last guard.
func cutLines(text string, width int) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if lipgloss.Width(l) <= width {
			continue
		}
		tail := "…"
		if lipgloss.Width(strings.TrimRight(ansi.Strip(l), " ")) <= width {
			tail = "" // only padding is lost
		}
		lines[i] = ansi.Truncate(l, width, tail)
	}
	return strings.Join(lines, "\n")
}

func (m Model) footer() string {
	s := m.c.styles
	var lines []string
	if m.err != nil {
		lines = append(lines, s.Error.Render(wrapText("✗ "+m.err.Error(), m.c.width-2)))
	}
	keys := helpKeys{screen: m.current(), global: m.keys, typing: m.current().Typing()}
	width := m.c.width - 2
	if m.showHelp {
		lines = append(lines, fullHelpRows(m.help.Styles, m.help.ShortSeparator, keys.FullHelp(), width)...)
		if l, ok := m.current().(legender); ok {
			lines = append(lines, s.Subtle.Render(wrapText("Tegn: "+l.Legend(), width)))
		}
	} else {
		lines = append(lines, shortHelpLine(m.help.Styles, m.help.ShortSeparator, keys.ShortHelp(), width))
	}
	return s.App.Render(lipgloss.JoinVertical(lipgloss.Left, lines...))
}

// helpKeys joins the screen's keys with the global ones that work now.
type helpKeys struct {
	screen screenModel
	global globalKeys
	typing bool
}

func (h helpKeys) globals() []key.Binding {
	if h.typing {
		f1 := key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", "hjælp"))
		quit := key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "afslut"))
		return []key.Binding{f1, quit}
	}
	return []key.Binding{h.global.Help, h.global.Quit}
}

// ShortHelp puts help and quit first, so they survive a narrow window.
func (h helpKeys) ShortHelp() []key.Binding {
	return append(h.globals(), h.screen.ShortHelp()...)
}

func (h helpKeys) FullHelp() [][]key.Binding {
	globals := h.globals()
	if !h.typing {
		globals = append(globals, h.global.ForceQuit)
	}
	return append(h.screen.FullHelp(), globals)
}

func tooSmall(s *Styles, w, h, held int) string {
	msg := fmt.Sprintf("Vinduet er for lille (%d×%d).\nvum skal bruge mindst %d×%d tegn.\nGør vinduet større; intet går tabt.", w, h, minWidth, minHeight)
	if held > 0 {
		msg += fmt.Sprintf("\n%d tastetryk er gemt og udføres, når vinduet er stort nok.", held)
	}
	var lines []string
	for _, l := range strings.Split(msg, "\n") {
		lines = append(lines, wrapText(l, max(1, w-2)))
	}
	return lipgloss.Place(max(w, 1), max(h, 1), lipgloss.Center, lipgloss.Center, s.Warning.Render(strings.Join(lines, "\n")))
}
