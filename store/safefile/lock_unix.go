//go:build unix

package safefile

import (
	"os"
	"syscall"
)

// lock takes an exclusive advisory lock on f without waiting; it reports
// whether it got it. A temporary file is locked while it is written, so a
// leftover can be told from one another process is still writing.
const locksSupported = true

func lock(f *os.File) bool {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}

// noFollow makes an open refuse a symbolic link.
const noFollow = syscall.O_NOFOLLOW
