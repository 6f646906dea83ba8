package store

import (
	"errors"
	"iter"
	"strings"
	"testing"
)

// countingRecords yields n records, calling at(i) before the i'th (from 1)
// to let it fail or panic, and records when the iteration has returned.
func countingRecords(n int, at func(i int) error, returned *bool) iter.Seq2[ImportRecord, error] {
	list := recordList(n)
	return func(yield func(ImportRecord, error) bool) {
		defer func() { *returned = true }()
		for i, r := range list {
			if err := at(i + 1); err != nil {
				yield(ImportRecord{}, err)
				return
			}
			if !yield(r, nil) {
				return
			}
		}
	}
}

func importedAudit(t *testing.T, s *Store) int {
	t.Helper()
	n := 0
	s.Log("", func(e AuditEntry) bool {
		if e.Action == "sag importeret" {
			n++
		}
		return true
	})
	return n
}

// An input error stores every batch committed before it, with its audit
// entries, and nothing of the batch it interrupts.
func TestImportInputErrorKeepsCommittedBatches(t *testing.T) {
	s, _ := openTemp(t)
	returned := false
	broken := errors.New("disken svigtede")
	_, err := s.Import(countingRecords(1000, func(i int) error {
		if i == 251 {
			return broken
		}
		return nil
	}, &returned), ImportOptions{Batch: 100})
	if !errors.Is(err, broken) {
		t.Fatalf("err = %v", err)
	}
	if n, _ := s.Count(); n != 200 {
		t.Errorf("%d cases stored, want the 200 of the two batches before the error", n)
	}
	if n := importedAudit(t, s); n != 200 {
		t.Errorf("%d import entries in the audit trail, want 200", n)
	}
	if !returned {
		t.Error("the input was still being read when Import returned")
	}
}

// A record that cannot be stored stops the reading of the input: its
// batch is not committed, and Import returns only after the reader.
func TestImportBadRecordStopsReading(t *testing.T) {
	s, _ := openTemp(t)
	list := recordList(1000)
	list[150].Case.ID = "ikke-et-id"
	read := 0
	returned := false
	records := func(yield func(ImportRecord, error) bool) {
		defer func() { returned = true }()
		for _, r := range list {
			read++
			if !yield(r, nil) {
				return
			}
		}
	}
	_, err := s.Import(records, ImportOptions{Batch: 100})
	if err == nil || !strings.Contains(err.Error(), "linje 151") {
		t.Fatalf("err = %v", err)
	}
	if n, _ := s.Count(); n != 100 {
		t.Errorf("%d cases stored, want the first batch of 100", n)
	}
	if !returned || read > 151 {
		t.Errorf("returned %v, read %d records; the reader must stop at the bad one", returned, read)
	}
	if r, err := s.Check(); err != nil || !r.OK() {
		t.Errorf("check: %+v, %v", r, err)
	}
}

// A panic while reading the input reaches the caller's goroutine, where
// the command line turns it into a message.
func TestImportPanicInInputReachesCaller(t *testing.T) {
	s, _ := openTemp(t)
	returned := false
	var recovered any
	func() {
		defer func() { recovered = recover() }()
		s.Import(countingRecords(500, func(i int) error {
			if i == 120 {
				panic("ugyldig tilstand")
			}
			return nil
		}, &returned), ImportOptions{Batch: 100})
	}()
	if recovered != "ugyldig tilstand" {
		t.Fatalf("recovered %v", recovered)
	}
	if n, _ := s.Count(); n != 100 {
		t.Errorf("%d cases stored, want the first batch of 100", n)
	}
}

// Progress is called after each commit, in order, on the caller's
// goroutine (so a caller may touch its own state without locks).
func TestImportProgressAfterEachCommit(t *testing.T) {
	s, _ := openTemp(t)
	var seen []int
	_, err := s.Import(records(250), ImportOptions{Batch: 100, Progress: func(done int) {
		n, _ := s.Count()
		if n != done {
			t.Errorf("progress %d with %d cases committed", done, n)
		}
		seen = append(seen, done)
	}})
	if err != nil || len(seen) != 3 || seen[2] != 250 {
		t.Errorf("progress %v, %v", seen, err)
	}
}

func TestImportIntoReadOnlyStore(t *testing.T) {
	rw, path := openTemp(t)
	rw.Close()
	opt := testOptions()
	opt.ReadOnly = true
	ro, err := Open(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	_, err = ro.Import(records(10), ImportOptions{})
	if !errors.Is(err, ErrReadOnly) {
		t.Errorf("import into a read-only store: %v", err)
	}
}
