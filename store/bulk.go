package store

import (
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/oklog/ulid/v2"
	bolt "go.etcd.io/bbolt"

	"github.com/vumdk/vum/domain"
)

// ImportRecord is one validated case to import, with its line number in
// the input for messages.
type ImportRecord struct {
	Line     int
	ID       string // optional; a new id is made when empty
	Case     domain.CaseFile
	Decision *domain.Decision
}

// ImportOptions control a bulk import.
type ImportOptions struct {
	// Batch is the number of cases committed per transaction (default 1000).
	Batch int
	// Source names the input in the audit trail.
	Source string
	// Fingerprint identifies the input (a hash of its bytes). An import of
	// the same input that was interrupted resumes after its last committed
	// batch; a completed one is refused unless Again is set.
	Fingerprint string
	Again       bool
	// Progress is called after each committed batch with the number of
	// records done so far.
	Progress func(done int)
}

// ImportResult tells what an import did.
type ImportResult struct {
	Added   int
	Skipped int // ids already in the store
	Resumed int // records committed by an earlier, interrupted run
}

// importState is kept per input fingerprint so an interrupted import can
// resume.
type importState struct {
	Source   string    `json:"source"`
	Done     int       `json:"done"`
	Total    int       `json:"total"`
	Finished bool      `json:"finished"`
	Started  time.Time `json:"started"`
	Updated  time.Time `json:"updated"`
}

// ErrAlreadyImported is returned for an input that was imported in full before.
var ErrAlreadyImported = errors.New("filen er allerede importeret")

// ValidID reports whether id has the form of a vum case id.
func ValidID(id string) bool {
	_, err := ulid.ParseStrict(strings.ToUpper(id))
	return err == nil
}

// Import stores records in batches; each batch commits whole or not at
// all, so a crash leaves every committed case intact and the rest absent.
// Records must already be validated; they are read one at a time, so an
// import of any size runs in bounded memory.
func (s *Store) Import(records iter.Seq2[ImportRecord, error], opt ImportOptions) (ImportResult, error) {
	var res ImportResult
	if opt.Batch <= 0 {
		opt.Batch = 1000
	}
	state, err := s.importState(opt)
	if err != nil {
		return res, err
	}
	if state.Finished && !opt.Again {
		return res, fmt.Errorf("%w (%s, %d sager, afsluttet %s); brug --again for at importere den igen",
			ErrAlreadyImported, state.Source, state.Total, state.Updated.Local().Format("02-01-2006 15:04"))
	}
	if state.Finished {
		state = importState{Source: opt.Source, Started: s.now().UTC()}
	}
	res.Resumed = state.Done
	seen := 0
	batch := make([]ImportRecord, 0, opt.Batch)
	for r, err := range records {
		if err != nil {
			return res, err
		}
		seen++
		if seen <= state.Done {
			continue // committed by an earlier, interrupted run
		}
		if batch = append(batch, r); len(batch) == opt.Batch {
			if err := s.importBatch(batch, seen, false, opt, &state, &res); err != nil {
				return res, err
			}
			batch = batch[:0]
		}
	}
	return res, s.importBatch(batch, seen, true, opt, &state, &res)
}

// importBatch commits one batch together with the import's progress.
func (s *Store) importBatch(batch []ImportRecord, done int, last bool, opt ImportOptions, state *importState, res *ImportResult) error {
	if len(batch) == 0 && !last {
		return nil
	}
	added, skipped := 0, 0
	err := s.update(func(tx *bolt.Tx) error {
		for _, r := range batch {
			if r.ID != "" && !ValidID(r.ID) {
				return fmt.Errorf("linje %d: id %q er ikke et gyldigt vum-id", r.Line, r.ID)
			}
			ok, err := s.importOne(tx, r, opt.Source)
			if err != nil {
				return fmt.Errorf("linje %d: %w", r.Line, err)
			}
			if ok {
				added++
			} else {
				skipped++
			}
		}
		state.Done, state.Updated, state.Finished = done, s.now().UTC(), last
		if last {
			state.Total = done
		}
		return s.putImportState(tx, opt, *state)
	})
	if err != nil {
		return err
	}
	res.Added += added
	res.Skipped += skipped
	if opt.Progress != nil && len(batch) > 0 {
		opt.Progress(done)
	}
	return nil
}

func (s *Store) importOne(tx *bolt.Tx, r ImportRecord, source string) (bool, error) {
	id := strings.ToUpper(r.ID)
	if id == "" {
		id = s.newID()
	} else if tx.Bucket(bucketCases).Get([]byte(id)) != nil {
		return false, nil
	}
	if _, err := s.addCase(tx, id, r.Case, r.Decision); err != nil {
		return false, err
	}
	detail := fmt.Sprintf("%s linje %d: %s", source, r.Line, describeCase(r.Case))
	if r.Decision != nil {
		detail += "; afgørelse " + describeDecision(*r.Decision)
	}
	return true, s.audit(tx, "sag importeret", id, detail)
}

func (s *Store) importState(opt ImportOptions) (importState, error) {
	state := importState{Source: opt.Source, Started: s.now().UTC()}
	if opt.Fingerprint == "" {
		return state, nil
	}
	err := s.view(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bucketImports).Get([]byte(opt.Fingerprint))
		if raw == nil {
			return nil
		}
		return s.decode(raw, &state)
	})
	return state, err
}

func (s *Store) putImportState(tx *bolt.Tx, opt ImportOptions, state importState) error {
	if opt.Fingerprint == "" {
		return nil
	}
	return s.put(tx, bucketImports, []byte(opt.Fingerprint), state)
}

// Export records the export in the audit trail, then calls fn for every
// case in creation order.
func (s *Store) Export(format string, fn func(CaseRecord) error) error {
	count, err := s.Count()
	if err != nil {
		return err
	}
	err = s.update(func(tx *bolt.Tx) error {
		return s.audit(tx, "eksport", "", fmt.Sprintf("%d sager som %s", count, format))
	})
	if err != nil {
		return err
	}
	return s.view(func(tx *bolt.Tx) error {
		return forEach(tx.Bucket(bucketCases), nil, func(_, v []byte) (bool, error) {
			var rec CaseRecord
			if err := s.decode(v, &rec); err != nil {
				return false, err
			}
			return true, fn(rec)
		})
	})
}

// Backup writes a consistent copy of the store to dest while it stays in
// use. dest must not exist; the copy is written beside it and renamed into
// place, so a failed backup leaves no half file.
func (s *Store) Backup(dest string) error {
	if _, err := os.Stat(dest); err == nil {
		return fmt.Errorf("%s findes allerede; vælg et nyt filnavn, så ingen sikkerhedskopi overskrives", dest)
	}
	abs, _ := filepath.Abs(dest)
	if err := s.update(func(tx *bolt.Tx) error {
		return s.audit(tx, "sikkerhedskopi", "", "kopi til "+abs)
	}); err != nil {
		return err
	}
	tmp := dest + ".tmp"
	err := s.view(func(tx *bolt.Tx) error { return tx.CopyFile(tmp, 0o600) })
	if err == nil {
		err = syncFile(tmp)
	}
	if err == nil {
		err = os.Rename(tmp, dest)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("sikkerhedskopien kunne ikke skrives: %w", err)
	}
	return nil
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
