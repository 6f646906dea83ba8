// Package quietterm keeps the terminal libraries linked into vum from
// querying the terminal while the program starts.
//
// The screen library's package initialisation asks the terminal for its
// background colour (an OSC 11 query) and waits up to five seconds for an
// answer whenever standard output is a terminal. Every command would pay
// that, and its query bytes would reach the terminal or captured output.
// The query is skipped when TERM is "dumb".
//
// This package imports only syscall. Go initialises packages in the order
// of their import paths, each as soon as its own imports are initialised,
// so this package's init runs before "os" and therefore before every
// package that reads the environment through it. Its init sets TERM to
// "dumb"; the main package's init, which runs after every other package's,
// calls Restore. Only the screen queries the terminal, later and with a
// short timeout.
package quietterm

import "syscall"

var (
	saved   string
	present bool
)

func init() {
	saved, present = syscall.Getenv("TERM")
	syscall.Setenv("TERM", "dumb")
}

// Restore puts TERM back as it was when the program started.
func Restore() {
	if present {
		syscall.Setenv("TERM", saved)
	} else {
		syscall.Unsetenv("TERM")
	}
}
