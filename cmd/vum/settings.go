package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/adrg/xdg"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store/safefile"
	"github.com/vumdk/vum/tui"
)

// settingsFiles keeps the caseworker's own settings as JSON files in the
// user's configuration folder ($XDG_CONFIG_HOME/vum on Linux), private to
// the user (folder 0700, files 0600):
//
//	profile.json         domain.Profile: who signs letters, and the
//	                     municipality new cases start on
//	newcase-draft.json   the new-case form as typed, until the case is made
//
// Every write goes through a new temporary file in the same folder,
// synced and renamed into place, so a crash never leaves half a file.
type settingsFiles struct{ dir string }

func defaultSettings() settingsFiles { return settingsFiles{dir: filepath.Join(xdg.ConfigHome, "vum")} }

func (s settingsFiles) profilePath() string { return filepath.Join(s.dir, "profile.json") }
func (s settingsFiles) draftPath() string   { return filepath.Join(s.dir, "newcase-draft.json") }

// Load reads the profile; without a file it is empty.
func (s settingsFiles) Load() (domain.Profile, error) {
	var p domain.Profile
	_, err := s.read(s.profilePath(), &p)
	return p, err
}

// Save writes the profile.
func (s settingsFiles) Save(p domain.Profile) error { return s.write(s.profilePath(), p) }

func (s settingsFiles) LoadDraft() (tui.NewCaseDraft, bool, error) {
	var d tui.NewCaseDraft
	ok, err := s.read(s.draftPath(), &d)
	return d, ok, err
}

func (s settingsFiles) SaveDraft(d tui.NewCaseDraft) error { return s.write(s.draftPath(), d) }

func (s settingsFiles) ClearDraft() error {
	if err := os.Remove(s.draftPath()); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("kan ikke slette %s: %s", s.draftPath(), osErrorText(err))
	}
	return nil
}

// read decodes path into v; ok is false when there is no file.
func (s settingsFiles) read(path string, v any) (ok bool, err error) {
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("kan ikke læse %s: %s", path, osErrorText(err))
	}
	if err := json.Unmarshal(data, v); err != nil {
		return false, fmt.Errorf("%s kan ikke læses (%v); ret eller slet filen", path, err)
	}
	return true, nil
}

func (s settingsFiles) write(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return fmt.Errorf("kan ikke oprette mappen %s: %s", s.dir, osErrorText(err))
	}
	if err := safefile.Write(path, append(data, '\n'), safefile.Options{Overwrite: true, Mode: 0o600}); err != nil {
		return fmt.Errorf("kan ikke gemme %s: %s", path, safefile.Explain(err))
	}
	return nil
}
