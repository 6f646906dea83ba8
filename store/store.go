// Package store keeps vum's cases, decisions, follow-ups and audit trail in
// one local bbolt file. It owns bbolt and nothing else: callers pass in
// validated domain values and get domain values back.
package store

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/oklog/ulid/v2"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/vumdk/vum/store/crypt"
	"github.com/vumdk/vum/store/safefile"
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
	// Damaged opens a damaged file anyway, read-only, so that it can be
	// checked, copied or salvaged. Without it a file whose size or meta
	// pages are wrong is refused, and other damage opens read-only.
	Damaged bool
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

	// damage lists what is wrong with the file (Danish). A damaged store
	// is read-only: every write is refused.
	damageMu sync.Mutex
	damage   []string
	file     *fileReport

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
// the user) when it does not exist and ReadOnly is false. A new store is
// built in a temporary file and moved into place whole, so a kill at any
// moment leaves no store or a complete one. A file that is not a vum
// store, in use or from a newer vum is refused with an OpenError and left
// untouched. A damaged file is refused when its pages cannot be read
// safely, and otherwise opened read-only (see Damage).
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
		return nil, openError(path, ErrNotVum, "filen kan ikke læses ("+safefile.Explain(err)+")", "", err)
	case info.IsDir():
		return nil, openError(path, ErrNotVum, "stien er en mappe", "Angiv en fil, fx "+filepath.Join(path, "vum.db"), nil)
	case info.Size() == 0:
		// An empty file is a store whose creation never finished (older
		// versions created the file in place). It holds nothing to lose.
		if opt.ReadOnly {
			return nil, fmt.Errorf("%w (%s er tom)", ErrNoStore, path)
		}
		return create(path, opt)
	}
	if err := checkHeader(path); err != nil {
		return nil, err
	}
	limit := walkLimit
	if opt.ReadOnly {
		limit = readWalkLimit
	}
	if opt.Damaged {
		limit = -1
	}
	report, err := inspect(path, info.Size(), limit)
	if err != nil {
		return nil, err
	}
	if report.unsafe || (!report.walked && len(report.problems) > 0) {
		return nil, openError(path, ErrDamaged, "filen er beskadiget: "+strings.Join(report.problems, "; "), "Filen er ikke ændret", nil)
	}
	if len(report.problems) > 0 || opt.Damaged {
		opt.ReadOnly = true
	}
	s, err := openExisting(path, opt)
	if err != nil {
		return nil, err
	}
	s.file = report
	s.markDamaged(report.problems...)
	if !s.readOnly && report.walked && len(report.problems) == 0 && info.Size() <= verifyLimit {
		s.markDamaged(s.verifyValues()...)
	}
	return s, nil
}

// verifyLimit is the largest file whose every value is opened through the
// codec (checksum or decryption) when it is opened for writing, so that a
// damaged value makes the store read-only before anything is written. A
// store opened for reading is not verified: it writes nothing, and a
// value that does not open is reported when it is read. 64 MiB
// holds about 20,000 cases; larger files are verified by Check.
var verifyLimit int64 = 64 << 20

// verifyValues opens every value in the buckets written through the
// codec and checks that ids match their keys. It returns the problems.
func (s *Store) verifyValues() []string {
	var problems []string
	versions := map[string]int{}
	err := s.view(func(tx *bolt.Tx) error {
		for name := range sealedBuckets {
			b := tx.Bucket([]byte(name))
			if b == nil {
				continue
			}
			b.ForEach(func(k, v []byte) error {
				if len(problems) >= maxProblems {
					return nil
				}
				plain, err := s.codec.Open(v)
				switch {
				case err != nil:
					problems = append(problems, fmt.Sprintf("samlingen »%s«, nøglen %q: %v", name, k, err))
				case idKeyed[name] && !bytes.HasPrefix(plain, []byte(`{"id":"`+string(k)+`"`)):
					problems = append(problems, fmt.Sprintf("samlingen »%s«, nøglen %q: passer ikke med værdiens id", name, k))
				case name == string(bucketCases):
					var h caseHeader
					if json.Unmarshal(plain, &h) == nil {
						versions[h.ID] = h.Version
					}
				case name == string(bucketDue):
					// The value vouches for its key's date, case and grant.
					var e dueEntry
					if json.Unmarshal(plain, &e) != nil || (e.Key != 0 && e.Key != keySum(k)) {
						problems = append(problems, fmt.Sprintf("samlingen »%s«, nøglen %q: passer ikke med værdien", name, k))
					}
				}
				return nil
			})
		}
		// Every event key must be one of its case's: "id/seq" with seq
		// from 1 to the case's version, each once.
		if events := tx.Bucket(bucketEvents); events != nil {
			seen := map[string]int{}
			events.ForEach(func(k, _ []byte) error {
				id, seqText, ok := strings.Cut(string(k), "/")
				seq, err := strconv.Atoi(seqText)
				if version, known := versions[id]; !ok || err != nil || !known || seq < 1 || seq > version || len(seqText) != 8 {
					if len(problems) < maxProblems {
						problems = append(problems, fmt.Sprintf("hændelsen %q hører ikke til nogen sag", k))
					}
					return nil
				}
				seen[id]++
				return nil
			})
			for id, version := range versions {
				if seen[id] != version && len(problems) < maxProblems {
					problems = append(problems, fmt.Sprintf("sag %s har %d hændelser, men version %d", id, seen[id], version))
				}
			}
		}
		// An index value is its key's checksum; an element marked as a
		// bucket there is damage too.
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			if sealedBuckets[string(name)] {
				return nil
			}
			return b.ForEach(func(k, v []byte) error {
				switch {
				case len(problems) >= maxProblems:
				case v == nil:
					problems = append(problems, fmt.Sprintf("samlingen »%s«, nøglen %q: uventet undersamling", name, k))
				case indexBuckets[string(name)] && !indexValueOK(k, v):
					problems = append(problems, fmt.Sprintf("samlingen »%s«, nøglen %q: nøglen passer ikke med sin kontrolsum", name, k))
				}
				return nil
			})
		})
	})
	if err != nil {
		problems = append(problems, err.Error())
	}
	return problems
}

