//go:build !unix

package main

import (
	"os"
	"time"

	"github.com/muesli/termenv"
)

// terminalIsDark tells whether the terminal's background is dark. Outside
// Unix, termenv asks the terminal nothing and answers at once.
func terminalIsDark(_, out *os.File, _ time.Duration) bool {
	return termenv.NewOutput(out).HasDarkBackground()
}
