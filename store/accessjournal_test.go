package store

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// accessReport is a citizen's access report as "action/user" strings.
func accessReport(t *testing.T, s *Store, i int) string {
	t.Helper()
	_, entries, err := s.CitizenAccess(sampleCase(i).Citizen.CPR)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Action+"/"+e.User)
	}
	return strings.Join(got, ",")
}

func accessLogIDs(t *testing.T, s *Store) []string {
	t.Helper()
	var ids []string
	if err := s.AccessLog(func(e AccessEntry) bool { ids = append(ids, e.ID); return true }); err != nil {
		t.Fatal(err)
	}
	return ids
}

// A store opened for reading notes accesses in its journal, which the
// reports read at once and the next write moves into the log, each
// entry once, even when the move is repeated.
func TestAccessJournal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "vum.db")
	rw, err := Open(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	mine := addCase(t, rw, sampleCase(1))
	other := addCase(t, rw, sampleCase(2))
	if err := rw.RecordAccess(AccessEntry{Action: AccessRead, Cases: []string{mine.ID}, User: "anna"}); err != nil {
		t.Fatal(err)
	}
	rw.Close()

	ro := testOptions()
	ro.ReadOnly = true
	r, err := Open(path, ro)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []AccessEntry{
		{Action: AccessRead, Cases: []string{other.ID}, User: "bo"},
		{Action: AccessList, All: true, User: "carl"},
		{Action: AccessRead, Cases: []string{mine.ID}, User: "dorte"},
	} {
		if err := r.RecordAccess(e); err != nil {
			t.Fatal(err)
		}
	}
	want := "læst/anna,liste/carl,læst/dorte"
	if got := accessReport(t, r, 1); got != want {
		t.Errorf("report from the journal = %s, want %s", got, want)
	}
	ids := accessLogIDs(t, r)
	if len(ids) != 4 || !slices.IsSorted(ids) {
		t.Errorf("access log = %v, want 4 entries in order", ids)
	}
	r.Close()
	journal, err := os.ReadFile(journalPath(path))
	if err != nil {
		t.Fatalf("no journal after reads: %v", err)
	}
	if info, _ := os.Stat(journalPath(path)); info.Mode().Perm() != 0o600 {
		t.Errorf("journal mode %v, want private", info.Mode().Perm())
	}

	// A torn append (a power cut) leaves a partial record at the end.
	os.WriteFile(journalPath(path), append(append([]byte(nil), journal...), 200, 0, 0, 0, '{'), 0o600)
	rw, err = Open(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	addCase(t, rw, sampleCase(3)) // any write moves the journal into the log
	if _, err := os.Stat(journalPath(path)); !os.IsNotExist(err) {
		t.Errorf("the journal is still there after a write: %v", err)
	}
	if got := accessReport(t, rw, 1); got != want {
		t.Errorf("report after the move = %s, want %s", got, want)
	}
	// A move interrupted after its commit leaves the journal behind: the
	// next write puts the same entries again, under the same ids.
	os.WriteFile(journalPath(path), journal, 0o600)
	addCase(t, rw, sampleCase(4))
	if got := accessLogIDs(t, rw); !slices.Equal(got, ids) {
		t.Errorf("access log after a repeated move = %v, want %v", got, ids)
	}
	rw.Close()
}

// The journal of an encrypted store is sealed like the store, and
// encrypting a plain store first moves its journal into the log.
func TestAccessJournalSealed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "vum.db")
	opt := testOptions()
	opt.Keys = &passKeys{pass: "korrekt hest"}
	s, err := Open(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	id := fill3(t, s)
	s.Close()
	opt.ReadOnly = true
	r, err := Open(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.RecordAccess(AccessEntry{Action: AccessRead, Cases: []string{id}, Purpose: "opfølgning", Detail: "Borger 1 læst"}); err != nil {
		t.Fatal(err)
	}
	r.Close()
	assertNoClearText(t, journalPath(path))
	data, _ := os.ReadFile(journalPath(path))
	if strings.Contains(string(data), "opfølgning") || strings.Contains(string(data), id) {
		t.Error("the journal shows its entry in clear")
	}

	plainPath := filepath.Join(t.TempDir(), "vum.db")
	p, err := Open(plainPath, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	rec := addCase(t, p, sampleCase(1))
	p.Close()
	ro := testOptions()
	ro.ReadOnly = true
	if p, err = Open(plainPath, ro); err != nil {
		t.Fatal(err)
	}
	p.RecordAccess(AccessEntry{Action: AccessRead, Cases: []string{rec.ID}, User: "anna"})
	p.Close()
	if _, err := EncryptFile(plainPath, testOptions(), []byte("korrekt hest"), testCost); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(journalPath(plainPath)); !os.IsNotExist(err) {
		t.Errorf("the plain journal outlived the encryption: %v", err)
	}
	opt = testOptions()
	opt.Keys = &passKeys{pass: "korrekt hest"}
	e, err := Open(plainPath, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if got := accessReport(t, e, 1); got != "læst/anna" {
		t.Errorf("report after encryption = %q, want læst/anna", got)
	}
}