// walkLimit is the largest file whose every page is walked when it is
// opened (a cycle among the pages would make bbolt loop); larger files
// have their meta pages, size and bucket roots checked, and Check walks
// them in full. 256 MiB holds about 80,000 cases.
var walkLimit int64 = 256 << 20

// readWalkLimit is walkLimit for a store opened for reading. Walking reads
// and checks every page and value, about 5 ms a MiB: on every command
// that reads a few values of a store of 10,000 cases, over 300 ms. Such a
// command trusts the tree from its meta pages, size and bucket roots, as
// one on a file over walkLimit does; a write, »vum check« and the damaged
// mode walk it.
var readWalkLimit int64 = 4 << 20

func inspect(path string, size, limit int64) (*fileReport, error) {
	r, err := inspectFile(path, limit < 0 || size <= limit)
	if err != nil {
		return nil, openError(path, ErrNotVum, "filen kan ikke læses ("+safefile.Explain(err)+")", "", err)
	}
	return r, nil
}

// Damage returns what is wrong with the file, in Danish; nil when nothing
// is known to be wrong.
func (s *Store) Damage() []string {
	s.damageMu.Lock()
	defer s.damageMu.Unlock()
	return append([]string(nil), s.damage...)
}

// Damaged reports whether the store is known to be damaged.
func (s *Store) Damaged() bool { return len(s.Damage()) > 0 }

func (s *Store) markDamaged(problems ...string) {
	if len(problems) == 0 {
		return
	}
	s.damageMu.Lock()
	defer s.damageMu.Unlock()
	s.damage = append(s.damage, problems...)
}

// boltMagic is the marker bbolt writes in its meta pages.
const boltMagic = 0xED0CDAED

// checkHeader reads the first meta page and refuses files that are not
// bbolt files at all, before bbolt itself touches them.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return openError(path, ErrNotVum, "filen kan ikke læses ("+safefile.Explain(err)+")", "", err)
	}
	defer f.Close()
	header := make([]byte, 32)
	if _, err := io.ReadFull(f, header); err != nil {
		return openError(path, ErrNotVum, "filen er for kort til at være en vum-database", "Filen er ikke ændret", err)
	}
	// page header (16 bytes: id, flags, count, overflow), then the magic.
	magic := uint32(header[16]) | uint32(header[17])<<8 | uint32(header[18])<<16 | uint32(header[19])<<24
	if magic != boltMagic {
		// The first meta page may be the damaged one; bbolt falls back
		// to the second.
		if r, err := inspectFile(path, false); err == nil && r.current != nil {
			return nil
		}
		return openError(path, ErrNotVum, "filen er ikke en vum-database", "Filen er ikke ændret", nil)
	}
	return nil
}

// create builds a new store in a temporary file beside path, synced, and
// links it into place: a kill at any moment leaves either no store or a
// whole one. If another process created the store meanwhile, that one is
// opened. An empty file at path (an unfinished creation) is replaced.
func create(path string, opt Options) (*Store, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, openError(path, ErrReadOnly, "mappen kan ikke oprettes ("+safefile.Explain(err)+")", "", err)
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
	safefile.RemoveStale(dir, base)
	f, err := os.CreateTemp(dir, safefile.TempPattern(base))
	if err != nil {
		return nil, openError(path, ErrReadOnly, "filen kan ikke oprettes ("+safefile.Explain(err)+")", "", err)
	}
	tmp := f.Name()
	f.Close()
	fail := func(err error) (*Store, error) {
		os.Remove(tmp)
		return nil, err
	}
	s, err := boltOpen(tmp, opt)
	if err != nil {
		return fail(err)
	}
	s.path = path
	if encrypt {
		codec, err := crypt.NewCodec(key)
		if err != nil {
			s.db.Close()
			return fail(err)
		}
		s.codec, s.header = codec, &h
	}
	if err := s.initialize(); err != nil {
		s.db.Close()
		return fail(err)
	}
	// bbolt holds its lock on the file until Close, so the temporary
	// file is never mistaken for a leftover while it is placed. The
	// placed name is the same file, so the store stays open.
	placed, placeErr := placeNew(tmp, path)
	if placeErr != nil {
		s.db.Close()
		return fail(openError(path, ErrReadOnly, "filen kan ikke oprettes ("+safefile.Explain(placeErr)+")", "", placeErr))
	}
	os.Remove(tmp)
	safefile.SyncDir(dir)
	if !placed {
		s.db.Close() // another process created the store first
		return Open(path, opt)
	}
	return s, nil
}

