package store

import (
	"bytes"
	"encoding/json"
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

// ImportRecord is one case to import, checked by the caller, with its
// line number in the input for messages.
type ImportRecord struct {
	Line int
	Case ExportCase
}

// ImportOptions control a bulk import.
type ImportOptions struct {
	// Batch is the number of cases committed per transaction (default 1000).
	Batch int
	// Source names the input in the audit trail.
	Source string
	// Progress is called after each committed batch with the number of
	// records done so far.
	Progress func(done int)
}

// ImportResult tells what an import did. A case is known by its id: one
// already in the store with the same content is skipped, one with other
// content is a conflict and is not imported. So an import that was
// interrupted, or is run again, never stores a case twice.
type ImportResult struct {
	Added     int
	Skipped   int      // already in the store, same content
	Conflicts []string // already in the store with other content: not imported
	// KnownCPR lists imported cases whose citizen already had a case.
	KnownCPR []string
}

// ValidID reports whether id has the form of a vum case id.
func ValidID(id string) bool {
	_, err := ulid.ParseStrict(strings.ToUpper(id))
	return err == nil
}

// Import stores records in batches; each batch commits whole or not at
// all, together with its audit entries, so a crash leaves every committed
// case intact and the rest absent, and running the import again adds
// only what is missing.
func (s *Store) Import(records iter.Seq2[ImportRecord, error], opt ImportOptions) (ImportResult, error) {
	var res ImportResult
	if opt.Batch <= 0 {
		opt.Batch = 1000
	}
	if s.readOnly {
		return res, openError(s.path, ErrReadOnly, "den er åbnet skrivebeskyttet", "", nil)
	}
	batch := make([]importItem, 0, opt.Batch)
	done := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := s.update(func(tx *bolt.Tx) error { return s.importBatch(tx, batch, opt, &res) }); err != nil {
			return err
		}
		done += len(batch)
		batch = batch[:0]
		if opt.Progress != nil {
			opt.Progress(done)
		}
		return nil
	}
	for r, err := range records {
		if err != nil {
			return res, err // the records read since the last commit are not stored
		}
		item, err := prepareImport(r)
		if err != nil {
			return res, err
		}
		if batch = append(batch, item); len(batch) == opt.Batch {
			if err := flush(); err != nil {
				return res, err
			}
		}
	}
	return res, flush()
}

type importItem struct {
	line int
	ec   ExportCase
	c    domain.Case
}

func prepareImport(r ImportRecord) (importItem, error) {
	ec := r.Case
	if !ValidID(ec.ID) {
		return importItem{}, fmt.Errorf("linje %d: id %q er ikke et gyldigt vum-id", r.Line, ec.ID)
	}
	ec.ID = normID(ec.ID)
	c, err := domain.Replay(ec.ID, ec.Events)
	if err != nil {
		return importItem{}, fmt.Errorf("linje %d: %w", r.Line, err)
	}
	return importItem{line: r.Line, ec: ec, c: c}, nil
}

func (s *Store) importBatch(tx *bolt.Tx, items []importItem, opt ImportOptions, res *ImportResult) error {
	added, skipped := 0, 0
	var conflicts, known []string
	for _, it := range items {
		if tx.Bucket(bucketCases).Get([]byte(it.ec.ID)) != nil {
			same, err := s.sameCase(tx, it.ec)
			if err != nil {
				return fmt.Errorf("linje %d: %w", it.line, err)
			}
			if same {
				skipped++
			} else {
				conflicts = append(conflicts, it.ec.ID)
			}
			continue
		}
		if key := s.citizenKey(tx, it.c.Citizen, ""); key != nil {
			forEach(tx.Bucket(bucketCitizens), key, func(_, _ []byte) (bool, error) {
				known = append(known, it.ec.ID)
				return false, nil
			})
		}
		updated := it.ec.Created
		if n := len(it.c.Events); n > 0 {
			updated = it.c.Events[n-1].Recorded
		}
		detail := fmt.Sprintf("%s linje %d: %s", opt.Source, it.line, domain.Count(len(it.c.Events), "hændelse", "hændelser"))
		if err := s.writeImported(tx, it, updated, detail); err != nil {
			return fmt.Errorf("linje %d: %w", it.line, err)
		}
		added++
	}
	res.Added += added
	res.Skipped += skipped
	res.Conflicts = append(res.Conflicts, conflicts...)
	res.KnownCPR = append(res.KnownCPR, known...)
	return nil
}

func (s *Store) writeImported(tx *bolt.Tx, it importItem, updated time.Time, detail string) error {
	if err := s.writeCase(tx, domain.Case{ID: it.ec.ID}, it.c, it.ec.Created, updated, Change{Events: it.c.Events, Audit: detail, Action: "sag importeret"}); err != nil {
		return err
	}
	if it.ec.Draft != nil {
		return s.put(tx, bucketDrafts, []byte(it.ec.ID), *it.ec.Draft)
	}
	return nil
}

// sameCase reports whether the stored case with ec's id has exactly ec's
// events and draft.
func (s *Store) sameCase(tx *bolt.Tx, ec ExportCase) (bool, error) {
	stored, err := s.exportCase(tx, ec.ID)
	if err != nil {
		return false, err
	}
	return sameExport(stored, ec)
}

func sameExport(stored, ec ExportCase) (bool, error) {
	a, err := json.Marshal(stored)
	if err != nil {
		return false, err
	}
	b, err := json.Marshal(ec)
	if err != nil {
		return false, err
	}
	return bytes.Equal(a, b), nil
}

func (s *Store) exportCase(tx *bolt.Tx, id string) (ExportCase, error) {
	var h caseHeader
	if err := s.decode(tx.Bucket(bucketCases).Get([]byte(id)), &h); err != nil {
		return ExportCase{}, err
	}
	events, err := s.events(tx, id, h.Version)
	if err != nil {
		return ExportCase{}, err
	}
	ec := ExportCase{ID: id, Created: h.Created, Events: events}
	if raw := tx.Bucket(bucketDrafts).Get([]byte(id)); raw != nil {
		var d domain.Draft
		if err := s.decode(raw, &d); err != nil {
			return ec, err
		}
		ec.Draft = &d
	}
	return ec, nil
}

// Export records the export in the audit trail, then calls fn for every
// case in creation order, with every event as recorded.
func (s *Store) Export(format string, fn func(ExportCase) error) error {
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
		return forEach(tx.Bucket(bucketCases), nil, func(k, _ []byte) (bool, error) {
			ec, err := s.exportCase(tx, string(k))
			if err != nil {
				return false, err
			}
			return true, fn(ec)
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
	// The target is claimed first: a refused backup changes nothing.
	f, err := safefile.Create(dest, safefile.Options{Overwrite: opt.Overwrite})
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := s.FlushAccess(); err != nil {
		return err
	}
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
