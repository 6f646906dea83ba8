//go:build unix

package main

import (
	"errors"
	"os"
	"time"

	"github.com/muesli/termenv"
	"golang.org/x/sys/unix"
	"golang.org/x/term"
)

// terminalIsDark asks the terminal on in and out for its background colour
// and tells whether it is dark, waiting at most timeout for the answer. A
// terminal that does not answer in time counts as dark, unless COLORFGBG
// says otherwise.
func terminalIsDark(in, out *os.File, timeout time.Duration) bool {
	tty := &answerTTY{in: in, out: out, deadline: time.Now().Add(timeout)}
	fd := int(in.Fd())
	if pgrp, err := unix.IoctlGetInt(fd, unix.TIOCGPGRP); err != nil || pgrp != unix.Getpgrp() {
		tty.quiet = true // not the terminal's foreground: ask nothing
	} else if state, err := term.MakeRaw(fd); err != nil {
		tty.quiet = true
	} else {
		defer term.Restore(fd, state)
	}
	// termenv sends the query and reads the answer; "unsafe" leaves the
	// terminal's mode and the waiting to answerTTY.
	return termenv.NewOutput(tty, termenv.WithUnsafe(), termenv.WithProfile(termenv.Ascii)).HasDarkBackground()
}

var errNoAnswer = errors.New("the terminal did not answer")

// answerTTY writes a query to out and reads the answer from in, until a
// deadline.
type answerTTY struct {
	in, out  *os.File
	deadline time.Time
	quiet    bool // write nothing, read nothing
}

func (t *answerTTY) Fd() uintptr { return t.out.Fd() }

func (t *answerTTY) Write(p []byte) (int, error) {
	if t.quiet {
		return 0, errNoAnswer
	}
	return t.out.Write(p)
}

func (t *answerTTY) Read(p []byte) (int, error) {
	if t.quiet {
		return 0, errNoAnswer
	}
	for {
		left := time.Until(t.deadline)
		if left <= 0 {
			return 0, errNoAnswer
		}
		fds := []unix.PollFd{{Fd: int32(t.in.Fd()), Events: unix.POLLIN}}
		n, err := unix.Poll(fds, int(left.Milliseconds())+1)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return 0, err
		}
		if n == 0 {
			return 0, errNoAnswer
		}
		return t.in.Read(p)
	}
}
