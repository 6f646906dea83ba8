package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/vumdk/vum/store"
)

// tmuxServer is a private tmux server for one test: its own socket, no
// user configuration, removed with the test.
type tmuxServer struct {
	t    *testing.T
	name string
}

func newTmuxServer(t *testing.T) *tmuxServer {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is needed for this test; install it (apt-get install tmux)")
		}
		t.Skip("tmux not installed")
	}
	s := &tmuxServer{t: t, name: fmt.Sprintf("vum-%s-%d-%d", t.Name(), os.Getpid(), time.Now().UnixNano())}
	t.Cleanup(func() {
		cmd := exec.Command("tmux", "-L", s.name, "kill-server")
		cmd.Env = withoutEnv(os.Environ(), "TMUX")
		cmd.Run()
	})
	return s
}

func (s *tmuxServer) run(args ...string) string {
	s.t.Helper()
	cmd := exec.Command("tmux", append([]string{"-L", s.name, "-f", os.DevNull}, args...)...)
	cmd.Env = withoutEnv(os.Environ(), "TMUX")
	out, err := cmd.CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// start opens a session of the given size running the shell command.
func (s *tmuxServer) start(session string, w, h int, dir, command string) {
	s.run("new-session", "-d", "-s", session, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "-c", dir, command)
}

func (s *tmuxServer) screen(session string) string {
	return s.run("capture-pane", "-p", "-t", session)
}

func (s *tmuxServer) waitFor(session, text string) {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(s.screen(session), text) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("waited for %q; the screen shows:\n%s", text, s.screen(session))
}

func (s *tmuxServer) keys(session string, keys ...string) {
	s.run(append([]string{"send-keys", "-t", session}, keys...)...)
}

func (s *tmuxServer) text(session, text string) { s.run("send-keys", "-t", session, "-l", text) }

// buildVum returns the binary the tests share, built once per test run.
func buildVum(t *testing.T) string {
	t.Helper()
	bin, err := buildVumOnce()
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return bin
}

// seedStore creates an empty encrypted store at db in-process, at the
// tests' low key-derivation cost, which the built binary then reads from
// the store's header: the screen tests pay for the key once, cheaply.
func seedStore(t *testing.T, db string) {
	t.Helper()
	s, err := store.Open(db, store.Options{Keys: testKeys()})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// waitGone waits for the process in pidFile to end.
func waitGone(t *testing.T, pidFile string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		data, _ := os.ReadFile(pidFile)
		pid := strings.TrimSpace(string(data))
		if pid != "" && exec.Command("kill", "-0", pid).Run() != nil {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("vum (pid file %s) did not end", pidFile)
}
