package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
	"github.com/vumdk/vum/store"
	"github.com/vumdk/vum/store/safefile"
)

// app holds what every command shares: streams, global flags and the
// lazily loaded standards.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer // terminal-safe: see visibleWriter
	rawStdout      io.Writer // for binary output (PDF)

	standardsDir string
	db           string
	purpose      string
	keyring      *cliKeys
	userName     string
	// folderChecked: the store's folder was checked (once a command).
	folderChecked bool
	plainWarned   bool
	catalog       *standards.Catalog
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *app {
	return &app{stdin: stdin, stdout: newVisibleWriter(stdout), stderr: newVisibleWriter(stderr), rawStdout: stdout}
}

// flush writes what the terminal-safe writers still hold.
func (a *app) flush() {
	for _, w := range []io.Writer{a.stdout, a.stderr} {
		if v, ok := w.(*visibleWriter); ok {
			v.Flush()
		}
	}
}

// today returns the current date. VUM_TODAY (YYYY-MM-DD) fixes it, so that
// scripts and tests get the same answer every day.
func (a *app) today() (domain.Date, error) {
	if s := os.Getenv("VUM_TODAY"); s != "" {
		d, err := domain.ParseDate(s)
		if err != nil {
			return domain.Date{}, fmt.Errorf("VUM_TODAY: %v", err)
		}
		return d, nil
	}
	return domain.DateOf(time.Now()), nil
}

// now returns the current time, on VUM_TODAY's date when that is set.
func (a *app) now() time.Time {
	now := time.Now()
	if d, err := a.today(); err == nil && os.Getenv("VUM_TODAY") != "" {
		return time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, time.UTC)
	}
	return now
}

// standards loads the catalog once: the embedded standards, or with
// --standards / VUM_STANDARDS a folder laid over them.
func (a *app) standards() (*standards.Catalog, error) {
	if a.catalog != nil {
		return a.catalog, nil
	}
	dir := a.standardsDir
	if dir == "" {
		dir = os.Getenv("VUM_STANDARDS")
	}
	var err error
	if dir == "" {
		a.catalog, err = standards.Embedded()
	} else {
		a.catalog, err = standards.LoadDir(dir)
	}
	return a.catalog, err
}

// rules returns the standards with today's date: what every command that
// checks a case or a decision needs.
func (a *app) rules() (*standards.Catalog, domain.Date, error) {
	cat, err := a.standards()
	if err != nil {
		return nil, domain.Date{}, err
	}
	today, err := a.today()
	return cat, today, err
}

// usageError marks an error in how the command was called (exit 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return usageError{fmt.Sprintf(format, args...)}
}

// report prints err to stderr in Danish and returns the exit status.
func (a *app) report(err error) int {
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(a.stderr, "vum: %s\nSkriv »vum --help« for at se kommandoerne.\n", ue.msg)
		return exitUsage
	}
	msg := danishOSText(err, strings.TrimSpace(err.Error()))
	if advice := a.advice(err); advice != "" {
		msg += "\n" + advice
	}
	fmt.Fprintf(a.stderr, "vum: %s\n", msg)
	if errors.Is(err, store.ErrDamaged) {
		return exitDamaged
	}
	return exitError
}

// advice says which command or flag helps with a store error; the store
// package itself speaks only of the file.
func (a *app) advice(err error) string {
	switch {
	case errors.Is(err, store.ErrDamaged):
		return "Databasen kan kun læses. Se skaderne med »vum check«. Læg en god sikkerhedskopi på plads med »vum restore FIL«, " +
			"eller red de læsbare sager over i en ny database med »vum salvage NY-FIL«."
	case errors.Is(err, store.ErrNotVum), errors.Is(err, store.ErrEmpty):
		return "Angiv den rigtige databasefil med --db eller VUM_DB."
	case errors.Is(err, store.ErrInUse):
		return ""
	}
	return ""
}

// maxInput bounds what vum reads from one file or stdin.
const maxInput = 16 << 20

// readInput reads FILE, or stdin when name is "-".
func (a *app) readInput(name string) ([]byte, error) {
	var r io.Reader = a.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("kan ikke åbne %s: %s", name, osErrorText(err))
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, fmt.Errorf("kan ikke læse %s: %s", name, osErrorText(err))
	}
	if len(data) > maxInput {
		return nil, fmt.Errorf("%s er større end %d MiB", name, maxInput>>20)
	}
	return data, nil
}

// danishOSText replaces the operating system's English text for an error
// deep inside err (a full disk while committing, a read-only folder) with
// what it means and what to do, in Danish.
func danishOSText(err error, msg string) string {
	var se *safefile.Error
	if errors.As(err, &se) {
		return msg
	}
	var pe *os.PathError
	var le *os.LinkError
	var errno syscall.Errno
	switch {
	case errors.As(err, &pe):
		verb := map[string]string{"open": "åbne", "write": "skrive", "read": "læse", "sync": "gemme", "fdatasync": "gemme",
			"truncate": "udvide", "mkdir": "oprette", "remove": "slette", "stat": "finde"}[pe.Op]
		if verb == "" {
			verb = "bruge"
		}
		return strings.Replace(msg, pe.Error(), "kan ikke "+verb+" "+pe.Path+": "+safefile.Explain(pe.Err), 1)
	case errors.As(err, &le):
		return strings.Replace(msg, le.Error(), "kan ikke flytte "+le.Old+" til "+le.New+": "+safefile.Explain(le.Err), 1)
	case errors.As(err, &errno):
		return strings.Replace(msg, errno.Error(), safefile.Explain(errno), 1)
	}
	return msg
}

// osErrorText says in Danish what a file error means and what to do.
func osErrorText(err error) string { return safefile.Explain(err) }

// decodeCase reads and validates one case file against the standards.
func (a *app) decodeCase(name string) (domain.CaseFile, *standards.Catalog, error) {
	cat, today, err := a.rules()
	if err != nil {
		return domain.CaseFile{}, nil, err
	}
	data, err := a.readInput(name)
	if err != nil {
		return domain.CaseFile{}, nil, err
	}
	cf, err := domain.DecodeCaseFile(data, cat.Vocabulary(today))
	if err != nil {
		label := name
		if name == "-" {
			label = "standard input"
		}
		return cf, cat, withProblems("sagsfilen "+label+" kan ikke bruges", err)
	}
	return cf, cat, nil
}

// problemsError puts a heading over a list of problems, one per line.
type problemsError struct {
	heading string
	err     error
}

func withProblems(heading string, err error) error { return &problemsError{heading, err} }

func (e *problemsError) Error() string {
	var problems domain.Problems
	if !errors.As(e.err, &problems) {
		return e.heading + ": " + e.err.Error()
	}
	noun := "fejl"
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%d %s):", e.heading, len(problems), noun)
	for _, p := range problems {
		b.WriteString("\n  - " + p.String())
	}
	return b.String()
}

func (e *problemsError) Unwrap() error { return e.err }
