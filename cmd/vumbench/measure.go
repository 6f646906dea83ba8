package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// The peak memory of a process (ru_maxrss) also counts, on Linux, the
// memory of the process that started it, as it stood when the new program
// was loaded: Go starts processes with vfork, sharing the parent's memory
// until then. Started from vumbench, whose own peak grows as it works,
// a small command would seem to use more than it does. So each timed
// command is started by a fresh, small measuring process (this program,
// run with measureEnv set), which reports the command's wall-clock time
// and peak memory back on a pipe.

const measureEnv = "VUMBENCH_MEASURE"

// measured runs args through the measuring process self.
func measured(self, dir string, env []string, stdout, stderr io.Writer, args []string) (sample, error) {
	if runtime.GOOS == "windows" {
		return direct(dir, env, stdout, stderr, args) // no inherited pipes; no peak memory either
	}
	r, w, err := os.Pipe()
	if err != nil {
		return sample{}, err
	}
	defer r.Close()
	cmd := exec.Command(self, args...)
	cmd.Env = append(env, measureEnv+"=1")
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.ExtraFiles = []*os.File{w} // fd 3 in the measuring process
	err = cmd.Start()
	w.Close()
	if err != nil {
		return sample{}, err
	}
	report, readErr := io.ReadAll(r)
	if err := cmd.Wait(); err != nil {
		return sample{}, err
	}
	if readErr != nil {
		return sample{}, readErr
	}
	fields := strings.Fields(string(report))
	if len(fields) != 2 {
		return sample{}, fmt.Errorf("the measuring process reported %q", report)
	}
	wall, err1 := strconv.ParseInt(fields[0], 10, 64)
	rss, err2 := strconv.ParseInt(fields[1], 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		return sample{}, err
	}
	return sample{wall: time.Duration(wall), maxRSS: rss}, nil
}

// measure is the measuring process: it runs args with its own standard
// streams and environment (less measureEnv), and writes the wall-clock
// time in nanoseconds and the peak memory in bytes to fd 3. It exits with
// the command's status.
func measure(args []string) int {
	report := os.NewFile(3, "report")
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, measureEnv+"=") {
			env = append(env, kv)
		}
	}
	s, err := direct("", env, os.Stdout, os.Stderr, args)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		return 1
	}
	fmt.Fprintf(report, "%d %d\n", s.wall.Nanoseconds(), s.maxRSS)
	return 0
}

// direct runs args and times it.
func direct(dir string, env []string, stdout, stderr io.Writer, args []string) (sample, error) {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = env
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = stdout, stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, err
	}
	return sample{wall: wall, maxRSS: maxRSS(cmd.ProcessState)}, nil
}
