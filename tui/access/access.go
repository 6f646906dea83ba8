// Package access is vum's accessible mode for screen-reader users: the
// case list, a new case, the interview, the suggestion and the decision
// as plain line prompts. Nothing is drawn or redrawn; every question is
// written once, on its own line, and answered with a line. It goes
// through the same store, standards and case-file rules as the screen.
package access

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
	"github.com/vumdk/vum/tui"
)

// Config is what the command line hands the accessible mode.
type Config struct {
	Store     tui.Store
	Settings  tui.Settings
	Standards *standards.Catalog
	Today     domain.Date
	In        io.Reader
	Out       io.Writer
}

// errQuit ends the session: the caseworker typed q, or input ended.
var errQuit = errors.New("afslut")

type session struct {
	Config
	in     *bufio.Scanner
	method *domain.Method
}

// Run talks with the caseworker until q or the end of input. Every
// answer is stored as soon as its question is done, so quitting at any
// prompt loses nothing but the answer being typed.
func Run(cfg Config) error {
	if cfg.Settings == nil {
		cfg.Settings = noSettings{}
	}
	in := bufio.NewScanner(cfg.In)
	in.Buffer(make([]byte, 0, 64*1024), 4*domain.MaxTextRunes)
	s := &session{Config: cfg, in: in, method: cfg.Standards.Vocabulary(cfg.Today).Method}
	s.say("vum, tilgængelig tilstand. Svar på hvert spørgsmål med en linje og tryk enter. Skriv q for at afslutte; det, du har svaret, er gemt.")
	err := s.cases()
	if errors.Is(err, errQuit) {
		s.say("Farvel.")
		return nil
	}
	return err
}

// say writes one line (or several, each a sentence of its own).
func (s *session) say(format string, args ...any) {
	fmt.Fprintf(s.Out, format+"\n", args...)
}

// ask writes a question and reads the answer; q ends the session.
func (s *session) ask(question string) (string, error) {
	fmt.Fprintf(s.Out, "%s\n> ", question)
	if !s.in.Scan() {
		fmt.Fprintln(s.Out)
		if err := s.in.Err(); err != nil {
			return "", err
		}
		return "", errQuit
	}
	answer := strings.TrimSpace(s.in.Text())
	if strings.EqualFold(answer, "q") {
		return "", errQuit
	}
	return answer, nil
}

// choose asks for one of the numbered options; enter gives def (-1: none).
func (s *session) choose(question string, options []string, def int) (int, error) {
	for i, o := range options {
		s.say("%d. %s", i+1, o)
	}
	for {
		answer, err := s.ask(question)
		if err != nil {
			return 0, err
		}
		if answer == "" && def >= 0 {
			return def, nil
		}
		var n int
		if _, err := fmt.Sscan(answer, &n); err == nil && n >= 1 && n <= len(options) {
			return n - 1, nil
		}
		s.say("Skriv et tal fra 1 til %d.", len(options))
	}
}

// yesNo asks a j/n question; enter keeps def.
func (s *session) yesNo(question string, def bool) (bool, error) {
	for {
		answer, err := s.ask(fmt.Sprintf("%s Skriv j eller n (enter: %s).", question, map[bool]string{true: "ja", false: "nej"}[def]))
		if err != nil {
			return false, err
		}
		switch strings.ToLower(answer) {
		case "":
			return def, nil
		case "j", "ja":
			return true, nil
		case "n", "nej":
			return false, nil
		}
		s.say("Skriv j for ja eller n for nej.")
	}
}

// date asks for a date; enter gives def.
func (s *session) date(question string, def domain.Date) (domain.Date, error) {
	for {
		answer, err := s.ask(fmt.Sprintf("%s (DD-MM-ÅÅÅÅ, enter: %s)", question, def.Danish()))
		if err != nil {
			return domain.Date{}, err
		}
		if answer == "" {
			return def, nil
		}
		d, err := domain.ParseDanishDate(answer)
		if err == nil {
			return d, nil
		}
		s.say("Ugyldig dato: %v.", err)
	}
}

func (s *session) municipalityName(id string) string {
	if _, m, ok := s.Standards.ForMunicipality(id); ok {
		return m.Name
	}
	return id
}

// noSettings remembers nothing.
type noSettings struct{}

func (noSettings) Load() (domain.Profile, error)              { return domain.Profile{}, nil }
func (noSettings) Save(domain.Profile) error                  { return nil }
func (noSettings) LoadDraft() (tui.NewCaseDraft, bool, error) { return tui.NewCaseDraft{}, false, nil }
func (noSettings) SaveDraft(tui.NewCaseDraft) error           { return nil }
func (noSettings) ClearDraft() error                          { return nil }
