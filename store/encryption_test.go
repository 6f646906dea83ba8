package store

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store/crypt"
)

var testCost = crypt.Cost{Time: 1, MemKiB: 64, Threads: 1}

// passKeys unlocks with a passphrase at a test cost; it remembers the
// recovery key of a store it made.
type passKeys struct {
	pass     string
	recovery string
}

func (k *passKeys) DataKey(h crypt.Header) ([]byte, error) { return h.Unlock([]byte(k.pass)) }

func (k *passKeys) NewKey() ([]byte, crypt.Header, bool, error) {
	key, h, rec, err := crypt.New([]byte(k.pass), testCost)
	k.recovery = rec
	return key, h, true, err
}

// clearText lists what must never be readable in an encrypted file.
var clearText = [][]byte{[]byte("Borger 1"), []byte("Angst."), []byte("Handle ind selv"), []byte("01020510001"), []byte("020251-0001"), []byte("0202510001")}

func assertNoClearText(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range clearText {
		if bytes.Contains(data, s) {
			t.Errorf("%s shows %q in clear", filepath.Base(path), s)
		}
	}
}

func fill3(t *testing.T, s *Store) string {
	t.Helper()
	var first string
	for i := 1; i <= 3; i++ {
		rec := addCase(t, s, sampleCase(i))
		ev := rec.GrantEvent(decision(domain.NewDate(2027, 1, i)))
		if _, err := s.Append(rec.ID, Change{Version: rec.Version, Events: []domain.Event{ev}}); err != nil {
			t.Fatal(err)
		}
		if first == "" {
			first = rec.ID
		}
	}
	s.RecordAccess(AccessEntry{Action: AccessRead, Cases: []string{first}, Detail: "Borger 1 læst"})
	return first
}

func TestEncryptedStoreShowsNothingInClear(t *testing.T) {
	path := filepath.Join(t.TempDir(), "vum.db")
	keys := &passKeys{pass: "korrekt hest"}
	opt := testOptions()
	opt.Keys = keys
	s, err := Open(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Encrypted() || keys.recovery == "" {
		t.Fatal("a store made with keys is not encrypted")
	}
	id := fill3(t, s)
	// the summaries, the due index and the citizen index still work
	n := 0
	s.Summaries(func(sum Summary) bool { n++; return sum.Name != "" })
	if ids, err := s.CasesByCPR(sampleCase(1).Citizen.CPR); err != nil || len(ids) != 1 || ids[0] != id {
		t.Errorf("CPR lookup = %v, %v", ids, err)
	}
	backup := filepath.Join(t.TempDir(), "kopi.db")
	if err := s.Backup(backup, BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if n != 3 {
		t.Errorf("%d summaries", n)
	}
	assertNoClearText(t, path)
	assertNoClearText(t, backup)

	sum := func() [32]byte { d, _ := os.ReadFile(path); return sha256.Sum256(d) }
	before := sum()
	plain := testOptions()
	if _, err := Open(path, plain); !errors.Is(err, ErrLocked) {
		t.Errorf("opened without a key: %v", err)
	}
	wrong := testOptions()
	wrong.Keys = &passKeys{pass: "forkert"}
	if _, err := Open(path, wrong); !errors.Is(err, ErrLocked) || !errors.Is(err, crypt.ErrWrongPassphrase) {
		t.Errorf("wrong passphrase: %v", err)
	}
	if sum() != before {
		t.Error("a failed unlock changed the file")
	}
	again, err := Open(backup, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	rec, err := again.Case(id)
	if err != nil || rec.Citizen.Name != "Borger 1" {
		t.Errorf("the backup opens with the passphrase: %v %q", err, rec.Citizen.Name)
	}
}

func TestEncryptFileInPlace(t *testing.T) {
	s, path := openTemp(t)
	id := fill3(t, s)
	exportAll := func(s *Store) []domain.Case {
		var out []domain.Case
		s.Summaries(func(sum Summary) bool {
			rec, err := s.Case(sum.ID)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, rec)
			return true
		})
		return out
	}
	wantCases := exportAll(s)
	wantHist, _ := s.Case(id)
	var wantAudit int
	s.Log("", func(AuditEntry) bool { wantAudit++; return true })
	s.Close()
	data, _ := os.ReadFile(path)
	if !bytes.Contains(data, []byte("Borger 1")) {
		t.Fatal("the plain store should show the name (test premise)")
	}

	recovery, err := EncryptFile(path, testOptions(), []byte("ny frase"), testCost)
	if err != nil {
		t.Fatal(err)
	}
	assertNoClearText(t, path)
	if _, err := EncryptFile(path, testOptions(), []byte("ny frase"), testCost); err == nil {
		t.Error("encrypting twice was accepted")
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", info.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}

	opt := testOptions()
	opt.Keys = &passKeys{pass: "ny frase"}
	e, err := Open(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	got := exportAll(e)
	if len(got) != len(wantCases) {
		t.Fatalf("%d cases after, %d before", len(got), len(wantCases))
	}
	for i := range got {
		gd, _ := got[i].NextDue()
		wd, _ := wantCases[i].NextDue()
		if got[i].ID != wantCases[i].ID || got[i].Citizen != wantCases[i].Citizen || gd != wd {
			t.Errorf("case %d changed", i)
		}
	}
	hist, _ := e.Case(id)
	if len(hist.Events) != len(wantHist.Events) || len(hist.Grants) != len(wantHist.Grants) || len(hist.Assessments) != len(wantHist.Assessments) {
		t.Errorf("history changed: %+v", hist)
	}
	var audit []AuditEntry
	e.Log("", func(a AuditEntry) bool { audit = append(audit, a); return true })
	if len(audit) != wantAudit+1 || audit[len(audit)-1].Action != "database krypteret" {
		t.Errorf("audit: %d entries, want %d and the encryption", len(audit), wantAudit+1)
	}
	if ids, _ := e.CasesByCPR(sampleCase(1).Citizen.CPR); len(ids) != 1 {
		t.Errorf("CPR index lost: %v", ids)
	}
	_, access, _ := e.CitizenAccess(sampleCase(1).Citizen.CPR)
	if len(access) != 1 {
		t.Errorf("access log lost: %v", access)
	}
	if rep, err := e.Check(); err != nil || !rep.OK() {
		t.Errorf("check: %v %v", rep.Problems, err)
	}
	// the recovery key opens it too
	key, err := e.Header().Recover(recovery)
	if err != nil || !e.Header().Matches(key) {
		t.Errorf("recovery: %v", err)
	}
}
