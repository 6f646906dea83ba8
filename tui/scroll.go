package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
)

// scrollKeys move a scrollPane.
type scrollKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
}

func newScrollKeys() scrollKeys {
	return scrollKeys{
		Up:       binding([]string{"up", "k"}, "↑/k", "rul op"),
		Down:     binding([]string{"down", "j"}, "↓/j", "rul ned"),
		PageUp:   binding([]string{"pgup"}, "pgup", "side op"),
		PageDown: binding([]string{"pgdown", " "}, "pgdn", "side ned"),
		Top:      binding([]string{"home", "g"}, "g", "til toppen"),
		Bottom:   binding([]string{"end", "G"}, "G", "til bunden"),
	}
}

// scrollPane shows a window onto text longer than the room it has. When
// the text does not fit, its last line says where the window is and that
// there is more, so nothing is ever cut off unseen. Screens keep one in
// their model (it holds the offset), set its size and content, and
// either pass it keys (Update) or scroll it themselves (Show, ScrollBy).
type scrollPane struct {
	vp    viewport.Model
	lines []string // the content, for drawing with "…" where a line is cut
	keys  scrollKeys
}

func newScrollPane() scrollPane {
	vp := viewport.New(0, 0)
	vp.KeyMap = viewport.KeyMap{} // the pane's own keys decide
	return scrollPane{vp: vp, keys: newScrollKeys()}
}

// SetSize sets the room, in columns and lines, including the status line.
func (p *scrollPane) SetSize(width, height int) {
	p.vp.Width, p.vp.Height = max(1, width), max(1, height)
	p.clamp()
}

// SetContent replaces the text, keeping the offset where it can.
func (p *scrollPane) SetContent(text string) {
	offset := p.vp.YOffset
	text = strings.TrimRight(text, "\n")
	p.lines = strings.Split(text, "\n")
	p.vp.SetContent(text)
	p.vp.YOffset = offset
	p.clamp()
}

// room is the number of text lines shown: one fewer than the height when
// the status line is needed.
func (p scrollPane) room() int {
	if p.vp.TotalLineCount() <= p.vp.Height {
		return p.vp.Height
	}
	return max(1, p.vp.Height-1)
}

func (p *scrollPane) clamp() {
	p.vp.YOffset = max(0, min(p.vp.YOffset, p.vp.TotalLineCount()-p.room()))
}

// Offset is the first line shown.
func (p scrollPane) Offset() int { return p.vp.YOffset }

// ScrollBy moves the window n lines (negative: up).
func (p *scrollPane) ScrollBy(n int) {
	p.vp.YOffset += n
	p.clamp()
}

// Show scrolls as little as needed to show lines from..to (inclusive);
// when they do not all fit, the first of them wins.
func (p *scrollPane) Show(from, to int) {
	room := p.room()
	if to >= p.vp.YOffset+room {
		p.vp.YOffset = to - room + 1
	}
	if from < p.vp.YOffset {
		p.vp.YOffset = from
	}
	p.clamp()
}

// Scrollable reports whether the text is longer than the room.
func (p scrollPane) Scrollable() bool { return p.vp.TotalLineCount() > p.vp.Height }

// Update scrolls on the pane's keys.
func (p scrollPane) Update(msg tea.Msg) (scrollPane, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return p, nil
	}
	switch {
	case key.Matches(k, p.keys.Up):
		p.ScrollBy(-1)
	case key.Matches(k, p.keys.Down):
		p.ScrollBy(1)
	case key.Matches(k, p.keys.PageUp):
		p.ScrollBy(-max(1, p.room()-1))
	case key.Matches(k, p.keys.PageDown):
		p.ScrollBy(max(1, p.room()-1))
	case key.Matches(k, p.keys.Top):
		p.vp.YOffset = 0
	case key.Matches(k, p.keys.Bottom):
		p.vp.YOffset = p.vp.TotalLineCount()
		p.clamp()
	}
	return p, nil
}

// Help lists the pane's keys when there is something to scroll.
func (p scrollPane) Help() []key.Binding {
	if !p.Scrollable() {
		return nil
	}
	return []key.Binding{p.keys.Up, p.keys.Down, p.keys.PageUp, p.keys.PageDown}
}

// status says which lines are shown and which way there is more.
func (p scrollPane) status() string {
	total, room := p.vp.TotalLineCount(), p.room()
	first, last := p.vp.YOffset+1, min(total, p.vp.YOffset+room)
	var more []string
	if first > 1 {
		more = append(more, "↑")
	}
	if last < total {
		more = append(more, "↓")
	}
	return fmt.Sprintf("%s mere · linje %d-%d af %d", strings.Join(more, ""), first, last, total)
}

// View renders exactly height lines, the last one the status when the
// text does not fit. Lines wider than the pane end in "…".
func (p scrollPane) View() string {
	room, w := p.room(), p.vp.Width
	out := make([]string, 0, p.vp.Height)
	for i := p.vp.YOffset; i < p.vp.YOffset+room; i++ {
		line := ""
		if i < len(p.lines) {
			line = p.lines[i]
		}
		out = append(out, fit(line, w))
	}
	if p.Scrollable() {
		out = append(out, fit(p.status(), w))
	}
	return strings.Join(out, "\n")
}

// scrollToFocus shows content in height lines, scrolled so that the
// focused label (drawn with "> ") and the fieldHeight lines of its field
// below it are in view: a form taller than the window never hides the
// field being typed in.
func scrollToFocus(content string, width, height, fieldHeight int) string {
	p := newScrollPane()
	p.SetSize(width, height)
	p.SetContent(content)
	if from, to, ok := focusLines(content, fieldHeight); ok {
		p.Show(from, to)
	}
	return p.View()
}
