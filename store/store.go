// Package store keeps vum's cases, decisions, follow-ups and audit trail in
// one local bbolt file. It owns bbolt and nothing else: callers pass in
// validated domain values and get domain values back.
package store

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/oklog/ulid/v2"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/vumdk/vum/store/crypt"
)

// Options tune how a store is opened.
type Options struct {
	// ReadOnly opens with a shared lock, so several readers can work at
	// once. A missing file is then ErrNoStore rather than created.
	ReadOnly bool
	// Timeout bounds the wait for another process's lock (default 2 s).
	Timeout time.Duration
	// User is recorded in the audit trail (the OS user).
	User string
	// Now returns the current time (default time.Now); tests fix it. It
	// may be called from more than one goroutine at once (Import encodes
	// on its own goroutine).
	Now func() time.Time
	// Codec seals values; PlainCodec by default. Like Now, it must be safe
	// for concurrent use. An encrypted store sets its own from Keys.
	Codec Codec
	// Keys unlocks an encrypted store and makes the key of a new one.
	// Without it an encrypted store is refused as locked (ErrLocked) and
	// a new store is plain.
	Keys Keys
}

// DefaultTimeout is how long Open waits for another process to let go.
const DefaultTimeout = 2 * time.Second

// Store is an open vum store.
type Store struct {
	db       *bolt.DB
	path     string
	codec    Codec
	header   *crypt.Header // nil for a plain store
	user     string
	now      func() time.Time
	readOnly bool

	idMu    sync.Mutex
	entropy io.Reader
}

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Codec == nil {
		o.Codec = PlainCodec{}
	}
	if o.User == "" {
		o.User = "ukendt"
	}
	return o
}

// Open opens the store at path, creating it (and its folder, private to
// the user) when it does not exist and ReadOnly is false. A file that is
// empty, not a vum store, damaged, in use or from a newer vum is refused
// with an OpenError and left untouched.
func Open(path string, opt Options) (*Store, error) {
	opt = opt.withDefaults()
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if opt.ReadOnly {
			return nil, fmt.Errorf("%w (%s)", ErrNoStore, path)
		}
		return create(path, opt)
	case err != nil:
		return nil, openError(path, ErrNotVum, "filen kan ikke læses ("+err.Error()+")", "Tjek stien og rettighederne", err)
	case info.IsDir():
		return nil, openError(path, ErrNotVum, "stien er en mappe", "Angiv en fil, fx "+filepath.Join(path, "vum.db"), nil)
	case info.Size() == 0:
		return nil, openError(path, ErrEmpty, "filen er tom (0 byte) og er ikke en vum-database",
			"Slet den tomme fil, eller angiv en anden sti med --db", nil)
	}
	if err := checkHeader(path); err != nil {
		return nil, err
	}
	return openExisting(path, opt)
}

// boltMagic is the marker bbolt writes in its meta pages.
const boltMagic = 0xED0CDAED

// checkHeader reads the first meta page and refuses files that are not
// bbolt files at all, before bbolt itself touches them.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return openError(path, ErrNotVum, "filen kan ikke læses ("+err.Error()+")", "", err)
	}
	defer f.Close()
	header := make([]byte, 32)
	if _, err := io.ReadFull(f, header); err != nil {
		return openError(path, ErrNotVum, "filen er for kort til at være en vum-database", "Angiv den rigtige fil med --db", err)
	}
	// page header (16 bytes: id, flags, count, overflow), then the magic.
	magic := uint32(header[16]) | uint32(header[17])<<8 | uint32(header[18])<<16 | uint32(header[19])<<24
	if magic != boltMagic {
		return openError(path, ErrNotVum, "filen er ikke en vum-database", "Angiv den rigtige fil med --db; filen er ikke ændret", nil)
	}
	return nil
}

