package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// Screen timings: vum's start screen is measured as a person sees it, in
// a tmux window of 80x24: from starting the program to the first frame
// that lists cases, and to the moment the whole list is read (the status
// line then counts every case). It needs tmux; without it the screen is
// left out of the report.
const (
	screenRuns    = 10
	screenTimeout = 30 * time.Second
	screenPoll    = 2 * time.Millisecond
)

func (b *bench) timeScreen() error {
	if _, err := exec.LookPath("tmux"); err != nil {
		fmt.Fprintln(b.log, "the start screen: tmux not found, not measured")
		return nil
	}
	// A private tmux server (its own socket, no user configuration), kept
	// up by an idle session for the whole measurement so every run pays
	// for a new session, as before, and not for a new server.
	srv := screenServer{name: fmt.Sprintf("vumbench-%d-%d", os.Getpid(), time.Now().UnixNano())}
	if out, err := srv.cmd("new-session", "-d", "-s", "idle", "sleep 86400").CombinedOutput(); err != nil {
		return fmt.Errorf("tmux: %v: %s", err, out)
	}
	defer srv.close()
	for _, st := range b.stores {
		fmt.Fprintf(b.log, "start screen: %d runs on %s cases\n", screenRuns, thousands(int64(st.cases)))
		var first, full []sample
		for run := -1; run < screenRuns; run++ {
			f, a, err := b.screenOnce(srv, st)
			if err != nil {
				return err
			}
			if run >= 0 { // run -1 warms the page cache
				first = append(first, sample{wall: f, maxRSS: -1})
				full = append(full, sample{wall: a, maxRSS: -1})
			}
		}
		b.commands = append(b.commands,
			commandResult{name: "vum (start screen: first frame)", cases: st.cases, stats: summarize(first)},
			commandResult{name: "vum (start screen: every case read)", cases: st.cases, stats: summarize(full)})
	}
	return nil
}

// screenServer is a private tmux server.
type screenServer struct{ name string }

func (s screenServer) cmd(args ...string) *exec.Cmd {
	return exec.Command("tmux", append([]string{"-L", s.name, "-f", os.DevNull}, args...)...)
}

// close stops the server and removes the socket it leaves behind.
func (s screenServer) close() {
	socket, _ := s.cmd("display-message", "-p", "#{socket_path}").Output()
	s.cmd("kill-server").Run()
	if path := strings.TrimSpace(string(socket)); path != "" {
		os.Remove(path)
	}
}

// screenOnce starts vum in a fresh tmux session and polls the pane.
func (b *bench) screenOnce(srv screenServer, st storeResult) (first, full time.Duration, err error) {
	session := fmt.Sprintf("vum-%d", time.Now().UnixNano())
	command := fmt.Sprintf("env VUM_DB=%s VUM_TODAY=%s %s TERM=xterm-256color %s; sleep 60", st.db, b.cfg.today, strings.Join(b.cryptEnv(), " "), b.vum)
	start := time.Now()
	if out, err := srv.cmd("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command).CombinedOutput(); err != nil {
		return 0, 0, fmt.Errorf("tmux: %v: %s", err, out)
	}
	defer srv.cmd("kill-session", "-t", session).Run()
	everything := strings.ReplaceAll(thousands(int64(st.cases)), ",", ".") + " sager" // as the screen writes it
	for time.Since(start) < screenTimeout {
		out, err := srv.cmd("capture-pane", "-p", "-t", session).Output()
		if err != nil {
			return 0, 0, fmt.Errorf("tmux capture-pane: %v", err)
		}
		pane := string(out)
		if first == 0 && strings.Contains(pane, "\n > ") {
			first = time.Since(start)
		}
		if first > 0 && strings.Contains(pane, everything) && !strings.Contains(pane, "indlæser") {
			return first, time.Since(start), nil
		}
		time.Sleep(screenPoll)
	}
	return 0, 0, fmt.Errorf("the start screen did not show %s within %v", everything, screenTimeout)
}
