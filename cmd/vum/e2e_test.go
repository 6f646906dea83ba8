package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestEndToEndInTmux drives the real binary in tmux as a caseworker
// would: from the empty start screen, through a new case and the
// interview, to a stored decision with its follow-up date and a saved
// draft. CI installs tmux; elsewhere the test is skipped without it.
func TestEndToEndInTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is needed for the end-to-end test; install it (apt-get install tmux)")
		}
		t.Skip("tmux not installed")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "vum")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "data", "vum.db")
	// A private server and a session named after the test's own temporary
	// folder, so runs in parallel never meet.
	session := "vum-e2e-" + filepath.Base(filepath.Dir(dir))
	server := []string{"-L", session, "-f", "/dev/null"}
	tmux := func(args ...string) string {
		out, err := exec.Command("tmux", append(server, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", "-c", dir,
		"env VUM_DB="+db+" VUM_TODAY=2026-11-25 TERM=xterm-256color "+bin+"; sleep 30")
	defer exec.Command("tmux", append(server, "kill-server")...).Run()

	screen := func() string { return tmux("capture-pane", "-p", "-t", session) }
	waitFor := func(text string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			if strings.Contains(screen(), text) {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatalf("waited for %q; the screen shows:\n%s", text, screen())
	}
	send := func(keys ...string) { tmux(append([]string{"send-keys", "-t", session}, keys...)...) }
	typeText := func(text string) { tmux("send-keys", "-t", session, "-l", text) }

	waitFor("Ingen sager endnu")
	send("n")
	waitFor("Ny sag")
	send("Up", "Right", "Right", "Tab")
	typeText("Mette Hansen")
	send("Tab")
	typeText("150391-1234")
	send("Tab", "Tab", "C-u")
	typeText("05-10-2026")
	send("C-s")
	waitFor("Udredning")
	send("x", "C-n", "2", "Tab")
	typeText("Jeg tør ikke gå ud alene.")
	send("Tab")
	typeText("Angst; undgår at gå ud alene.")
	send("C-n", "C-n", "2", "C-n", "1", "C-n", "2")
	waitFor("5 af 11 temaer vurderet")
	for range 6 {
		send("C-n")
	}
	waitFor("Støttebehov")
	typeText("2,5")
	send("C-n")
	waitFor("Ét mål pr. linje")
	typeText("Kunne handle ind selv")
	send("C-s")
	waitFor("primær anbefaling")
	send("?")
	waitFor("pgup") // the full help lists every key
	send("?", "Enter")
	waitFor("Følger vums forslag")
	send("C-s")
	waitFor("Næste opfølgning: 25-11-2027")
	send("Enter")
	waitFor("Udkast til afgørelse")
	send("p")
	waitFor("Gem som")
	send("Enter")
	waitFor("Gemt:")
	send("q")

	var list []map[string]any
	out, err := exec.Command(bin, "--db", db, "case", "list", "--json").Output()
	if err != nil || json.Unmarshal(out, &list) != nil || len(list) != 1 {
		t.Fatalf("case list: %v\n%s", err, out)
	}
	c := list[0]
	if c["name"] != "Mette Hansen" || c["municipality"] != "ishoj" || c["provision"] != "sel85" || c["tier"] != "moderat" || c["next_due"] != "2027-11-25" {
		t.Errorf("stored case = %v", c)
	}
	pdf := filepath.Join(dir, "afgørelse-mette-hansen-2026-11-25.pdf")
	if data, err := os.ReadFile(pdf); err != nil || !strings.HasPrefix(string(data), "%PDF") {
		t.Errorf("saved draft: %v", err)
	}
	log, _ := exec.Command(bin, "--db", db, "log").Output()
	for _, want := range []string{"sag oprettet", "afgørelse", "udkast"} {
		if !strings.Contains(string(log), want) {
			t.Errorf("audit trail lacks %q:\n%s", want, log)
		}
	}
}
