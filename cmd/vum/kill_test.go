package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// killAfter starts vum with args and kills it with SIGKILL after d. It
// reports whether the process was still running when killed.
func killAfter(t *testing.T, bin, db string, d time.Duration, stdin string, args ...string) bool {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"--db", db}, args...)...)
	if stdin != "" {
		cmd.Stdin = strings.NewReader(stdin)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(d)
	killed := cmd.Process.Signal(syscall.SIGKILL) == nil
	err := cmd.Wait()
	return killed && err != nil && cmd.ProcessState.ExitCode() == -1
}

func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			out = append(out, e.Name())
		}
	}
	return out
}

// usable reports a problem when the store at db is not whole: a write
// must succeed and check must pass.
func usable(t *testing.T, bin, db string) string {
	t.Helper()
	// A kill during creation may leave no store: then the write makes it.
	if r := runBin(t, bin, db, "case", "add", example("ishoj-let-82a.json")); r.status != 0 {
		return "case add: " + r.errOut
	}
	if r := runBin(t, bin, db, "check"); r.status != 0 {
		return "check: " + r.errOut
	}
	return ""
}

// Kills at many points during creation, import, decide and backup leave
// no unusable store, and the next command leaves no temporary file.
func TestKillsLeaveWholeStores(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills it many times")
	}
	bin, err := buildVumOnce()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(42, 7))
	// Per kind of command: runs, runs killed while running, runs after
	// which the store was whole and usable with no temporary file.
	type tally struct{ runs, kills, survived int }
	tallies := map[string]*tally{"creation": {}, "import": {}, "decide": {}, "backup": {}}
	kind := "creation"
	var kills, survived int
	count := func(killed bool) {
		tallies[kind].runs++
		if killed {
			kills++
			tallies[kind].kills++
		}
	}
	ok := func() {
		survived++
		tallies[kind].survived++
	}
	delay := func(max time.Duration) time.Duration { return time.Duration(rng.Int64N(int64(max))) }

	// Creation: the first command on a new path. A store made by the
	// binary carries the full passphrase cost (about a second per
	// command), so these runs are fewer.
	for i := 0; i < 12; i++ {
		dir := t.TempDir()
		db := filepath.Join(dir, "vum.db")
		count(killAfter(t, bin, db, delay(1200*time.Millisecond), "", "case", "add", example("ishoj-moderat.json")))
		if _, err := os.Stat(db); err == nil {
			if r := runBin(t, bin, db, "check"); r.status != 0 {
				t.Errorf("creation, kill %d: the store left is not whole: %s", i, r.errOut)
				continue
			}
		}
		if len(tempFiles(t, dir)) > 0 {
			// The next creation clears what the killed one left.
			if r := runBin(t, bin, db, "case", "add", example("ishoj-moderat.json")); r.status != 0 {
				t.Errorf("creation after kill %d: %s", i, r.errOut)
			}
			if left := tempFiles(t, dir); len(left) > 0 {
				t.Errorf("creation, kill %d: temporary files left: %v", i, left)
				continue
			}
		}
		ok()
	}

	// Import, decide and backup on one store.
	dir := t.TempDir()
	db := filepath.Join(dir, "vum.db")
	t.Setenv("VUM_DB", db)
	mustRun(t, "", "case", "add", example("ishoj-moderat.json"))
	good, _ := os.ReadFile(example("ishoj-moderat.json"))
	line := strings.Join(strings.Fields(string(good)), " ")
	// Each import reads 400 cases no import read before (a case file's
	// id comes from its content), so each has work to be killed in.
	importInput := func(run int) string {
		var input strings.Builder
		for j := 0; j < 400; j++ {
			input.WriteString(strings.Replace(line, "Lille netværk.", fmt.Sprintf("Lille netværk (%d-%d).", run, j), 1) + "\n")
		}
		return input.String()
	}
	backups := t.TempDir()
	command := func(i int) (args []string, stdin string) {
		switch i % 3 {
		case 0:
			return []string{"import", "-"}, importInput(i)
		case 1:
			// A new case each time, so the decision has work to do.
			id := strings.TrimSpace(mustRun(t, "", "case", "add", example("ishoj-moderat.json")))
			return []string{"decide", id, "--provision", "sel85", "--date", "2026-11-20"}, ""
		default:
			return []string{"backup", filepath.Join(backups, fmt.Sprintf("kopi-%d.db", i))}, ""
		}
	}
	// How long each command takes unkilled, so the kills fall over the
	// whole of its run.
	took := map[string]time.Duration{}
	for i := 0; i < 3; i++ {
		args, stdin := command(i + 300)
		start := time.Now()
		cmd := exec.Command(bin, append([]string{"--db", db}, args...)...)
		cmd.Stdin = strings.NewReader(stdin)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", args[0], err, out)
		}
		took[args[0]] = time.Since(start)
	}
	t.Logf("unkilled: import of 400 cases %v, decide %v, backup %v", took["import"].Round(time.Millisecond), took["decide"].Round(time.Millisecond), took["backup"].Round(time.Millisecond))
	for i := 0; i < 30; i++ {
		args, stdin := command(i)
		kind = args[0]
		count(killAfter(t, bin, db, delay(took[kind]*11/10), stdin, args...))
		if problem := usable(t, bin, db); problem != "" {
			t.Errorf("%s, kill %d: the store is not usable: %s", args[0], i, problem)
			continue
		}
		if args[0] == "backup" {
			dest := args[1]
			if _, err := os.Stat(dest); err == nil {
				if r := runBin(t, bin, dest, "check"); r.status != 0 {
					t.Errorf("backup, kill %d: a backup that exists is not whole: %s", i, r.errOut)
					continue
				}
			}
			// The next backup into the folder clears what a killed one left.
			next := filepath.Join(backups, fmt.Sprintf("next-%d.db", i))
			if r := runBin(t, bin, db, "backup", next); r.status != 0 {
				t.Errorf("backup after a kill: %s", r.errOut)
			}
			if left := tempFiles(t, backups); len(left) > 0 {
				t.Errorf("backup, kill %d: temporary files left: %v", i, left)
				continue
			}
		}
		if left := tempFiles(t, dir); len(left) > 0 {
			t.Errorf("%s, kill %d: temporary files left: %v", args[0], i, left)
			continue
		}
		ok()
	}
	for _, k := range []string{"creation", "import", "decide", "backup"} {
		c := tallies[k]
		t.Logf("%s: %d runs, %d killed while running; %d left no store or a whole, usable one, and no temporary file", k, c.runs, c.kills, c.survived)
	}
	t.Logf("all: %d runs, %d killed while running, %d survived", 12+30, kills, survived)
}
