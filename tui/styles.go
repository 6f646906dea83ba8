package tui

import "github.com/charmbracelet/lipgloss"

// Styles holds every style the screens use, built once. Colours are
// adaptive (light and dark terminals); meaning is never carried by colour
// alone: selections have a ">" and warnings a "!" so NO_COLOR works.
type Styles struct {
	App       lipgloss.Style
	Title     lipgloss.Style
	Subtitle  lipgloss.Style
	Subtle    lipgloss.Style
	Label     lipgloss.Style
	Value     lipgloss.Style
	Selected  lipgloss.Style
	Focused   lipgloss.Style
	Warning   lipgloss.Style
	Error     lipgloss.Style
	Success   lipgloss.Style
	Overdue   lipgloss.Style
	DueSoon   lipgloss.Style
	Box       lipgloss.Style
	FocusBox  lipgloss.Style
	Heading   lipgloss.Style
	Bold      lipgloss.Style
	StatusBar lipgloss.Style
}

// Colour roles, light and dark.
var (
	colorAccent  = lipgloss.AdaptiveColor{Light: "#1F5FAD", Dark: "#7AB8FF"}
	colorSubtle  = lipgloss.AdaptiveColor{Light: "#6B6B6B", Dark: "#9A9A9A"}
	colorWarning = lipgloss.AdaptiveColor{Light: "#9A5B00", Dark: "#F5B94A"}
	colorError   = lipgloss.AdaptiveColor{Light: "#B00020", Dark: "#FF7A85"}
	colorSuccess = lipgloss.AdaptiveColor{Light: "#1E7B34", Dark: "#7BD88F"}
	colorBorder  = lipgloss.AdaptiveColor{Light: "#B8B8B8", Dark: "#4A4A4A"}
	colorSelBg   = lipgloss.AdaptiveColor{Light: "#DCE8F7", Dark: "#23364D"}
)

// DefaultStyles builds the styles.
func DefaultStyles() *Styles {
	s := &Styles{}
	s.App = lipgloss.NewStyle().Padding(0, 1)
	s.Title = lipgloss.NewStyle().Bold(true).Foreground(colorAccent)
	s.Subtitle = lipgloss.NewStyle().Bold(true)
	s.Subtle = lipgloss.NewStyle().Foreground(colorSubtle)
	s.Label = lipgloss.NewStyle().Foreground(colorSubtle)
	s.Value = lipgloss.NewStyle()
	s.Selected = lipgloss.NewStyle().Bold(true).Background(colorSelBg)
	s.Focused = lipgloss.NewStyle().Foreground(colorAccent).Bold(true)
	s.Warning = lipgloss.NewStyle().Foreground(colorWarning)
	s.Error = lipgloss.NewStyle().Foreground(colorError)
	s.Success = lipgloss.NewStyle().Foreground(colorSuccess)
	s.Overdue = lipgloss.NewStyle().Foreground(colorError).Bold(true)
	s.DueSoon = lipgloss.NewStyle().Foreground(colorWarning)
	s.Box = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(colorBorder).Padding(0, 1)
	s.FocusBox = s.Box.BorderForeground(colorAccent)
	s.Heading = lipgloss.NewStyle().Bold(true).Foreground(colorAccent)
	s.Bold = lipgloss.NewStyle().Bold(true)
	s.StatusBar = lipgloss.NewStyle().Foreground(colorSubtle)
	return s
}