func create(path string, opt Options) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, openError(path, ErrReadOnly, "mappen kan ikke oprettes ("+err.Error()+")", "Angiv en anden sti med --db", err)
	}
	var key []byte
	var h crypt.Header
	encrypt := false
	if opt.Keys != nil {
		var err error
		if key, h, encrypt, err = opt.Keys.NewKey(); err != nil {
			return nil, err
		}
	}
	s, err := boltOpen(path, opt)
	if err != nil {
		return nil, err
	}
	if encrypt {
		codec, err := crypt.NewCodec(key)
		if err != nil {
			s.Close()
			return nil, err
		}
		s.codec, s.header = codec, &h
	}
	if err := s.initialize(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func openExisting(path string, opt Options) (*Store, error) {
	s, err := boltOpen(path, opt)
	if err != nil {
		return nil, err
	}
	version, err := s.schema()
	if err == nil {
		err = s.unlock(opt.Keys)
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	switch {
	case version > currentSchema:
		s.Close()
		return nil, openError(path, ErrTooNew, fmt.Sprintf("den er skrevet af en nyere vum (skemaversion %d; denne vum kender op til %d)", version, currentSchema),
			"Opdatér vum; filen er ikke ændret", nil)
	case version < currentSchema && s.readOnly:
		// Migrate under an exclusive lock, then reopen as asked.
		s.Close()
		rw, err := openExisting(path, Options{Timeout: opt.Timeout, User: opt.User, Now: opt.Now, Codec: opt.Codec, Keys: opt.Keys})
		if err != nil {
			return nil, err
		}
		rw.Close()
		return openExisting(path, opt)
	case version < currentSchema:
		if err := s.migrate(version); err != nil {
			s.Close()
			return nil, err
		}
	}
	if !s.readOnly {
		tightenMode(path)
	}
	return s, nil
}

// tightenMode makes the file private to its owner if it was copied in with
// wider permissions.
func tightenMode(path string) {
	if info, err := os.Stat(path); err == nil && info.Mode().Perm()&0o077 != 0 {
		os.Chmod(path, 0o600)
	}
}

// boltOpen opens the file with a lock timeout and turns bbolt's errors
// and panics into Danish OpenErrors.
func boltOpen(path string, opt Options) (s *Store, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, damaged(path, r)
		}
	}()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: opt.Timeout, ReadOnly: opt.ReadOnly, FreelistType: bolt.FreelistMapType})
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, openError(path, ErrInUse, "den er i brug af en anden vum-proces",
			"Vent et øjeblik og prøv igen, eller luk det andet vum-vindue", err)
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrVersionMismatch):
		return nil, openError(path, ErrNotVum, "filen er ikke en vum-database", "Angiv den rigtige fil med --db; filen er ikke ændret", err)
	case errors.Is(err, bolterrors.ErrChecksum):
		return nil, damaged(path, "kontrolsummen passer ikke")
	case errors.Is(err, os.ErrPermission):
		return nil, openError(path, ErrReadOnly, "ingen adgang til filen", "Tjek rettighederne", err)
	case err != nil:
		// bbolt's other refusals (a file too small, a bad page size) all
		// mean the file cannot be read as a database.
		return nil, openError(path, ErrDamaged, "filen kan ikke læses som en database; den er beskadiget eller ikke en vum-database",
			"Filen er ikke ændret. Kør »vum check« på en sikkerhedskopi, eller angiv den rigtige fil med --db", err)
	}
	return &Store{
		db: db, path: path, codec: opt.Codec, user: opt.User, now: opt.Now, readOnly: opt.ReadOnly,
		entropy: ulid.Monotonic(rand.Reader, 0),
	}, nil
}

// Close releases the file.
func (s *Store) Close() error { return s.db.Close() }

// Path returns the file's path.
func (s *Store) Path() string { return s.path }

// newID returns a new sortable id (a ULID), ordered by creation time.
func (s *Store) newID() string {
	s.idMu.Lock()
	defer s.idMu.Unlock()
	return ulid.MustNew(ulid.Timestamp(s.now()), s.entropy).String()
}

// view and update run a transaction and contain bbolt's panics on damaged
// pages: the caller gets an error and the file is left as it is.
func (s *Store) view(fn func(tx *bolt.Tx) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = damaged(s.path, r)
		}
	}()
	return s.db.View(fn)
}

func (s *Store) update(fn func(tx *bolt.Tx) error) (err error) {
	if s.readOnly {
		return openError(s.path, ErrReadOnly, "den er åbnet skrivebeskyttet", "", nil)
	}
	defer func() {
		if r := recover(); r != nil {
			err = damaged(s.path, r)
		}
	}()
	return s.db.Update(fn)
}
