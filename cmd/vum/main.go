// Command vum is a terminal assistant for caseworkers in Danish adult
// disability and social psychiatry units: VUM assessments, suggestions
// from the municipality's quality standards, decisions and follow-ups.
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/vumdk/vum/cmd/vum/internal/quietterm"
	"github.com/vumdk/vum/domain"
)

// init runs after every imported package's: the terminal libraries have
// started without querying the terminal (see quietterm), and TERM is put
// back for the rest of the program.
func init() { quietterm.Restore() }

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit statuses.
const (
	exitOK       = 0
	exitError    = 1 // bad input, refused store, failed command
	exitUsage    = 2 // unknown command or flag
	exitDamaged  = 3 // the store is damaged (read-only until restored)
	exitInternal = 4 // an internal error: a bug in vum
)

// run executes one command line and returns the exit status. A panic is
// turned into a plain Danish error so that no caseworker sees a stack trace.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (status int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "vum: intern fejl: %s\nIntet er ændret. Kontakt venligst support med kommandoen, du kørte.\n", domain.VisibleLine(fmt.Sprint(r)))
			status = exitInternal
		}
	}()
	a := newApp(stdin, stdout, stderr)
	defer a.flush()
	root := a.rootCommand()
	root.SetArgs(args)
	if err := root.Execute(); err != nil {
		return a.report(err)
	}
	return exitOK
}
