package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/vumdk/vum/domain"
)

// profileForm asks for the caseworker who signs the letters: name,
// title, phone and e-mail. It is asked the first time a letter is shown
// without a profile, and can be opened again from the letter. The profile
// is kept with the caseworker's settings (the file `vum profil` writes),
// outside the case store.
type profileForm struct {
	form  fieldForm
	first bool // asked on first use rather than opened by the caseworker
	err   string
}

// The profile form's fields.
const (
	profName = iota
	profTitle
	profPhone
	profEmail
)

// askProfile opens the profile form when the caseworker has none and has
// not been asked in this run.
func (m *draftModel) askProfile() {
	if m.c.profileAsked {
		return
	}
	p, err := m.c.settings.Load()
	if err != nil || strings.TrimSpace(p.Name) != "" {
		return
	}
	m.c.profileAsked = true
	*m, _ = m.openProfile(true)
}

func (m draftModel) openProfile(first bool) (draftModel, tea.Cmd) {
	p, err := m.c.settings.Load()
	if err != nil {
		m.status = ""
		m.lastErr = err.Error()
		return m, nil
	}
	fields := []formField{
		{label: "Dit navn", open: p.Name == ""},
		{label: "Din titel, fx Socialrådgiver", open: p.Title == ""},
		{label: "Din direkte telefon (ellers afdelingens)"},
		{label: "Din e-mail (ellers afdelingens)"},
	}
	m.profile = &profileForm{form: newFieldForm(fields, []string{p.Name, p.Title, p.Phone, p.Email}, m.c.width-4), first: first}
	return m, m.profile.form.focusCmd()
}

func (m draftModel) updateProfile(msg tea.Msg) (draftModel, tea.Cmd) {
	f := *m.profile
	m.profile = &f
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		f.form.setWidth(m.c.width - 4)
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.keys.FillSave):
			return m.saveProfile()
		case key.Matches(msg, m.keys.Back):
			m.profile = nil
			return m, nil
		}
		var cmd tea.Cmd
		f.form, cmd = f.form.Update(msg)
		return m, cmd
	}
	return m, nil
}

// saveProfile checks and writes the profile, keeping the municipality new
// cases start on, and signs the letter with it.
func (m draftModel) saveProfile() (draftModel, tea.Cmd) {
	f := m.profile
	f.form.ClearErrs()
	f.err = ""
	v := f.form.Values()
	for i := range v {
		v[i] = strings.TrimSpace(v[i])
	}
	switch {
	case v[profName] == "":
		return m, f.form.SetErr(profName, "skriv dit navn; det står under brevet")
	case v[profTitle] == "":
		return m, f.form.SetErr(profTitle, "skriv din titel; den står under dit navn")
	case v[profEmail] != "" && !strings.Contains(v[profEmail], "@"):
		return m, f.form.SetErr(profEmail, "en e-mailadresse har et @, fx lm@ishoj.dk")
	}
	p, err := m.c.settings.Load()
	if err != nil {
		f.err = err.Error()
		return m, nil
	}
	p = domain.Profile{Name: v[profName], Title: v[profTitle], Phone: v[profPhone], Email: v[profEmail], Municipality: p.Municipality}
	if err := m.c.settings.Save(p); err != nil {
		f.err = "Profilen kunne ikke gemmes: " + err.Error()
		return m, nil
	}
	m.profile = nil
	m.build()
	m.status = "✓ Din profil er gemt og underskriver dine breve (ret den med i eller »vum profil«)."
	return m, nil
}

func (m draftModel) profileHelp() []key.Binding {
	back := "tilbage til brevet"
	if m.profile.first {
		back = "spring over"
	}
	return append(append([]key.Binding{m.keys.FillSave}, m.profile.form.Help()...), binding([]string{"esc"}, "esc", back))
}

func (m draftModel) profileView(height int) string {
	s := m.c.styles
	w := m.c.width - 4
	var b strings.Builder
	b.WriteString(s.Title.Render("vum · Din profil") + "\n")
	intro := "Dit navn, din titel og dine kontaktoplysninger står under de breve, du sender. De gemmes én gang hos dig, ikke i sagerne."
	if m.profile.first {
		intro = "Første gang: hvem underskriver brevene? " + intro
	}
	b.WriteString(s.Subtle.Render(wrapText(intro, w)) + "\n")
	bottom := s.Subtle.Render(wrapText("Tryk ctrl+s for at gemme.", w))
	if m.profile.err != "" {
		bottom = s.Error.Render(wrapText("✗ "+m.profile.err, w))
	}
	top := b.String()
	room := height - lines(top) - lines(bottom) - 1
	return s.App.Render(top + m.profile.form.View(s, w, room) + "\n" + bottom)
}
