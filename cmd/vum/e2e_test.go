package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestEndToEndInTmux drives the real binary in tmux as a caseworker
// would: from the empty start screen, through a new case and the
// interview, to a § 85 grant with its follow-up date and a saved draft,
// then a second grant (§ 104) that is ended, and a follow-up on § 85.
// CI installs tmux; elsewhere the test is skipped without it.
func TestEndToEndInTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is needed for the end-to-end test; install it (apt-get install tmux)")
		}
		t.Skip("tmux not installed")
	}
	dir := t.TempDir()
	bin := buildVum(t)
	db := filepath.Join(dir, "data", "vum.db")
	// A private tmux server (its own socket, no user configuration) and a
	// session name of this run's own, so parallel runs and sessions left
	// over by a killed run never meet; the server goes with the test.
	server := fmt.Sprintf("vum-e2e-%d-%d", os.Getpid(), time.Now().UnixNano())
	session := "vum"
	tmux := func(args ...string) string {
		cmd := exec.Command("tmux", append([]string{"-L", server, "-f", os.DevNull}, args...)...)
		cmd.Env = withoutEnv(os.Environ(), "TMUX")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", "-c", dir,
		"env VUM_DB="+db+" XDG_CONFIG_HOME="+filepath.Join(dir, "config")+" VUM_TODAY=2026-11-25 TERM=xterm-256color "+bin+"; echo vum-exited-$?; sleep 30")
	socket := strings.TrimSpace(tmux("display-message", "-p", "#{socket_path}"))
	t.Cleanup(func() {
		cmd := exec.Command("tmux", "-L", server, "kill-server")
		cmd.Env = withoutEnv(os.Environ(), "TMUX")
		cmd.Run()
		os.Remove(socket) // the server leaves its socket behind
	})

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
	send("x", "C-n", "3", "Tab")
	typeText("Jeg tør ikke gå ud alene.")
	send("Tab")
	typeText("Angst; undgår at gå ud alene.")
	send("C-n", "C-n", "2", "C-n", "1", "C-n", "3")
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
	// The first letter asks who signs it; then the letter's open fields
	// are filled on the screen and stored with the case.
	waitFor("Første gang: hvem underskriver brevene?")
	typeText("Lone Madsen")
	send("Tab")
	typeText("Socialrådgiver")
	send("Tab")
	typeText("43 57 70 00")
	send("Tab")
	typeText("lm@ishoj.example")
	send("C-s")
	waitFor("Din profil er gemt")
	send("u")
	waitFor("> Borgerens adresse · mangler i brevet")
	typeText("Ishøj Bygade 12, 2635 Ishøj")
	send("Tab")
	typeText("Jeg vil gerne handle ind selv.")
	send("C-s")
	waitFor("Brevets felter er gemt")
	waitFor("Udkast til afgørelse")
	send("p")
	waitFor("Gem som")
	send("Enter")
	waitFor("Gemt:")
	// Back on the card: add the complementary § 104, which needs no reason.
	send("Escape")
	waitFor("b1 SEL § 85")
	send("b")
	waitFor("bevilget (b1)")
	send("Down", "Enter")
	waitFor("ingen begrundelse kræves")
	send("C-s")
	waitFor("Bevillingen er gemt: SEL § 104")
	send("Escape")
	waitFor("b2 SEL § 104")
	// End § 104; § 85 goes on.
	send("Down", "s")
	waitFor("Fortsætter uændret: b1 SEL § 85")
	typeText("Borgeren ønsker ikke tilbuddet længere.")
	send("C-s")
	waitFor("Ophøret er gemt")
	send("Enter")
	waitFor("Det bevilgede omfang: ophør den 25-11-2026")
	send("Escape")
	waitFor("ophørt 25-11-2026")
	// Follow up on § 85.
	send("Up", "o")
	waitFor("Opfølgning planlagt 25-11-2027")
	typeText("Borgeren handler selv ind to gange om ugen.")
	send("C-s")
	waitFor("Opfølgningen er gemt")
	send("q")
	waitFor("vum-exited-0") // the screen has quit and written what it owed

	var list []map[string]any
	out, err := exec.Command(bin, "--db", db, "case", "list", "--json").Output()
	if err != nil || json.Unmarshal(out, &list) != nil || len(list) != 1 {
		t.Fatalf("case list: %v\n%s", err, out)
	}
	c := list[0]
	if c["name"] != "Mette Hansen" || c["municipality"] != "ishoj" || c["provision"] != "sel85" || c["tier"] != "moderat" ||
		c["next_due"] != "2027-11-25" || fmt.Sprint(c["active"]) != "[sel85]" {
		t.Errorf("stored case = %v", c)
	}
	// The fields filled on the screen are stored with the case: the
	// command line finds the § 85 letter finished.
	check := exec.Command(bin, "--db", db, "draft", fmt.Sprint(c["id"]), "--event", "3", "--check")
	check.Env = append(os.Environ(), "XDG_CONFIG_HOME="+filepath.Join(dir, "config"), "VUM_TODAY=2026-11-25")
	if out, err := check.CombinedOutput(); err != nil || strings.Contains(string(out), "MANGLER") {
		t.Errorf("the letter filled on the screen is not finished: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, "afgørelse-mette-hansen-2026-11-25.pdf")
	if data, err := os.ReadFile(pdf); err != nil || !strings.HasPrefix(string(data), "%PDF") {
		t.Errorf("saved draft: %v", err)
	}
	log, _ := exec.Command(bin, "--db", db, "log").Output()
	for _, want := range []string{"sag oprettet", "bevilling SEL § 85", "bevilling SEL § 104", "ophør af SEL § 104", "opfølgning på SEL § 85 (b1)", "udkast"} {
		if !strings.Contains(string(log), want) {
			t.Errorf("audit trail lacks %q:\n%s", want, log)
		}
	}
	if n := strings.Count(string(log), "udredning redigeret"); n != 1 {
		t.Errorf("one interview visit must make one audit entry, got %d:\n%s", n, log)
	}
	// The store the screen made is encrypted: no name, CPR or note in clear.
	assertSealed(t, db)
	// What the screen showed is in the access log, written at the latest
	// when it quit.
	report, _ := exec.Command(bin, "--db", db, "log", "--citizen", "150391-1234").Output()
	for _, want := range []string{"læst", "skærmbilledet udredning", "skærmbilledet udkast"} {
		if !strings.Contains(string(report), want) {
			t.Errorf("access report lacks %q:\n%s", want, report)
		}
	}
}

// withoutEnv drops a variable from an environment, so a test run inside
// tmux does not talk to the caller's server.
func withoutEnv(env []string, name string) []string {
	out := env[:0:0]
	for _, kv := range env {
		if !strings.HasPrefix(kv, name+"=") {
			out = append(out, kv)
		}
	}
	return out
}
