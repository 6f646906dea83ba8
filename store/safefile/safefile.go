// Package safefile writes files so that a reader never sees half of one:
// the content goes to a new temporary file in the target's folder, created
// exclusively (never through an existing file or a symbolic link) and
// private to the user, is synced, and is then moved into place and the
// folder synced. A failure removes the temporary file; an existing target
// is replaced only when asked.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
)

// Options tune a write.
type Options struct {
	// Overwrite allows replacing an existing target. A symbolic link at
	// the target is then replaced itself; what it points to is untouched.
	Overwrite bool
	// Mode is the file's permission (default 0600).
	Mode os.FileMode
}

// ErrExists is returned (wrapped in an *Error) when the target exists and
// Overwrite is false.
var ErrExists = errors.New("filen findes allerede")

// File is a file being written. Write to it, then Commit; Abort (safe to
// defer after Commit) removes it.
type File struct {
	*os.File
	target string
	opt    Options
	done   bool
}

// Create starts writing path. Nothing appears at path before Commit.
func Create(path string, opt Options) (*File, error) {
	if opt.Mode == 0 {
		opt.Mode = 0o600
	}
	if path == "" {
		return nil, &Error{Op: "skrive", Path: path, Err: os.ErrInvalid}
	}
	if !opt.Overwrite {
		if _, err := os.Lstat(path); err == nil {
			return nil, &Error{Op: "skrive", Path: path, Err: ErrExists}
		}
	}
	if info, err := os.Lstat(path); err == nil && info.IsDir() {
		return nil, &Error{Op: "skrive", Path: path, Err: syscall.EISDIR}
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	RemoveStale(dir, base)
	// os.CreateTemp opens with O_CREATE|O_EXCL and a random name, so it
	// never follows a link or reuses a file someone else put there.
	f, err := os.CreateTemp(dir, TempPattern(base))
	if err != nil {
		return nil, &Error{Op: "skrive", Path: path, Err: err}
	}
	lock(f)
	if err := f.Chmod(opt.Mode); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, &Error{Op: "skrive", Path: path, Err: err}
	}
	return &File{File: f, target: path, opt: opt}, nil
}

// TempPattern is the name (for os.CreateTemp) of a temporary file written
// for the target base: hidden, beside it, ending in .tmp.
func TempPattern(base string) string { return tempPrefix + base + ".*.tmp" }

// tempPrefix marks this package's temporary files, so that leftovers can
// be found without touching other programs' files.
const tempPrefix = ".vum-"

// RemoveStale removes the temporary files in dir left by writes that
// were killed (for any target, not only base): those no process holds
// locked. It reports how many it removed.
func RemoveStale(dir, base string) int {
	matches, _ := filepath.Glob(filepath.Join(dir, tempPrefix+"*.tmp"))
	removed := 0
	for _, m := range matches {
		info, err := os.Lstat(m)
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		f, err := os.OpenFile(m, os.O_RDONLY|noFollow, 0)
		if err != nil {
			continue
		}
		if lock(f) && os.Remove(m) == nil {
			removed++
		}
		f.Close()
	}
	return removed
}

// Commit syncs the file and moves it into place. Without Overwrite it
// fails with ErrExists if the target appeared in the meantime.
func (f *File) Commit() error {
	if f.done {
		return nil
	}
	f.done = true
	tmp := f.Name()
	fail := func(err error) error {
		f.File.Close()
		os.Remove(tmp)
		return &Error{Op: "skrive", Path: f.target, Err: err}
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	// Placed while still open and locked, so no other process takes it
	// for a leftover.
	if err := place(tmp, f.target, f.opt.Overwrite); err != nil {
		return fail(err)
	}
	if err := f.File.Close(); err != nil {
		return &Error{Op: "skrive", Path: f.target, Err: err}
	}
	return SyncDir(filepath.Dir(f.target))
}

// place moves tmp to target. Without overwrite a hard link claims the
// name atomically (it fails if the name is taken); where links are not
// supported a checked rename is the fallback.
func place(tmp, target string, overwrite bool) error {
	if overwrite {
		return os.Rename(tmp, target)
	}
	err := os.Link(tmp, target)
	switch {
	case err == nil:
		return os.Remove(tmp)
	case errors.Is(err, os.ErrExist):
		return ErrExists
	}
	if _, serr := os.Lstat(target); serr == nil {
		return ErrExists
	}
	return os.Rename(tmp, target)
}

// Abort removes the unfinished file. It does nothing after Commit.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.File.Close()
	os.Remove(f.Name())
}

