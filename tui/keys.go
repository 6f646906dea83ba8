package tui

import "github.com/charmbracelet/bubbles/key"

// globalKeys work on every screen. q and ? are off while the user types in
// a text field, where they are characters.
type globalKeys struct {
	Quit      key.Binding
	ForceQuit key.Binding
	Help      key.Binding
	Back      key.Binding
}

func newGlobalKeys() globalKeys {
	return globalKeys{
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "afslut")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "afslut")),
		Help:      key.NewBinding(key.WithKeys("?", "f1"), key.WithHelp("?", "hjælp")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "tilbage")),
	}
}

func binding(keys []string, helpKey, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, desc))
}