// placeNew links tmp at path unless a store appeared there meanwhile; an
// empty file at path is replaced. placed is false when another process's
// store is there.
func placeNew(tmp, path string) (placed bool, err error) {
	err = os.Link(tmp, path)
	switch {
	case err == nil:
		return true, nil
	case !errors.Is(err, os.ErrExist):
		// No hard links here: rename, unless the name is taken.
		if _, serr := os.Lstat(path); serr == nil {
			return false, nil
		}
		return true, os.Rename(tmp, path)
	}
	if info, serr := os.Lstat(path); serr == nil && info.Mode().IsRegular() && info.Size() == 0 {
		return true, os.Rename(tmp, path)
	}
	return false, nil
}

func openExisting(path string, opt Options) (*Store, error) {
	s, err := boltOpen(path, opt)
	if err != nil {
		return nil, err
	}
	version, err := s.schema()
	if errors.Is(err, errUnfinished) && opt.ReadOnly {
		s.Close()
		return nil, fmt.Errorf("%w (%s: oprettelsen blev aldrig gjort færdig)", ErrNoStore, path)
	}
	if errors.Is(err, errUnfinished) {
		// A bbolt file with no bucket at all: a creation by an older
		// version that was interrupted. It holds nothing; finish it.
		if err = s.initialize(); err == nil {
			version, err = s.schema()
		}
	}
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
	case version < currentSchema && s.readOnly && !opt.Damaged:
		// Migrate under an exclusive lock, then reopen as asked.
		s.Close()
		rw, err := openExisting(path, Options{Timeout: opt.Timeout, User: opt.User, Now: opt.Now, Codec: opt.Codec, Keys: opt.Keys})
		if err != nil {
			return nil, err
		}
		rw.Close()
		return openExisting(path, opt)
	case version < currentSchema && !s.readOnly:
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
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, damaged(path, r)
		}
	}()
	// The array freelist loads as one sorted list: opening for writing
	// at a million cases takes a fraction of what the hash map's
	// indexing does, and a command commits few pages.
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: opt.Timeout, ReadOnly: opt.ReadOnly, FreelistType: bolt.FreelistArrayType})
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, openError(path, ErrInUse, "den er i brug af en anden vum-proces",
			"Vent et øjeblik og prøv igen, eller luk det andet vum-vindue", err)
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrVersionMismatch):
		return nil, openError(path, ErrNotVum, "filen er ikke en vum-database", "Filen er ikke ændret", err)
	case errors.Is(err, bolterrors.ErrChecksum):
		return nil, damaged(path, "kontrolsummen passer ikke")
	case errors.Is(err, os.ErrPermission):
		return nil, openError(path, ErrReadOnly, "ingen adgang til filen", "Tjek rettighederne", err)
	case err != nil:
		// bbolt's other refusals (a file too small, a bad page size) all
		// mean the file cannot be read as a database.
		return nil, openError(path, ErrDamaged, "filen kan ikke læses som en database; den er beskadiget eller ikke en vum-database",
			"Filen er ikke ændret", err)
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

// view and update run a transaction and contain bbolt's panics and memory
// faults on damaged pages: the caller gets an error, the transaction is
// rolled back, its lock released, and the store is marked damaged so no
// later write touches it.
func (s *Store) view(fn func(tx *bolt.Tx) error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			s.markDamaged(fmt.Sprintf("en side kunne ikke læses (%v)", r))
			err = damaged(s.path, r)
		}
	}()
	return s.db.View(fn)
}

func (s *Store) update(fn func(tx *bolt.Tx) error) (err error) {
	if damage := s.Damage(); len(damage) > 0 {
		return &OpenError{Path: s.path, Reason: "den er beskadiget og kan kun læses (" + damage[0] + ")",
			Advice: "Intet er ændret", Err: errors.Join(ErrDamaged, ErrReadOnly)}
	}
	if s.readOnly {
		return openError(s.path, ErrReadOnly, "den er åbnet skrivebeskyttet", "", nil)
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			s.markDamaged(fmt.Sprintf("en side kunne ikke læses (%v)", r))
			err = damaged(s.path, r)
		}
	}()
	drained := false
	err = s.db.Update(func(tx *bolt.Tx) error {
		var err error
		if drained, err = s.drainJournal(tx); err != nil {
			return err
		}
		return fn(tx)
	})
	if err == nil && drained {
		// Committed: the journal's entries are in the log now.
		os.Remove(journalPath(s.path))
	}
	return err
}
