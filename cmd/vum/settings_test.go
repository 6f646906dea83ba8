package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/tui"
)

func TestSettingsFiles(t *testing.T) {
	s := settingsFiles{dir: filepath.Join(t.TempDir(), "config", "vum")}
	if p, err := s.Load(); err != nil || p != (domain.Profile{}) {
		t.Fatalf("no file: %+v %v", p, err)
	}
	if _, ok, err := s.LoadDraft(); ok || err != nil {
		t.Fatalf("no draft: %v %v", ok, err)
	}
	want := domain.Profile{Name: "Anne Sørensen", Municipality: "gentofte"}
	if err := s.Save(want); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Load(); err != nil || got != want {
		t.Errorf("profile = %+v %v", got, err)
	}
	d := tui.NewCaseDraft{Municipality: "ishoj", Name: "Mette Hansen", ID: "150391-12"}
	if err := s.SaveDraft(d); err != nil {
		t.Fatal(err)
	}
	if got, ok, err := s.LoadDraft(); !ok || err != nil || got != d {
		t.Errorf("draft = %+v %v %v", got, ok, err)
	}
	for path, mode := range map[string]os.FileMode{s.dir: 0o700 | os.ModeDir, s.profilePath(): 0o600, s.draftPath(): 0o600} {
		if info, err := os.Stat(path); err != nil || info.Mode() != mode {
			t.Errorf("%s: mode %v, want %v (%v)", path, info.Mode(), mode, err)
		}
	}
	if entries, _ := os.ReadDir(s.dir); len(entries) != 2 {
		t.Errorf("temporary files left: %v", entries)
	}
	if err := s.ClearDraft(); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.LoadDraft(); ok {
		t.Error("the draft is still there")
	}
	if err := s.ClearDraft(); err != nil {
		t.Errorf("clearing twice: %v", err)
	}
	os.WriteFile(s.profilePath(), []byte("{ikke json"), 0o600)
	if _, err := s.Load(); err == nil || !strings.Contains(err.Error(), "ret eller slet filen") {
		t.Errorf("broken profile: %v", err)
	}
}
