package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/oklog/ulid/v2"
	bolt "go.etcd.io/bbolt"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store/safefile"
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
// all, together with its audit entries and the import's progress, so a
// crash leaves every committed case intact and the rest absent. Records
// must already be validated.
//
// The records are read and encoded on a second goroutine while the
// previous batch is written and committed on the caller's, so reading the
// input (often decoding and checking it too) and writing the file run at
// the same time. At most three batches are in memory at once, so an
// import of any size runs in bounded memory. records may run on that
// second goroutine; it has returned when Import returns, and Progress is
// called on the caller's goroutine.
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
	if s.readOnly {
		return res, openError(s.path, ErrReadOnly, "den er åbnet skrivebeskyttet", "", nil)
	}
	var cprKey []byte
	if err := s.view(func(tx *bolt.Tx) error {
		cprKey = bytes.Clone(s.cprKey(tx))
		return nil
	}); err != nil {
		return res, err
	}
	res.Resumed = state.Done
	batches := make(chan importBatch, 1)
	stop := make(chan struct{})
	go s.prepareImport(records, state.Done, opt, cprKey, batches, stop)
	defer func() {
		// Stop the reader and wait until it has returned.
		close(stop)
		for range batches {
		}
	}()
	for b := range batches {
		switch {
		case b.panicked != nil:
			panic(b.panicked)
		case b.err != nil:
			return res, b.err // the records read since the last commit are not stored
		}
		if err := s.importBatch(b, opt, &state, &res); err != nil {
			return res, err
		}
	}
	return res, nil
}

// importBatch is a batch of records read and encoded, ready to be written.
type importBatch struct {
	items []importItem
	done  int  // records read from the input, this batch included
	last  bool // the input is exhausted
	// err ends the import: an input error or a record that cannot be
	// stored. The batch it ends is not committed.
	err error
	// panicked carries a panic in the reader to the caller's goroutine.
	panicked any
}

// importItem is one case, encoded with its audit entry.
type importItem struct {
	line      int
	givenID   bool // the input gave the id: skip it when the store has it
	writes    caseWrites
	auditNote auditWrite
}

// prepareImport reads records, skipping those an interrupted run already
// committed, and sends them encoded, in batches, until the input ends, an
// error occurs or stop is closed. It closes out when it returns.
func (s *Store) prepareImport(records iter.Seq2[ImportRecord, error], resumeAfter int, opt ImportOptions, cprKey []byte,
	out chan<- importBatch, stop <-chan struct{}) {
	defer close(out)
	send := func(b importBatch) bool {
		select {
		case out <- b:
			return true
		case <-stop:
			return false
		}
	}
	defer func() {
		if r := recover(); r != nil {
			send(importBatch{panicked: r})
		}
	}()
	seen := 0
	batch := importBatch{items: make([]importItem, 0, opt.Batch)}
	for r, err := range records {
		if err != nil {
			send(importBatch{err: err})
			return
		}
		seen++
		if seen <= resumeAfter {
			continue // committed by an earlier, interrupted run
		}
		item, err := s.prepareRecord(r, opt.Source, cprKey)
		if err != nil {
			send(importBatch{err: err})
			return
		}
		if batch.items = append(batch.items, item); len(batch.items) == opt.Batch {
			batch.done = seen
			if !send(batch) {
				return
			}
			batch = importBatch{items: make([]importItem, 0, opt.Batch)}
		}
	}
	batch.done, batch.last = seen, true
	send(batch)
}

