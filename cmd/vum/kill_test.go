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
	var kills, survived int
	delay := func(max time.Duration) time.Duration { return time.Duration(rng.Int64N(int64(max))) }

	// Creation: the first command on a new path. A store made by the
	// binary carries the full passphrase cost (about a second per
	// command), so these runs are fewer.
	for i := 0; i < 12; i++ {
		dir := t.TempDir()
		db := filepath.Join(dir, "vum.db")
		if killAfter(t, bin, db, delay(1200*time.Millisecond), "", "case", "add", example("ishoj-moderat.json")) {
			kills++
		}
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
		survived++
	}

	// Import, decide and backup on one store.
	dir := t.TempDir()
	db := filepath.Join(dir, "vum.db")
	t.Setenv("VUM_DB", db)
	id := strings.TrimSpace(mustRun(t, "", "case", "add", example("ishoj-moderat.json")))
	good, _ := os.ReadFile(example("ishoj-moderat.json"))
	line := strings.Join(strings.Fields(string(good)), " ")
	var input strings.Builder
	for i := 0; i < 400; i++ {
		input.WriteString(line + "\n")
	}
	backups := t.TempDir()
	for i := 0; i < 30; i++ {
		var args []string
		stdin := ""
		switch i % 3 {
		case 0:
			args, stdin = []string{"import", "-", "--again"}, input.String()
		case 1:
			args = []string{"decide", id, "--provision", "sel85", "--date", "2026-11-20"}
		case 2:
			args = []string{"backup", filepath.Join(backups, fmt.Sprintf("kopi-%d.db", i))}
		}
		if killAfter(t, bin, db, delay(250*time.Millisecond), stdin, args...) {
			kills++
		}
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
		survived++
	}
	t.Logf("%d runs, %d killed while running; %d left no store or a whole, usable one, and no temporary file", 42, kills, survived)
}
