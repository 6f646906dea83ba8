package tui

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
)

// Fields of the termination form.
const (
	endDate = iota
	endLast
	endReason
	endFields
)

type endKeys struct {
	Next, Prev, Save, Back, Draft, Reload, Reassess key.Binding
}

// endModel ends one grant (ophør): the decision date, the grant's last
// day and the reason, which the letter states. Other grants are not
// touched.
type endModel struct {
	c      *common
	keys   endKeys
	msg    endGrantMsg
	grant  domain.Grant
	date   textinput.Model
	last   textinput.Model
	reason textarea.Model
	f      fieldSet
	saving bool
	done   bool
	seq    int // the termination event, once recorded
	stale  *store.StaleError
}

func newEndModel(c *common, msg endGrantMsg) endModel {
	g, _ := msg.cas.Grant(msg.grant)
	m := endModel{c: c, msg: msg, grant: g, keys: endKeys{
		Next:     binding([]string{"tab"}, "tab", "felt"),
		Prev:     binding([]string{"shift+tab"}, "shift+tab", "forrige felt"),
		Save:     binding([]string{"ctrl+s"}, "ctrl+s", "gem ophør"),
		Back:     binding([]string{"esc"}, "esc", "tilbage"),
		Draft:    binding([]string{"enter"}, "enter", "vis udkast"),
		Reload:   binding([]string{"ctrl+g"}, "ctrl+g", "genindlæs"),
		Reassess: binding([]string{"v"}, "v", "ny udredning"),
	}}
	m.date = dateInput(c.today.Danish())
	m.last = dateInput(c.today.Danish())
	m.reason = newArea("Hvorfor ophører bevillingen? Begrundelsen står i afgørelsen.")
	m.reason.SetHeight(3)
	m.reason.SetWidth(c.width - 6)
	m.f = newFieldSet(endFields, 20, endReason, endReason)
	m.reason.Focus()
	return m
}

func (m endModel) Init() tea.Cmd { return nil }

func (m endModel) Typing() bool { return !m.done }
func (m endModel) Flush() error { return nil }

func (m endModel) Unsaved() string {
	if !m.done && strings.TrimSpace(m.reason.Value()) != "" {
		return "Begrundelsen for ophøret"
	}
	return ""
}

// endReloadedMsg carries the case as it is now.
type endReloadedMsg struct {
	cas domain.Case
	err error
}

func (m endModel) Update(msg tea.Msg) (endModel, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.reason.SetWidth(m.c.width - 6)
	case appendedMsg:
		m.saving = false
		var stale *store.StaleError
		if errors.As(msg.err, &stale) {
			m.stale = stale
			return m, nil
		}
		if msg.err != nil {
			return m, send(errMsg{fmt.Errorf("ophøret kunne ikke gemmes: %w", msg.err)})
		}
		m.done, m.msg.cas, m.seq = true, msg.cas, msg.cas.Version
		return m, nil
	case endReloadedMsg:
		if msg.err != nil {
			return m, send(errMsg{fmt.Errorf("sagen kunne ikke genindlæses: %w", msg.err)})
		}
		g, ok := msg.cas.Grant(m.grant.ID)
		if !ok || !g.Active() {
			return m, send(errMsg{fmt.Errorf("bevilling %s er allerede ophørt", m.grant.ID)})
		}
		m.msg.cas, m.grant, m.stale = msg.cas, g, nil
		return m, nil
	case tea.KeyMsg:
		if m.stale != nil && key.Matches(msg, m.keys.Reload) {
			st, id := m.c.store, m.msg.cas.ID
			return m, func() tea.Msg {
				c, err := st.Case(id)
				return endReloadedMsg{cas: c, err: err}
			}
		}
		if m.done {
			switch {
			case key.Matches(msg, m.keys.Draft):
				return m, send(draftMsg{cas: m.msg.cas, seq: m.seq})
			case m.reassessNext() && key.Matches(msg, m.keys.Reassess):
				return m, send(interviewMsg{cas: m.msg.cas, kind: domain.Reassessment})
			case key.Matches(msg, m.keys.Back):
				return m, send(openCaseMsg{id: m.msg.cas.ID, status: "Ophøret er gemt."})
			}
			return m, nil
		}
		switch {
		case key.Matches(msg, m.keys.Back):
			return m, send(openCaseMsg{id: m.msg.cas.ID})
		case key.Matches(msg, m.keys.Save):
			return m.save()
		case key.Matches(msg, m.keys.Next):
			return m.moveFocus(1)
		case key.Matches(msg, m.keys.Prev):
			return m.moveFocus(-1)
		}
		var cmd tea.Cmd
		switch m.f.focus {
		case endDate:
			m.date, cmd = m.date.Update(msg)
		case endLast:
			m.last, cmd = m.last.Update(msg)
		default:
			m.reason, cmd = m.reason.Update(msg)
		}
		return m, cmd
	}
	return m, nil
}