// OpenAppend opens path for appending, creating it private to the user;
// a symbolic link there is refused rather than followed (where the
// system can tell).
func OpenAppend(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|noFollow, 0o600)
	if err != nil {
		return nil, &Error{Op: "skrive", Path: path, Err: err}
	}
	return f, nil
}

// Write writes data to path safely.
func Write(path string, data []byte, opt Options) error {
	return WriteFrom(path, opt, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteFrom writes what fn produces to path safely. If fn fails nothing
// is left behind.
func WriteFrom(path string, opt Options, fn func(w io.Writer) error) error {
	f, err := Create(path, opt)
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := fn(f); err != nil {
		var fe *Error
		if errors.As(err, &fe) {
			return err
		}
		if isOSError(err) {
			return &Error{Op: "skrive", Path: path, Err: err}
		}
		return err
	}
	return f.Commit()
}

func isOSError(err error) bool {
	var pe *os.PathError
	var errno syscall.Errno
	return errors.As(err, &pe) || errors.As(err, &errno)
}

// SyncDir makes a rename in dir durable (where the system can; see osRules).
func SyncDir(dir string) error { return syncDir(thisOS, dir) }

func syncDir(rules osRules, dir string) error {
	if !rules.syncDir {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return &Error{Op: "skrive", Path: dir, Err: err}
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) && !errors.Is(err, syscall.ENOTSUP) {
		return &Error{Op: "skrive", Path: dir, Err: err}
	}
	return nil
}

// Error is a failed file operation, explained in Danish.
type Error struct {
	Op   string // Danish verb: "skrive", "læse"
	Path string
	Err  error
}

func (e *Error) Error() string {
	return fmt.Sprintf("kan ikke %s %s: %s", e.Op, e.Path, Explain(e.Err))
}

func (e *Error) Unwrap() error { return e.Err }

// Explain says in Danish what an operating-system error means and what to
// do about it.
func Explain(err error) string { return explain(thisOS, err) }

func explain(rules osRules, err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		if text, ok := rules.errnoText[errno]; ok {
			return text
		}
	}
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrExists):
		return "filen findes allerede; vælg et andet navn eller flyt den eksisterende fil"
	case errors.Is(err, os.ErrNotExist):
		return "filen eller mappen findes ikke; tjek stien"
	case errors.Is(err, os.ErrPermission):
		return "ingen adgang; tjek rettighederne til filen og mappen"
	case errors.Is(err, os.ErrInvalid):
		return "ugyldigt filnavn"
	case errors.Is(err, syscall.EISDIR): // set by Create on every system
		return "stien er en mappe; angiv et filnavn"
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return explain(rules, pe.Err)
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return explain(rules, le.Err)
	}
	return "uventet fejl fra styresystemet (" + err.Error() + ")"
}

// unixErrnoText explains POSIX error numbers (Linux, macOS).
var unixErrnoText = map[syscall.Errno]string{
	syscall.ENOSPC:       "disken er fuld; frigør plads eller vælg en anden disk, og prøv igen",
	syscall.EDQUOT:       "din diskkvote er brugt op; frigør plads og prøv igen",
	syscall.EROFS:        "disken er skrivebeskyttet; vælg en mappe, du kan skrive i",
	syscall.EACCES:       "ingen adgang; tjek rettighederne til filen og mappen",
	syscall.EPERM:        "handlingen er ikke tilladt; tjek rettighederne til filen og mappen",
	syscall.ENOENT:       "filen eller mappen findes ikke; tjek stien",
	syscall.ENOTDIR:      "en del af stien er ikke en mappe; tjek stien",
	syscall.EISDIR:       "stien er en mappe; angiv et filnavn",
	syscall.EEXIST:       "filen findes allerede; vælg et andet navn",
	syscall.ENAMETOOLONG: "filnavnet er for langt; vælg et kortere",
	syscall.EIO:          "disken svarer ikke (I/O-fejl); tjek disken og prøv igen",
	syscall.ELOOP:        "stien indeholder for mange symbolske links; tjek stien",
	syscall.EMFILE:       "for mange åbne filer; luk andre programmer og prøv igen",
	syscall.EXDEV:        "filen kan ikke flyttes mellem to diske; vælg en mappe på samme disk",
	syscall.EFBIG:        "filen er for stor til disken",
	syscall.EBUSY:        "filen er i brug; prøv igen om lidt",
}

// TryLock takes the exclusive advisory lock bbolt and this package use on
// f without waiting, reporting whether it got it; closing f releases it.
// Where such locks are not supported it reports true.
func TryLock(f *os.File) bool { return lock(f) || !locksSupported }
