package main

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The real binary at the smallest size, 64×18, through a whole case: a
// new case, all 11 themes with both notes, two grants, a saved letter and
// a follow-up. After every text typed, the text is on screen: no field is
// ever typed in blind.
func TestWholeCaseAtSmallestSize(t *testing.T) {
	if testing.Short() {
		t.Skip("a whole case in tmux")
	}
	tm := newTmuxServer(t)
	dir := t.TempDir()
	bin := buildVum(t)
	db := filepath.Join(dir, "vum.db")
	seedStore(t, db)
	const s = "small"
	tm.start(s, minWidth64, minHeight18, dir, fmt.Sprintf("env VUM_DB=%s XDG_CONFIG_HOME=%s/config VUM_TODAY=2026-11-25 TERM=xterm-256color %s; echo vum-exit-$?; sleep 30", db, dir, bin))
	seen := func(text string) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			if strings.Contains(strings.Join(strings.Fields(strings.ReplaceAll(tm.screen(s), "│", " ")), " "), text) {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("typed %q but it is not on screen:\n%s", text, tm.screen(s))
	}
	typeSeen := func(text string) { tm.text(s, text); seen(text) }

	tm.waitFor(s, "Ingen sager")
	tm.keys(s, "n")
	tm.waitFor(s, "Ny sag")
	tm.keys(s, "Up", "Right", "Right", "Tab")
	typeSeen("Søren Østergård-Kjær")
	tm.keys(s, "Tab")
	typeSeen("150391-1234")
	tm.keys(s, "Tab", "Tab", "C-u")
	typeSeen("05-10-2026")
	tm.keys(s, "C-s")
	tm.waitFor(s, "Udredning")
	for i, level := range []string{"x", "2", "1", "2", "1", "2", "3", "0", "x", "1", "0"} {
		tm.keys(s, level, "Tab")
		typeSeen(fmt.Sprintf("Borgeren om tema %d.", i+1))
		tm.keys(s, "Tab")
		typeSeen(fmt.Sprintf("Faglig vurdering af tema %d.", i+1))
		tm.keys(s, "C-n")
	}
	tm.waitFor(s, "Støttebehov")
	typeSeen("3")
	tm.keys(s, "C-n")
	tm.waitFor(s, "Ét mål")
	typeSeen("Handle ind selv")
	tm.keys(s, "C-s")
	tm.waitFor(s, "primær anbefaling")
	tm.keys(s, "Enter")
	tm.waitFor(s, "Følger vums forslag")
	tm.keys(s, "C-s")
	tm.waitFor(s, "Bevillingen er gemt")
	tm.keys(s, "b")
	tm.waitFor(s, "Anden ydelse")
	tm.keys(s, "a")
	tm.waitFor(s, "Vælg ydelse")
	tm.keys(s, "Down", "Down", "Down", "Down", "Enter")
	tm.waitFor(s, "Begrundelse (skal udfyldes)")
	typeSeen("Borgeren ønsker samvær med andre.")
	tm.keys(s, "BTab", "BTab")
	typeSeen("2")
	tm.keys(s, "C-s")
	tm.waitFor(s, "Bevillingen er gemt")
	tm.keys(s, "Enter")
	tm.waitFor(s, "Første gang") // skipped: the letter keeps the signature to fill in
	tm.keys(s, "Escape")
	tm.waitFor(s, "Udkast til afgørelse")
	tm.keys(s, "p")
	tm.waitFor(s, "Gem som")
	tm.keys(s, "Enter")
	tm.waitFor(s, "Gemt:")
	tm.keys(s, "Escape")
	tm.waitFor(s, "Bevillinger")
	tm.keys(s, "o")
	tm.waitFor(s, "Opfølgning")
	typeSeen("Borgeren handler selv ind.")
	tm.keys(s, "C-s")
	tm.waitFor(s, "Opfølgningen er gemt")
	tm.keys(s, "q")
	tm.waitFor(s, "vum-exit-0")

	show, err := exec.Command(bin, "--db", db, "case", "list", "--json").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"sel85", "sel104"} {
		if !strings.Contains(string(show), want) {
			t.Errorf("the case lacks %s:\n%s", want, show)
		}
	}
	if pdfs, _ := filepath.Glob(filepath.Join(dir, "*.pdf")); len(pdfs) != 1 {
		t.Errorf("saved letters: %v", pdfs)
	}
}

// The documented minimum the screen works at.
const (
	minWidth64  = 64
	minHeight18 = 18
)