func (m endModel) moveFocus(delta int) (endModel, tea.Cmd) {
	m.f.move(fieldOrder(endFields), delta)
	return m, focusOnly(m.f.focus, &m.date, &m.last, &m.reason)
}

func (m endModel) save() (endModel, tea.Cmd) {
	if m.saving {
		return m, nil
	}
	m.f.clearErrors()
	date, err := domain.ParseDanishDate(m.date.Value())
	if err != nil {
		m.f.errs[endDate] = err.Error()
	} else if m.c.today.Before(date) {
		m.f.errs[endDate] = "afgørelsens dato ligger i fremtiden"
	}
	last, err := domain.ParseDanishDate(m.last.Value())
	if err != nil {
		m.f.errs[endLast] = err.Error()
	}
	if m.f.failed() {
		return m, nil
	}
	ev, err := domain.EndGrant(m.grant, date, last, m.reason.Value())
	if err != nil {
		if err := m.f.problems(err, map[string]int{"date": endLast, "reason": endReason}); err != nil {
			return m, send(errMsg{err})
		}
		return m, nil
	}
	m.saving = true
	ch := store.Change{Version: m.msg.cas.Version, Events: append(append([]domain.Event(nil), m.msg.pre...), ev), DropDraft: m.msg.dropDraft}
	return m, appendCmd(m.c.store, m.msg.cas.ID, ch)
}

// reassessNext reports whether the termination came from a follow-up
// that ends the grant to assess the citizen anew (and did not already).
func (m endModel) reassessNext() bool {
	return !m.msg.cas.ReassessmentDue.IsZero()
}

func (m endModel) ShortHelp() []key.Binding {
	if m.done && m.reassessNext() {
		return []key.Binding{m.keys.Reassess, m.keys.Draft, binding([]string{"esc"}, "esc", "sagen")}
	}
	if m.done {
		return []key.Binding{m.keys.Draft, binding([]string{"esc"}, "esc", "sagen")}
	}
	if m.stale != nil {
		return []key.Binding{m.keys.Reload, m.keys.Save, m.keys.Back}
	}
	return []key.Binding{m.keys.Next, m.keys.Save, m.keys.Back}
}

func (m endModel) FullHelp() [][]key.Binding {
	return [][]key.Binding{m.ShortHelp()}
}

func (m endModel) View(height int) string {
	s := m.c.styles
	w := m.c.width - 4
	cz := m.msg.cas.Citizen
	g := m.grant
	var b strings.Builder
	b.WriteString(s.Title.Render("vum · Ophør") + s.Subtle.Render(" · "+fmt.Sprintf("%s (%s)", cz.Name, cz.MaskedID())) + "\n\n")
	b.WriteString(s.Subtitle.Render(wrapText(g.ID+" "+lawName(g.Provision), w)) + "\n")
	what := "start " + g.Start.Danish()
	if scope := g.Scope.Danish(g.Provision, g.Tier); scope != "" {
		what = scope + " · " + what
	}
	b.WriteString(s.Subtle.Render(wrapText(what, w)) + "\n")
	var others []string
	for _, o := range m.msg.cas.Active() {
		if o.ID != g.ID {
			others = append(others, o.ID+" "+o.Provision.Law())
		}
	}
	if len(others) > 0 && !m.done {
		b.WriteString(s.Subtle.Render(wrapText("Fortsætter uændret: "+strings.Join(others, ", ")+".", w)) + "\n")
	}
	if m.done {
		t, _ := m.msg.cas.Grant(g.ID)
		b.WriteString("\n" + s.Success.Render(wrapText(fmt.Sprintf("✓ Ophøret er gemt: %s ophører med udgangen af %s.", g.Provision.Law(), t.End.Danish()), w)) + "\n\n")
		if m.reassessNext() {
			b.WriteString(wrapText("Borgeren skal udredes på ny, efter kommunens metode. Tryk v for at begynde den nye udredning, enter for at se udkastet til afgørelsen om ophør, eller esc for at gå til sagen.", w))
		} else {
			b.WriteString(wrapText("Tryk enter for at se udkastet til afgørelsen om ophør, eller esc for at gå til sagen.", w))
		}
		return s.App.Render(b.String())
	}
	if m.stale != nil {
		b.WriteString("\n" + s.Warning.Render(wrapText("! "+m.stale.Error()+" Tryk ctrl+g for at genindlæse; det, du har skrevet, bevares.", w)) + "\n")
	}
	b.WriteString("\n" + m.f.row(s, endDate, "Afgørelsesdato", m.date.View(), w) + "\n")
	b.WriteString(m.f.row(s, endLast, "Sidste dag", m.last.View(), w) + "\n")
	b.WriteString("\n" + m.f.above(s, endReason, "Begrundelse (skal udfyldes)", w) + "\n" + m.reason.View() + "\n")
	b.WriteString("\n" + s.Subtle.Render("Tryk ctrl+s for at gemme ophøret."))
	return s.App.Render(b.String())
}