// prepareRecord makes and encodes the new case and its audit entry.
func (s *Store) prepareRecord(r ImportRecord, source string, cprKey []byte) (importItem, error) {
	if r.ID != "" && !ValidID(r.ID) {
		return importItem{}, fmt.Errorf("linje %d: id %q er ikke et gyldigt vum-id", r.Line, r.ID)
	}
	item := importItem{line: r.Line, givenID: r.ID != ""}
	id := strings.ToUpper(r.ID)
	if id == "" {
		id = s.newID()
	}
	rec := s.newCaseRecord(id, r.Case, r.Decision)
	var err error
	if item.writes, err = s.encodeCase(&rec, cprKey); err != nil {
		return item, fmt.Errorf("linje %d: %w", r.Line, err)
	}
	detail := fmt.Sprintf("%s linje %d: %s", source, r.Line, describeCase(r.Case))
	if r.Decision != nil {
		detail += "; afgørelse " + describeDecision(*r.Decision)
	}
	if item.auditNote, err = s.newAudit("sag importeret", id, detail); err != nil {
		return item, fmt.Errorf("linje %d: %w", r.Line, err)
	}
	return item, nil
}

// importBatch commits one batch together with the import's progress.
func (s *Store) importBatch(b importBatch, opt ImportOptions, state *importState, res *ImportResult) error {
	if len(b.items) == 0 && !b.last {
		return nil
	}
	added, skipped := 0, 0
	err := s.update(func(tx *bolt.Tx) error {
		cases := tx.Bucket(bucketCases)
		for i := range b.items {
			item := &b.items[i]
			if item.givenID && cases.Get(item.writes.id) != nil {
				skipped++
				continue
			}
			if err := item.writes.put(tx); err != nil {
				return fmt.Errorf("linje %d: %w", item.line, err)
			}
			if err := item.auditNote.put(tx); err != nil {
				return fmt.Errorf("linje %d: %w", item.line, err)
			}
			added++
		}
		state.Done, state.Updated, state.Finished = b.done, s.now().UTC(), b.last
		if b.last {
			state.Total = b.done
		}
		return s.putImportState(tx, opt, *state)
	})
	if err != nil {
		return err
	}
	res.Added += added
	res.Skipped += skipped
	if opt.Progress != nil && len(b.items) > 0 {
		opt.Progress(b.done)
	}
	return nil
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

// BackupOptions tune Backup.
type BackupOptions struct {
	// Overwrite replaces an existing file at dest.
	Overwrite bool
	// Damaged copies a damaged store as it is; otherwise it is refused.
	Damaged bool
}

// Backup writes a consistent copy of the store to dest while it stays in
// use. The copy is written to a new private file beside dest and moved
// into place, so a failed backup leaves no half file; an existing dest is
// kept unless opt.Overwrite. The audit entry is written once the copy
// exists.
func (s *Store) Backup(dest string, opt BackupOptions) error {
	if damage := s.Damage(); len(damage) > 0 && !opt.Damaged {
		return &OpenError{Path: s.path, Reason: "den er beskadiget, så der tages ingen sikkerhedskopi (" + damage[0] + ")",
			Advice: "Intet er ændret", Err: ErrDamaged}
	}
	f, err := safefile.Create(dest, safefile.Options{Overwrite: opt.Overwrite})
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := s.view(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(f)
		return err
	}); err != nil {
		return backupError(dest, err)
	}
	if err := f.Commit(); err != nil {
		return err
	}
	if s.Damaged() {
		return nil // a damaged store takes no writes, not even this entry
	}
	abs, _ := filepath.Abs(dest)
	return s.update(func(tx *bolt.Tx) error {
		return s.audit(tx, "sikkerhedskopi", "", "kopi til "+abs)
	})
}

// CopyRaw copies the file at src to dest byte for byte, safely: for a
// store too damaged to open, so that it can be kept before anything else
// is tried.
func CopyRaw(src, dest string, overwrite bool) error {
	in, err := os.Open(src)
	if err != nil {
		return &safefile.Error{Op: "læse", Path: src, Err: err}
	}
	defer in.Close()
	return safefile.WriteFrom(dest, safefile.Options{Overwrite: overwrite}, func(w io.Writer) error {
		_, err := io.Copy(w, in)
		return err
	})
}

func backupError(dest string, err error) error {
	var oe *OpenError
	if errors.As(err, &oe) {
		return err
	}
	return &safefile.Error{Op: "skrive sikkerhedskopien", Path: dest, Err: err}
}
