//go:build linux

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// silentPTY runs bin on a pseudo-terminal that never answers a query, and
// returns what the program wrote to the terminal once done returns true for
// it, or once the program ends. It fails the test if neither happens within
// limit.
func silentPTY(t *testing.T, bin string, env []string, limit time.Duration, done func(out []byte) bool, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
	if err != nil {
		t.Fatal(err)
	}
	defer ptmx.Close()
	var mu sync.Mutex
	var out bytes.Buffer
	ended := make(chan struct{})
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := ptmx.Read(buf)
			mu.Lock()
			out.Write(buf[:n])
			mu.Unlock()
			if err != nil {
				close(ended)
				return
			}
		}
	}()
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	deadline := time.After(limit)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	snapshot := func() []byte { mu.Lock(); defer mu.Unlock(); return bytes.Clone(out.Bytes()) }
	for {
		select {
		case <-exited:
			select { // what is still in the terminal's buffer
			case <-ended:
			case <-time.After(time.Second):
			}
			return snapshot()
		case <-tick.C:
			if b := snapshot(); done != nil && done(b) {
				cmd.Process.Kill()
				<-exited
				return b
			}
		case <-deadline:
			cmd.Process.Kill()
			<-exited
			t.Fatalf("vum %s did not finish within %s on a terminal that does not answer; it wrote %q", strings.Join(args, " "), limit, snapshot())
			return nil
		}
	}
}

// ptyEnv is the environment for vum on a terminal of type xterm, with its
// store and settings in dir. The store is made unencrypted so that no key
// derivation (seconds at its real cost) delays the screen.
func ptyEnv(dir string) []string {
	env := os.Environ()
	for _, name := range []string{"TERM", "TMUX", "CI", "COLORFGBG", "NO_COLOR", "VUM_PASSPHRASE", "VUM_DB", "VUM_TODAY", "XDG_CONFIG_HOME"} {
		env = withoutEnv(env, name)
	}
	return append(env, "VUM_UNENCRYPTED=1", "TERM=xterm-256color", "VUM_TODAY=2026-11-25",
		"XDG_CONFIG_HOME="+filepath.Join(dir, "config"), "VUM_DB="+filepath.Join(dir, "vum.db"))
}

// Terminal queries: the background colour (OSC 11) and the cursor
// position (DSR).
var terminalQueries = []string{"\x1b]11;?", "\x1b[6n"}

// TestCommandsLeaveTheTerminalAlone runs commands on a terminal that never
// answers: none may query it or wait for it. Before, the screen library's
// package initialisation sent the queries and waited five seconds.
func TestCommandsLeaveTheTerminalAlone(t *testing.T) {
	bin, err := buildVumOnce()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	env := ptyEnv(dir)
	for _, args := range [][]string{{"--help"}, {"followups"}, {"followups", "--json"}, {"version"}} {
		out := silentPTY(t, bin, env, 4*time.Second, nil, args...)
		for _, q := range terminalQueries {
			if bytes.Contains(out, []byte(q)) {
				t.Errorf("vum %s queried the terminal (%q): %q", strings.Join(args, " "), q, out)
			}
		}
		if len(out) == 0 {
			t.Errorf("vum %s wrote nothing", strings.Join(args, " "))
		}
	}
}

// TestScreenStopsWaitingForTheTerminal starts the screen on a terminal
// that never answers: it asks for the background colour once and draws its
// first frame after at most screenQueryTimeout, not termenv's five seconds.
func TestScreenStopsWaitingForTheTerminal(t *testing.T) {
	bin, err := buildVumOnce()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	env := ptyEnv(dir)
	drawn := func(out []byte) bool { return bytes.Contains(out, []byte("\x1b[?1049h")) } // the screen took over
	out := silentPTY(t, bin, env, 4*time.Second, drawn)
	if !drawn(out) {
		t.Fatalf("the screen did not start: %q", out)
	}
	for _, q := range terminalQueries {
		if n := bytes.Count(out, []byte(q)); n != 1 {
			t.Errorf("the screen sent %q %d times, want once: %q", q, n, out)
		}
	}
}

// TestScreenColoursFollowTheTerminal: the screen's renderer is made when
// the screen starts, from the terminal's TERM (xterm-256color: colours),
// and NO_COLOR still turns colours off.
func TestScreenColoursFollowTheTerminal(t *testing.T) {
	bin, err := buildVumOnce()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// Foreground colours of the 256-colour and true-colour palettes.
	coloured := func(out []byte) bool {
		return bytes.Contains(out, []byte("\x1b[38;5;")) || bytes.Contains(out, []byte("\x1b[38;2;"))
	}
	out := silentPTY(t, bin, ptyEnv(dir), 4*time.Second, coloured)
	if !coloured(out) {
		t.Fatalf("the screen drew no colours on an xterm-256color: %q", out)
	}
	frame := func(out []byte) bool { return bytes.Contains(out, []byte("Tryk / for at søge")) }
	out = silentPTY(t, bin, append(ptyEnv(dir), "NO_COLOR=1"), 4*time.Second, frame)
	if !frame(out) {
		t.Fatalf("the screen drew no frame with NO_COLOR set: %q", out)
	}
	if coloured(out) {
		t.Errorf("the screen drew colours with NO_COLOR set: %q", out)
	}
}
