package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The real binary in tmux: text typed into the interview and not yet
// saved (the save waits for a pause in the typing) is written when the
// terminal is closed (SIGHUP) or vum is told to stop (SIGTERM, SIGINT).
func TestSignalsWritePendingEdits(t *testing.T) {
	tm := newTmuxServer(t)
	dir := t.TempDir()
	bin := buildVum(t)
	db := filepath.Join(dir, "vum.db")
	seedStore(t, db)
	for i, sig := range []string{"HUP", "TERM", "INT"} {
		out, err := exec.Command(bin, "--db", db, "case", "add", example("ishoj-moderat.json")).Output()
		if err != nil {
			t.Fatal(err)
		}
		id := strings.TrimSpace(string(out))
		session, pidFile := fmt.Sprintf("sig%d", i), filepath.Join(dir, sig+".pid")
		tm.start(session, 80, 24, dir, fmt.Sprintf("echo $$ > %s; exec env VUM_DB=%s XDG_CONFIG_HOME=%s/config VUM_TODAY=2026-11-25 TERM=xterm-256color %s", pidFile, db, dir, bin))
		// The list has loaded this round's case before a key is pressed.
		tm.waitFor(session, fmt.Sprintf("%d sag", i+1))
		tm.keys(session, "/")
		tm.text(session, id[len(id)-6:])
		tm.keys(session, "Enter")
		tm.waitFor(session, "Udredning")
		tm.keys(session, "Tab")
		note := "Skrevet lige før SIG" + sig
		tm.text(session, note)
		tm.waitFor(session, note)
		pid, _ := os.ReadFile(pidFile)
		if err := exec.Command("kill", "-"+sig, strings.TrimSpace(string(pid))).Run(); err != nil {
			t.Fatal(err)
		}
		waitGone(t, pidFile)
		show, err := exec.Command(bin, "--db", db, "case", "show", id, "--json").Output()
		if err != nil || !strings.Contains(string(show), note) {
			t.Errorf("SIG%s: the note was lost: %v\n%s", sig, err, show)
		}
	}
}

// Continuous typing is saved while it goes on: after 6 seconds of typing
// and a kill that allows no cleanup, at least what was typed until 2.7 s
// (2 s maximum wait plus a save's own time) before the kill is stored.
func TestContinuousTypingIsSavedBeforeAKill(t *testing.T) {
	if testing.Short() {
		t.Skip("types for 6 seconds")
	}
	tm := newTmuxServer(t)
	dir := t.TempDir()
	bin := buildVum(t)
	db := filepath.Join(dir, "vum.db")
	seedStore(t, db)
	out, err := exec.Command(bin, "--db", db, "case", "add", example("ishoj-moderat.json")).Output()
	if err != nil {
		t.Fatal(err)
	}
	id := strings.TrimSpace(string(out))
	pidFile := filepath.Join(dir, "vum.pid")
	tm.start("type", 80, 24, dir, fmt.Sprintf("echo $$ > %s; exec env VUM_DB=%s XDG_CONFIG_HOME=%s/config VUM_TODAY=2026-11-25 TERM=xterm-256color %s", pidFile, db, dir, bin))
	// The list has loaded the case before enter opens it.
	tm.waitFor("type", "1 sag ")
	tm.keys("type", "Enter")
	tm.waitFor("type", "Udredning")
	tm.keys("type", "Tab")
	start := time.Now()
	typed := 0
	var at []time.Duration // when each character was sent
	for time.Since(start) < 6*time.Second {
		tm.text("type", "a")
		typed++
		at = append(at, time.Since(start))
		time.Sleep(60 * time.Millisecond)
	}
	killed := time.Since(start)
	pid, _ := os.ReadFile(pidFile)
	exec.Command("kill", "-KILL", strings.TrimSpace(string(pid))).Run()
	waitGone(t, pidFile)
	show, _ := exec.Command(bin, "--db", db, "case", "show", id, "--json").Output()
	saved := longestRun(string(show), 'a')
	want := 0
	for _, d := range at {
		if d <= killed-2700*time.Millisecond {
			want++
		}
	}
	t.Logf("typed %d characters in %v; %d were saved before the kill", typed, killed, saved)
	if saved < want || want == 0 {
		t.Errorf("saved %d of %d characters; at least %d were typed 2.7 s before the kill", saved, typed, want)
	}
}

// longestRun is the length of the longest run of r in s.
func longestRun(s string, r rune) int {
	best, n := 0, 0
	for _, c := range s {
		if c == r {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}
