package tui

import (
	"time"

	"github.com/charmbracelet/bubbles/help"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
)

// common is shared by every screen: size, styles, the services and the
// date. The root model owns it; screens read it.
type common struct {
	width, height int
	styles        *Styles
	store         Store
	files         Files
	settings      Settings
	cat           *standards.Catalog
	method        *domain.Method
	today         domain.Date
	saveDelay     time.Duration // wait after an edit before saving
	saveMaxWait   time.Duration // longest an edit waits while typing goes on
	// profileAsked is set once the caseworker was asked for the profile
	// that signs letters, so a skipped question is not asked again.
	profileAsked bool
}

// Minimum terminal size; below it a message says to enlarge the window.
const (
	minWidth  = 64
	minHeight = 18
)

// screenModel is what every screen offers the root: its keys for help,
// whether a text field has the keyboard (so q and ? are characters), and
// a way to write unsaved work before vum quits.
type screenModel interface {
	help.KeyMap
	Typing() bool
	Flush() error
	// Unsaved names typed input that Flush cannot keep (a form not yet
	// submitted), or "" when there is none; quitting asks first.
	Unsaved() string
}

// municipalityName returns a municipality's display name.
func (c *common) municipalityName(id string) string {
	if _, m, ok := c.cat.ForMunicipality(id); ok {
		return m.Name
	}
	return id
}

// shortMunicipality drops "Kommune" for narrow columns.
func (c *common) shortMunicipality(id string) string {
	name := c.municipalityName(id)
	const suffix = " Kommune"
	if len(name) > len(suffix) && name[len(name)-len(suffix):] == suffix {
		return name[:len(name)-len(suffix)]
	}
	return name
}
