package store

import (
	"errors"
	"fmt"
)

// Errors a caller may want to tell apart. Their messages are Danish and
// say what to do.
var (
	ErrNotFound = errors.New("sagen findes ikke")
	ErrNoStore  = errors.New("der er endnu ingen database")
)

// OpenError explains why a store file could not be opened. The file is
// never changed when opening fails.
type OpenError struct {
	Path   string
	Reason string // Danish: what is wrong
	Advice string // Danish: what to do
	Err    error  // underlying cause, if any
}

func (e *OpenError) Error() string {
	msg := fmt.Sprintf("databasen %s kan ikke åbnes: %s", e.Path, e.Reason)
	if e.Advice != "" {
		msg += ". " + e.Advice
	}
	return msg
}

func (e *OpenError) Unwrap() error { return e.Err }

// Kinds of OpenError, for errors.Is.
var (
	ErrInUse    = errors.New("i brug")
	ErrNotVum   = errors.New("ikke en vum-database")
	ErrDamaged  = errors.New("beskadiget")
	ErrTooNew   = errors.New("nyere version")
	ErrEmpty    = errors.New("tom fil")
	ErrReadOnly = errors.New("skrivebeskyttet")
)

func openError(path string, kind error, reason, advice string, cause error) error {
	return &OpenError{Path: path, Reason: reason, Advice: advice, Err: errors.Join(kind, cause)}
}

func openErrorKind(kind error, reason string) error {
	return &OpenError{Reason: reason, Err: kind}
}

// damaged is returned when bbolt panics or reports corruption during a
// transaction: the file is left as it is.
func damaged(path string, cause any) error {
	return openError(path, ErrDamaged, fmt.Sprintf("filen er beskadiget (%v)", cause), "Intet er ændret", nil)
}
