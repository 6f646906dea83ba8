package main

import (
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"time"

	"github.com/adrg/xdg"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
	"github.com/vumdk/vum/store/pgstore"
)

// dbPath returns the store's path: --db, then VUM_DB, then the user's
// data directory (XDG_DATA_HOME/vum/vum.db on Linux).
func (a *app) dbPath() string {
	switch {
	case a.db != "":
		return a.db
	case os.Getenv("VUM_DB") != "":
		return os.Getenv("VUM_DB")
	}
	return filepath.Join(xdg.DataHome, "vum", "vum.db")
}

// osUser names the person at the keyboard in the audit trail. Tests may
// fix it, with storeClock, to build a store byte for byte the same.
var osUser = func() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if name := os.Getenv(thisPlatform.userEnv); name != "" {
		return name
	}
	return "ukendt"
}

// openStore opens the store for writing, creating it on first use.
func (a *app) openStore() (store.DB, error) {
	return a.openDB(false)
}

// openDB opens the store --db names: a PostgreSQL database for a
// postgres:// address, else the bbolt file at the path.
func (a *app) openDB(readOnly bool) (store.DB, error) {
	if pgstore.IsURL(a.dbPath()) {
		s, err := pgstore.Open(a.dbPath(), a.pgOptions())
		if err != nil {
			return nil, err
		}
		return s, nil
	}
	s, err := a.afterOpen(store.Open(a.dbPath(), a.storeOptions(readOnly)))
	if err != nil {
		return nil, err
	}
	return s, nil
}

// pgOptions are the options every command opens a shared database with.
func (a *app) pgOptions() pgstore.Options {
	opt := pgstore.Options{}
	if p, err := a.settings().Load(); err == nil {
		opt.Name = p.Name
	}
	return opt
}

// openFile opens the bbolt file for writing, for what only a file has;
// on a shared database it says in Danish that the database's own tools
// do that.
func (a *app) openFile(what, tool string) (*store.Store, error) {
	if pgstore.IsURL(a.dbPath()) {
		return nil, pgTools(what, tool)
	}
	return a.afterOpen(store.Open(a.dbPath(), a.storeOptions(false)))
}

func pgTools(what, tool string) error {
	return fmt.Errorf("%s gælder kun en databasefil; i en fælles PostgreSQL-database gør databasens egne værktøjer det (%s)", what, tool)
}

// storeOptions are the options every command opens the store with.
func (a *app) storeOptions(readOnly bool) store.Options {
	return store.Options{ReadOnly: readOnly, User: a.user(), Keys: a.keys(), Now: storeClock}
}

// storeClock is the store's clock; nil is the wall clock. Tests fix it.
var storeClock func() time.Time

// readStore opens an existing store to show what is in it, noting that
// in the access log. ok is false when there is no store yet; the caller
// then shows nothing found.
func (a *app) readStore() (s store.DB, ok bool, err error) {
	s, err = a.accessStore()
	if errors.Is(err, store.ErrNoStore) {
		fmt.Fprintf(a.stderr, "vum: %v\n", err)
		return nil, false, nil
	}
	return s, err == nil, err
}

// requireStore opens the store for reading and fails when there is none.
func (a *app) requireStore() (store.DB, error) {
	s, err := a.openDB(true)
	if errors.Is(err, store.ErrNoStore) {
		return nil, fmt.Errorf("%w (%s); opret en sag med »vum case add«", store.ErrNoStore, a.dbPath())
	}
	return s, err
}

// notFound turns a missing case into a Danish message that says what to do.
func notFound(id string, err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("sagen %s findes ikke; se sagerne med »vum case list«", id)
	}
	return err
}

// openCase opens the store for writing and reads the case with id; the
// caller closes the store.
func (a *app) openCase(id string) (store.DB, domain.Case, error) {
	s, err := a.openStore()
	if err != nil {
		return nil, domain.Case{}, err
	}
	c, err := s.Case(id)
	if err != nil {
		s.Close()
		return nil, c, notFound(id, err)
	}
	return s, c, nil
}
