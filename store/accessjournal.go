package store

import (
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"sort"

	bolt "go.etcd.io/bbolt"

	"github.com/vumdk/vum/store/safefile"
)

// The access journal is where a store opened for reading notes its
// accesses: a file beside the store (its name with ".access" added), to
// which each entry is appended in one write, sealed like every value in
// the store, without waiting for the disk. The next transaction that
// writes the store moves the journal's entries into the access log and
// removes the journal; readers of the log read both.
//
// A reading command thus pays one append instead of a synced
// transaction. What it gives up: an entry reaches the disk when the
// operating system writes it back (within about 30 seconds on Linux), so
// a power cut right after a read can lose that read's entry; a crash of
// vum itself loses nothing once the append returned.
//
// A reader appends while it holds the store's shared lock and a writer
// drains while it holds the exclusive one, so the two never meet. An
// entry keeps its id from the journal to the log, so a drain that is
// interrupted after its commit and done again stores nothing twice.

// journalPath is the access journal of the store at path.
func journalPath(path string) string { return path + ".access" }

// appendJournal appends entries to the access journal.
func (s *Store) appendJournal(entries []AccessEntry) error {
	var buf []byte
	for i := range entries {
		s.fillAccess(&entries[i])
		value, err := s.encode(&entries[i])
		if err != nil {
			return err
		}
		buf = binary.LittleEndian.AppendUint32(buf, uint32(len(value)))
		buf = append(buf, value...)
	}
	f, err := safefile.OpenAppend(journalPath(s.path))
	if err != nil {
		return err
	}
	if _, err := f.Write(buf); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// maxJournalEntry bounds one entry's length in the journal; a longer
// length field is damage.
const maxJournalEntry = 1 << 20

// readJournal returns the access journal's entries in the order written.
// A record that cannot be read ends the journal: it is the torn end of
// an append the disk did not finish.
func (s *Store) readJournal() ([]AccessEntry, error) {
	data, err := os.ReadFile(journalPath(s.path))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []AccessEntry
	for len(data) >= 4 {
		n := binary.LittleEndian.Uint32(data)
		if n > maxJournalEntry || int(n) > len(data)-4 {
			break
		}
		var e AccessEntry
		if err := s.decode(data[4:4+n], &e); err != nil || e.ID == "" {
			break
		}
		out = append(out, e)
		data = data[4+n:]
	}
	return out, nil
}

// pendingAccess returns the journal's entries sorted by id, without those
// the log already holds.
func (s *Store) pendingAccess(tx *bolt.Tx) ([]AccessEntry, error) {
	entries, err := s.readJournal()
	if err != nil || len(entries) == 0 {
		return nil, err
	}
	log := tx.Bucket(bucketAccess)
	out := entries[:0]
	for _, e := range entries {
		if log == nil || log.Get([]byte(e.ID)) == nil {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// drainJournal moves the journal's entries into the access log in tx.
// It reports whether there was a journal to remove after the commit.
func (s *Store) drainJournal(tx *bolt.Tx) (bool, error) {
	if _, err := os.Lstat(journalPath(s.path)); errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	entries, err := s.pendingAccess(tx)
	if err != nil {
		return false, err
	}
	for i := range entries {
		if err := s.putAccess(tx, &entries[i]); err != nil {
			return false, err
		}
	}
	return true, nil
}

// FlushAccess moves the access journal's entries into the store's access
// log, so that a copy of the file holds them. It does nothing on a store
// opened for reading.
func (s *Store) FlushAccess() error {
	if s.readOnly || s.Damaged() {
		return nil
	}
	if _, err := os.Lstat(journalPath(s.path)); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return s.update(func(*bolt.Tx) error { return nil })
}
